// The Xenodia dialect over real HTTP, in strict mode on a manual clock: every scenario of contract
// §3, the task lifecycle, callbacks and their retries, billing, result files and bad input.
// These double as usage examples for a client written against `veomock serve`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { restoreDefaultOptions } from '../../test-support/default-options.js'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { components } from '../../../../generated/xenodia.js'
import { DUPLICATE_CALLBACK_GAP_MS, FLAKY_POLLS } from '../../core/engine.js'
import type { ScenarioName } from '../../../../lib/scenarios.js'
import { type RunningMockServer, startMockServer } from '../../server.js'
import { RETENTION_MS } from './timings.js'
import { type CallbackReceiver, type ReceivedCallback, startCallbackReceiver } from '../../test-support/callback-receiver.js'

type TaskEnvelope = components['schemas']['Task']
type ErrorBody = components['schemas']['ErrorResponse']
type ModelList = components['schemas']['ModelList']

const KEY = 'xenodia-test-key'
const DAY_MS = 24 * 60 * 60 * 1000

type Receiver = CallbackReceiver
const startReceiver = () => startCallbackReceiver('/xenodia/callback')

let mock: RunningMockServer
let base: string
let receiver: Receiver
const reported: string[] = []

// Options patched through the admin API survive a reset (specs/admin.openapi.yaml): put them back.
afterEach(() => restoreDefaultOptions(mock, 'xenodia'))

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, vendors: ['xenodia'], onViolation: (m) => reported.push(m) })
  base = mock.baseUrls.xenodia
  receiver = await startReceiver()
})

afterEach(async () => {
  // Strict mode validated every response and callback of the test against the spec (never cleared).
  expect(reported).toEqual([])
  await mock.admin.reset()
  receiver.received.length = 0
  receiver.status = 200
})

afterAll(async () => {
  expect(reported).toEqual([])
  await mock?.close()
  await receiver?.close()
})

interface Answer<T> {
  status: number
  headers: Headers
  body: T
  text: string
}

async function call<T>(method: string, url: string, init: { key?: string | null; headers?: Record<string, string>; body?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...init.headers }
  const key = init.key === undefined ? KEY : init.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  const response =
    init.body !== undefined && (method === 'GET' || method === 'HEAD')
      ? await rawRequest(method, url, headers, init.body)
      : await fetch(url, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) })
  const text = await response.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, body: body as T, text }
}

