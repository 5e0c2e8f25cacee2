import { describe, expect, it } from 'vitest'
import { VirtualClock } from './clock.js'
import { type CallbackSender, Outbox } from './outbox.js'

const real = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined }

function setup(statuses: Array<number | Error>) {
  const clock = new VirtualClock({ scale: 'manual', real, start: 0 })
  const sent: Array<{ at: number; body: string; headers: Record<string, string> }> = []
  const send: CallbackSender = async (_url, body, headers) => {
    sent.push({ at: clock.now(), body, headers })
    const next = statuses.shift() ?? 200
    if (next instanceof Error) throw next
    return { status: next }
  }
  const outbox = new Outbox({ clock, send, journalCap: 100, secrets: () => ['hmac-key-xyz'] })
  return { clock, outbox, sent }
}

const policy = { timeoutMs: 10_000, retryDelaysMs: [1000, 2000, 4000], isDelivered: (s: number) => s >= 200 && s < 300 }

describe('the callback outbox', () => {
  it('delivers at the scheduled virtual time and stops after success', async () => {
    const { clock, outbox, sent } = setup([200])
    outbox.enqueue({ taskId: 't', vendor: 'odkkk', url: 'http://r/cb', at: 5000, policy, render: (at) => ({ event: 'completed', body: { at }, headers: {} }) })
    await clock.advance(4999)
    expect(sent).toHaveLength(0)
    await clock.advance(100_000)
    expect(sent.map((s) => s.at)).toEqual([5000])
    expect(outbox.journal.filter(() => true)[0]).toMatchObject({ attempt: 1, status: 200, delivered: true, nextAttemptAt: null })
  })

  it('retries after each documented delay and gives up after the last retry', async () => {
    const { clock, outbox, sent } = setup([500, 500, new Error('connection refused'), 503])
    outbox.enqueue({ taskId: 't', vendor: 'odkkk', url: 'http://r/cb', at: 0, policy, render: () => ({ event: 'completed', body: {}, headers: {} }) })
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
    const { clock, outbox, sent } = setup([500, 200])
    outbox.enqueue({
      taskId: 't',
      vendor: 'kie',
      url: 'http://r/cb',
      at: 1000,
      policy,
      render: (at) => ({ event: 'e', body: {}, headers: { 'x-webhook-timestamp': String(at / 1000) } }),
    })
    await clock.advance(10_000)
    expect(sent.map((s) => s.headers['x-webhook-timestamp'])).toEqual(['1', '2'])
  })

  it('keeps secrets out of the callback journal', async () => {
    const { clock, outbox } = setup([200])
    outbox.enqueue({
      taskId: 't',
      vendor: 'kie',
      url: 'http://r/cb?k=hmac-key-xyz',
      at: 0,
      policy,
      render: () => ({ event: 'e', body: { echo: 'hmac-key-xyz' }, headers: { 'x-sig': 'hmac-key-xyz' } }),
    })
    await clock.advance(1)
    expect(JSON.stringify(outbox.journal.filter(() => true))).not.toContain('hmac-key-xyz')
  })
})
