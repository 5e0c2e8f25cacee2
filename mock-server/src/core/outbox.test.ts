import { describe, expect, it } from 'vitest'
import { VirtualClock } from './clock.js'
import { CallbackSendError, type CallbackSender, Outbox, type RenderCallback } from './outbox.js'

const real = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined }

function setup(statuses: Array<number | Error>, render: RenderCallback = () => ({ event: 'completed', body: {}, headers: {} })) {
  const clock = new VirtualClock({ scale: 'manual', real, start: 0 })
  const sent: Array<{ at: number; body: string; headers: Record<string, string> }> = []
  const send: CallbackSender = async (_url, body, headers) => {
    sent.push({ at: clock.now(), body, headers })
    const next = statuses.shift() ?? 200
    if (next instanceof Error) throw next
    return { status: next }
  }
  const outbox = new Outbox({ clock, send, journalCap: 100, secrets: () => ['hmac-key-xyz'], render })
  return { clock, outbox, sent }
}

const policy = { timeoutMs: 10_000, retryDelaysMs: [1000, 2000, 4000], isDelivered: (s: number) => s >= 200 && s < 300 }

describe('the callback outbox', () => {
  it('delivers at the scheduled virtual time and stops after success', async () => {
    const { clock, outbox, sent } = setup([200], (_delivery, at) => ({ event: 'completed', body: { at }, headers: {} }))
    outbox.enqueue({ taskId: 't', vendor: 'v', url: 'http://r/cb', at: 5000, policy })
    await clock.advance(4999)
    expect(sent).toHaveLength(0)
    await clock.advance(100_000)
    expect(sent.map((s) => s.at)).toEqual([5000])
    expect(outbox.journal.filter(() => true)[0]).toMatchObject({ attempt: 1, status: 200, delivered: true, nextAttemptAt: null })
  })

  it('retries after each documented delay and gives up after the last retry', async () => {
    const { clock, outbox, sent } = setup([500, 500, new Error('connection refused'), 503])
    outbox.enqueue({ taskId: 't', vendor: 'v', url: 'http://r/cb', at: 0, policy })
    await clock.advance(60_000)
    expect(sent.map((s) => s.at)).toEqual([0, 1000, 3000, 7000])
    const attempts = outbox.journal.filter(() => true)
    expect(attempts.map((a) => [a.attempt, a.status, a.delivered, a.nextAttemptAt])).toEqual([
      [1, 500, false, 1000],
      [2, 500, false, 3000],
      [3, null, false, 7000],
      [4, 503, false, null],
    ])
    expect(attempts[2]?.error).toMatch(/^Failed to deliver the callback to http:\/\/r\/cb: connection refused/)
    expect(outbox.pendingCount()).toBe(0)
  })

  it('renders each attempt fresh, so signatures carry the attempt time', async () => {
    const { clock, outbox, sent } = setup([500, 200], (_delivery, at) => ({ event: 'e', body: {}, headers: { 'x-webhook-timestamp': String(at / 1000) } }))
    outbox.enqueue({ taskId: 't', vendor: 'v', url: 'http://r/cb', at: 1000, policy })
    await clock.advance(10_000)
    expect(sent.map((s) => s.headers['x-webhook-timestamp'])).toEqual(['1', '2'])
  })

  it('keeps secrets out of the callback journal', async () => {
    const { clock, outbox } = setup([200], () => ({ event: 'e', body: { echo: 'hmac-key-xyz' }, headers: { 'x-sig': 'hmac-key-xyz' } }))
    outbox.enqueue({ taskId: 't', vendor: 'v', url: 'http://r/cb?k=hmac-key-xyz', at: 0, policy })
    await clock.advance(1)
    expect(JSON.stringify(outbox.journal.filter(() => true))).not.toContain('hmac-key-xyz')
  })
})

