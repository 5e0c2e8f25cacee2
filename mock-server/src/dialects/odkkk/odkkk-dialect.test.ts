// The odkkk dialect over HTTP, as a client sees it: every scenario of contract §3 chosen four ways,
// callbacks to an in-process receiver, result downloads and their expiry, bad input, balances.
// Strict mode is on: every response and callback is checked against specs/odkkk.openapi.yaml.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { restoreDefaultOptions } from '../../test-support/default-options.js'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { SCENARIOS, type ScenarioName, isSubmitRejection, TRANSPORT_SCENARIOS } from '../../../../lib/scenarios.js'
import { CALLBACK_DELAY_MS, DUPLICATE_CALLBACK_GAP_MS } from '../../core/callback-plan.js'
import { startMockServer, type RunningMockServer } from '../../server.js'
import { type CallbackReceiver, startCallbackReceiver } from '../../test-support/callback-receiver.js'

// Response bodies are read field by field; `any` keeps the assertions short.
type Json = any

const KEY = 'sk-odkkk-test-key'
const T0_SECONDS = Date.UTC(2026, 0, 1) / 1000
const DAY = 24 * 60 * 60 * 1000
const SUBMIT = '/v1/videos/generations'

type Receiver = CallbackReceiver
const startReceiver = () => startCallbackReceiver('/hooks/odkkk')

let mock: RunningMockServer
let receiver: Receiver
// Strict-mode violations, never cleared: a late callback's violation fails the next test or afterAll.
const violations: string[] = []

// Options patched through the admin API survive a reset (specs/admin.openapi.yaml): put them back.
afterEach(() => restoreDefaultOptions(mock, 'odkkk'))

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, vendors: ['odkkk'], onViolation: (m) => violations.push(m) })
  receiver = await startReceiver()
})

afterAll(async () => {
  expect(violations).toEqual([])
  await receiver?.close()
  await mock?.close()
})

beforeEach(async () => {
  await mock.admin.reset()
  receiver.received = []
  receiver.queue = []
  receiver.status = 200
})

afterEach(() => {
  expect(violations).toEqual([])
})

interface Reply {
  status: number
  body: Json
  text: string
  headers: Headers
}

interface CallOptions {
  body?: unknown
  raw?: string | Buffer
  headers?: Record<string, string>
  /** Bearer key; null sends no Authorization header. */
  key?: string | null
}

async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  const key = options.key === undefined ? KEY : options.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  let payload: string | Buffer | undefined = options.raw
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(`${mock.baseUrls.odkkk}${path}`, { method, headers, body: payload })
  const text = await response.text()
  let body: Json
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: response.status, body, text, headers: response.headers }
}

const poll = (id: string, key: string | null = KEY) => call('GET', `/v1/tasks/${encodeURIComponent(id)}`, { key })

async function now(): Promise<number> {
  return (await mock.admin.clock()).now
}

/** Moves the virtual clock to an absolute time (no-op when already there). */
async function advanceTo(at: number): Promise<void> {
  const current = await now()
  if (at > current) await mock.admin.advance(at - current)
}

function expectOdkkkJson(reply: Reply): void {
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/)
  expect(reply.text.trimStart().startsWith('<')).toBe(false)
  expect(reply.body).toMatchObject({ error: { code: reply.status, message: expect.any(String), type: expect.any(String) } })
}

const REJECTIONS: Record<string, { status: number; error: Record<string, unknown>; retryAfter: string | null }> = {
  unauthorized: { status: 401, error: { code: 401, message: 'Invalid or expired token', type: 'authentication_error' }, retryAfter: null },
  insufficient_credits: {
    status: 402,
    error: { code: 402, message: 'Insufficient quota', type: 'insufficient_quota_error', fallback_suggestion: 'https://ai.odkkk.com/apiv1/dashboard/billing' },
    retryAfter: null,
  },
  rate_limited: {
    status: 429,
    error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error', fallback_suggestion: 'retry after 60 seconds' },
    retryAfter: '60',
  },
  server_error: {
    status: 500,
    error: { code: 500, message: 'Internal server error', type: 'internal_server_error', fallback_suggestion: 'try again later' },
    retryAfter: null,
  },
  maintenance: {
    status: 503,
    error: { code: 503, message: 'Service temporarily unavailable', type: 'service_unavailable_error', fallback_suggestion: 'retry after 30 seconds' },
    retryAfter: '30',
  },
  upstream_error: {
    status: 502,
    error: { code: 502, message: 'Upstream AI service unavailable', type: 'upstream_error', fallback_suggestion: 'try different model' },
    retryAfter: null,
  },
}

