import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { specValidator } from '../../../lib/spec/validation.js'
import { prismBinary, prismCommand } from './prism-command.js'

/** A stream that keeps what is written, so a test can wait for a line. */
function collector(): Writable & { text: () => string } {
  let text = ''
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString()
      callback()
    },
  })
  return Object.assign(stream, { text: () => text })
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const started = Date.now()
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() - started > timeoutMs) throw new Error(`Failed to see ${what} within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('veomock prism', () => {
  it('serves a documented example of the vendor spec, prints its URL and stops with its exit code', async () => {
    const out = collector()
    const stop = new AbortController()
    const exit = prismCommand(['odkkk', '--port', '0'], { stdout: out, stderr: out, signal: stop.signal })
    try {
      const url = await waitFor('the Prism URL', () => /mocked by Prism at (\S+)/.exec(out.text())?.[1])
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)

      // Prism answers the example the client asks for by name (Prefer: example=…) from specs/odkkk.openapi.yaml.
      const response = await fetch(`${url}/v1/tasks/task-unified-1757169743-7cvnl5zw`, {
        headers: { authorization: 'Bearer sk-test', prefer: 'example=completed' },
      })
      const documented = specValidator('odkkk').resolve('#/components/examples/TaskCompleted') as { value: unknown }
      expect(response.status).toBe(200)
      expect(await response.json()).toEqual(documented.value)
    } finally {
      stop.abort()
    }
    // Stopped by SIGTERM: reported the shell's way, 128 + 15.
    expect(await exit).toBe(143)
  })

  it('prints its help without starting Prism', async () => {
    const out = collector()
    expect(await prismCommand(['--help'], { stdout: out, stderr: out })).toBe(0)
    expect(out.text()).toContain('veomock prism <vendor> [options]')
    expect(out.text()).toContain('--dynamic')
  })

  it('refuses an unknown vendor with a usage error', async () => {
    const out = collector()
    expect(await prismCommand(['acme'], { stdout: out, stderr: out })).toBe(2)
    expect(out.text()).toContain('unknown vendor "acme"; choose from kie, apixo, xenodia, odkkk')
  })

  it('finds the Prism executable through package resolution', () => {
    expect(prismBinary()).toMatch(/@stoplight[\\/]prism-cli[\\/]dist[\\/]index\.js$/)
  })
})