describe('the callback outbox under slow receivers (issue 11, defects 4 and 5)', () => {
  /** A sender where each receiver host answers after its own delay (real ms), or never. */
  function slowSetup(scale: number | 'manual', delays: Record<string, number | 'silent'>) {
    const clock = new VirtualClock({
      scale,
      real: { now: () => performance.now(), setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as never) },
      start: 0,
    })
    const log: Array<{ host: string; at: number; status: number | 'timeout' | 'aborted' }> = []
    const send: CallbackSender = (url, _body, _headers, timeoutRealMs, signal) =>
      new Promise((resolve, reject) => {
        const host = new URL(url).host
        const delay = delays[host] ?? 0
        const at = clock.now()
        const timer = setTimeout(() => {
          log.push({ host, at, status: 'timeout' })
          reject(new CallbackSendError('timeout', `timeout: no answer within ${timeoutRealMs} ms`))
        }, timeoutRealMs)
        signal?.addEventListener('abort', () => {
          clearTimeout(timer)
          log.push({ host, at, status: 'aborted' })
          reject(new Error('aborted'))
        })
        if (delay !== 'silent')
          setTimeout(() => {
            clearTimeout(timer)
            log.push({ host, at, status: 200 })
            resolve({ status: 200 })
          }, delay)
      })
    const outbox = new Outbox({ clock, send, journalCap: 1000, secrets: () => [], render: () => ({ event: 'e', body: {}, headers: {} }) })
    return { clock, outbox, log }
  }
  const enqueue = (outbox: Outbox, host: string, at: number, taskId = `${host}-${at}`) =>
    outbox.enqueue({ taskId, vendor: 'v', url: `http://${host}/cb`, at, policy })

  it('delivers to healthy receivers on time while another receiver is silent', async () => {
    const { clock, outbox, log } = slowSetup('manual', { silent: 'silent' })
    for (let i = 0; i < 8; i++) enqueue(outbox, 'silent', 1000)
    for (let i = 0; i < 20; i++) enqueue(outbox, `healthy${i}`, 1000)
    const started = performance.now()
    await clock.advance(1000)
    // Every healthy receiver got its callback at its virtual time, and the advance waited for one
    // manual-time timeout (2 s real), not one per silent delivery.
    expect(log.filter((l) => l.host.startsWith('healthy')).map((l) => [l.at, l.status])).toEqual(Array.from({ length: 20 }, () => [1000, 200]))
    expect(performance.now() - started).toBeLessThan(2000 * 2)
    // The silent receiver's attempts count as failed and are retried per policy.
    const silent = outbox.journal.filter((a) => a.url.includes('silent'))
    expect(silent).toHaveLength(8)
    expect(silent.every((a) => !a.delivered && a.nextAttemptAt === 2000 && a.errorKind === 'timeout')).toBe(true)
  })

  it('keeps at most its per-receiver bound in flight to one receiver', async () => {
    const { clock, outbox } = slowSetup('manual', { busy: 30 })
    const seen: number[] = []
    const o = outbox as unknown as { inFlightBy: Map<string, number> }
    const timer = setInterval(() => seen.push(o.inFlightBy.get('http://busy') ?? 0), 5)
    for (let i = 0; i < 40; i++) enqueue(outbox, 'busy', 10)
    await clock.advance(10)
    clearInterval(timer)
    expect(Math.max(...seen)).toBeLessThanOrEqual(16)
    expect(outbox.journal.filter((a) => a.delivered)).toHaveLength(40)
  })

  it('drops work of the epoch a reset ended: not journalled, not retried', async () => {
    const { clock, outbox, log } = slowSetup('manual', { silent: 'silent' })
    enqueue(outbox, 'silent', 100, 'old-task')
    const advancing = clock.advance(3_600_000)
    await new Promise((r) => setTimeout(r, 50))
    clock.reset()
    outbox.clear()
    await advancing
    expect(log).toEqual([{ host: 'silent', at: 100, status: 'aborted' }])
    expect(outbox.journal.size).toBe(0)
    expect(outbox.pendingCount()).toBe(0)
    expect(clock.pendingTimers()).toBe(0)
    // A reset during a blocked advance leaves the clock at its start, not at +1 h.
    expect(clock.now()).toBe(0)
  })
})