const FAILURES: Record<string, { code: string; message: string }> = {
  content_violation: { code: 'content_policy_violation', message: 'Content policy violation' },
  invalid_image: { code: 'image_processing_error', message: 'Failed to fetch or process input image' },
  generation_failed: { code: 'generation_failed_no_content', message: 'Generation failed' },
}

const FLAKY_503 = { error: REJECTIONS.maintenance?.error }

type How = 'header' | 'rule' | 'prompt' | 'apiKey'
const SOURCE: Record<How, string> = { header: 'header', rule: 'rule', prompt: 'prompt', apiKey: 'apiKey' }

async function submitWith(scenario: ScenarioName, how: How, extra: Record<string, unknown> = {}): Promise<{ reply: Reply; key: string }> {
  const body: Record<string, unknown> = {
    model: 'veo3.1-pro',
    prompt: 'A red fox running through fresh snow',
    aspect_ratio: '16:9',
    callback_url: receiver.url,
    ...extra,
  }
  const headers: Record<string, string> = {}
  let key = KEY
  if (how === 'header') headers['x-veomock-scenario'] = scenario
  if (how === 'rule') await mock.admin.addScenario({ scenario, match: { vendor: 'odkkk' }, times: 1 })
  if (how === 'prompt') body.prompt = `${String(body.prompt)} [veomock:${scenario}]`
  if (how === 'apiKey') key = `veomock:${scenario}`
  return { reply: await call('POST', SUBMIT, { body, headers, key }), key }
}

