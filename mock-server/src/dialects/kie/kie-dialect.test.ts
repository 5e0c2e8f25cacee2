// The KIE dialect over HTTP, as a client sees it: every contract §3 scenario chosen each of the four
// ways, the upgrade endpoints, callbacks with retries and signatures, bad input, rate limit and
// balance. The server runs in-process on a manual virtual clock with --strict validation, so every
// response and callback body is also checked against specs/kie.openapi.yaml.
import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { restoreDefaultOptions } from '../../test-support/default-options.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from '../../server.js'
import { type CallbackReceiver, startCallbackReceiver } from '../../test-support/callback-receiver.js'

const KEY = 'kie-test-key'
const PROMPT = 'a red fox in snow'
const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE
const HEX32 = /^[0-9a-f]{32}$/

const MSG = {
  unauthorized: 'You do not have access permissions',
  insufficient: 'Insufficient Credits - Account does not have enough credits to perform the operation',
  rateLimited: 'Rate Limited - Request limit has been exceeded for this resource',
  serverError: 'Server Error - An unexpected error occurred while processing the request',
  maintenance: 'Service Unavailable - System is currently undergoing maintenance',
  upstream: 'Upstream is currently experiencing service issues. No result has been returned for over 10 minutes.',
  contentPolicy: 'Your prompt was flagged by Website as violating content policies.',
  imageFetch: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.',
  generationFailed: 'Video generation task failed',
  processing1080: '1080P is processing. It should be ready in 1-2 minutes. Please check back shortly.',
  processing4k: '4k is processing. It should be ready in 5-10 minutes. Please check back shortly.',
  done4k: 'The video has been generated successfully',
}

// ---------------------------------------------------------------------------------------------
// A callback receiver and a small HTTP client

type Receiver = CallbackReceiver
const startReceiver = () => startCallbackReceiver('')

interface Answer {
  status: number
  headers: Headers
  text: string
  /** The parsed JSON body; `any` keeps field-by-field assertions readable. */
  json: any
}

interface CallOptions {
  body?: unknown
  raw?: string | Buffer
  key?: string | null
  headers?: Record<string, string>
}

let mock: RunningMockServer
let receiver: Receiver
let base: string

async function call(method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers }
  const key = opts.key === undefined ? KEY : opts.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  let body: string | Buffer | undefined = opts.raw
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['content-type'] ??= 'application/json'
  }
  const response = await fetch(`${base}${path}`, { method, headers, body })
  const text = await response.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

const generate = (body: Record<string, unknown>, opts: Omit<CallOptions, 'body'> = {}) => call('POST', '/api/v1/veo/generate', { ...opts, body })
const record = (taskId: string, opts: CallOptions = {}) => call('GET', `/api/v1/veo/record-info?taskId=${encodeURIComponent(taskId)}`, opts)
const advance = (ms: number) => mock.admin.advance(ms)
const advanceTo = async (at: number) => advance(at - (await mock.admin.clock()).now)
/** Moves the clock to the moment a task settles. */
const settle = async (id: string) => advanceTo((await mock.admin.task(id)).timeline.completesAt as number)
const hook = (name = 'hook') => `${receiver.url}/${name}`

/** Submits a plain success task with a callback and returns its id. */
async function submitted(body: Record<string, unknown> = {}, opts: Omit<CallOptions, 'body'> = {}): Promise<string> {
  const answer = await generate({ prompt: PROMPT, callBackUrl: hook(), ...body }, opts)
  expect(answer.json).toMatchObject({ code: 200, msg: 'success' })
  return answer.json.data.taskId as string
}

async function download(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(url)
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) }
}

function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
}

const violations: string[] = []

// Options patched through the admin API survive a reset (specs/admin.openapi.yaml): put them back.
afterEach(() => restoreDefaultOptions(mock, 'kie'))

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, vendors: ['kie'], onViolation: (m) => violations.push(m) })
  base = mock.baseUrls.kie
  receiver = await startReceiver()
})

afterEach(async () => {
  // Strict mode is checked after every test; the list is never cleared, so a late callback's
  // violation fails the next test, or afterAll after the last one.
  expect(violations).toEqual([])
  await mock.admin.reset()
  receiver.received.length = 0
  receiver.status = 200
})

afterAll(async () => {
  expect(violations).toEqual([])
  await mock.close()
  await receiver.close()
})

// ---------------------------------------------------------------------------------------------
// Contract §3 scenarios, each chosen by header, admin rule, prompt token and API key

type Via = 'header' | 'rule' | 'prompt' | 'apiKey'
const VIAS: Via[] = ['header', 'rule', 'prompt', 'apiKey']

const REJECTIONS: Record<string, { status: number; body: unknown }> = {
  unauthorized: { status: 200, body: { code: 401, msg: MSG.unauthorized } },
  insufficient_credits: { status: 200, body: { code: 402, msg: MSG.insufficient, data: null } },
  rate_limited: { status: 429, body: { code: 429, msg: MSG.rateLimited, data: null } },
  server_error: { status: 500, body: { code: 500, msg: MSG.serverError, data: null } },
  maintenance: { status: 200, body: { code: 455, msg: MSG.maintenance, data: null } },
  upstream_error: { status: 500, body: { code: 408, msg: MSG.upstream, data: null } },
}

