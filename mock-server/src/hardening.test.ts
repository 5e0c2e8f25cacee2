// Issue 11 reproduced end to end on an in-process mock: no client can crash, wipe or stall it.
// Each block names the defect it reproduces; the memory defects run against the built bin in
// memory-bounds.test.ts, the admin-API ones in admin/admin-guard.test.ts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from './server.js'
import { type CallbackReceiver, startCallbackReceiver } from './test-support/callback-receiver.js'

let mock: RunningMockServer
let receiver: CallbackReceiver

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', kieHmacKey: 'kie-hmac-secret-1' })
  receiver = await startCallbackReceiver()
})
afterAll(async () => {
  await mock.close()
  await receiver.close()
})
afterEach(async () => {
  await mock.admin.reset()
  await mock.admin.patchOptions({ kie: { webhookHmacKey: 'kie-hmac-secret-1' } })
})

const auth = { authorization: 'Bearer hardening-key', 'content-type': 'application/json' }

async function kieSubmit(body: unknown | string): Promise<{ status: number; json: { code: number; msg: string; data?: { taskId: string } } }> {
  const r = await fetch(`${mock.baseUrls.kie}/api/v1/veo/generate`, {
    method: 'POST',
    headers: auth,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: r.status, json: (await r.json()) as never }
}

describe('defect 2: a callback URL cannot make the mock attack itself', () => {
  it('refuses at submit a callback URL that is the mock itself, answered as KIE answers a bad field', async () => {
    const before = await mock.admin.scenarios()
    const r = await kieSubmit({ prompt: 'a fox', model: 'veo3_fast', callBackUrl: `${mock.url}/__admin/reset` })
    expect(r.json.code).toBe(422)
    expect(r.json.msg).toMatch(/callback URL.*own address/)
    expect(await mock.admin.scenarios()).toEqual(before)
  })

  it.each([['data:text/plain,hi'], ['file:///etc/passwd'], ['ftp://127.0.0.1/x'], ['gopher://127.0.0.1:6379/_FLUSHALL']])(
    'refuses %s at submit',
    async (url) => {
      const r = await kieSubmit({ prompt: 'a fox', model: 'veo3_fast', callBackUrl: url })
      expect(r.json.code).toBe(422)
      expect(r.json.msg).toMatch(/only http and https/)
    },
  )

  it('never delivers to a DNS name that resolves to the mock: the attempt is blocked and nothing is reset', async () => {
    await mock.admin.addScenario({ scenario: 'slow', match: { vendor: 'odkkk' } })
    const port = new URL(mock.url).port
    const r = await kieSubmit({ prompt: 'a fox', model: 'veo3_fast', callBackUrl: `http://localhost:${port}/__admin/reset` })
    expect(r.json.code).toBe(200)
    await mock.admin.advance(3_600_000)
    const attempts = await mock.admin.callbacks({ taskId: r.json.data?.taskId as string })
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ delivered: false, errorKind: 'blocked', nextAttemptAt: null })
    expect(await mock.admin.scenarios()).toHaveLength(1)
    expect((await mock.admin.tasks()).length).toBe(1)
  })
})

describe('defect 5: reset is a clean epoch and keeps options set through the admin API', () => {
  it('keeps options set with PATCH /__admin/options across a reset', async () => {
    await mock.admin.patchOptions({ odkkk: { strictCallbacks: true } })
    await mock.admin.reset()
    expect((await mock.admin.options()).odkkk).toEqual({ strictCallbacks: true })
    await mock.admin.patchOptions({ odkkk: { strictCallbacks: false } })
  })

  it('drops the callbacks of the epoch before a reset: nothing reaches the new journal, no retry follows, the clock is back at its start', async () => {
    receiver.status = 500
    const r = await kieSubmit({ prompt: 'a fox', model: 'veo3_fast', callBackUrl: receiver.url })
    const advancing = mock.admin.advance(3_600_000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    await mock.admin.reset()
    await advancing.catch(() => undefined)
    receiver.status = 200
    expect(await mock.admin.callbacks({ taskId: r.json.data?.taskId as string })).toEqual([])
    const clock = await mock.admin.clock()
    expect(clock.elapsedMs).toBe(0)
    await mock.admin.advance(3_600_000)
    expect(await mock.admin.callbacks()).toEqual([])
  })
})

describe('defect 6: deep JSON gets a vendor-shaped 400 and breaks nothing', () => {
  it.each([
    ['arrays nested 1,900 deep', `{"prompt":"a fox","model":"veo3_fast","x":${'['.repeat(1900)}${']'.repeat(1900)}}`],
    ['objects nested 3,900 deep', `{"prompt":"a fox","model":"veo3_fast","x":${'{"a":'.repeat(3900)}1${'}'.repeat(3900)}}`],
  ])('answers %s with the vendor error, and the admin journal still answers', async (_name, body) => {
    const r = await kieSubmit(body)
    // The same answer KIE gives any body it cannot read.
    const malformed = await kieSubmit('{"prompt":')
    expect(r.status).toBe(malformed.status)
    expect(r.json.code).toBe(malformed.json.code)
    expect(r.json.msg).toMatch(/nests deeper than 64 levels/)
    const requests = await fetch(`${mock.url}/__admin/requests`)
    expect(requests.status).toBe(200)
    const tasks = await fetch(`${mock.url}/__admin/tasks`)
    expect(tasks.status).toBe(200)
  })
})

describe('defect 7: __proto__ in a body is only a key', () => {
  it('does not satisfy required fields or hide a callback URL through __proto__', async () => {
    const r = await kieSubmit(`{"__proto__":{"prompt":"inherited","callBackUrl":"${receiver.url}"},"model":"veo3_fast"}`)
    // The prompt is required and was only "inherited": refused as missing.
    expect(r.json.code).not.toBe(200)
    const ok = await kieSubmit(`{"__proto__":{"callBackUrl":"${receiver.url}"},"prompt":"a fox","model":"veo3_fast"}`)
    if (ok.json.code === 200) {
      const task = await mock.admin.task(ok.json.data?.taskId as string)
      expect(task.callbackUrl).toBeNull()
    }
  })
})

describe('defect 10: redaction of rotated and short secrets', () => {
  it('keeps a rotated HMAC key out of entries journalled before the rotation', async () => {
    await kieSubmit({ prompt: 'echo kie-hmac-secret-1 here', model: 'veo3_fast' })
    await mock.admin.patchOptions({ kie: { webhookHmacKey: 'kie-hmac-secret-2' } })
    const text = JSON.stringify(await mock.admin.requests())
    expect(text).not.toContain('kie-hmac-secret-1')
  })

  it('does not corrupt data when a key is short', async () => {
    await mock.admin.patchOptions({ kie: { webhookHmacKey: 'veo3' } })
    const r = await kieSubmit({ prompt: 'a fox', model: 'veo3_fast' })
    const task = await mock.admin.task(r.json.data?.taskId as string)
    expect((task.request as unknown as { model: string }).model).toBe('veo3_fast')
  })
})

describe('defect 10: limits', () => {
  it('lets /__admin/callbacks be limited', async () => {
    const r = await fetch(`${mock.url}/__admin/callbacks?limit=1&since=0`)
    expect(r.status).toBe(200)
  })
})