/** Submits under a scenario, polls through odkkk's states as the clock moves, and checks callbacks. */
async function driveScenario(scenario: ScenarioName, how: How): Promise<void> {
  const { reply, key } = await submitWith(scenario, how)
  expect(reply.text).not.toContain('[veomock:')

  if (isSubmitRejection(scenario)) {
    const want = REJECTIONS[scenario]!
    expect(reply.status).toBe(want.status)
    expect(reply.body).toEqual({ error: want.error })
    expect(reply.headers.get('retry-after')).toBe(want.retryAfter)
    expectOdkkkJson(reply)
    expect(await mock.admin.tasks({ vendor: 'odkkk' })).toEqual([])
    return
  }

  // Submit: the task in `pending` (S004 shape).
  expect(reply.status).toBe(200)
  const submitted = reply.body
  const id: string = submitted.id
  expect(id).toMatch(new RegExp(`^task-unified-${T0_SECONDS}-[a-z0-9]{8}$`))
  const task = await mock.admin.task(id)
  expect(task.scenario).toBe(scenario)
  expect(task.scenarioSource).toBe(SOURCE[how])
  expect(task.vendorState).toBe('pending')
  expect(JSON.stringify(task.request)).not.toContain('[veomock:')
  const { queuedUntil, completesAt } = task.timeline
  const estimated = completesAt === null ? 180 : Math.ceil((completesAt - task.createdAt) / 1000)
  expect(submitted).toEqual({
    created: T0_SECONDS,
    id,
    model: 'veo3.1-pro',
    object: 'video.generation.task',
    progress: 0,
    status: 'pending',
    task_info: { can_cancel: true, estimated_time: estimated, video_duration: 8 },
    type: 'video',
    usage: { billing_rule: 'per_call', credits_reserved: 25.7, user_group: 'default' },
  })

  // flaky_poll: the first polls are the transient 503, then normal answers.
  if (scenario === 'flaky_poll') {
    for (let i = 0; i < 2; i++) {
      const flaky = await poll(id, key)
      expect(flaky.status).toBe(503)
      expect(flaky.body).toEqual(FLAKY_503)
      expect(flaky.headers.get('retry-after')).toBeNull()
    }
  }

  // Pending until it leaves the queue.
  const pending = await poll(id, key)
  expect(pending.status).toBe(200)
  expect(pending.body).toMatchObject({ id, status: 'pending', progress: 0, task_info: { can_cancel: true, estimated_time: estimated, video_duration: 8 } })
  expect(pending.body.results).toBeUndefined()

  // Processing, with progress rising.
  await advanceTo(queuedUntil + 1000)
  const first = await poll(id, key)
  expect(first.body).toMatchObject({ id, status: 'processing', task_info: { can_cancel: false, video_duration: 8 } })
  expect(first.body.progress).toBeGreaterThanOrEqual(1)
  expect(first.body.progress).toBeLessThanOrEqual(99)
  expect(first.body.results).toBeUndefined()
  expect(first.body.error).toBeUndefined()
  expect((await mock.admin.task(id)).vendorState).toBe('processing')
  const step = completesAt === null ? 30_000 : Math.floor((completesAt - queuedUntil) / 3)
  await mock.admin.advance(step)
  const second = await poll(id, key)
  expect(second.body.status).toBe('processing')
  expect(second.body.progress).toBeGreaterThan(first.body.progress)

  if (scenario === 'stuck') {
    // Never finishes, progress frozen, no callback.
    await mock.admin.advance(DAY)
    const later = await poll(id, key)
    await mock.admin.advance(DAY)
    const muchLater = await poll(id, key)
    expect(later.body).toMatchObject({ status: 'processing', task_info: { can_cancel: false, estimated_time: 180 } })
    expect(muchLater.body).toEqual(later.body)
    expect(await mock.admin.callbacks({ taskId: id })).toEqual([])
    expect(receiver.received).toEqual([])
    return
  }

  // Settled.
  await advanceTo(completesAt as number)
  const deliveries = scenario === 'duplicate_callback' ? 2 : 1
  if (deliveries === 2) await mock.admin.advance(1000)
  const final = await poll(id, key)
  expect(final.status).toBe(200)
  const failure = FAILURES[scenario]
  if (failure) {
    expect(final.body).toEqual({
      created: T0_SECONDS,
      id,
      model: 'veo3.1-pro',
      object: 'video.generation.task',
      progress: 0,
      status: 'failed',
      task_info: { can_cancel: false },
      type: 'video',
      error: failure,
    })
    expect((await mock.admin.task(id)).vendorState).toBe('failed')
  } else {
    const url = `${mock.baseUrls.odkkk}/files/${id}/video.mp4`
    expect(final.body).toEqual({
      created: T0_SECONDS,
      id,
      model: 'veo3.1-pro',
      object: 'video.generation.task',
      progress: 100,
      results: [url],
      status: 'completed',
      task_info: { can_cancel: false, video_duration: 8 },
      type: 'video',
    })
    expect((await mock.admin.task(id)).vendorState).toBe('completed')
    const video = await fetch(url)
    expect(video.status).toBe(200)
    expect(video.headers.get('content-type')).toBe('video/mp4')
    expect(
      Buffer.from(await video.arrayBuffer())
        .subarray(4, 8)
        .toString('latin1'),
    ).toBe('ftyp')
  }

  // The callback: the final task detail, POSTed once (twice for duplicate_callback, at the same
  // moment); never for callback_lost; 30 virtual minutes late for callback_delayed; and for
  // callback_forged a well-formed lie (odkkk does not sign) before the genuine one (docs/contract.md §3).
  if (scenario === 'callback_delayed') {
    expect(await mock.admin.callbacks({ taskId: id })).toEqual([])
    await mock.admin.advance(CALLBACK_DELAY_MS)
  }
  const all = await mock.admin.callbacks({ taskId: id })
  const forged = all.filter((a) => a.kind === 'forged')
  const attempts = all.filter((a) => a.kind !== 'forged')
  const genuine = scenario === 'callback_lost' ? 0 : deliveries
  const firstAt = (completesAt as number) + (scenario === 'callback_delayed' ? CALLBACK_DELAY_MS : 0)
  expect(attempts).toHaveLength(genuine)
  expect(attempts.map((a) => a.at)).toEqual(genuine === 0 ? [] : genuine === 2 ? [firstAt, firstAt + DUPLICATE_CALLBACK_GAP_MS] : [firstAt])
  expect(attempts.map((a) => a.kind)).toEqual(genuine === 2 ? ['genuine', 'duplicate'] : attempts.map(() => 'genuine'))
  for (const attempt of attempts) {
    expect(attempt).toMatchObject({ url: receiver.url, status: 200, delivered: true, attempt: 1, nextAttemptAt: null, event: failure ? 'failed' : 'completed' })
  }
  const hits = receiver.received.filter((h) => h.body?.id === id)
  expect(hits).toHaveLength(genuine + forged.length)
  if (scenario === 'callback_forged') {
    expect(forged).toHaveLength(1)
    expect(forged[0]!.at).toBeLessThan(completesAt as number)
    expect(forged[0]).toMatchObject({ event: 'forged:lie', delivered: true })
    // The lie says the task failed although it succeeds; it comes first.
    expect(hits[0]?.body).toMatchObject({ id, status: 'failed' })
    hits.shift()
  } else {
    expect(forged).toEqual([])
  }
  for (const hit of hits) {
    expect(hit.body).toEqual(final.body)
    expect(hit.headers['content-type']).toMatch(/^application\/json/)
    expect(hit.headers.authorization).toBeUndefined()
    expect(Object.keys(hit.headers).filter((h) => /signature/i.test(h))).toEqual([])
  }
}

