// `veomock serve` as a new user meets it: the compiled CLI (npm test builds it first), its help,
// its start-up banner, and the README's curl examples run exactly as printed.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtFile } from '../mock-server/src/test-support/built-dist.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(root, 'dist/cli/veomock.js')
const run = promisify(execFile)

function startServe(args: string[]): Promise<{ child: ChildProcess; banner: string; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', ...args], { cwd: root })
    let banner = ''
    const timer = setTimeout(() => reject(new Error(`Failed to start veomock serve: no banner in 15 s; got ${banner}`)), 15_000)
    child.stdout.on('data', (chunk) => {
      banner += chunk
      if (banner.includes('admin ')) {
        clearTimeout(timer)
        resolve({ child, banner, url: /serving on (\S+)/.exec(banner)?.[1] ?? '' })
      }
    })
    child.on('exit', (code) => reject(new Error(`veomock serve exited with ${code}`)))
  })
}

describe('the veomock command', () => {
  // The compiled CLI is what users run: built here when missing, never skipped.
  beforeAll(() => {
    builtFile('dist/cli/veomock.js')
  }, 300_000)

  it('documents every serve flag in --help', async () => {
    const { stdout } = await run(process.execPath, [cli, 'serve', '--help'])
    for (const flag of ['--port', '--host', '--vendors', '--time-scale', '--seed', '--port-per-vendor', '--strict', '--strict-callbacks', '--help'])
      expect(stdout).toContain(flag)
  })

  it('refuses an unknown flag with exit code 2 and a clear message', async () => {
    const error = await run(process.execPath, [cli, 'serve', '--time-scale', 'fast']).catch((e: { code: number; stderr: string }) => e)
    expect(error).toMatchObject({ code: 2 })
    expect((error as { stderr: string }).stderr).toContain('--time-scale must be a positive number or "manual"')
  })

  it('starts the virtual clock where --clock-start says', async () => {
    const server = await startServe(['--port', '0', '--time-scale', 'manual', '--clock-start', '2030-05-01T12:00:00Z'])
    try {
      const clock = (await fetch(`${server.url}/__admin/clock`).then((r) => r.json())) as { now: number }
      expect(clock.now).toBe(Date.UTC(2030, 4, 1, 12))
    } finally {
      server.child.kill('SIGTERM')
    }
  })

  describe('serve', () => {
    let server: Awaited<ReturnType<typeof startServe>>
    beforeAll(async () => {
      server = await startServe(['--port', '0'])
    })
    afterAll(() => {
      server?.child.kill('SIGTERM')
    })

    it('prints every vendor base URL on start', () => {
      for (const vendor of ['kie', 'apixo', 'xenodia', 'odkkk']) expect(server.banner).toContain(`${server.url}/${vendor}`)
      expect(server.banner).toContain('time scale 60x')
    })

    // The README's examples target port 4010; only the port is swapped for the test server's.
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    const block = /<!-- curl-examples[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? ''
    const commands = block.split('\n').filter((line) => line.startsWith('curl '))

    it('has a submit and a poll example for each vendor in the README', () => {
      expect(commands).toHaveLength(8)
    })

    it.each(['kie', 'apixo', 'xenodia', 'odkkk'])('runs the README curl example for %s as printed', async (vendor) => {
      const [submit, poll] = commands.filter((c) => c.includes(`4010/${vendor}/`))
      const port = new URL(server.url).port
      const sh = async (command: string) => (await run('sh', ['-c', command.replaceAll('127.0.0.1:4010', `127.0.0.1:${port}`)])).stdout
      const created = JSON.parse(await sh(submit as string)) as { data?: { taskId?: string }; task_id?: string; id?: string }
      const taskId = created.data?.taskId ?? created.task_id ?? created.id
      expect(taskId, JSON.stringify(created)).toBeTruthy()
      const polled = JSON.parse(await sh((poll as string).replace('<taskId>', taskId as string))) as Record<string, unknown>
      expect(JSON.stringify(polled)).toContain(taskId as string)
    })
  })
})
