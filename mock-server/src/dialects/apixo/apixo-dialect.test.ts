// The Apixo dialect over real HTTP, as a client (and a CI job) sees it: every scenario of contract
// §3 chosen four ways, the states as the virtual clock advances, completion callbacks and their
// retries, result files and their expiry, bad input, the rate limit and the balance. The server runs
// in --strict mode, so every response and callback is also checked against specs/apixo.openapi.yaml.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { restoreDefaultOptions } from '../../test-support/default-options.js'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_VIRTUAL_START } from '../../core/clock.js'
import { DUPLICATE_CALLBACK_GAP_MS } from '../../core/callback-plan.js'
import { createMockServer, startMockServer, type RunningMockServer } from '../../server.js'
import { acceptGenerate } from './generate-task.js'
import { keyFingerprint } from '../../core/ids.js'

const KEY = 'apixo-test-key'
const OTHER_KEY = 'apixo-other-key'
const GENERATE = '/api/v1/generateTask/veo-3-1'
const STATUS = '/api/v1/statusTask/veo-3-1'
const EXTEND = '/api/v1/generateTask/veo-3-1-extend'
const EXTEND_STATUS = '/api/v1/statusTask/veo-3-1-extend'
const BALANCE = '/api/v1/apikeys/current-balance'
const DAY = 24 * 60 * 60 * 1000
const HEX32 = /^[0-9a-f]{32}$/

interface Received {
  path: string
  headers: http.IncomingHttpHeaders
  body: unknown
}

let mock: RunningMockServer
let base: string
let receiver: http.Server
let receiverUrl: string
let received: Received[] = []
let receiverStatus = 200
const violations: string[] = []