/** fetch refuses a GET with a body; node:http sends one, as a misbehaving client might. */
function rawRequest(method: string, url: string, headers: Record<string, string>, body: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const req = http.request(
      {
        method,
        hostname: target.hostname,
        port: Number(target.port),
        path: target.pathname + target.search,
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const responseHeaders = new Headers()
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value)
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: responseHeaders }))
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function submit<T = TaskEnvelope>(
  body: Record<string, unknown>,
  opts: { key?: string | null; scenario?: ScenarioName | string; path?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (opts.scenario) headers['x-veomock-scenario'] = opts.scenario
  return call<T>('POST', `${base}${opts.path ?? '/v1/videos/generations'}`, { key: opts.key, headers, body: JSON.stringify(body) })
}

function poll<T = TaskEnvelope>(id: string, key: string | null = KEY): Promise<Answer<T>> {
  return call<T>('GET', `${base}/v1/tasks/${id}`, { key })
}

async function now(): Promise<number> {
  return (await mock.admin.clock()).now
}

/** Moves the virtual clock to `at` (no-op when already there). */
async function advanceTo(at: number): Promise<void> {
  const current = await now()
  if (at > current) await mock.admin.advance(at - current)
}

async function timeline(id: string): Promise<{ createdAt: number; queuedUntil: number; completesAt: number | null }> {
  const task = await mock.admin.task(id)
  return { createdAt: task.createdAt, queuedUntil: task.timeline.queuedUntil, completesAt: task.timeline.completesAt ?? null }
}

const seconds = (ms: number) => Math.floor(ms / 1000)

function expectFlatError(answer: Answer<ErrorBody>, status: number, error: string): void {
  expect(answer.status).toBe(status)
  expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
  expect(answer.text).not.toMatch(/<html/i)
  expect(answer.body.error).toBe(error)
  expect(typeof answer.body.message).toBe('string')
}

describe('success: submit, poll through waiting → queuing → generating → success, callback', () => {
  it('answers the create call with the task envelope in state waiting', async () => {
    const created = await submit({
      model: 'veo3.1_fast',
      prompt: 'A red fox trotting through fresh snow at dawn',
      aspect_ratio: '9:16',
      resolution: '1080p',
      callBackUrl: receiver.url,
    })
    expect(created.status).toBe(200)
    const body = created.body
    const t = await timeline(body.task_id)
    expect(body.task_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(body.object).toBe('task')
    expect(body.request_id).toMatch(/^req_[a-z0-9]{24}$/)
    expect(body.model).toBe('veo3.1_fast')
    expect(body.type).toBe('video')
    expect(body.state).toBe('waiting')
    expect(body.request).toEqual({
      model: 'veo3.1_fast',
      prompt: 'A red fox trotting through fresh snow at dawn',
      aspect_ratio: '9:16',
      resolution: '1080p',
      enableTranslation: true,
      callBackUrl: receiver.url,
    })
    expect(body.result).toEqual({})
    expect(body.error).toEqual({})
    expect(body.progress).toBe(0)
    expect(body.poll_url).toBe(`/v1/tasks/${body.task_id}`)
    expect(body.webhook_delivery).toEqual({})
    expect(body.capability_slug).toBe('veo3.1-video')
    expect(body.capability_version).toBe('1')
    expect(body.recommended_poll_interval_ms).toBe(5000)
    expect(body.eta_hint_seconds).toBe(Math.ceil(((t.completesAt as number) - t.createdAt) / 1000))
    expect(body.billing).toEqual({ status: 'reserved', reserve_amount_micro_usdc: 350_000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 0 })
    expect(body.created_at).toBe(seconds(t.createdAt))
    expect(body.updated_at).toBe(seconds(t.createdAt))
    expect(body.completed_at).toBeNull()
  })

  it('walks the states as the clock advances, progress rising, and settles with result URLs', async () => {
    const created = await submit({ prompt: 'a fox in snow' })
    const id = created.body.task_id
    const t = await timeline(id)
    const completesAt = t.completesAt as number
    const span = completesAt - t.queuedUntil

    expect((await poll(id)).body.state).toBe('waiting')
    await advanceTo(t.queuedUntil)
    const queuing = (await poll(id)).body
    expect(queuing.state).toBe('queuing')
    expect(queuing.progress).toBeGreaterThanOrEqual(1)
    expect(queuing.updated_at).toBe(seconds(t.queuedUntil))

    const seen: number[] = []
    for (const fraction of [0.2, 0.5, 0.9]) {
      await advanceTo(t.queuedUntil + Math.ceil(span * fraction))
      const generating = (await poll(id)).body
      expect(generating.state).toBe('generating')
      expect(generating.result).toEqual({})
      expect(generating.completed_at).toBeNull()
      expect(generating.eta_hint_seconds).toBe(Math.ceil((completesAt - (await now())) / 1000))
      seen.push(generating.progress as number)
    }
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(seen[0]).toBeLessThan(seen[2] as number)

    await advanceTo(completesAt)
    const done = (await poll(id)).body
    expect(done.state).toBe('success')
    expect(done.progress).toBe(100)
    expect(done.result).toEqual({ created: seconds(completesAt), data: [{ url: `${base}/files/${id}/video.mp4` }], resolution: '720p' })
    expect(done.error).toEqual({})
    expect(done.completed_at).toBe(seconds(completesAt))
    expect(done.updated_at).toBe(seconds(completesAt))
    expect(done.eta_hint_seconds).toBe(0)
    expect(done.billing).toEqual({ status: 'committed', reserve_amount_micro_usdc: 300_000, actual_amount_micro_usdc: 300_000, released_amount_micro_usdc: 0 })
    expect((await mock.admin.task(id)).vendorState).toBe('success')
  })

  it('POSTs the final envelope to callBackUrl once, as GET /v1/tasks/{id} returns it', async () => {
    const created = await submit({ prompt: 'a fox', callBackUrl: receiver.url })
    const id = created.body.task_id
    const t = await timeline(id)
    await advanceTo((t.completesAt as number) - 1)
    expect(receiver.received).toHaveLength(0)
    await advanceTo(t.completesAt as number)
    expect(receiver.received).toHaveLength(1)
    const delivered = receiver.received[0] as ReceivedCallback
    expect(delivered.headers['content-type']).toBe('application/json')
    // No signature: Xenodia documents none.
    expect(Object.keys(delivered.headers).filter((h) => /signature/i.test(h))).toEqual([])
    expect(delivered.body).toEqual((await poll(id)).body)
    expect((delivered.body as TaskEnvelope).state).toBe('success')
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({
      attempt: 1,
      at: t.completesAt,
      event: 'task.success',
      status: 200,
      delivered: true,
      nextAttemptAt: null,
      url: receiver.url,
    })
  })

  it('answers 202 instead of 200 when the createStatus option says so (notes §7.3)', async () => {
    expect((await mock.admin.options()).xenodia).toEqual({ createStatus: 200 })
    await mock.admin.patchOptions({ xenodia: { createStatus: 202 } })
    const created = await submit({ prompt: 'a fox' })
    expect(created.status).toBe(202)
    expect(created.body.state).toBe('waiting')
  })

  it('serves the compatibility alias POST /v1/video/generations like the preferred path', async () => {
    const created = await submit({ prompt: 'a fox', resolution: '4k', model: 'veo3.1' }, { path: '/v1/video/generations' })
    expect(created.status).toBe(200)
    expect(created.body.model).toBe('veo3.1')
    expect(created.body.billing?.reserve_amount_micro_usdc).toBe(2_500_000)
    expect((await poll(created.body.task_id)).status).toBe(200)
  })

  it.each(['veo3', 'veo3_fast', 'veo3_lite', 'veo3.1', 'veo3.1_fast', 'veo3.1_lite'])('echoes model %s exactly as sent', async (model) => {
    const created = await submit({ model, prompt: 'a fox' })
    expect(created.status).toBe(200)
    expect(created.body.model).toBe(model)
    expect(created.body.request?.model).toBe(model)
    expect((await poll(created.body.task_id)).body.model).toBe(model)
  })

  it("runs an alternate-route '-t' task with duration and a boolean watermark (X-VEOT, docs/vendors/xenodia.md §7.9)", async () => {
    const created = await submit({ model: 'veo3.1-pro-4k-t', prompt: 'a fox', aspect_ratio: '16:9', duration: 8, watermark: false })
    expect(created.status).toBe(200)
    expect(created.body.model).toBe('veo3.1-pro-4k-t')
    // The 4K "-t" ids default to 4k; no base-model enableTranslation default is added to the echo.
    expect(created.body.request).toEqual({ model: 'veo3.1-pro-4k-t', prompt: 'a fox', aspect_ratio: '16:9', resolution: '4k', watermark: false, duration: 8 })
    await advanceTo((await timeline(created.body.task_id)).completesAt as number)
    const done = await poll(created.body.task_id)
    expect(done.body.state).toBe('success')
    expect(done.body.result?.resolution).toBe('4k')
  })

  it('reaches the task through poll_url both resolved against the host and joined to the base URL', async () => {
    const created = await submit({ prompt: 'a fox' })
    const pollUrl = created.body.poll_url as string
    const hostResolved = new URL(pollUrl, base).toString()
    const joined = base + pollUrl
    expect(hostResolved).not.toBe(joined)
    for (const url of [hostResolved, joined]) {
      const answer = await call<TaskEnvelope>('GET', url)
      expect(answer.status).toBe(200)
      expect(answer.body.task_id).toBe(created.body.task_id)
    }
    const unknown = await call<ErrorBody>('GET', new URL('/v1/tasks/00000000-0000-4000-8000-000000000000', base).toString())
    expectFlatError(unknown, 404, 'not_found')
  })

  it('gives the same ids and bodies after a reset', async () => {
    const first = await submit({ prompt: 'a fox' })
    await mock.admin.reset()
    const second = await submit({ prompt: 'a fox' })
    expect(second.body).toEqual(first.body)
  })
})

describe('result files', () => {
  it('serve a real MP4 until the 14-day retention passes, then 410', async () => {
    const created = await submit({ prompt: 'a fox' })
    const id = created.body.task_id
    const t = await timeline(id)
    await advanceTo(t.completesAt as number)
    const url = (await poll(id)).body.result?.data?.[0]?.url as string
    const download = await fetch(url)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('video/mp4')
    const bytes = Buffer.from(await download.arrayBuffer())
    expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp')

    await advanceTo((t.completesAt as number) + RETENTION_MS)
    expect((await fetch(url)).status).toBe(200)
    await mock.admin.advance(1)
    expect((await fetch(url)).status).toBe(410)
    expect(RETENTION_MS).toBe(14 * DAY_MS)
  })
})

describe('slow, stuck', () => {
  it('slow: takes ten times as long, then succeeds with its callback', async () => {
    const created = await submit({ prompt: 'a fox', callBackUrl: receiver.url }, { scenario: 'slow' })
    const id = created.body.task_id
    const t = await timeline(id)
    const total = (t.completesAt as number) - t.createdAt
    // Ten times the usual 112–298 s.
    expect(total).toBeGreaterThanOrEqual(10 * 112_000)
    expect(total).toBeLessThanOrEqual(10 * 298_000)
    await advanceTo(t.createdAt + 300_000)
    expect((await poll(id)).body.state).toBe('generating')
    expect(receiver.received).toHaveLength(0)
    await advanceTo(t.completesAt as number)
    expect((await poll(id)).body.state).toBe('success')
    expect(receiver.received).toHaveLength(1)
  })

  it('stuck: stays generating with progress frozen at 42 for a day and sends no callback', async () => {
    const created = await submit({ prompt: 'a fox', callBackUrl: receiver.url }, { scenario: 'stuck' })
    const id = created.body.task_id
    await mock.admin.advance(DAY_MS)
    const body = (await poll(id)).body
    expect(body.state).toBe('generating')
    expect(body.progress).toBe(42)
    expect(body.result).toEqual({})
    expect(body.error).toEqual({})
    expect(body.completed_at).toBeNull()
    expect(body.billing?.status).toBe('reserved')
    const frozen = body.updated_at
    await mock.admin.advance(DAY_MS)
    expect((await poll(id)).body.updated_at).toBe(frozen)
    expect(receiver.received).toHaveLength(0)
    expect(await mock.admin.callbacks({ taskId: id })).toEqual([])
  })
})

describe('task failures', () => {
  const cases: Array<[ScenarioName, { want: { code: string; message: string } }]> = [
    ['content_violation', { want: { code: 'content_policy_violation', message: 'Your prompt was flagged by Website as violating content policies.' } }],
    [
      'invalid_image',
      { want: { code: 'image_fetch_failed', message: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.' } },
    ],
    ['generation_failed', { want: { code: 'generation_failed', message: 'Video generation task failed' } }],
  ]
  it.each(cases)('%s: accepted, later state fail with its error, reserve released, callback sent', async (scenario, { want }) => {
    const created = await submit({ prompt: 'a fox', imageUrls: ['https://example.com/a.png'], callBackUrl: receiver.url }, { scenario })
    expect(created.status).toBe(200)
    expect(created.body.state).toBe('waiting')
    const id = created.body.task_id
    const t = await timeline(id)
    await advanceTo(t.queuedUntil)
    expect((await poll(id)).body.state).toBe('queuing')
    await advanceTo(t.completesAt as number)
    const body = (await poll(id)).body
    expect(body.state).toBe('fail')
    expect(body.error).toEqual(want)
    expect(body.result).toEqual({})
    expect(body.progress).toBe(0)
    expect(body.completed_at).toBe(seconds(t.completesAt as number))
    expect(body.billing).toEqual({ status: 'released', reserve_amount_micro_usdc: 300_000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 300_000 })
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0]?.body).toEqual(body)
    expect((await mock.admin.callbacks({ taskId: id }))[0]?.event).toBe('task.fail')
    expect((await mock.admin.task(id)).vendorState).toBe('fail')
  })
})

describe('submit rejections', () => {
  const cases: Array<[ScenarioName, { want: { status: number; body: ErrorBody; retryAfter?: string } }]> = [
    [
      'unauthorized',
      { want: { status: 401, body: { error: 'unauthorized', message: 'Invalid or missing API key', type: 'authentication_error', code: 'invalid_api_key' } } },
    ],
    [
      'insufficient_credits',
      { want: { status: 402, body: { error: 'insufficient_balance', message: 'Insufficient balance', type: 'billing_error', code: 'insufficient_balance' } } },
    ],
    [
      'rate_limited',
      {
        want: {
          status: 429,
          body: { error: 'rate_limited', message: 'Rate limit exceeded', type: 'rate_limit_error', code: 'rate_limited' },
          retryAfter: '10',
        },
      },
    ],
    [
      'server_error',
      { want: { status: 500, body: { error: 'internal_error', message: 'Internal server error', type: 'server_error', code: 'internal_error' } } },
    ],
    [
      'maintenance',
      {
        want: {
          status: 503,
          body: { error: 'service_unavailable', message: 'Service temporarily unavailable', type: 'server_error', code: 'service_unavailable' },
        },
      },
    ],
    [
      'upstream_error',
      { want: { status: 502, body: { error: 'upstream_error', message: 'Upstream task creation failed', type: 'upstream_error', code: 'upstream_error' } } },
    ],
  ]
  it.each(cases)('%s: answered with its status and flat body, no task created, nothing charged', async (scenario, { want }) => {
    const answer = await submit<ErrorBody>({ prompt: 'a fox' }, { scenario })
    expect(answer.status).toBe(want.status)
    expect(answer.body).toEqual(want.body)
    expect(answer.headers.get('retry-after')).toBe(want.retryAfter ?? null)
    expect(await mock.admin.tasks({ vendor: 'xenodia' })).toEqual([])
    expect((await call<{ balance_micro_usdc: number }>('GET', `${base}/v1/credits/balance`)).body.balance_micro_usdc).toBe(25_000_000)
  })
})

describe('flaky_poll, duplicate_callback', () => {
  it('flaky_poll: the first polls answer 502 bad_gateway, then the task polls and succeeds', async () => {
    const created = await submit({ prompt: 'a fox' }, { scenario: 'flaky_poll' })
    expect(created.status).toBe(200)
    const id = created.body.task_id
    for (let i = 0; i < FLAKY_POLLS; i++) {
      const flaky = await poll<ErrorBody>(id)
      expect(flaky.status).toBe(502)
      expect(flaky.body).toEqual({ error: 'bad_gateway', message: 'Failed to reach upstream' })
    }
    expect((await poll(id)).body.state).toBe('waiting')
    await advanceTo((await timeline(id)).completesAt as number)
    expect((await poll(id)).body.state).toBe('success')
  })

  it('duplicate_callback: delivers the final envelope twice', async () => {
    const created = await submit({ prompt: 'a fox', callBackUrl: receiver.url }, { scenario: 'duplicate_callback' })
    const id = created.body.task_id
    const t = await timeline(id)
    await advanceTo((t.completesAt as number) + DUPLICATE_CALLBACK_GAP_MS)
    expect(receiver.received).toHaveLength(2)
    expect(receiver.received[0]?.body).toEqual(receiver.received[1]?.body)
    expect((receiver.received[0]?.body as TaskEnvelope).state).toBe('success')
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts.map((a) => a.at)).toEqual([t.completesAt, (t.completesAt as number) + DUPLICATE_CALLBACK_GAP_MS])
    expect(attempts.every((a) => a.delivered)).toBe(true)
  })
})

describe('every scenario chosen by the x-veomock-scenario header', () => {
  const outcomes: Array<[ScenarioName, { want: { status: number; state?: string; callbacks?: number } }]> = [
    ['success', { want: { status: 200, state: 'success', callbacks: 1 } }],
    ['slow', { want: { status: 200, state: 'success', callbacks: 1 } }],
    ['stuck', { want: { status: 200, state: 'generating', callbacks: 0 } }],
    ['content_violation', { want: { status: 200, state: 'fail', callbacks: 1 } }],
    ['invalid_image', { want: { status: 200, state: 'fail', callbacks: 1 } }],
    ['generation_failed', { want: { status: 200, state: 'fail', callbacks: 1 } }],
    ['unauthorized', { want: { status: 401 } }],
    ['insufficient_credits', { want: { status: 402 } }],
    ['rate_limited', { want: { status: 429 } }],
    ['server_error', { want: { status: 500 } }],
    ['maintenance', { want: { status: 503 } }],
    ['upstream_error', { want: { status: 502 } }],
    ['flaky_poll', { want: { status: 200, state: 'success', callbacks: 1 } }],
    ['duplicate_callback', { want: { status: 200, state: 'success', callbacks: 2 } }],
  ]
  it.each(outcomes)('%s', async (scenario, { want }) => {
    const created = await submit<TaskEnvelope & ErrorBody>({ prompt: 'a fox', callBackUrl: receiver.url }, { scenario })
    expect(created.status).toBe(want.status)
    if (!want.state) {
      expect(typeof created.body.error).toBe('string')
      return
    }
    await mock.admin.advance(DAY_MS)
    let answer = await poll(created.body.task_id)
    while (answer.status === 502) answer = await poll(created.body.task_id)
    expect(answer.body.state).toBe(want.state)
    expect(receiver.received).toHaveLength(want.callbacks as number)
    expect((await mock.admin.task(created.body.task_id)).scenarioSource).toBe('header')
  })

  it('refuses an unknown scenario name with a 400 naming the header', async () => {
    const answer = await submit<ErrorBody>({ prompt: 'a fox' }, { scenario: 'explode' })
    expectFlatError(answer, 400, 'bad_request')
    expect(answer.body.message).toContain('x-veomock-scenario')
  })
})

describe('other ways to choose a scenario', () => {
  it('an admin rule applies to the next matching submit only', async () => {
    await mock.admin.addScenario({ scenario: 'content_violation', match: { vendor: 'xenodia', prompt: 'fox' }, times: 1 })
    const first = await submit({ prompt: 'a fox' })
    const second = await submit({ prompt: 'a fox' })
    await mock.admin.advance(DAY_MS)
    expect((await poll(first.body.task_id)).body.state).toBe('fail')
    expect((await poll(second.body.task_id)).body.state).toBe('success')
    expect((await mock.admin.task(first.body.task_id)).scenarioSource).toBe('rule')
  })

  it('an admin rule can reject the submit itself', async () => {
    await mock.admin.addScenario({ scenario: 'upstream_error', match: { vendor: 'xenodia' }, times: 1 })
    expectFlatError(await submit<ErrorBody>({ prompt: 'a fox' }), 502, 'upstream_error')
    expect((await submit({ prompt: 'a fox' })).status).toBe(200)
  })

  it('a prompt token chooses the scenario and is never echoed back', async () => {
    const created = await submit({ prompt: 'a fox in snow [veomock:generation_failed]', callBackUrl: receiver.url })
    expect(created.status).toBe(200)
    expect(created.body.request?.prompt).toBe('a fox in snow')
    expect(created.text).not.toContain('veomock:')
    await mock.admin.advance(DAY_MS)
    const polled = await poll(created.body.task_id)
    expect(polled.body.state).toBe('fail')
    expect(polled.body.error?.code).toBe('generation_failed')
    expect(polled.text).not.toContain('veomock:')
    expect(JSON.stringify(receiver.received[0]?.body)).not.toContain('veomock:')
    expect((await mock.admin.task(created.body.task_id)).scenarioSource).toBe('prompt')
  })

  it('a prompt token can reject the submit', async () => {
    expectFlatError(await submit<ErrorBody>({ prompt: 'a fox [veomock:maintenance]' }), 503, 'service_unavailable')
  })

  it('the API key veomock:<name> chooses account-level outcomes', async () => {
    expectFlatError(await submit<ErrorBody>({ prompt: 'a fox' }, { key: 'veomock:insufficient_credits' }), 402, 'insufficient_balance')
    expectFlatError(await submit<ErrorBody>({ prompt: 'a fox' }, { key: 'veomock:unauthorized' }), 401, 'unauthorized')
    const stuck = await submit({ prompt: 'a fox' }, { key: 'veomock:stuck' })
    await mock.admin.advance(DAY_MS)
    expect((await poll(stuck.body.task_id, 'veomock:stuck')).body.state).toBe('generating')
    expect((await mock.admin.task(stuck.body.task_id)).scenarioSource).toBe('apiKey')
  })
})

describe('callback retries', () => {
  it('retry after 10 s, 30 s and 90 s of virtual time while the receiver answers 500, then give up', async () => {
    receiver.status = 500
    const created = await submit({ prompt: 'a fox', callBackUrl: receiver.url })
    const id = created.body.task_id
    const t = await timeline(id)
    await advanceTo((t.completesAt as number) + 10_000 + 30_000 + 90_000 + DAY_MS)
    const attempts = await mock.admin.callbacks({ taskId: id })
    expect(attempts).toHaveLength(1 + 3)
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4])
    const at = attempts.map((a) => a.at)
    expect(at[0]).toBe(t.completesAt)
    expect(at.slice(1).map((x, i) => x - (at[i] as number))).toEqual([10_000, 30_000, 90_000])
    expect(attempts.map((a) => a.status)).toEqual([500, 500, 500, 500])
    expect(attempts.every((a) => !a.delivered)).toBe(true)
    expect(attempts.at(-1)?.nextAttemptAt).toBeNull()
    expect(receiver.received).toHaveLength(4)
  })

  it('count any 2xx as delivered', async () => {
    receiver.status = 204
    const created = await submit({ prompt: 'a fox', callBackUrl: receiver.url })
    await mock.admin.advance(DAY_MS)
    const attempts = await mock.admin.callbacks({ taskId: created.body.task_id })
    expect(attempts).toHaveLength(1)
    expect(attempts[0]?.delivered).toBe(true)
  })
})