const FAILURES: Record<string, { successFlag: number; errorCode: number; errorMessage: string }> = {
  content_violation: { successFlag: 2, errorCode: 400, errorMessage: MSG.contentPolicy },
  invalid_image: { successFlag: 2, errorCode: 400, errorMessage: MSG.imageFetch },
  generation_failed: { successFlag: 3, errorCode: 501, errorMessage: MSG.generationFailed },
}

const SUCCEEDING = ['success', 'slow', 'flaky_poll', 'duplicate_callback']
const SCENARIOS = [...SUCCEEDING, 'stuck', ...Object.keys(FAILURES), ...Object.keys(REJECTIONS)]

async function chosen(scenario: string, via: Via): Promise<{ prompt: string; opts: Omit<CallOptions, 'body'> }> {
  if (via === 'header') return { prompt: PROMPT, opts: { headers: { 'x-veomock-scenario': scenario } } }
  if (via === 'rule') {
    await mock.admin.addScenario({ scenario: scenario as never, match: { vendor: 'kie' }, times: 1 })
    return { prompt: PROMPT, opts: {} }
  }
  if (via === 'prompt') return { prompt: `${PROMPT} [veomock:${scenario}]`, opts: {} }
  return { prompt: PROMPT, opts: { key: `veomock:${scenario}` } }
}

describe.each(VIAS)('every scenario chosen by %s', (via) => {
  it.each(SCENARIOS)('%s renders as KIE documents it', async (scenario) => {
    const { prompt, opts } = await chosen(scenario, via)
    const pollOpts = { key: opts.key }
    const submit = await generate({ prompt, callBackUrl: hook() }, opts)
    expect(submit.headers.get('content-type')).toMatch(/^application\/json/)
    expect(submit.text).not.toContain('veomock')

    const rejection = REJECTIONS[scenario]
    if (rejection) {
      expect(submit.status).toBe(rejection.status)
      expect(submit.json).toStrictEqual(rejection.body)
      // No Retry-After: KIE documents none (K-GS; notes §9).
      expect(submit.headers.get('retry-after')).toBeNull()
      expect(await mock.admin.tasks({ vendor: 'kie' })).toEqual([])
      return
    }

    expect(submit.status).toBe(200)
    expect(submit.json).toStrictEqual({ code: 200, msg: 'success', data: { taskId: expect.stringMatching(HEX32) } })
    const id = submit.json.data.taskId as string
    const task = await mock.admin.task(id)
    expect(task).toMatchObject({ scenario, scenarioSource: via, state: 'queued', vendorState: '0' })

    if (scenario === 'flaky_poll') {
      for (let i = 0; i < 2; i++) {
        const flaky = await record(id, pollOpts)
        expect(flaky.status).toBe(500)
        expect(flaky.json).toStrictEqual({ code: 500, msg: MSG.serverError, data: null })
      }
    }
    const first = await record(id, pollOpts)
    expect(first.status).toBe(200)
    expect(first.json).toStrictEqual({
      code: 200,
      msg: 'success',
      data: {
        taskId: id,
        // The request echo, without the scenario token.
        paramJson: JSON.stringify({ prompt: PROMPT, callBackUrl: hook() }),
        completeTime: null,
        response: null,
        successFlag: 0,
        errorCode: null,
        errorMessage: null,
        createTime: '2026-01-01 00:00:00',
        fallbackFlag: false,
      },
    })

    // Generation takes 2–5 minutes (K-QS); slow takes ten times as long; stuck never ends.
    await advance(5 * MINUTE)
    if (scenario === 'slow' || scenario === 'stuck') {
      expect((await record(id, pollOpts)).json.data).toMatchObject({ successFlag: 0, response: null })
      expect(receiver.received).toEqual([])
      await advance(scenario === 'stuck' ? DAY : 45 * MINUTE)
    }
    const last = await record(id, pollOpts)
    const settled = await mock.admin.task(id)

    if (scenario === 'stuck') {
      expect(last.json.data).toMatchObject({ successFlag: 0, response: null, completeTime: null })
      expect(settled).toMatchObject({ state: 'running', vendorState: '0' })
      expect(receiver.received).toEqual([])
      expect(await mock.admin.callbacks({ taskId: id })).toEqual([])
      return
    }

    const completeTime = utc(settled.timeline.settledAt as number)
    const failure = FAILURES[scenario]
    if (failure) {
      expect(last.json).toStrictEqual({
        code: 200,
        msg: 'success',
        data: { ...first.json.data, completeTime, response: null, ...failure },
      })
      expect(settled.vendorState).toBe(String(failure.successFlag))
      expect(receiver.received).toHaveLength(1)
      expect(receiver.received[0]?.body).toStrictEqual({ code: failure.errorCode, msg: failure.errorMessage, data: { taskId: id, fallbackFlag: false } })
      return
    }

    const video = `${base}/files/${id}/video.mp4`
    expect(last.json).toStrictEqual({
      code: 200,
      msg: 'success',
      data: {
        ...first.json.data,
        completeTime,
        // No fullResultUrls on a plain generation (KIE's Chinese example, docs/vendors/kie.md §8.13).
        response: { taskId: id, resultUrls: [video], originUrls: null, resolution: '720p' },
        successFlag: 1,
        errorMessage: '',
      },
    })
    expect(settled.vendorState).toBe('1')

    const callback = {
      code: 200,
      msg: 'Veo3.1 video generated successfully.',
      data: {
        taskId: id,
        promptJson: JSON.stringify({
          aspectRatio: '16:9',
          callBackUrl: hook(),
          enableFallback: false,
          enableTranslation: true,
          model: 'veo3_fast',
          prompt: PROMPT,
        }),
        info: { resultUrls: [video], originUrls: null, resolution: '720p' },
        fallbackFlag: false,
      },
    }
    const deliveries = scenario === 'duplicate_callback' ? 2 : 1
    expect(receiver.received).toHaveLength(deliveries)
    for (const delivery of receiver.received) {
      expect(delivery.path).toBe('/hook')
      expect(delivery.headers['content-type']).toBe('application/json')
      expect(delivery.headers['x-webhook-signature']).toBeUndefined()
      expect(delivery.body).toStrictEqual(callback)
    }
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts.map((a) => [a.attempt, a.status, a.delivered])).toEqual(Array.from({ length: deliveries }, () => [1, 200, true]))

    const file = await download(video)
    expect(file.status).toBe(200)
    expect(file.type).toBe('video/mp4')
    expect(file.bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
  })
})

