// Stopping and client disconnects (issue 11, defects 9 and 10): a graceful shutdown answers what
// is in flight and reports pending callbacks; a client that goes away is not an internal error.
import net from 'node:net'
import { describe, expect, it } from 'vitest'
import { startMockServer } from './server.js'

const body = JSON.stringify({ model: 'veo3.1-pro', prompt: 'a cat playing piano', callback_url: 'http://127.0.0.1:9/cb' })

/**
 * Opens a submit whose body arrives in two halves, `gapMs` apart. `accepted` resolves once the
 * server has taken the request (its 100 Continue); `status` with the final status line.
 */
function slowSubmit(url: string, gapMs: number): { accepted: Promise<void>; status: Promise<string> } {
  const { hostname, port } = new URL(url)
  let accept: () => void = () => undefined
  const accepted = new Promise<void>((resolve) => (accept = resolve))
  const status = new Promise<string>((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(
        `POST /odkkk/v1/videos/generations HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAuthorization: Bearer k\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      )
      setTimeout(() => socket.write(body.slice(10)), gapMs)
    })
    let answer = ''
    const final = () => answer.split('\r\n').find((line) => line.startsWith('HTTP/1.1') && !line.includes(' 100 ')) ?? ''
    socket.on('data', (d) => {
      answer += d.toString()
      if (answer.includes(' 100 Continue')) accept()
      if (final()) {
        resolve(final())
        socket.destroy()
      }
    })
    socket.on('error', reject)
    socket.on('close', () => {
      accept()
      resolve(final())
    })
  })
  return { accepted, status }
}

describe('a graceful shutdown', () => {
  it('stops accepting, answers every request in flight and reports the callbacks still pending', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 'manual' })
    const inFlight = Array.from({ length: 30 }, () => slowSubmit(mock.url, 500))
    await Promise.all(inFlight.map((r) => r.accepted))
    const started = performance.now()
    const report = await mock.shutdown(3000)
    const statuses = await Promise.all(inFlight.map((r) => r.status))
    expect(statuses.filter((s) => s === 'HTTP/1.1 200 OK')).toHaveLength(30)
    expect(report.unanswered).toBe(0)
    expect(report.pendingCallbacks).toEqual({ odkkk: 30 })
    expect(performance.now() - started).toBeLessThan(3000)
    // No new connection is accepted once it has begun.
    await expect(fetch(`${mock.url}/__admin/health`)).rejects.toThrow()
  })

  it('gives up on requests that do not finish within the grace period, and says how many', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 'manual' })
    const stalled = slowSubmit(mock.url, 5000)
    await stalled.accepted
    const report = await mock.shutdown(300)
    expect(report.unanswered).toBe(1)
    expect(await stalled.status).toBe('')
  })
})

describe('a client that disconnects', () => {
  it('is not logged as an internal error, and the mock keeps serving', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 'manual' })
    const written: string[] = []
    const original = process.stderr.write.bind(process.stderr)
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      written.push(String(chunk))
      return (original as (...a: unknown[]) => boolean)(chunk, ...rest)
    }) as typeof process.stderr.write
    try {
      const { port } = new URL(mock.url)
      await Promise.all(
        Array.from(
          { length: 300 },
          () =>
            new Promise<void>((resolve) => {
              const socket = net.connect(Number(port), '127.0.0.1', () => {
                socket.write(`POST /kie/api/v1/veo/generate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"prompt":`)
                setTimeout(() => socket.destroy(), 5)
              })
              socket.on('close', () => resolve())
              socket.on('error', () => resolve())
            }),
        ),
      )
      await new Promise((r) => setTimeout(r, 100))
      expect(written.join('')).toBe('')
      expect((await mock.admin.health()).status).toBe('ok')
    } finally {
      process.stderr.write = original
      await mock.close()
    }
  })
})