describe('every scenario of contract §3, chosen four ways', () => {
  const ways: How[] = ['header', 'rule', 'prompt', 'apiKey']
  describe.each(ways)('chosen by %s', (how) => {
    it.each(SCENARIOS.filter((s) => !TRANSPORT_SCENARIOS.includes(s)))('%s renders as odkkk documents it', async (scenario) => {
      await driveScenario(scenario, how)
    })
  })
})

describe('time on the virtual clock', () => {
  it('slow takes ten times as long as success and scales estimated_time', async () => {
    const fast = await submitWith('success', 'header')
    const fastTask = await mock.admin.task(fast.reply.body.id)
    await mock.admin.reset()
    const slow = await submitWith('slow', 'header')
    const slowTask = await mock.admin.task(slow.reply.body.id)
    expect(slowTask.id).toBe(fastTask.id)
    const fastMs = (fastTask.timeline.completesAt as number) - fastTask.createdAt
    const slowMs = (slowTask.timeline.completesAt as number) - slowTask.createdAt
    expect(slowMs).toBe(fastMs * 10)
    expect(fast.reply.body.task_info.estimated_time).toBe(Math.ceil(fastMs / 1000))
    expect(slow.reply.body.task_info.estimated_time).toBe(Math.ceil(slowMs / 1000))
    // Realistic: a few minutes for veo3.1-pro (S004 example 180 s, E-LITE 300 s).
    expect(fastMs).toBeGreaterThanOrEqual(152_000)
    expect(fastMs).toBeLessThanOrEqual(258_000)
  })

  it('result URLs download for 24 hours and then answer 410', async () => {
    const { reply } = await submitWith('success', 'header')
    const task = await mock.admin.task(reply.body.id)
    const settledAt = task.timeline.completesAt as number
    await advanceTo(settledAt)
    const [url] = (await poll(task.id)).body.results as string[]
    await advanceTo(settledAt + DAY)
    expect((await fetch(url!)).status).toBe(200)
    await mock.admin.advance(1)
    const gone = await fetch(url!)
    expect(gone.status).toBe(410)
    // The task itself is still readable; only its links expired.
    expect((await poll(task.id)).body.status).toBe('completed')
  })

  it('callback retries follow 1 s / 2 s / 4 s exactly, four attempts in all, when the receiver answers 500', async () => {
    receiver.status = 500
    const { reply } = await submitWith('success', 'header')
    const task = await mock.admin.task(reply.body.id)
    const first = task.timeline.completesAt as number
    await advanceTo(first + 60_000)
    const attempts = await mock.admin.callbacks({ taskId: task.id })
    expect(attempts.map((a) => a.at - first)).toEqual([0, 1_000, 3_000, 7_000])
    expect(attempts.map((a) => [a.attempt, a.status, a.delivered])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 500, false],
      [4, 500, false],
    ])
    expect(attempts.map((a) => a.nextAttemptAt)).toEqual([first + 1_000, first + 3_000, first + 7_000, null])
    expect(receiver.received).toHaveLength(4)
    for (const hit of receiver.received) expect(hit.body).toMatchObject({ id: task.id, status: 'completed', progress: 100 })
  })

  it('any 2xx acknowledges a callback, and a retry stops once one is delivered', async () => {
    receiver.queue = [503, 404, 204]
    const { reply } = await submitWith('generation_failed', 'header')
    const task = await mock.admin.task(reply.body.id)
    const first = task.timeline.completesAt as number
    await advanceTo(first + 60_000)
    const attempts = await mock.admin.callbacks({ taskId: task.id })
    expect(attempts.map((a) => [a.at - first, a.status, a.delivered])).toEqual([
      [0, 503, false],
      [1_000, 404, false],
      [3_000, 204, true],
    ])
    expect(receiver.received.at(-1)?.body).toMatchObject({ status: 'failed', error: { code: 'generation_failed_no_content' } })
  })

  it('a task settled through the admin API answers and calls back at once', async () => {
    const { reply } = await submitWith('success', 'header')
    await mock.admin.advance(20_000)
    await mock.admin.finish(reply.body.id, 'content_violation')
    await mock.admin.advance(0)
    const detail = await poll(reply.body.id)
    expect(detail.body).toMatchObject({ status: 'failed', progress: 0, error: { code: 'content_policy_violation', message: 'Content policy violation' } })
    expect(receiver.received.map((h) => h.body)).toEqual([detail.body])
  })
})