// Options patched through the admin API survive a reset (specs/admin.openapi.yaml): put them back.
afterEach(() => restoreDefaultOptions(mock, 'apixo'))

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, vendors: ['apixo'], onViolation: (m) => violations.push(m) })
  base = mock.baseUrls.apixo
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) })
      res.statusCode = receiverStatus
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/apixo-callback`
})

beforeEach(async () => {
  await mock.admin.reset()
  received = []
  receiverStatus = 200
})

// --strict: no response and no callback of a test may violate the spec. The list is never
// cleared, so a late callback's violation fails the next test, or afterAll after the last one.
afterEach(() => {
  expect(violations).toEqual([])
})

afterAll(async () => {
  expect(violations).toEqual([])
  await mock.close()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
})

// ---------------------------------------------------------------------------------------------
// Helpers

interface Reply {
  status: number
  headers: Headers
  body: any
}

async function call(
  method: string,
  path: string,
  options: { body?: unknown; raw?: string; key?: string | null; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers }
  const key = options.key === undefined ? KEY : options.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  let payload: string | undefined = options.raw
  if (options.body !== undefined) payload = JSON.stringify(options.body)
  if (payload !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json'
  const response = await fetch(`${base}${path}`, { method, headers, body: payload })
  const text = await response.text()
  expect(response.headers.get('content-type') ?? '').toMatch(/application\/json/)
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined }
}

const textBody = (prompt = 'A red fox in snow', top: Record<string, unknown> = {}, input: Record<string, unknown> = {}) => ({
  request_type: 'async',
  ...top,
  input: { mode: 'fast', prompt, generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', ...input },
})
const callbackBody = (prompt = 'A red fox in snow', input: Record<string, unknown> = {}) =>
  textBody(prompt, { request_type: 'callback', callback_url: receiverUrl }, input)

async function submit(body: unknown = textBody(), options: { scenario?: string; key?: string | null; path?: string } = {}): Promise<Reply> {
  return call('POST', options.path ?? GENERATE, { body, key: options.key, headers: options.scenario ? { 'x-veomock-scenario': options.scenario } : {} })
}

async function submitOk(body: unknown = textBody(), options: { scenario?: string; key?: string; path?: string } = {}): Promise<string> {
  const reply = await submit(body, options)
  expect(reply.status).toBe(200)
  expect(reply.body).toEqual({ code: 200, message: 'success', data: { taskId: expect.stringMatching(HEX32) } })
  return reply.body.data.taskId as string
}

async function poll(taskId: string, options: { path?: string; key?: string } = {}): Promise<Reply> {
  return call('GET', `${options.path ?? STATUS}?taskId=${encodeURIComponent(taskId)}`, { key: options.key })
}

async function now(): Promise<number> {
  return (await mock.admin.clock()).now
}

/** Advances to the task's planned completion (plus `extra`), read from the admin API. */
async function advanceToCompletion(taskId: string, extra = 0): Promise<void> {
  const task = await mock.admin.task(taskId)
  const completesAt = task.timeline.completesAt
  if (completesAt === null || completesAt === undefined) throw new Error(`task ${taskId} never completes`)
  await mock.admin.advance(Math.max(0, completesAt - (await now())) + extra)
}

const fileUrl = (taskId: string) => `${base}/files/${taskId}/video.mp4`

// ---------------------------------------------------------------------------------------------

describe('a successful Apixo task', () => {
  it('goes pending → processing → success with a JSON-string resultJson, costTime and completeTime', async () => {
    const taskId = await submitOk()
    const createTime = DEFAULT_VIRTUAL_START

    expect((await poll(taskId)).body).toEqual({ code: 200, message: 'success', data: { taskId, state: 'pending', createTime } })
    expect((await mock.admin.task(taskId)).vendorState).toBe('pending')

    await mock.admin.advance(6_000)
    const processing = await poll(taskId)
    expect(processing.status).toBe(200)
    expect(processing.body).toEqual({ code: 200, message: 'success', data: { taskId, state: 'processing', createTime } })

    await mock.admin.advance(100_000)
    expect((await poll(taskId)).body.data.state).toBe('processing')

    await mock.admin.advance(40_000)
    const done = await poll(taskId)
    expect(done.status).toBe(200)
    const data = done.body.data
    expect(done.body).toEqual({
      code: 200,
      message: 'success',
      data: { taskId, state: 'success', resultJson: expect.any(String), costTime: expect.any(Number), createTime, completeTime: expect.any(Number) },
    })
    expect(JSON.parse(data.resultJson)).toEqual({ resultUrls: [fileUrl(taskId)] })
    expect(data.costTime).toBe(data.completeTime - createTime)
    // ~120 s on average (S001): 2–6 s pending plus 100–132 s processing.
    expect(data.costTime).toBeGreaterThanOrEqual(102_000)
    expect(data.costTime).toBeLessThanOrEqual(138_000)
    const admin = await mock.admin.task(taskId)
    expect(admin).toMatchObject({ state: 'succeeded', vendorState: 'success', scenario: 'success', scenarioSource: 'default', resultUrls: [fileUrl(taskId)] })
  })

  it('serves a real MP4 at its result URL until 24 hours after completion, then 410', async () => {
    const taskId = await submitOk()
    await advanceToCompletion(taskId)
    const { completeTime } = (await poll(taskId)).body.data
    const [url] = JSON.parse((await poll(taskId)).body.data.resultJson).resultUrls as string[]

    const video = await fetch(url as string)
    expect(video.status).toBe(200)
    expect(video.headers.get('content-type')).toBe('video/mp4')
    const bytes = Buffer.from(await video.arrayBuffer())
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')

    await mock.admin.advance(completeTime + DAY - (await now()))
    expect((await fetch(url as string)).status).toBe(200)
    await mock.admin.advance(1)
    expect((await fetch(url as string)).status).toBe(410)
  })

  it('sends no callback when request_type is async, even with a callback_url', async () => {
    const taskId = await submitOk(textBody('p', { request_type: 'async', callback_url: receiverUrl }))
    await advanceToCompletion(taskId, 10 * 60_000)
    expect(received).toEqual([])
    expect(await mock.admin.callbacks({ taskId })).toEqual([])
  })

  it('treats a missing request_type as async (S003) and still generates', async () => {
    const taskId = await submitOk({ callback_url: receiverUrl, input: { mode: 'quality', prompt: 'A red fox in snow' } })
    await advanceToCompletion(taskId, 1)
    expect((await poll(taskId)).body.data.state).toBe('success')
    expect(received).toEqual([])
  })

  it('POSTs the status envelope to callback_url once, on completion, with no signature header', async () => {
    const taskId = await submitOk(callbackBody())
    await mock.admin.advance(60_000)
    expect(received).toEqual([])
    await advanceToCompletion(taskId)
    const status = (await poll(taskId)).body
    expect(received).toHaveLength(1)
    const [delivery] = received
    expect(delivery?.path).toBe('/apixo-callback')
    expect(delivery?.headers['content-type']).toBe('application/json')
    expect(Object.keys(delivery?.headers ?? {}).filter((h) => /signature|hmac|timestamp/i.test(h))).toEqual([])
    expect(delivery?.body).toEqual(status)
    expect(delivery?.body).toEqual({
      code: 200,
      message: 'success',
      data: {
        taskId,
        state: 'success',
        resultJson: JSON.stringify({ resultUrls: [fileUrl(taskId)] }),
        costTime: expect.any(Number),
        createTime: DEFAULT_VIRTUAL_START,
        completeTime: expect.any(Number),
      },
    })
    const attempts = await mock.admin.callbacks({ taskId })
    expect(attempts).toEqual([
      expect.objectContaining({ attempt: 1, at: status.data.completeTime, status: 200, delivered: true, nextAttemptAt: null, url: receiverUrl }),
    ])
  })
})

// ---------------------------------------------------------------------------------------------

const FAILURES = [
  ['content_violation', { failCode: 'CONTENT_VIOLATION', failMsg: 'Content does not meet safety guidelines' }],
  ['invalid_image', { failCode: 'INVALID_IMAGE_URL', failMsg: 'Cannot access provided image URL' }],
  ['generation_failed', { failCode: 'GENERATION_FAILED', failMsg: 'Generation failed' }],
] as const

describe('task scenarios chosen with the x-veomock-scenario header', () => {
  it.each(FAILURES)('%s: accepted, processing, then state failed with its failCode on poll and callback (A-WH form)', async (scenario, reason) => {
    const taskId = await submitOk(callbackBody(), { scenario })
    await mock.admin.advance(7_000)
    expect((await poll(taskId)).body.data.state).toBe('processing')
    await advanceToCompletion(taskId)
    const failed = await poll(taskId)
    // A found task is HTTP 200 / code 200 even when it failed (A-ST).
    expect(failed.status).toBe(200)
    const completeTime = failed.body.data.completeTime as number
    expect(failed.body).toEqual({
      code: 200,
      message: 'success',
      data: { taskId, state: 'failed', ...reason, createTime: DEFAULT_VIRTUAL_START, completeTime },
    })
    expect(received.map((r) => r.body)).toEqual([
      { code: 200, message: 'success', data: { taskId, state: 'failed', ...reason, createTime: DEFAULT_VIRTUAL_START, completeTime } },
    ])
    expect(await mock.admin.task(taskId)).toMatchObject({ scenario, scenarioSource: 'header', state: 'failed', vendorState: 'failed', failure: scenario })
    expect((await fetch(fileUrl(taskId))).status).toBe(404)
  })

  it('content_violation with failureCallbackForm code400 sends S001’s failure callback: code 400, message failed, with costTime', async () => {
    await mock.admin.patchOptions({ apixo: { failureCallbackForm: 'code400' } })
    const taskId = await submitOk(callbackBody(), { scenario: 'content_violation' })
    await advanceToCompletion(taskId)
    const { completeTime } = (await poll(taskId)).body.data
    expect(received.map((r) => r.body)).toEqual([
      {
        code: 400,
        message: 'failed',
        data: {
          taskId,
          state: 'failed',
          failCode: 'CONTENT_VIOLATION',
          failMsg: 'Content does not meet safety guidelines',
          createTime: DEFAULT_VIRTUAL_START,
          completeTime,
          costTime: completeTime - DEFAULT_VIRTUAL_START,
        },
      },
    ])
    // The status endpoint does not change with the option.
    expect((await poll(taskId)).body.code).toBe(200)
  })

  it('slow: like success but ten times as long', async () => {
    const taskId = await submitOk(callbackBody(), { scenario: 'slow' })
    await mock.admin.advance(140_000)
    expect((await poll(taskId)).body.data.state).toBe('processing')
    await advanceToCompletion(taskId)
    const { data } = (await poll(taskId)).body
    expect(data.state).toBe('success')
    expect(data.costTime).toBeGreaterThanOrEqual(1_020_000)
    expect(data.costTime).toBeLessThanOrEqual(1_380_000)
    expect(received).toHaveLength(1)
  })

  it('stuck: processing forever, no callback after a whole day', async () => {
    const taskId = await submitOk(callbackBody(), { scenario: 'stuck' })
    await mock.admin.advance(DAY)
    expect((await poll(taskId)).body).toEqual({ code: 200, message: 'success', data: { taskId, state: 'processing', createTime: DEFAULT_VIRTUAL_START } })
    expect(received).toEqual([])
    expect(await mock.admin.callbacks({ taskId })).toEqual([])
    expect((await mock.admin.task(taskId)).vendorState).toBe('processing')
  })

  it('flaky_poll: the first two polls answer HTTP 500 in the envelope, later ones the task', async () => {
    const taskId = await submitOk(textBody(), { scenario: 'flaky_poll' })
    for (let i = 0; i < 2; i++) {
      const flaky = await poll(taskId)
      expect(flaky.status).toBe(500)
      expect(flaky.body).toEqual({ code: 500, message: 'Internal server error' })
    }
    expect((await poll(taskId)).body.data.state).toBe('pending')
    await advanceToCompletion(taskId)
    expect((await poll(taskId)).body.data.state).toBe('success')
  })

  it('duplicate_callback: the same success callback is POSTed twice', async () => {
    const taskId = await submitOk(callbackBody(), { scenario: 'duplicate_callback' })
    await advanceToCompletion(taskId, 5_000)
    expect(received).toHaveLength(2)
    expect(received[0]?.body).toEqual(received[1]?.body)
    expect(received[0]?.body).toMatchObject({ code: 200, message: 'success', data: { taskId, state: 'success' } })
    const attempts = await mock.admin.callbacks({ taskId })
    expect(attempts.map((a) => a.delivered)).toEqual([true, true])
    expect(attempts.map((a) => a.kind)).toEqual(['genuine', 'duplicate'])
    expect((attempts[1]?.at ?? 0) - (attempts[0]?.at ?? 0)).toBe(DUPLICATE_CALLBACK_GAP_MS)
  })

  it('success: the header decides and no callback is sent without request_type callback', async () => {
    const taskId = await submitOk(textBody(), { scenario: 'success' })
    await advanceToCompletion(taskId)
    expect((await poll(taskId)).body.data.state).toBe('success')
    expect(await mock.admin.task(taskId)).toMatchObject({ scenario: 'success', scenarioSource: 'header' })
  })
})

const REJECTIONS = [
  ['unauthorized', 401, { code: 401, message: 'Invalid or missing API key' }],
  ['insufficient_credits', 402, { code: 402, message: 'Insufficient balance' }],
  ['rate_limited', 429, { code: 429, message: 'Rate limit exceeded' }],
  ['server_error', 500, { code: 500, message: 'Internal server error' }],
  ['maintenance', 503, { code: 503, message: 'Service unavailable' }],
  ['upstream_error', 503, { code: 503, message: 'Model unavailable', data: { error: 'MODEL_UNAVAILABLE' } }],
] as const

describe('submit rejections chosen with the x-veomock-scenario header', () => {
  it.each(REJECTIONS)('%s: HTTP %i with the body code equal to the status', async (scenario, status, body) => {
    for (const path of [GENERATE, EXTEND]) {
      const reply = await submit(path === GENERATE ? callbackBody() : { input: { taskId: 'f'.repeat(32), prompt: 'more' } }, { scenario, path })
      expect(reply.status).toBe(status)
      expect(reply.body).toEqual(body)
      // Apixo documents no Retry-After header (S003).
      expect(reply.headers.get('retry-after')).toBeNull()
    }
    expect(await mock.admin.tasks()).toEqual([])
    expect(await mock.admin.callbacks()).toEqual([])
    // The balance is not charged for a rejected submit.
    expect((await call('GET', BALANCE)).body.data).toBe(100)
  })
})

const ALL_SCENARIOS = ['success', 'slow', 'stuck', ...FAILURES.map(([s]) => s), ...REJECTIONS.map(([s]) => s), 'flaky_poll', 'duplicate_callback'] as const

describe('every scenario chosen the other three ways', () => {
  const expectChosen = async (scenario: (typeof ALL_SCENARIOS)[number], reply: Reply, source: string) => {
    const rejection = REJECTIONS.find(([s]) => s === scenario)
    if (rejection) {
      expect(reply.status).toBe(rejection[1])
      expect(reply.body).toEqual(rejection[2])
      expect(await mock.admin.tasks()).toEqual([])
      const [journal] = await mock.admin.requests({ vendor: 'apixo' }).then((r) => r.filter((e) => e.method === 'POST'))
      // On a submit the key veomock:unauthorized is a scenario like the others (docs/contract.md §3).
      expect(journal?.scenario).toBe(scenario)
      return
    }
    expect(reply.status).toBe(200)
    expect(await mock.admin.task(reply.body.data.taskId)).toMatchObject({ scenario, scenarioSource: source })
  }

  it.each(ALL_SCENARIOS)('%s through an admin rule for the next apixo submit', async (scenario) => {
    await mock.admin.addScenario({ scenario, match: { vendor: 'apixo' }, times: 1 })
    await expectChosen(scenario, await submit(textBody()), 'rule')
    // The rule is used up: the next submit is a plain success.
    const next = await submitOk()
    expect((await mock.admin.task(next)).scenario).toBe('success')
  })

  it.each(ALL_SCENARIOS)('%s through a [veomock:%s] prompt token, which is never echoed back', async (scenario) => {
    const reply = await submit(callbackBody(`A red fox in snow [veomock:${scenario}]`))
    await expectChosen(scenario, reply, 'prompt')
    if (reply.status !== 200) return
    const taskId = reply.body.data.taskId as string
    await mock.admin.advance(DAY)
    const seen = JSON.stringify([
      reply.body,
      (await poll(taskId)).body,
      (await poll(taskId)).body,
      received.map((r) => r.body),
      (await mock.admin.task(taskId)).request,
    ])
    expect(seen).not.toContain('[veomock:')
    expect((await mock.admin.task(taskId)).request).toMatchObject({ input: { prompt: 'A red fox in snow' } })
  })

  it.each(ALL_SCENARIOS)('%s through the API key veomock:%s', async (scenario) => {
    await expectChosen(scenario, await submit(textBody(), { key: `veomock:${scenario}` }), 'apiKey')
  })

  it('the key veomock:unauthorized is refused on every endpoint, polls and balance included', async () => {
    const taskId = await submitOk()
    for (const [method, path] of [
      ['GET', `${STATUS}?taskId=${taskId}`],
      ['GET', BALANCE],
      ['POST', EXTEND],
    ] as const) {
      const reply = await call(method, path, { key: 'veomock:unauthorized', ...(method === 'POST' ? { body: { input: { taskId } } } : {}) })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual({ code: 401, message: 'Invalid or missing API key' })
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('callback retries (A-WH: answer 200 within 30 s, up to 3 retries)', () => {
  it('retries a receiver that answers 500 after 30 s, 60 s and 120 s, then gives up: 1 + 3 attempts', async () => {
    receiverStatus = 500
    const taskId = await submitOk(callbackBody())
    await advanceToCompletion(taskId, 10 * 60_000)
    const attempts = await mock.admin.callbacks({ taskId })
    expect(attempts).toHaveLength(4)
    const first = attempts[0]?.at ?? 0
    expect(attempts.map((a) => a.at - first)).toEqual([0, 30_000, 90_000, 210_000])
    expect(attempts.map((a) => [a.attempt, a.status, a.delivered])).toEqual([
      [1, 500, false],
      [2, 500, false],
      [3, 500, false],
      [4, 500, false],
    ])
    expect(attempts.map((a) => a.nextAttemptAt)).toEqual([first + 30_000, first + 90_000, first + 210_000, null])
    expect(received).toHaveLength(4)
    // Every attempt carries the same settled payload.
    expect(new Set(received.map((r) => JSON.stringify(r.body))).size).toBe(1)
  })

  it('counts only HTTP 200 as delivered: a 204 is retried, and a later 200 stops the retries', async () => {
    receiverStatus = 204
    const taskId = await submitOk(callbackBody())
    await advanceToCompletion(taskId)
    receiverStatus = 200
    await mock.admin.advance(10 * 60_000)
    const attempts = await mock.admin.callbacks({ taskId })
    expect(attempts.map((a) => [a.status, a.delivered])).toEqual([
      [204, false],
      [200, true],
    ])
  })
})

// ---------------------------------------------------------------------------------------------

describe('extend (veo-3-1-extend)', () => {
  async function finishedSource(key = KEY): Promise<string> {
    const source = await submitOk(textBody(), { key })
    await advanceToCompletion(source)
    return source
  }

  it('extends a finished veo-3-1 task through pending → processing → success on its own status endpoint', async () => {
    const source = await finishedSource()
    const taskId = await submitOk(
      { request_type: 'callback', callback_url: receiverUrl, input: { taskId: source, prompt: 'The camera pulls back' } },
      { path: EXTEND },
    )
    expect((await poll(taskId, { path: EXTEND_STATUS })).body.data.state).toBe('pending')
    await mock.admin.advance(7_000)
    expect((await poll(taskId, { path: EXTEND_STATUS })).body.data.state).toBe('processing')
    await advanceToCompletion(taskId)
    const done = (await poll(taskId, { path: EXTEND_STATUS })).body
    expect(done.data).toMatchObject({ taskId, state: 'success' })
    expect(JSON.parse(done.data.resultJson)).toEqual({ resultUrls: [fileUrl(taskId)] })
    expect(received.map((r) => r.body)).toEqual([done])
    expect(await mock.admin.task(taskId)).toMatchObject({ operation: 'extend', parentId: source })
  })

  it('keeps each model’s tasks to its own status endpoint: the other one answers 404 Task not found', async () => {
    const source = await finishedSource()
    const extend = await submitOk({ input: { taskId: source, prompt: 'More' } }, { path: EXTEND })
    for (const [id, path] of [
      [source, EXTEND_STATUS],
      [extend, STATUS],
    ] as const) {
      const reply = await poll(id, { path })
      expect(reply.status).toBe(404)
      expect(reply.body).toEqual({ code: 404, message: 'Task not found' })
    }
  })

  it.each([
    ['an unknown task id', async () => 'task_12345678'],
    ['a veo-3-1 task that is still processing', async () => submitOk()],
    [
      'a veo-3-1 task that failed',
      async () => {
        const id = await submitOk(textBody(), { scenario: 'content_violation' })
        await advanceToCompletion(id)
        return id
      },
    ],
    ['another key’s finished task', async () => finishedSource(OTHER_KEY)],
    [
      'an extend task (not veo-3-1)',
      async () => {
        const source = await finishedSource()
        const id = await submitOk({ input: { taskId: source, prompt: 'More' } }, { path: EXTEND })
        await advanceToCompletion(id)
        return id
      },
    ],
    [
      'a finished task whose result expired (24 h)',
      async () => {
        const id = await finishedSource()
        await mock.admin.advance(DAY + 1)
        return id
      },
    ],
  ])('accepts an extend of %s, which later fails with TASKID_ERROR', async (_name, source) => {
    const sourceId = await source()
    const taskId = await submitOk({ request_type: 'callback', callback_url: receiverUrl, input: { taskId: sourceId, prompt: 'More' } }, { path: EXTEND })
    expect((await poll(taskId, { path: EXTEND_STATUS })).body.data.state).toBe('pending')
    await advanceToCompletion(taskId)
    const failed = await poll(taskId, { path: EXTEND_STATUS })
    expect(failed.status).toBe(200)
    expect(failed.body).toEqual({
      code: 200,
      message: 'success',
      data: {
        taskId,
        state: 'failed',
        failCode: 'TASKID_ERROR',
        failMsg: 'Invalid or expired source taskId',
        createTime: expect.any(Number),
        completeTime: expect.any(Number),
      },
    })
    expect(received.map((r) => r.body)).toEqual([failed.body])
    expect(await mock.admin.task(taskId)).toMatchObject({ vendorState: 'failed', parentId: null })
  })
})

// ---------------------------------------------------------------------------------------------

describe('request forms of both doc generations', () => {
  it.each([
    [
      'g001 with enableTranslation, watermark and seed',
      textBody('p', {}, { enableTranslation: false, watermark: 'My Brand', seed: 42 }),
      { generationType: 'TEXT_2_VIDEO', mode: 'fast' },
    ],
    [
      'g003 minimal: no request_type, generationType or aspect_ratio',
      { input: { mode: 'quality', prompt: 'A red fox' } },
      { generationType: 'TEXT_2_VIDEO', mode: 'quality', aspectRatio: '16:9', requestType: 'async' },
    ],
    ['g003 with provider value', textBody('p', { provider: 'value' }), { generationType: 'TEXT_2_VIDEO' }],
    [
      'a public client with provider official and a source tag',
      textBody('p', { provider: 'official', source: 'apixo-mcp-server' }),
      { generationType: 'TEXT_2_VIDEO' },
    ],
    [
      'two images without generationType: first and last frames inferred',
      { input: { mode: 'quality', prompt: 'p', image_urls: ['https://e.com/a.jpg', 'https://e.com/b.png'] } },
      { generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO' },
    ],
    [
      'three images without generationType in fast 16:9: reference inferred',
      { input: { mode: 'fast', prompt: 'p', image_urls: ['https://e.com/a.jpg', 'https://e.com/b.png', 'https://e.com/c.webp'] } },
      { generationType: 'REFERENCE_2_VIDEO' },
    ],
  ])('accepts %s', async (_name, body, wire) => {
    await submitOk(body)
    // The inferred type is not on Apixo's wire; the dialect's pure accept function decides it.
    const intent = acceptGenerate(body as Parameters<typeof acceptGenerate>[0])
    expect('wire' in intent ? intent.wire : intent).toMatchObject(wire)
  })
})

describe('spec-invalid and semantically invalid submits answer 400 with data.error naming the field', () => {
  it.each([
    ['a missing input.prompt (A-EC’s example)', GENERATE, { request_type: 'async', input: { mode: 'fast' } }, 'Missing required field: input.prompt'],
    ['a missing input', GENERATE, { request_type: 'async' }, 'Missing required field: input'],
    ['a missing input.mode', GENERATE, { input: { prompt: 'p' } }, 'Missing required field: input.mode'],
    ['request_type callback without callback_url (S003)', GENERATE, textBody('p', { request_type: 'callback' }), 'Missing required field: callback_url'],
    [
      'REFERENCE_2_VIDEO in quality mode (S001, S003)',
      GENERATE,
      textBody('p', {}, { mode: 'quality', generationType: 'REFERENCE_2_VIDEO', image_urls: ['https://e.com/a.jpg'] }),
      /^input\.mode must be equal to constant/,
    ],
    [
      'REFERENCE_2_VIDEO at 9:16',
      GENERATE,
      textBody('p', {}, { generationType: 'REFERENCE_2_VIDEO', aspect_ratio: '9:16', image_urls: ['https://e.com/a.jpg'] }),
      /^input\.aspect_ratio must be equal to constant/,
    ],
    [
      'three inferred reference images in quality mode',
      GENERATE,
      { input: { mode: 'quality', prompt: 'p', image_urls: ['https://e.com/a.jpg', 'https://e.com/b.jpg', 'https://e.com/c.jpg'] } },
      'REFERENCE_2_VIDEO only supports fast mode and aspect_ratio 16:9',
    ],
    ['TEXT_2_VIDEO with an image', GENERATE, textBody('p', {}, { image_urls: ['https://e.com/a.jpg'] }), /^input\.image_urls must NOT have more than 0 items/],
    ['mode lite (no Apixo lite tier)', GENERATE, textBody('p', {}, { mode: 'lite' }), /^input\.mode must be equal to one of the allowed values/],
    ['a prompt of 10,001 characters', GENERATE, textBody('a'.repeat(10_001)), 'input.prompt must NOT have more than 10000 characters'],
    ['an empty prompt', GENERATE, textBody(''), 'input.prompt must NOT have fewer than 1 characters'],
    ['an unknown provider', GENERATE, textBody('p', { provider: 'cheapest' }), /^provider must be equal to one of the allowed values/],
    [
      'aspect_ratio Auto (KIE’s spelling)',
      GENERATE,
      textBody('p', {}, { aspect_ratio: 'Auto' }),
      /^input\.aspect_ratio must be equal to one of the allowed values/,
    ],
    [
      'a callback_url that is not a URI',
      GENERATE,
      textBody('p', { request_type: 'callback', callback_url: 'not a url' }),
      /^callback_url must match format "uri"/,
    ],
    ['a non-integer seed', GENERATE, textBody('p', {}, { seed: 1.5 }), 'input.seed must be integer'],
    ['an extend without input.taskId', EXTEND, { input: { prompt: 'More' } }, 'Missing required field: input.taskId'],
    ['an extend in mode lite', EXTEND, { input: { taskId: 't', mode: 'lite' } }, /^input\.mode must be equal to one of the allowed values/],
    ['a JSON body that is not an object', GENERATE, [1, 2], 'Request body must be a JSON object'],
  ])('%s', async (_name, path, body, error) => {
    const reply = await submit(body, { path })
    expect(reply.status).toBe(400)
    expect(reply.body).toEqual({ code: 400, message: 'Invalid request', data: { error: typeof error === 'string' ? error : expect.stringMatching(error) } })
    expect(await mock.admin.tasks()).toEqual([])
  })

  it('records the request as invalid in the journal', async () => {
    await submit({ input: { mode: 'fast' } })
    const [entry] = await mock.admin.requests({ vendor: 'apixo' })
    expect(entry).toMatchObject({ status: 400, valid: false, route: GENERATE })
  })

  it('answers an unknown scenario name with a 400 that names it', async () => {
    const reply = await submit(textBody(), { scenario: 'exploding' })
    expect(reply.status).toBe(400)
    expect(reply.body).toEqual({ code: 400, message: 'Invalid request', data: { error: expect.stringContaining('Unknown veomock scenario "exploding"') } })
  })
})

describe('bad input is answered in Apixo’s envelope, never HTML, and the server keeps serving', () => {
  it.each([
    [
      'malformed JSON',
      () => call('POST', GENERATE, { raw: '{"input": {', headers: { 'content-type': 'application/json' } }),
      400,
      { code: 400, message: 'Invalid request', data: { error: expect.stringMatching(/not valid JSON/) } },
    ],
    [
      'a text/plain body',
      () => call('POST', GENERATE, { raw: 'make me a video', headers: { 'content-type': 'text/plain' } }),
      400,
      { code: 400, message: 'Invalid request', data: { error: expect.stringMatching(/Content-Type text\/plain/) } },
    ],
    [
      'a form-encoded body',
      () => call('POST', GENERATE, { raw: 'prompt=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      400,
      { code: 400, message: 'Invalid request', data: { error: expect.any(String) } },
    ],
    [
      'a body over 1 MB',
      () => call('POST', GENERATE, { body: textBody('x'.repeat(1024 * 1024 + 10)) }),
      413,
      { code: 413, message: 'Request body too large', data: { error: 'Request body exceeds 1 MB' } },
    ],
    [
      'an empty body',
      () => call('POST', GENERATE, { headers: { 'content-type': 'application/json' } }),
      400,
      { code: 400, message: 'Invalid request', data: { error: 'Request body must be a JSON object' } },
    ],
    [
      'an unknown path under the prefix',
      () => call('GET', '/api/v1/nothing-here'),
      404,
      { code: 404, message: 'Task or model not found', data: { error: expect.any(String) } },
    ],
    [
      'an unknown model',
      () => call('POST', '/api/v1/generateTask/veo-9', { body: textBody() }),
      404,
      { code: 404, message: 'Task or model not found', data: { error: expect.any(String) } },
    ],
    ['a missing taskId', () => call('GET', STATUS), 400, { code: 400, message: 'Invalid request', data: { error: 'Missing required field: taskId' } }],
    [
      'an empty taskId',
      () => call('GET', `${STATUS}?taskId=`),
      400,
      { code: 400, message: 'Invalid request', data: { error: 'taskId must NOT have fewer than 1 characters' } },
    ],
    ['a 10 kB taskId', () => call('GET', `${STATUS}?taskId=${'a'.repeat(10_000)}`), 404, { code: 404, message: 'Task not found' }],
    ['taskId=%00', () => call('GET', `${STATUS}?taskId=%00`), 404, { code: 404, message: 'Task not found' }],
    [
      'a taskId with odd characters',
      () => call('GET', `${EXTEND_STATUS}?taskId=${encodeURIComponent('../../etc/passwd"<>')}`),
      404,
      { code: 404, message: 'Task not found' },
    ],
    ['a repeated taskId', () => call('GET', `${STATUS}?taskId=a&taskId=b`), 404, { code: 404, message: 'Task not found' }],
    ['no Authorization header', () => call('POST', GENERATE, { body: textBody(), key: null }), 401, { code: 401, message: 'Invalid or missing API key' }],
    [
      'an empty bearer token',
      () => call('POST', GENERATE, { body: textBody(), key: null, headers: { authorization: 'Bearer ' } }),
      401,
      { code: 401, message: 'Invalid or missing API key' },
    ],
    [
      'a Basic credential',
      () => call('GET', BALANCE, { key: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } }),
      401,
      { code: 401, message: 'Invalid or missing API key' },
    ],
    ['no key on a poll', () => call('GET', `${STATUS}?taskId=abc`, { key: null }), 401, { code: 401, message: 'Invalid or missing API key' }],
  ])('%s', async (_name, send, status, body) => {
    const reply = await send()
    expect(reply.status).toBe(status)
    expect(reply.body).toEqual(body)
    await submitOk()
  })

  it.each([
    ['DELETE on generateTask', 'DELETE', GENERATE, 'POST'],
    ['GET on generateTask', 'GET', GENERATE, 'POST'],
    ['POST on statusTask', 'POST', STATUS, 'GET'],
    ['PUT on the balance', 'PUT', BALANCE, 'GET'],
  ])('%s: 405 with an Allow header', async (_name, method, path, allow) => {
    const reply = await call(method, path)
    expect(reply.status).toBe(405)
    expect(reply.headers.get('allow')).toBe(allow)
    expect(reply.body).toEqual({ code: 405, message: 'Method not allowed', data: { error: expect.stringContaining(allow) } })
    await submitOk()
  })
})

// ---------------------------------------------------------------------------------------------

describe('balance and prices (USD)', () => {
  it('starts a key at $100 and charges $0.2 fast, $1.5 quality, extends at the same prices', async () => {
    expect((await call('GET', BALANCE)).body).toEqual({ code: 200, message: 'success', data: 100 })
    const fast = await submitOk()
    expect((await call('GET', BALANCE)).body.data).toBe(99.8)
    await submitOk(textBody('p', {}, { mode: 'quality' }))
    expect((await call('GET', BALANCE)).body.data).toBe(98.3)
    await advanceToCompletion(fast)
    await submitOk({ input: { taskId: fast, prompt: 'More' } }, { path: EXTEND })
    expect((await call('GET', BALANCE)).body.data).toBe(98.1)
    await submitOk({ input: { taskId: fast, prompt: 'More', mode: 'quality' } }, { path: EXTEND })
    expect((await call('GET', BALANCE)).body.data).toBe(96.6)
    // Another key has its own balance.
    expect((await call('GET', BALANCE, { key: OTHER_KEY })).body.data).toBe(100)
  })

  it('answers 402 when the balance does not cover the price, and accepts again after a top-up', async () => {
    await mock.admin.setCredits(KEY, 0)
    expect((await call('GET', BALANCE)).body).toEqual({ code: 200, message: 'success', data: 0 })
    const reply = await submit()
    expect(reply.status).toBe(402)
    expect(reply.body).toEqual({ code: 402, message: 'Insufficient balance' })

    await mock.admin.setCredits(KEY, 1)
    const quality = await submit(textBody('p', {}, { mode: 'quality' }))
    expect(quality.status).toBe(402)
    await submitOk()
    expect((await call('GET', BALANCE)).body.data).toBe(0.8)
    expect(await mock.admin.tasks()).toHaveLength(1)
  })

  it('the key veomock:insufficient_credits is refused with 402', async () => {
    const reply = await submit(textBody(), { key: 'veomock:insufficient_credits' })
    expect(reply.status).toBe(402)
    expect(reply.body).toEqual({ code: 402, message: 'Insufficient balance' })
  })
})

describe('rate limit: 10000 submits per minute per key (S003)', () => {
  // 10001 submits through the same pipeline in-process (no sockets) to keep the test fast: a
  // server of its own, so its window is not shared with the rest of this file.
  it('refuses the 10001st submit in the window with 429 and accepts again once the window has passed', async () => {
    const local = createMockServer({ timeScale: 'manual', vendors: ['apixo'] })
    const call = (method: 'GET' | 'POST', path: string, key: string, query: Record<string, string> = {}) =>
      local.engine.handle({
        vendor: 'apixo',
        method,
        path,
        fullPath: `/apixo${path}`,
        query,
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        rawBody: method === 'POST' ? Buffer.from(JSON.stringify(textBody())) : undefined,
        bodyTooLarge: false,
      })
    // The same setup as POST /__admin/accounts: enough balance that only the rate limit refuses.
    local.engine.accounts.set(keyFingerprint(KEY), 1_000_000)
    let first: string | undefined
    for (let i = 0; i < 10_000; i++) {
      const response = call('POST', GENERATE, KEY)
      if (response.status !== 200) throw new Error(`submit ${i + 1} answered ${response.status}`)
      first ??= (JSON.parse(response.text ?? '{}') as { data?: { taskId?: string } }).data?.taskId
    }
    const limited = call('POST', GENERATE, KEY)
    expect(limited.status).toBe(429)
    expect(JSON.parse(limited.text ?? '')).toEqual({ code: 429, message: 'Rate limit exceeded' })
    expect(limited.headers?.['retry-after']).toBeUndefined()
    // Polls are not rate-limited, and another key has its own window.
    expect(call('GET', STATUS, KEY, { taskId: first ?? '' }).status).toBe(200)
    expect(call('POST', GENERATE, OTHER_KEY).status).toBe(200)
    await local.engine.clock.advance(60_000)
    expect(call('POST', GENERATE, OTHER_KEY).status).toBe(200)
    expect(call('POST', GENERATE, KEY).status).toBe(200)
  })
})