describe('balance and prices', () => {
  const balance = async (key = KEY) => (await call<{ balance_micro_usdc: number }>('GET', `${base}/v1/credits/balance`, { key })).body.balance_micro_usdc

  it('lists the Veo 3.1 models publicly with resolution tiers, and charges exactly those prices', async () => {
    const models = await call<ModelList>('GET', `${base}/v1/models`, { key: null })
    expect(models.status).toBe(200)
    expect(models.body.object).toBe('list')
    expect(models.body.data.map((m) => m.id)).toEqual(['veo3.1', 'veo3.1_fast', 'veo3.1_lite'])
    expect(await balance()).toBe(25_000_000)
    let expected = 25_000_000
    for (const model of models.body.data) {
      expect(model.capabilities?.pricing?.mode).toBe('resolution')
      const tiers = model.capabilities?.pricing?.tiers ?? []
      expect(tiers.map((tier) => [tier.id, tier.unit])).toEqual([
        ['720p', 'video'],
        ['1080p', 'video'],
        ['4k', 'video'],
      ])
      for (const tier of tiers) {
        const created = await submit({ model: model.id, prompt: 'a fox', resolution: tier.id })
        expect(created.body.billing?.reserve_amount_micro_usdc).toBe(tier.price_micro_usdc)
        expected -= tier.price_micro_usdc as number
        expect(await balance()).toBe(expected)
      }
    }
  })

  it('rejects a submit the balance does not cover with 402, and accepts it once it does', async () => {
    await mock.admin.setCredits(KEY, 0)
    expect(await balance()).toBe(0)
    expectFlatError(await submit<ErrorBody>({ prompt: 'a fox' }), 402, 'insufficient_balance')
    await mock.admin.setCredits(KEY, 299_999)
    expectFlatError(await submit<ErrorBody>({ prompt: 'a fox' }), 402, 'insufficient_balance')
    await mock.admin.setCredits(KEY, 300_000)
    expect((await submit({ prompt: 'a fox' })).status).toBe(200)
    expect(await balance()).toBe(0)
    expect(await mock.admin.tasks({ vendor: 'xenodia' })).toHaveLength(1)
  })

  it('gives a failed task its price back, as its billing releases the reservation, and keeps a successful one', async () => {
    const failing = await submit({ prompt: 'a fox', resolution: '720p' }, { scenario: 'content_violation' })
    const succeeding = await submit({ prompt: 'a fox', resolution: '720p' })
    expect(await balance()).toBe(25_000_000 - 2 * 300_000)
    const ends = await Promise.all([timeline(failing.body.task_id as string), timeline(succeeding.body.task_id as string)])
    await advanceTo(Math.max(...ends.map((t) => t.completesAt as number)) + 1)
    const failed = await call<TaskEnvelope>('GET', `${base}/v1/tasks/${failing.body.task_id}`)
    expect(failed.body.billing).toMatchObject({ status: 'released', released_amount_micro_usdc: 300_000 })
    expect(await balance()).toBe(25_000_000 - 300_000)
  })

  it('invents no rate limit: 30 submits at the same virtual instant are all accepted', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 30; i++) statuses.push((await submit({ prompt: 'a fox' })).status)
    expect(statuses.every((s) => s === 200)).toBe(true)
  })

  it('needs a key for the balance', async () => {
    expectFlatError(await call<ErrorBody>('GET', `${base}/v1/credits/balance`, { key: null }), 401, 'unauthorized')
  })
})