describe('callback URL rules', () => {
  it('lets local http:// receivers work by default', async () => {
    const { reply } = await submitWith('success', 'header', { callback_url: 'http://localhost:9/cb' })
    expect(reply.status).toBe(200)
    expect((await mock.admin.options()).odkkk).toEqual({ strictCallbacks: false })
  })

  it('with strictCallbacks refuses http://, internal hosts and over-long URLs with param callback_url', async () => {
    await mock.admin.patchOptions({ odkkk: { strictCallbacks: true } })
    const refused: Array<[string, string]> = [
      [receiver.url, 'callback_url must use HTTPS'],
      ['https://127.0.0.1/cb', 'callback_url must not point at an internal address'],
      ['https://10.0.0.8/cb', 'callback_url must not point at an internal address'],
      ['https://172.16.5.4/cb', 'callback_url must not point at an internal address'],
      ['https://192.168.1.1/cb', 'callback_url must not point at an internal address'],
      ['https://169.254.169.254/cb', 'callback_url must not point at an internal address'],
      ['https://0.0.0.0/cb', 'callback_url must not point at an internal address'],
      ['https://localhost/cb', 'callback_url must not point at an internal address'],
      ['https://[::1]/cb', 'callback_url must not point at an internal address'],
    ]
    for (const [url, message] of refused) {
      const { reply } = await submitWith('success', 'header', { callback_url: url })
      expect(reply.status, url).toBe(400)
      expect(reply.body, url).toEqual({ error: { code: 400, message, type: 'invalid_request_error', param: 'callback_url' } })
    }
    const long = await submitWith('success', 'header', { callback_url: `https://hooks.example.com/${'a'.repeat(2048)}` })
    expect(long.reply.status).toBe(400)
    expect(long.reply.body.error).toMatchObject({ code: 400, type: 'invalid_request_error', param: 'callback_url' })
    const ok = await submitWith('success', 'header', { callback_url: 'https://hooks.example.com/veo' })
    expect(ok.reply.status).toBe(200)
    expect(await mock.admin.tasks({ vendor: 'odkkk' })).toHaveLength(1)
  })
})

