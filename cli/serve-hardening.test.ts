// `veomock serve` limits, callback policy flags and shutdown (issue 11, defects 9 and 10), on the
// compiled CLI (npm test builds it first).
import { execFile, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(root, 'dist/cli/veomock.js')
const run = promisify(execFile)

async function usageError(args: string[]): Promise<{ code: number; stderr: string }> {
  const error = await run(process.execPath, [cli, 'serve', ...args]).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => e,
  )
  return { code: error.code, stderr: error.stderr }
}

describe('veomock serve limits and flags', () => {
  it.each([
    [['--max-tasks', '0'], '--max-tasks must be a whole number >= 1, got "0"'],
    [['--max-requests', '0'], '--max-requests must be a whole number >= 1, got "0"'],
    [['--max-callbacks=-3'], '--max-callbacks must be a whole number >= 1'],
    [['--max-task-mb', '1.5'], '--max-task-mb must be a whole number >= 1'],
    [['--callbacks-allow', '10.0.0.0/99'], '--callbacks-allow: Failed to read the callback address rule "10.0.0.0/99"'],
    [['--callbacks-deny', 'http://x'], '--callbacks-deny: Failed to read the callback address rule "http://x"'],
  ])('refuses %j with a usage error (exit 2) instead of silently using a default', async (args, message) => {
    const { code, stderr } = await usageError(args)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
  })

  it('stops on SIGTERM within seconds with exit 0, reporting the callbacks it will not send', async () => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--time-scale', 'manual'], { cwd: root })
    let out = ''
    let err = ''
    child.stderr.on('data', (d) => (err += d))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d
        if (out.includes('admin ')) resolve()
      })
      child.on('exit', (code) => reject(new Error(`veomock serve exited early with ${code}: ${err}`)))
    })
    const url = /serving on (\S+)/.exec(out)?.[1] as string
    const submit = await fetch(`${url}/odkkk/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'a cat', callback_url: 'http://127.0.0.1:9/cb' }),
    })
    expect(submit.status).toBe(200)
    const started = performance.now()
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    child.kill('SIGTERM')
    expect(await exited).toBe(0)
    expect(performance.now() - started).toBeLessThan(5000)
    expect(err).toContain('1 pending callbacks were not delivered (odkkk 1)')
  })
})