describe('bad input is answered in Xenodia’s own shape and the server keeps serving', () => {
  const json = { 'content-type': 'application/json' }
  const cases: Array<
    [
      string,
      {
        given: { method: string; path: string; key?: string | null; headers?: Record<string, string>; body?: string }
        want: { status: number; error: string; code?: string; allow?: string }
      },
    ]
  > = [
    [
      'malformed JSON',
      {
        given: { method: 'POST', path: '/v1/videos/generations', headers: json, body: '{"prompt": "a fox",' },
        want: { status: 400, error: 'bad_request', code: 'invalid_json' },
      },
    ],
    [
      'a text/plain body',
      {
        given: { method: 'POST', path: '/v1/videos/generations', headers: { 'content-type': 'text/plain' }, body: 'a fox' },
        want: { status: 400, error: 'bad_request', code: 'unsupported_content_type' },
      },
    ],
    [
      'a body over 1 MB',
      {
        given: { method: 'POST', path: '/v1/videos/generations', headers: json, body: JSON.stringify({ prompt: 'x'.repeat(1024 * 1024 + 1) }) },
        want: { status: 413, error: 'payload_too_large', code: 'payload_too_large' },
      },
    ],
    [
      'no body at all',
      { given: { method: 'POST', path: '/v1/videos/generations', headers: json }, want: { status: 400, error: 'bad_request', code: 'invalid_parameter' } },
    ],
    ['an unknown path under the prefix', { given: { method: 'GET', path: '/v1/videos/nope' }, want: { status: 404, error: 'not_found' } }],
    [
      'a wrong method on the task path',
      { given: { method: 'DELETE', path: '/v1/tasks/abc' }, want: { status: 405, error: 'method_not_allowed', allow: 'GET' } },
    ],
    [
      'a GET on the create path',
      { given: { method: 'GET', path: '/v1/videos/generations' }, want: { status: 405, error: 'method_not_allowed', allow: 'POST' } },
    ],
    ['a 10 kB task id', { given: { method: 'GET', path: `/v1/tasks/${'a'.repeat(10_000)}` }, want: { status: 404, error: 'not_found' } }],
    ['a NUL task id', { given: { method: 'GET', path: '/v1/tasks/%00' }, want: { status: 404, error: 'not_found' } }],
    ['a malformed percent-encoding in the task id', { given: { method: 'GET', path: '/v1/tasks/%E0%A4%A' }, want: { status: 404, error: 'not_found' } }],
    [
      'absurd query values on a task GET',
      { given: { method: 'GET', path: `/v1/tasks/abc?taskId=%00&limit=${'9'.repeat(5000)}` }, want: { status: 404, error: 'not_found' } },
    ],
    [
      'a missing bearer token on create',
      {
        given: { method: 'POST', path: '/v1/videos/generations', key: null, headers: json, body: '{"prompt":"a fox"}' },
        want: { status: 401, error: 'unauthorized', code: 'invalid_api_key' },
      },
    ],
    [
      'an empty bearer token on create',
      {
        given: { method: 'POST', path: '/v1/videos/generations', key: null, headers: { ...json, authorization: 'Bearer ' }, body: '{"prompt":"a fox"}' },
        want: { status: 401, error: 'unauthorized' },
      },
    ],
    [
      'a Basic credential on create',
      {
        given: { method: 'POST', path: '/v1/videos/generations', key: null, headers: { ...json, authorization: 'Basic eDp5' }, body: '{"prompt":"a fox"}' },
        want: { status: 401, error: 'unauthorized' },
      },
    ],
    ['a missing bearer token on a task GET', { given: { method: 'GET', path: '/v1/tasks/abc', key: null }, want: { status: 401, error: 'unauthorized' } }],
  ]
  it.each(cases)('%s', async (_name, { given, want }) => {
    const answer = await call<ErrorBody>(given.method, `${base}${given.path}`, {
      key: given.key,
      headers: given.headers ?? {},
      ...(given.body !== undefined ? { body: given.body } : {}),
    })
    expectFlatError(answer, want.status, want.error)
    if (want.code) expect(answer.body.code).toBe(want.code)
    if (want.allow) expect(answer.headers.get('allow')).toBe(want.allow)
    expect((await call<ModelList>('GET', `${base}/v1/models`, { key: null })).status).toBe(200)
    expect((await submit({ prompt: 'still serving' })).status).toBe(200)
  })
})