describe('bad input is answered in odkkk shape, and the server keeps serving', () => {
  it('answers broken requests with odkkk errors, never HTML', async () => {
    const big = JSON.stringify({ model: 'veo3.1-pro', prompt: 'x'.repeat(1024 * 1024 + 10) })
    const cases: Array<[string, () => Promise<Reply>, { status: number; error: Record<string, unknown>; allow?: string }]> = [
      [
        'malformed JSON',
        () => call('POST', SUBMIT, { raw: '{"model": "veo3.1-pro",', headers: { 'content-type': 'application/json' } }),
        { status: 400, error: { code: 400, message: 'Request body is not valid JSON', type: 'invalid_request_error' } },
      ],
      [
        'a text/plain body',
        () => call('POST', SUBMIT, { raw: 'model=veo3.1-pro', headers: { 'content-type': 'text/plain' } }),
        { status: 400, error: { code: 400, type: 'invalid_request_error' } },
      ],
      [
        'a body over 1 MB',
        () => call('POST', SUBMIT, { raw: big, headers: { 'content-type': 'application/json' } }),
        { status: 413, error: { code: 413, message: 'Request body too large (limit 1 MB)', type: 'request_too_large_error' } },
      ],
      ['an unknown path under the prefix', () => call('GET', '/v1/videos/nope'), { status: 404, error: { code: 404, type: 'not_found_error' } }],
      [
        'an unknown path with a POST',
        () => call('POST', '/v2/videos/generations', { body: {} }),
        { status: 404, error: { code: 404, type: 'not_found_error' } },
      ],
      ['GET on the submit path', () => call('GET', SUBMIT), { status: 405, error: { code: 405, type: 'invalid_request_error' }, allow: 'POST' }],
      [
        'DELETE on a task',
        () => call('DELETE', '/v1/tasks/task-unified-1-abcdefgh'),
        { status: 405, error: { code: 405, type: 'invalid_request_error' }, allow: 'GET' },
      ],
      [
        'a 10 kB task id without the prefix',
        () => poll('x'.repeat(10_000)),
        { status: 400, error: { code: 400, message: 'Invalid task ID format', type: 'invalid_request_error', param: 'task_id' } },
      ],
      [
        'a 10 kB task id with the prefix',
        () => poll(`task-unified-${'9'.repeat(10_000)}`),
        { status: 404, error: { code: 404, message: 'Task not found or expired', type: 'not_found_error', param: 'task_id' } },
      ],
      [
        'a NUL task id',
        () => call('GET', '/v1/tasks/%00'),
        { status: 400, error: { code: 400, message: 'Invalid task ID format', type: 'invalid_request_error', param: 'task_id' } },
      ],
      [
        'an absurd query on a poll',
        () => call('GET', `/v1/tasks/task-unified-1-abcdefgh?taskId=%00&page=-1&x=${'y'.repeat(8_000)}`),
        { status: 404, error: { code: 404, message: 'Task not found or expired', type: 'not_found_error', param: 'task_id' } },
      ],
      [
        'an unknown task',
        () => poll('task-unified-1767225600-zzzzzzzz'),
        { status: 404, error: { code: 404, message: 'Task not found or expired', type: 'not_found_error', param: 'task_id' } },
      ],
      [
        'a missing bearer token on submit',
        () => call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p' }, key: null }),
        { status: 401, error: REJECTIONS.unauthorized!.error },
      ],
      [
        'an empty bearer token on submit',
        () => call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p' }, key: '' }),
        { status: 401, error: REJECTIONS.unauthorized!.error },
      ],
      [
        'a Basic credential',
        () => call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p' }, key: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
        { status: 401, error: REJECTIONS.unauthorized!.error },
      ],
      ['a missing bearer token on a poll', () => poll('task-unified-1767225600-zzzzzzzz', null), { status: 401, error: REJECTIONS.unauthorized!.error }],
    ]
    for (const [name, send, want] of cases) {
      const reply = await send()
      expect(reply.status, name).toBe(want.status)
      expectOdkkkJson(reply)
      expect(reply.body.error, name).toMatchObject(want.error)
      if (want.allow) expect(reply.headers.get('allow'), name).toBe(want.allow)
    }
    expect(await mock.admin.tasks({ vendor: 'odkkk' })).toEqual([])
    const after = await submitWith('success', 'header')
    expect(after.reply.status).toBe(200)
  })

  it('answers spec-invalid submits with the vendor validation error naming the field', async () => {
    const base = { model: 'veo3.1-pro', prompt: 'A cat playing piano' }
    const cases: Array<[string, unknown, { status: number; error: Record<string, unknown> }]> = [
      [
        'another model id',
        { ...base, model: 'veo3.1-pro-beta' },
        { status: 404, error: { code: 404, message: 'Specified model not found', type: 'not_found_error', param: 'model', fallback_suggestion: 'veo3.1-pro' } },
      ],
      [
        'a wrong model and a long prompt',
        { model: 'veo3.1-fast', prompt: 'p'.repeat(2001) },
        { status: 404, error: { code: 404, message: 'Specified model not found', type: 'not_found_error', param: 'model', fallback_suggestion: 'veo3.1-pro' } },
      ],
      ['no model', { prompt: 'p' }, { status: 400, error: { code: 400, message: 'model is required', type: 'invalid_request_error', param: 'model' } }],
      [
        'no prompt',
        { model: 'veo3.1-pro' },
        { status: 400, error: { code: 400, message: 'prompt is required', type: 'invalid_request_error', param: 'prompt' } },
      ],
      [
        'a prompt over 2000 characters',
        { ...base, prompt: 'p'.repeat(2001) },
        { status: 400, error: { code: 400, message: 'Prompt must be at most 2000 characters', type: 'invalid_request_error', param: 'prompt' } },
      ],
      [
        'three images',
        { ...base, image_urls: ['https://e.com/1.jpg', 'https://e.com/2.jpg', 'https://e.com/3.jpg'] },
        { status: 400, error: { code: 400, message: 'At most 2 images are supported', type: 'invalid_request_error', param: 'image_urls' } },
      ],
      [
        'images on a TEXT task',
        { ...base, generation_type: 'TEXT', image_urls: ['https://e.com/1.jpg'] },
        { status: 400, error: { code: 400, type: 'invalid_request_error', param: 'image_urls' } },
      ],
      [
        'FIRST&LAST without images',
        { ...base, generation_type: 'FIRST&LAST' },
        { status: 400, error: { code: 400, message: 'image_urls is required', type: 'invalid_request_error', param: 'image_urls' } },
      ],
      ["KIE's Auto spelling", { ...base, aspect_ratio: 'Auto' }, { status: 400, error: { code: 400, type: 'invalid_request_error', param: 'aspect_ratio' } }],
      ['an unknown quality', { ...base, quality: '8k' }, { status: 400, error: { code: 400, type: 'invalid_request_error', param: 'quality' } }],
      [
        'a callback that is not a URL',
        { ...base, callback_url: 'not a url' },
        { status: 400, error: { code: 400, type: 'invalid_request_error', param: 'callback_url' } },
      ],
      [
        'enhance_prompt as a string',
        { ...base, enhance_prompt: 'yes' },
        { status: 400, error: { code: 400, type: 'invalid_request_error', param: 'enhance_prompt' } },
      ],
      ['a JSON array body', [base], { status: 400, error: { code: 400, type: 'invalid_request_error' } }],
    ]
    for (const [name, body, want] of cases) {
      const reply = await call('POST', SUBMIT, { body })
      expect(reply.status, name).toBe(want.status)
      expect(reply.body.error, name).toMatchObject(want.error)
      expectOdkkkJson(reply)
    }
    const empty = await call('POST', SUBMIT, { headers: { 'content-type': 'application/json' } })
    expect(empty.status).toBe(400)
    expectOdkkkJson(empty)
    const unknown = await call('POST', SUBMIT, { body: base, headers: { 'x-veomock-scenario': 'explode' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error).toMatchObject({ code: 400, type: 'invalid_request_error', param: 'x-veomock-scenario' })
    const journal = await mock.admin.requests({ vendor: 'odkkk' })
    expect(journal.filter((e) => e.valid === false).length).toBeGreaterThanOrEqual(cases.length)
    expect(await mock.admin.tasks({ vendor: 'odkkk' })).toEqual([])
  })

  it('accepts every documented request shape', async () => {
    const bodies = [
      { model: 'veo3.1-pro', prompt: 'A cat playing piano' },
      {
        model: 'veo3.1-pro',
        prompt: 'The camera pulls back',
        aspect_ratio: 'auto',
        image_urls: ['http://example.com/image1.jpg'],
        generation_type: 'FIRST&LAST',
      },
      {
        model: 'veo3.1-pro',
        prompt: 'Day to night',
        aspect_ratio: '9:16',
        image_urls: ['https://example.com/first.png', 'https://example.com/last.webp'],
        generation_type: 'FIRST&LAST',
        quality: '4k',
      },
      { model: 'veo3.1-pro', prompt: 'p', generation_type: 'TEXT', enhance_prompt: false, quality: '1080p', unknown_field: 1 },
    ]
    for (const body of bodies) expect((await call('POST', SUBMIT, { body })).status).toBe(200)
  })

  it('answers host-absolute task paths without the vendor prefix (base URL carries /apiv1, notes §1)', async () => {
    const { reply } = await submitWith('success', 'header')
    const response = await fetch(`${mock.url}/v1/tasks/${reply.body.id}`, { headers: { authorization: `Bearer ${KEY}` } })
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ id: reply.body.id, status: 'pending' })
  })
})