// ---------------------------------------------------------------------------------------------
// Timing

describe('timing on the virtual clock', () => {
  it('a generation takes 2–5 minutes and slow takes exactly ten times as long for the same seed', async () => {
    await submitted({}, { headers: { 'x-veomock-scenario': 'success' } })
    const [normal] = await mock.admin.tasks({ vendor: 'kie' })
    await mock.admin.reset()
    await submitted({}, { headers: { 'x-veomock-scenario': 'slow' } })
    const [slow] = await mock.admin.tasks({ vendor: 'kie' })
    const took = (t: typeof normal) => (t?.timeline.completesAt as number) - (t?.createdAt as number)
    expect(took(normal)).toBeGreaterThanOrEqual(2 * MINUTE)
    expect(took(normal)).toBeLessThanOrEqual(5 * MINUTE)
    expect(took(slow)).toBe(10 * took(normal))
  })

  it('the same requests after a reset get the same ids and bodies', async () => {
    const first = await submitted()
    await advance(5 * MINUTE)
    const body = (await record(first)).text
    await mock.admin.reset()
    const again = await submitted()
    await advance(5 * MINUTE)
    expect(again).toBe(first)
    expect((await record(again)).text).toBe(body)
  })

  it('result URLs serve a real MP4 for 14 days, then 410; record-info refuses the record with 422', async () => {
    const id = await submitted()
    await advance(5 * MINUTE)
    const { timeline } = await mock.admin.task(id)
    const video = `${base}/files/${id}/video.mp4`
    expect((await download(video)).bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
    await advanceTo((timeline.settledAt as number) + 14 * DAY)
    expect((await download(video)).status).toBe(200)
    await advance(1)
    expect((await download(video)).status).toBe(410)
    const old = await record(id)
    expect(old.status).toBe(200)
    expect(old.json).toStrictEqual({ code: 422, msg: 'Temporarily supports records within 14 days', data: null })
  })
})

// ---------------------------------------------------------------------------------------------
// Request forms

describe('generate request forms', () => {
  it('accepts aspectRatio, echoes 9:16 with originUrls, the requested resolution and waterMark', async () => {
    const id = await submitted({ aspectRatio: '9:16', resolution: '1080p', model: 'veo3', watermark: 'KieAI', seeds: 12345 })
    await advance(5 * MINUTE)
    const { data } = (await record(id)).json
    expect(JSON.parse(data.paramJson)).toStrictEqual({
      prompt: PROMPT,
      callBackUrl: hook(),
      aspectRatio: '9:16',
      resolution: '1080p',
      model: 'veo3',
      waterMark: 'KieAI',
      seeds: 12345,
    })
    expect(data.response).toStrictEqual({
      taskId: id,
      resultUrls: [`${base}/files/${id}/video.mp4`],
      originUrls: [`${base}/files/${id}/origin.mp4`],
      resolution: '1080p',
    })
    expect((await download(data.response.originUrls[0])).bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
    const callback = receiver.received[0]?.body as { data: { promptJson: string; info: unknown } }
    expect(JSON.parse(callback.data.promptJson)).toMatchObject({ aspectRatio: '9:16', model: 'veo3', resolution: '1080p', watermark: 'KieAI' })
    expect(callback.data.info).toStrictEqual({ resultUrls: data.response.resultUrls, originUrls: data.response.originUrls, resolution: '1080p' })
  })

  it('uses aspect_ratio when both spellings are sent (§8.2)', async () => {
    const id = await submitted({ aspect_ratio: '16:9', aspectRatio: '9:16' })
    await advance(5 * MINUTE)
    expect((await record(id)).json.data.response.originUrls).toBeNull()
    expect(JSON.parse((receiver.received[0]?.body as { data: { promptJson: string } }).data.promptJson).aspectRatio).toBe('16:9')
  })

  it('sends no callback when no callBackUrl is given', async () => {
    const answer = await generate({ prompt: PROMPT })
    await advance(5 * MINUTE)
    expect((await record(answer.json.data.taskId)).json.data.successFlag).toBe(1)
    expect(receiver.received).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Callbacks

describe('callbacks', () => {
  it('retries 3 times, 30 s, 60 s and 120 s apart, when the receiver does not answer 200 (K-CB; delays INFER)', async () => {
    receiver.status = 500
    const id = await submitted()
    await advance(5 * MINUTE + 4 * MINUTE)
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4])
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 500, 500])
    expect(attempts.every((a) => !a.delivered)).toBe(true)
    const at = attempts.map((a) => a.at)
    expect(at.slice(1).map((t, i) => t - (at[i] as number))).toEqual([30 * SECOND, 60 * SECOND, 120 * SECOND])
    expect(attempts[3]?.nextAttemptAt).toBeNull()
    await advance(DAY)
    expect(await mock.admin.callbacks({ taskId: id })).toHaveLength(4)
    expect(receiver.received).toHaveLength(4)
  })

  it('counts only HTTP 200 as delivered: a 204 is retried', async () => {
    receiver.status = 204
    const id = await submitted()
    await settle(id)
    await advance(30 * SECOND)
    expect((await mock.admin.callbacks({ taskId: id })).map((a) => [a.status, a.delivered])).toEqual([
      [204, false],
      [204, false],
    ])
  })

  it('signs every attempt with X-Webhook-Timestamp and X-Webhook-Signature when a webhookHmacKey is set (K-HMAC)', async () => {
    const key = 'kie-hmac-secret'
    await mock.admin.patchOptions({ kie: { webhookHmacKey: key } })
    expect((await mock.admin.options()).kie.webhookHmacKey).toBe('[redacted]')
    receiver.status = 500
    const id = await submitted({}, { headers: { 'x-veomock-scenario': 'duplicate_callback' } })
    await advance(5 * MINUTE + 30 * SECOND)
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(receiver.received.length).toBeGreaterThanOrEqual(3)
    expect(receiver.received).toHaveLength(attempts.length)
    receiver.received.forEach((delivery) => {
      const timestamp = delivery.headers['x-webhook-timestamp'] as string
      // The wall clock's time, not the virtual clock's (2026-01-01 here): a receiver's freshness check works (contract §5.2).
      expect(Math.abs(Number(timestamp) * 1000 - Date.now())).toBeLessThan(60_000)
      const expected = createHmac('sha256', key).update(`${id}.${timestamp}`).digest('base64')
      expect(delivery.headers['x-webhook-signature']).toBe(expected)
    })
    expect(attempts.slice(0, 2).map((a) => a.kind)).toEqual(['genuine', 'duplicate'])
    expect(JSON.stringify(attempts)).not.toContain(key)
  })

  it('adds data.task_id and a top-level taskId with callbackTaskIdFields (§8.12)', async () => {
    await mock.admin.patchOptions({ kie: { callbackTaskIdFields: true } })
    const id = await submitted({}, { headers: { 'x-veomock-scenario': 'content_violation' } })
    await advance(5 * MINUTE)
    expect(receiver.received[0]?.body).toStrictEqual({ code: 400, msg: MSG.contentPolicy, taskId: id, data: { taskId: id, fallbackFlag: false, task_id: id } })
  })
})

// ---------------------------------------------------------------------------------------------
// Extend, 1080P, 4K, download-url

describe('extend', () => {
  it('extends a finished generation: stitched fullResultUrls, segment resultUrls, extension callback', async () => {
    const parent = await submitted()
    await advance(5 * MINUTE)
    const answer = await call('POST', '/api/v1/veo/extend', { body: { taskId: parent, prompt: 'The fox keeps running', callBackUrl: hook('extend') } })
    expect(answer.status).toBe(200)
    expect(answer.json).toStrictEqual({ code: 200, msg: 'success', data: { taskId: expect.stringMatching(HEX32) } })
    const id = answer.json.data.taskId as string
    expect(await mock.admin.task(id)).toMatchObject({ operation: 'extend', parentId: parent })
    // Extension takes several to 10 minutes (K-EXT).
    await advance(2 * MINUTE)
    expect((await record(id)).json.data.successFlag).toBe(0)
    await advance(8 * MINUTE)
    const { data } = (await record(id)).json
    expect(data.paramJson).toBe(JSON.stringify({ taskId: parent, prompt: 'The fox keeps running', callBackUrl: hook('extend') }))
    expect(data.response).toStrictEqual({
      taskId: id,
      resultUrls: [`${base}/files/${id}/video.mp4`],
      originUrls: null,
      fullResultUrls: [`${base}/files/${id}/full.mp4`],
      resolution: '720p',
    })
    expect((await download(data.response.fullResultUrls[0])).bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
    const callback = receiver.received.find((r) => r.path === '/extend')?.body
    expect(callback).toStrictEqual({
      code: 200,
      msg: 'Veo3.1 video extension successful.',
      data: {
        taskId: id,
        promptJson: JSON.stringify({ callBackUrl: hook('extend'), model: 'fast', prompt: 'The fox keeps running', taskId: parent }),
        info: { resultUrls: [`${base}/files/${id}/video.mp4`], originUrls: null, resolution: '720p' },
        fallbackFlag: false,
      },
    })
  })

  it.each([
    ['an unknown task', async () => 'ffffffffffffffffffffffffffffffff'],
    ['a task still generating', async () => submitted()],
    [
      'a failed task',
      async () => submitted({}, { headers: { 'x-veomock-scenario': 'generation_failed' } }).then(async (id) => (await advance(5 * MINUTE), id)),
    ],
  ])('answers body 404 for %s', async (_name, parentOf) => {
    const parent = await parentOf()
    const answer = await call('POST', '/api/v1/veo/extend', { body: { taskId: parent, prompt: 'more' } })
    expect(answer.status).toBe(200)
    expect(answer.json).toStrictEqual({ code: 404, msg: 'Not Found - The original task does not exist', data: null })
  })
})

describe('get-1080p-video', () => {
  it('answers body 400 "1080P is processing" until 1–3 minutes after the video, then data.resultUrl', async () => {
    const id = await submitted()
    const get1080 = () => call('GET', `/api/v1/veo/get-1080p-video?taskId=${id}&index=0`)
    const processing = { code: 400, msg: MSG.processing1080, data: null }
    expect((await get1080()).json).toStrictEqual(processing)
    await settle(id)
    expect((await record(id)).json.data.successFlag).toBe(1)
    expect((await get1080()).json).toStrictEqual(processing)
    // Still processing just under a minute after completion.
    await advance(MINUTE - 1)
    expect((await get1080()).json).toStrictEqual(processing)
    await advance(2 * MINUTE + 1)
    const ready = await get1080()
    expect(ready.status).toBe(200)
    expect(ready.json).toStrictEqual({ code: 200, msg: 'success', data: { resultUrl: `${base}/files/${id}/video-1080p.mp4` } })
    expect((await download(ready.json.data.resultUrl)).bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
  })

  it('answers 422 record is null for an unknown task and record status is not success for a failed one', async () => {
    expect((await call('GET', '/api/v1/veo/get-1080p-video?taskId=nope')).json).toStrictEqual({ code: 422, msg: 'record is null', data: null })
    const failed = await submitted({}, { headers: { 'x-veomock-scenario': 'content_violation' } })
    await advance(5 * MINUTE)
    expect((await call('GET', `/api/v1/veo/get-1080p-video?taskId=${failed}`)).json).toStrictEqual({
      code: 422,
      msg: 'record status is not success',
      data: null,
    })
  })
})

describe('get-4k-video', () => {
  it('starts a 4K task on the first call, answers 422 processing then 422 done, and calls back in the K-4KCB shape', async () => {
    const parent = await submitted()
    await advance(5 * MINUTE)
    const request4k = () => call('POST', '/api/v1/veo/get-4k-video', { body: { taskId: parent, index: 0, callBackUrl: hook('4k') } })
    const first = await request4k()
    expect(first.status).toBe(200)
    expect(first.json).toStrictEqual({ code: 200, msg: 'success', data: { taskId: expect.stringMatching(HEX32), resultUrls: null, imageUrls: null } })
    const id = first.json.data.taskId as string
    expect(await mock.admin.task(id)).toMatchObject({ operation: 'upgrade-4k', parentId: parent })

    expect((await request4k()).json).toStrictEqual({ code: 422, msg: MSG.processing4k, data: { taskId: id, resultUrls: null, imageUrls: null } })
    expect((await record(id)).json.data).toMatchObject({ taskId: id, successFlag: 0, paramJson: JSON.stringify({ taskId: parent, index: 0 }) })

    // 4K takes 5–10 minutes (K-4K).
    await advance(4 * MINUTE)
    expect((await request4k()).json.msg).toBe(MSG.processing4k)
    await advance(6 * MINUTE)
    const video = `${base}/files/${id}/video-4k.mp4`
    const cover = `${base}/files/${id}/cover-4k.jpg`
    expect((await request4k()).json).toStrictEqual({ code: 422, msg: MSG.done4k, data: { taskId: id, resultUrls: [video], imageUrls: [cover] } })

    const { data } = (await record(id)).json
    expect(data.response).toStrictEqual({ taskId: id, resultUrls: [video], originUrls: null, resolution: '4k' })
    expect(data.successFlag).toBe(1)
    expect(data.mediaIds).toHaveLength(1)
    expect(data).not.toHaveProperty('fallbackFlag')

    expect((await download(video)).bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
    expect((await download(cover)).type).toBe('image/jpeg')
    const callbacks = receiver.received.filter((r) => r.path === '/4k')
    expect(callbacks.map((c) => c.body)).toStrictEqual([
      { code: 200, msg: '4K Video generated successfully.', data: { taskId: id, info: { resultUrls: [video], imageUrls: [cover] } } },
    ])
  })

  it('answers 422 record is null for an unknown task and record status is not success while the video is generating', async () => {
    expect((await call('POST', '/api/v1/veo/get-4k-video', { body: { taskId: 'nope' } })).json).toStrictEqual({ code: 422, msg: 'record is null', data: null })
    const running = await submitted()
    expect((await call('POST', '/api/v1/veo/get-4k-video', { body: { taskId: running } })).json).toStrictEqual({
      code: 422,
      msg: 'record status is not success',
      data: null,
    })
  })
})

describe('download-url', () => {
  it('turns a result URL of this mock into a link valid 20 minutes; other URLs answer body 422', async () => {
    const id = await submitted()
    await advance(5 * MINUTE)
    const video = `${base}/files/${id}/video.mp4`
    const now = (await mock.admin.clock()).now
    const link = await call('POST', '/api/v1/common/download-url', { body: { url: video } })
    expect(link.json).toStrictEqual({ code: 200, msg: 'success', data: `${video}?expires=${Math.floor((now + 20 * MINUTE) / 1000)}` })
    expect((await download(link.json.data)).bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')
    for (const url of ['https://example.com/video.mp4', `${base}/files/${id}/other.mp4`]) {
      expect((await call('POST', '/api/v1/common/download-url', { body: { url } })).json).toStrictEqual({
        code: 422,
        msg: 'Only KIE-generated file URLs are supported',
        data: null,
      })
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Bad input, auth, validation

describe('bad input is answered in the KIE envelope, never HTML', () => {
  const validation = (detail: RegExp) => ({ code: 422, msg: expect.stringMatching(detail), data: null })
  const cases: Array<[string, { given: () => Promise<Answer>; want: { status: number; body: unknown; allow?: string } }]> = [
    [
      'malformed JSON → HTTP 200 body 422',
      {
        given: () => call('POST', '/api/v1/veo/generate', { raw: '{"prompt":', headers: { 'content-type': 'application/json' } }),
        want: { status: 200, body: validation(/^Validation Error - Request body is not valid JSON/) },
      },
    ],
    [
      'a text/plain body → HTTP 200 body 422',
      {
        given: () => call('POST', '/api/v1/veo/generate', { raw: 'prompt=cat', headers: { 'content-type': 'text/plain' } }),
        want: { status: 200, body: validation(/^Validation Error - Content-Type text\/plain/) },
      },
    ],
    [
      'a body over 1 MB → HTTP 413 envelope',
      {
        given: () => generate({ prompt: 'x'.repeat(1024 * 1024 + 10) }),
        want: { status: 413, body: { code: 413, msg: 'Payload Too Large - Request body exceeds 1 MB', data: null } },
      },
    ],
    [
      'an unknown path under the prefix → HTTP 404 envelope',
      {
        given: () => call('GET', '/api/v1/veo/nope'),
        want: { status: 404, body: { code: 404, msg: 'Not Found - The requested resource or endpoint does not exist', data: null } },
      },
    ],
    [
      'DELETE on generate → HTTP 405 envelope with Allow',
      {
        given: () => call('DELETE', '/api/v1/veo/generate'),
        want: { status: 405, body: { code: 405, msg: expect.stringMatching(/^Method Not Allowed - /), data: null }, allow: 'POST' },
      },
    ],
    [
      'POST on record-info → HTTP 405 envelope with Allow',
      {
        given: () => call('POST', '/api/v1/veo/record-info', { body: {} }),
        want: { status: 405, body: { code: 405, msg: expect.stringMatching(/^Method Not Allowed - /), data: null }, allow: 'GET' },
      },
    ],
    [
      'a 10 kB taskId → body 422 record is null',
      { given: () => record('a'.repeat(10_000)), want: { status: 200, body: { code: 422, msg: 'record is null', data: null } } },
    ],
    [
      'taskId=%00 → body 422 record is null',
      { given: () => call('GET', '/api/v1/veo/record-info?taskId=%00'), want: { status: 200, body: { code: 422, msg: 'record is null', data: null } } },
    ],
    [
      'an empty taskId → body 422 naming taskId',
      { given: () => call('GET', '/api/v1/veo/record-info?taskId='), want: { status: 200, body: validation(/^Validation Error - taskId: /) } },
    ],
    [
      'no Authorization header → body 401',
      { given: () => generate({ prompt: PROMPT }, { key: null }), want: { status: 200, body: { code: 401, msg: MSG.unauthorized } } },
    ],
    [
      'an empty bearer token → body 401',
      {
        given: () => generate({ prompt: PROMPT }, { key: null, headers: { authorization: 'Bearer ' } }),
        want: { status: 200, body: { code: 401, msg: MSG.unauthorized } },
      },
    ],
    [
      'a Basic credential → body 401',
      {
        given: () => call('GET', '/api/v1/chat/credit', { key: null, headers: { authorization: 'Basic a2llOmtpZQ==' } }),
        want: { status: 200, body: { code: 401, msg: MSG.unauthorized } },
      },
    ],
    [
      'an unknown scenario name → body 422 naming the header',
      {
        given: () => generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'nonsense' } }),
        want: { status: 200, body: validation(/^Validation Error - x-veomock-scenario: Unknown veomock scenario "nonsense"/) },
      },
    ],
  ]

  it.each(cases)('%s', async (_name, { given, want }) => {
    const answer = await given()
    expect(answer.status).toBe(want.status)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.json).toStrictEqual(want.body)
    if (want.allow) expect(answer.headers.get('allow')).toBe(want.allow)
    // The server still serves afterwards.
    expect((await generate({ prompt: PROMPT })).json).toMatchObject({ code: 200, msg: 'success' })
  })
})

describe('spec-invalid requests get body 422 naming the field', () => {
  const reference = { prompt: PROMPT, generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/a.jpg'], aspect_ratio: '16:9' }
  const cases: Array<[string, { given: { method: string; path: string; body?: unknown }; want: string }]> = [
    ['generate without a prompt', { given: { method: 'POST', path: '/api/v1/veo/generate', body: { model: 'veo3_fast' } }, want: 'prompt' }],
    ['generate with seeds 9999', { given: { method: 'POST', path: '/api/v1/veo/generate', body: { prompt: PROMPT, seeds: 9999 } }, want: 'seeds' }],
    [
      'generate with the extend model name fast',
      { given: { method: 'POST', path: '/api/v1/veo/generate', body: { prompt: PROMPT, model: 'fast' } }, want: 'model' },
    ],
    [
      'generate with a lower-case auto ratio',
      { given: { method: 'POST', path: '/api/v1/veo/generate', body: { prompt: PROMPT, aspect_ratio: 'auto' } }, want: 'aspect_ratio' },
    ],
    ['generate REFERENCE_2_VIDEO on veo3', { given: { method: 'POST', path: '/api/v1/veo/generate', body: { ...reference, model: 'veo3' } }, want: 'model' }],
    [
      'generate with an image that is not a URL',
      { given: { method: 'POST', path: '/api/v1/veo/generate', body: { prompt: PROMPT, imageUrls: ['not a url'] } }, want: 'imageUrls[0]' },
    ],
    [
      'extend with the generate model name veo3_fast',
      { given: { method: 'POST', path: '/api/v1/veo/extend', body: { taskId: 'x', prompt: 'more', model: 'veo3_fast' } }, want: 'model' },
    ],
    ['extend without taskId', { given: { method: 'POST', path: '/api/v1/veo/extend', body: { prompt: 'more' } }, want: 'taskId' }],
    ['record-info without taskId', { given: { method: 'GET', path: '/api/v1/veo/record-info' }, want: 'taskId' }],
    ['get-1080p-video with index "first"', { given: { method: 'GET', path: '/api/v1/veo/get-1080p-video?taskId=x&index=first' }, want: 'index' }],
    ['get-4k-video with a negative index', { given: { method: 'POST', path: '/api/v1/veo/get-4k-video', body: { taskId: 'x', index: -1 } }, want: 'index' }],
    [
      'get-4k-video with a callBackUrl that is not a URI',
      { given: { method: 'POST', path: '/api/v1/veo/get-4k-video', body: { taskId: 'x', callBackUrl: 'not a url' } }, want: 'callBackUrl' },
    ],
    ['download-url without url', { given: { method: 'POST', path: '/api/v1/common/download-url', body: {} }, want: 'url' }],
  ]
  it.each(cases)('%s', async (_name, { given, want }) => {
    const answer = await call(given.method, given.path, given.body === undefined ? {} : { body: given.body })
    expect(answer.status).toBe(200)
    expect(answer.json).toStrictEqual({ code: 422, msg: expect.stringContaining(`Validation Error - ${want}: `), data: null })
    const [entry] = await mock.admin.requests({ vendor: 'kie', limit: 1 })
    expect(entry).toMatchObject({ status: 200, valid: false })
  })
})

// ---------------------------------------------------------------------------------------------
// errorTransport http-status

describe('errorTransport http-status sends each business error with its body code as the HTTP status', () => {
  const cases: Array<[string, { given: () => Promise<Answer>; want: { status: number; code: number } }]> = [
    ['missing bearer → HTTP 401', { given: () => generate({ prompt: PROMPT }, { key: null }), want: { status: 401, code: 401 } }],
    [
      'insufficient_credits → HTTP 402',
      { given: () => generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'insufficient_credits' } }), want: { status: 402, code: 402 } },
    ],
    [
      'maintenance → HTTP 455',
      { given: () => generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'maintenance' } }), want: { status: 455, code: 455 } },
    ],
    ['validation failure → HTTP 422', { given: () => generate({ prompt: '' }), want: { status: 422, code: 422 } }],
    ['unknown record → HTTP 422', { given: () => record('nope'), want: { status: 422, code: 422 } }],
    [
      'extend of an unknown task → HTTP 404',
      { given: () => call('POST', '/api/v1/veo/extend', { body: { taskId: 'nope', prompt: 'more' } }), want: { status: 404, code: 404 } },
    ],
    [
      '1080P not ready → HTTP 400',
      { given: async () => call('GET', `/api/v1/veo/get-1080p-video?taskId=${await submitted()}`), want: { status: 400, code: 400 } },
    ],
    [
      'rate_limited stays HTTP 429',
      { given: () => generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'rate_limited' } }), want: { status: 429, code: 429 } },
    ],
    [
      'server_error stays HTTP 500',
      { given: () => generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'server_error' } }), want: { status: 500, code: 500 } },
    ],
    [
      'upstream_error stays HTTP 500 with body 408 (408 exists only in the HTTP-500 schema)',
      { given: () => generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'upstream_error' } }), want: { status: 500, code: 408 } },
    ],
  ]
  it.each(cases)('%s', async (_name, { given, want }) => {
    await mock.admin.patchOptions({ kie: { errorTransport: 'http-status' } })
    const answer = await given()
    expect(answer.status).toBe(want.status)
    expect(answer.json.code).toBe(want.code)
  })

  it('keeps success at HTTP 200 and answers 4K repeats with HTTP 422 and data', async () => {
    await mock.admin.patchOptions({ kie: { errorTransport: 'http-status' } })
    const parent = await submitted()
    await advance(5 * MINUTE)
    expect((await record(parent)).status).toBe(200)
    expect((await call('POST', '/api/v1/veo/get-4k-video', { body: { taskId: parent } })).status).toBe(200)
    const repeat = await call('POST', '/api/v1/veo/get-4k-video', { body: { taskId: parent } })
    expect(repeat.status).toBe(422)
    expect(repeat.json).toMatchObject({ code: 422, msg: MSG.processing4k, data: { resultUrls: null, imageUrls: null } })
  })
})

