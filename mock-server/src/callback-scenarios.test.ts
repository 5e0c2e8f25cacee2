// The callback scenarios of contract §3, through a mock on a manual clock: what each delivery is
// (genuine, duplicate, forged), when it comes, how forgeries are made per vendor, and the wall-clock
// signature timestamps of contract §5.2.
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from './server.js'
import { type CallbackReceiver, startCallbackReceiver } from './test-support/callback-receiver.js'
import { CALLBACK_DELAY_MS, FORGED_LEAD_MS, planCallbacks, STALE_SIGNATURE_MS } from './core/callback-plan.js'

const KEY = 'plan-test-hmac-key'
let mock: RunningMockServer
let receiver: CallbackReceiver

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', kieHmacKey: KEY })
  receiver = await startCallbackReceiver()
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})
beforeEach(async () => {
  await mock.admin.reset()
  await mock.admin.patchOptions({ kie: { webhookHmacKey: KEY } })
  receiver.received.length = 0
})

async function submit(vendor: 'kie' | 'odkkk', scenario: string): Promise<string> {
  const [path, body] =
    vendor === 'kie'
      ? ['/api/v1/veo/generate', { prompt: 'a fox', model: 'veo3_fast', callBackUrl: receiver.url }]
      : ['/v1/videos/generations', { model: 'veo3.1-pro', prompt: 'a fox', callback_url: receiver.url }]
  const response = await fetch(`${mock.baseUrls[vendor]}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json', 'x-veomock-scenario': scenario },
    body: JSON.stringify(body),
  })
  const json = (await response.json()) as { data?: { taskId: string }; id?: string }
  return (json.data?.taskId ?? json.id) as string
}

async function settled(id: string): Promise<number> {
  return (await mock.admin.task(id)).timeline.settledAt as number
}

describe('the callback plan', () => {
  it('plans nothing for callback_lost, one late delivery for callback_delayed, forgeries before the genuine one for callback_forged', () => {
    const task = { scenario: 'callback_lost' as const, createdAt: 0 }
    expect(planCallbacks(task, 100_000, true)).toEqual([])
    expect(planCallbacks({ ...task, scenario: 'callback_delayed' }, 100_000, false)).toEqual([{ at: 100_000 + CALLBACK_DELAY_MS, kind: 'genuine' }])
    const forged = planCallbacks({ ...task, scenario: 'callback_forged' }, 100_000, true)
    expect(forged.map((p) => [p.kind, p.forgery])).toEqual([
      ['forged', 'bad-signature'],
      ['forged', 'missing-signature'],
      ['forged', 'stale-signature'],
      ['genuine', undefined],
    ])
    expect(forged[0]?.at).toBe(100_000 - FORGED_LEAD_MS)
    expect(planCallbacks({ ...task, scenario: 'callback_forged' }, 100_000, false).map((p) => p.forgery)).toEqual(['lie', undefined])
  })
})

describe('callback scenarios on the mock', () => {
  it('callback_lost: the task succeeds and no delivery is ever attempted', async () => {
    const id = await submit('odkkk', 'callback_lost')
    await mock.admin.advance(24 * 3600_000)
    expect((await mock.admin.task(id)).state).toBe('succeeded')
    expect(await mock.admin.callbacks({ taskId: id })).toEqual([])
  })

  it('callback_delayed: the one delivery comes half an hour after the task finished', async () => {
    const id = await submit('odkkk', 'callback_delayed')
    await mock.admin.advance(24 * 3600_000)
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts.map((a) => [a.kind, a.at - 0])).toEqual([['genuine', (await settled(id)) + CALLBACK_DELAY_MS]])
  })

  it('callback_forged without signing (odkkk): a well-formed failure lie first, then the genuine success, each journalled with its kind', async () => {
    const id = await submit('odkkk', 'callback_forged')
    await mock.admin.advance(24 * 3600_000)
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts.map((a) => a.kind)).toEqual(['forged', 'genuine'])
    expect(receiver.received.map((r) => r.body.status)).toEqual(['failed', 'completed'])
    expect(receiver.received[0]?.body.id).toBe(id)
    expect(attempts.every((a) => a.status === 200 && a.ackMs === 0)).toBe(true)
  })

  it('callback_forged for KIE with a key: wrong key, no signature and a stale timestamp, then the genuine one signed on the wall clock', async () => {
    const id = await submit('kie', 'callback_forged')
    await mock.admin.advance(24 * 3600_000)
    expect((await mock.admin.callbacks({ taskId: id })).map((a) => [a.kind, a.event])).toEqual([
      ['forged', 'forged:bad-signature'],
      ['forged', 'forged:missing-signature'],
      ['forged', 'forged:stale-signature'],
      ['genuine', 'completed'],
    ])
    const sign = (ts: string) => createHmac('sha256', KEY).update(`${id}.${ts}`).digest('base64')
    const [bad, missing, stale, genuine] = receiver.received.map((r) => r.headers)
    expect(bad?.['x-webhook-signature']).not.toBe(sign(bad?.['x-webhook-timestamp'] as string))
    expect(missing?.['x-webhook-signature']).toBeUndefined()
    expect(stale?.['x-webhook-signature']).toBe(sign(stale?.['x-webhook-timestamp'] as string))
    expect(Date.now() - Number(stale?.['x-webhook-timestamp']) * 1000).toBeGreaterThan(STALE_SIGNATURE_MS - 60_000)
    expect(genuine?.['x-webhook-signature']).toBe(sign(genuine?.['x-webhook-timestamp'] as string))
    expect(Math.abs(Date.now() - Number(genuine?.['x-webhook-timestamp']) * 1000)).toBeLessThan(60_000)
    // The forgeries lie: they say the task failed.
    expect(receiver.received.map((r) => r.body.code)).toEqual([400, 400, 400, 200])
  })
})