describe('credits and limits', () => {
  it('charges credits per call, by quality, and answers 402 when the balance runs out', async () => {
    await mock.admin.setCredits(KEY, 0)
    const broke = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p' } })
    expect(broke.status).toBe(402)
    expect(broke.body).toEqual({ error: REJECTIONS.insufficient_credits!.error })

    await mock.admin.setCredits(KEY, 100)
    const fourK = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p', quality: '4k' } })
    expect(fourK.body.usage).toEqual({ billing_rule: 'per_call', credits_reserved: 38.55, user_group: 'default' })
    expect((await mock.admin.credits(KEY, 'odkkk')).credits).toBe(61.45)
    const hd = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p', quality: '1080p' } })
    expect(hd.body.usage.credits_reserved).toBe(25.7)
    const sd = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p' } })
    expect(sd.body.usage.credits_reserved).toBe(25.7)
    expect((await mock.admin.credits(KEY, 'odkkk')).credits).toBe(10.05)
    const short = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'p' } })
    expect(short.status).toBe(402)
    expect(short.body.error.type).toBe('insufficient_quota_error')
    expect((await mock.admin.credits(KEY, 'odkkk')).credits).toBe(10.05)
    expect(await mock.admin.tasks({ vendor: 'odkkk' })).toHaveLength(3)
  })

  it('starts a new key with 1000 credits (INFER) and enforces no rate limit, since none is documented', async () => {
    const key = 'sk-odkkk-fresh'
    for (let i = 0; i < 38; i++) {
      const reply = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: `clip ${i}` }, key })
      expect(reply.status).toBe(200)
    }
    expect((await mock.admin.credits(key, 'odkkk')).credits).toBeCloseTo(1000 - 38 * 25.7, 6)
    const over = await call('POST', SUBMIT, { body: { model: 'veo3.1-pro', prompt: 'one more' }, key })
    expect(over.status).toBe(402)
  })
})