// ---------------------------------------------------------------------------------------------
// Rate limit and balance

describe('rate limit: 20 submits per 10 s per key (K-GS)', () => {
  it('rejects the 21st submit in the window with HTTP 429 and accepts again once the window has passed', async () => {
    for (let i = 0; i < 20; i++) expect((await generate({ prompt: `${PROMPT} ${i}` })).json.code).toBe(200)
    const limited = await generate({ prompt: PROMPT })
    expect(limited.status).toBe(429)
    expect(limited.json).toStrictEqual({ code: 429, msg: MSG.rateLimited, data: null })
    expect(limited.headers.get('retry-after')).toBeNull()
    // Another key has its own window; polls are not limited.
    expect((await generate({ prompt: PROMPT }, { key: 'another-key' })).json.code).toBe(200)
    expect((await record('nope')).json.code).toBe(422)
    await advance(9_999)
    expect((await generate({ prompt: PROMPT })).status).toBe(429)
    await advance(1)
    expect((await generate({ prompt: PROMPT })).json.code).toBe(200)
    expect(await mock.admin.tasks({ vendor: 'kie' })).toHaveLength(22)
  })
})

describe('credits', () => {
  const credits = async (key = KEY) => (await call('GET', '/api/v1/chat/credit', { key })).json

  it('chat/credit starts at 10000 and reflects each charge: veo3 250, veo3_fast 60, veo3_lite 30, extend quality 250', async () => {
    expect(await credits()).toStrictEqual({ code: 200, msg: 'success', data: 10_000 })
    const parent = await submitted({ model: 'veo3' })
    await submitted({ model: 'veo3_fast' })
    await submitted({ model: 'veo3_lite' })
    expect((await credits()).data).toBe(10_000 - 250 - 60 - 30)
    await advance(5 * MINUTE)
    expect((await call('POST', '/api/v1/veo/extend', { body: { taskId: parent, prompt: 'more', model: 'quality' } })).json.code).toBe(200)
    expect((await credits()).data).toBe(10_000 - 250 - 60 - 30 - 250)
    // Rejected submits cost nothing.
    await generate({ prompt: PROMPT }, { headers: { 'x-veomock-scenario': 'server_error' } })
    expect((await credits()).data).toBe(9410)
  })

  it('answers body 402 when the balance does not cover the price (admin setCredits)', async () => {
    await mock.admin.setCredits(KEY, 0)
    expect(await credits()).toStrictEqual({ code: 200, msg: 'success', data: 0 })
    const empty = await generate({ prompt: PROMPT })
    expect(empty.status).toBe(200)
    expect(empty.json).toStrictEqual({ code: 402, msg: MSG.insufficient, data: null })
    await mock.admin.setCredits(KEY, 100)
    expect((await generate({ prompt: PROMPT, model: 'veo3' })).json.code).toBe(402)
    expect((await generate({ prompt: PROMPT, model: 'veo3_fast' })).json.code).toBe(200)
    expect((await credits()).data).toBe(40)
    expect(await mock.admin.tasks({ vendor: 'kie' })).toHaveLength(1)
  })

  it('answers body 401 without a key', async () => {
    expect((await call('GET', '/api/v1/chat/credit', { key: null })).json).toStrictEqual({ code: 401, msg: MSG.unauthorized })
  })
})

describe('admin view', () => {
  it('lists the kie options with their documented defaults', async () => {
    expect((await mock.admin.options()).kie).toStrictEqual({ webhookHmacKey: null, errorTransport: 'http200', callbackTaskIdFields: false })
  })
})