describe('a body sent with a GET is ignored, as HTTP servers do', () => {
  it('still answers the task and the model list', async () => {
    const created = await submit({ prompt: 'a fox' })
    const big = await call<TaskEnvelope>('GET', `${base}/v1/tasks/${created.body.task_id}`, {
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(1024 * 1024 + 1),
    })
    expect(big.status).toBe(200)
    expect(big.body.task_id).toBe(created.body.task_id)
    const malformed = await call<ModelList>('GET', `${base}/v1/models`, { key: null, headers: { 'content-type': 'text/plain' }, body: '{not json' })
    expect(malformed.status).toBe(200)
    expect(malformed.body.object).toBe('list')
    const balance = await call<{ balance_micro_usdc: number }>('GET', `${base}/v1/credits/balance`, {
      headers: { 'content-type': 'application/json' },
      body: '{',
    })
    expect(balance.status).toBe(200)
  })
})

describe('spec-invalid requests get the validation error naming the field', () => {
  const cases: Array<[string, { given: Record<string, unknown>; want: string }]> = [
    [
      'REFERENCE_2_VIDEO with the quality model',
      { given: { model: 'veo3.1', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/a.png'] }, want: 'model' },
    ],
    ['REFERENCE_2_VIDEO without images', { given: { prompt: 'p', generationType: 'REFERENCE_2_VIDEO' }, want: 'imageUrls' }],
    ['four images', { given: { prompt: 'p', imageUrls: ['https://e.x/1', 'https://e.x/2', 'https://e.x/3', 'https://e.x/4'] }, want: 'imageUrls' }],
    ['TEXT_2_VIDEO with an image', { given: { prompt: 'p', generationType: 'TEXT_2_VIDEO', imageUrls: ['https://e.x/1'] }, want: 'imageUrls' }],
    ['seeds below 10000', { given: { prompt: 'p', seeds: 9999 }, want: 'seeds' }],
    ['a missing prompt', { given: { model: 'veo3.1_fast' }, want: 'prompt' }],
    ['an empty prompt', { given: { prompt: '' }, want: 'prompt' }],
    ['aspect_ratio auto in lower case', { given: { prompt: 'p', aspect_ratio: 'auto' }, want: 'aspect_ratio' }],
    ['resolution 4K in upper case', { given: { prompt: 'p', resolution: '4K' }, want: 'resolution' }],
    [
      "a '-t' model with generationType (X-VEOT says not to send it)",
      { given: { prompt: 'p', model: 'veo3.1-t', generationType: 'TEXT_2_VIDEO' }, want: 'generationType' },
    ],
    ['an asset:// image', { given: { prompt: 'p', imageUrls: ['asset://abc'] }, want: 'imageUrls' }],
    ['a callBackUrl that is not a URI', { given: { prompt: 'p', callBackUrl: 'not a url' }, want: 'callBackUrl' }],
  ]
  it.each(cases)('%s', async (_name, { given, want }) => {
    const answer = await submit<ErrorBody>(given)
    expectFlatError(answer, 400, 'bad_request')
    expect(answer.body.type).toBe('invalid_request_error')
    expect(answer.body.code).toBe('invalid_parameter')
    expect(answer.body.message).toMatch(new RegExp(`^Invalid parameter ${want}`))
    const journal = await mock.admin.requests({ vendor: 'xenodia' })
    expect(journal.at(-1)?.valid).toBe(false)
    expect(await mock.admin.tasks({ vendor: 'xenodia' })).toEqual([])
  })
})
