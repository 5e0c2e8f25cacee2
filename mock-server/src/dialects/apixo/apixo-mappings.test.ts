// Table-driven tests of the Apixo dialect's pure mappings: canonical view → status record, error
// kinds → envelope and status, callback forms, generation-type inference, validation wording. Every
// rendered body is also checked against specs/apixo.openapi.yaml for its operation and status.
import { describe, expect, it } from 'vitest'
import type { CoreError, CoreErrorKind } from '../../core/dialect.js'
import type { Task, TaskView } from '../../core/task.js'
import { specValidator } from '../../../../lib/spec/validation.js'
import { callbackBody } from './callbacks.js'
import { renderApixoError, validationDetail } from './errors.js'
import { callbackUrlOf, inferGenerationType } from './generate-task.js'
import { apixoOptions, defaultApixoOptions } from './options.js'
import { apixoState, taskStatusData } from './status-task.js'
import { apixoTaskId, TASK_ID_PATTERN } from './task-id.js'
import { seededRandom } from '../../../../lib/seeded-random.js'
import { apixoDialect } from './index.js'

const spec = specValidator('apixo')
const T0 = 1_767_225_600_000
const URLS = ['http://127.0.0.1:4010/apixo/files/abc/video.mp4']

function task(wire: Record<string, unknown> = {}): Task {
  return {
    id: 'a'.repeat(32),
    vendor: 'apixo',
    operation: 'generate',
    parentId: null,
    seq: 1,
    scenario: 'success',
    scenarioSource: 'default',
    keyId: 'key_1',
    createdAt: T0,
    queuedUntil: T0 + 4_000,
    completesAt: T0 + 120_000,
    outcome: 'succeeded',
    settledByAdmin: false,
    request: {},
    wire: { model: 'veo-3-1', ...wire },
    callbackUrl: null,
    files: ['video.mp4'],
    polls: 0,
    charged: 0.2,
  }
}

const queued: TaskView = { state: 'queued', progress: 0, settledAt: null, failure: null }
const running: TaskView = { state: 'running', progress: 50, settledAt: null, failure: null }
const succeeded: TaskView = { state: 'succeeded', progress: 100, settledAt: T0 + 120_000, failure: null }
const failed = (failure: TaskView['failure']): TaskView => ({ state: 'failed', progress: 0, settledAt: T0 + 50_000, failure })

describe('status record for each canonical view', () => {
  const cases: Array<[string, { given: { view: TaskView; wire?: Record<string, unknown> }; want: unknown }]> = [
    [
      'queued is pending with only taskId, state and createTime',
      { given: { view: queued }, want: { taskId: 'a'.repeat(32), state: 'pending', createTime: T0 } },
    ],
    ['running is processing (Apixo reports no progress)', { given: { view: running }, want: { taskId: 'a'.repeat(32), state: 'processing', createTime: T0 } }],
    [
      'succeeded is success with a JSON-string resultJson, costTime and completeTime',
      {
        given: { view: succeeded },
        want: {
          taskId: 'a'.repeat(32),
          state: 'success',
          resultJson: JSON.stringify({ resultUrls: URLS }),
          costTime: 120_000,
          createTime: T0,
          completeTime: T0 + 120_000,
        },
      },
    ],
    [
      'content_violation is CONTENT_VIOLATION with S001’s text and no costTime',
      {
        given: { view: failed('content_violation') },
        want: {
          taskId: 'a'.repeat(32),
          state: 'failed',
          failCode: 'CONTENT_VIOLATION',
          failMsg: 'Content does not meet safety guidelines',
          createTime: T0,
          completeTime: T0 + 50_000,
        },
      },
    ],
    [
      'invalid_image is INVALID_IMAGE_URL (S003)',
      {
        given: { view: failed('invalid_image') },
        want: {
          taskId: 'a'.repeat(32),
          state: 'failed',
          failCode: 'INVALID_IMAGE_URL',
          failMsg: 'Cannot access provided image URL',
          createTime: T0,
          completeTime: T0 + 50_000,
        },
      },
    ],
    [
      'generation_failed is GENERATION_FAILED (A-EC)',
      {
        given: { view: failed('generation_failed') },
        want: {
          taskId: 'a'.repeat(32),
          state: 'failed',
          failCode: 'GENERATION_FAILED',
          failMsg: 'Generation failed',
          createTime: T0,
          completeTime: T0 + 50_000,
        },
      },
    ],
    [
      'an extend with an unusable source that generated fine is TASKID_ERROR',
      {
        given: { view: succeeded, wire: { model: 'veo-3-1-extend', sourceError: true } },
        want: {
          taskId: 'a'.repeat(32),
          state: 'failed',
          failCode: 'TASKID_ERROR',
          failMsg: 'Invalid or expired source taskId',
          createTime: T0,
          completeTime: T0 + 120_000,
        },
      },
    ],
    [
      'an extend with an unusable source is still processing while it runs',
      { given: { view: running, wire: { model: 'veo-3-1-extend', sourceError: true } }, want: { taskId: 'a'.repeat(32), state: 'processing', createTime: T0 } },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    const data = taskStatusData(task(given.wire), given.view, URLS)
    expect(data).toEqual(want)
    expect(apixoState(task(given.wire), given.view)).toBe((want as { state: string }).state)
    const body = { code: 200, message: 'success', data }
    for (const path of ['/api/v1/statusTask/veo-3-1', '/api/v1/statusTask/veo-3-1-extend']) {
      expect(spec.validateResponse(path, 'get', 200, body).issues).toEqual([])
    }
  })
})

describe('callback bodies', () => {
  const ctx = (form?: 'code200' | 'code400') => ({
    options: form ? { ...defaultApixoOptions, failureCallbackForm: form } : defaultApixoOptions,
    fileUrls: () => URLS,
  })
  const cases: Array<
    [
      string,
      { given: { view: TaskView; form?: 'code200' | 'code400'; wire?: Record<string, unknown> }; want: { code: number; message: string; costTime: boolean } },
    ]
  > = [
    ['success is the status envelope', { given: { view: succeeded }, want: { code: 200, message: 'success', costTime: true } }],
    ['success ignores the failure form', { given: { view: succeeded, form: 'code400' }, want: { code: 200, message: 'success', costTime: true } }],
    [
      'a failure by default is the A-WH form: code 200, no costTime',
      { given: { view: failed('content_violation') }, want: { code: 200, message: 'success', costTime: false } },
    ],
    [
      'a failure with code400 is the S001 form: code 400, message failed, costTime',
      { given: { view: failed('invalid_image'), form: 'code400' }, want: { code: 400, message: 'failed', costTime: true } },
    ],
    [
      'a TASKID_ERROR extend with code400',
      { given: { view: succeeded, form: 'code400', wire: { sourceError: true } }, want: { code: 400, message: 'failed', costTime: true } },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    const body = callbackBody(task(given.wire), given.view, ctx(given.form))
    expect(body.code).toBe(want.code)
    expect(body.message).toBe(want.message)
    expect('costTime' in body.data).toBe(want.costTime)
    expect(spec.validateWebhook('taskCallback', body).issues).toEqual([])
  })

  it('refuses to render a callback for a task that has not settled', () => {
    expect(() => callbackBody(task(), running, ctx())).toThrow(/still processing/)
  })
})

describe('error kinds', () => {
  const error = (kind: CoreErrorKind, extra: Partial<CoreError> = {}): CoreError => ({
    kind,
    message: `detail of ${kind}`,
    route: null,
    fromScenario: false,
    ...extra,
  })
  const SUBMIT = '/api/v1/generateTask/veo-3-1'
  const STATUS = '/api/v1/statusTask/veo-3-1'
  const cases: Array<
    [CoreErrorKind, { given: { error: CoreError; route: string | null }; want: { status: number; body: unknown; headers?: Record<string, string> } }]
  > = [
    [
      'unauthorized',
      { given: { error: error('unauthorized'), route: SUBMIT }, want: { status: 401, body: { code: 401, message: 'Invalid or missing API key' } } },
    ],
    [
      'insufficient_credits',
      { given: { error: error('insufficient_credits'), route: SUBMIT }, want: { status: 402, body: { code: 402, message: 'Insufficient balance' } } },
    ],
    [
      'rate_limited',
      {
        given: { error: error('rate_limited', { retryAfterMs: 1500 }), route: SUBMIT },
        want: { status: 429, body: { code: 429, message: 'Rate limit exceeded' } },
      },
    ],
    ['server_error', { given: { error: error('server_error'), route: SUBMIT }, want: { status: 500, body: { code: 500, message: 'Internal server error' } } }],
    ['maintenance', { given: { error: error('maintenance'), route: SUBMIT }, want: { status: 503, body: { code: 503, message: 'Service unavailable' } } }],
    [
      'upstream_error',
      {
        given: { error: error('upstream_error'), route: SUBMIT },
        want: { status: 503, body: { code: 503, message: 'Model unavailable', data: { error: 'MODEL_UNAVAILABLE' } } },
      },
    ],
    ['flaky_poll', { given: { error: error('flaky_poll'), route: STATUS }, want: { status: 500, body: { code: 500, message: 'Internal server error' } } }],
    [
      'invalid_request',
      {
        given: { error: error('invalid_request', { field: 'input.prompt', issues: ["/input must have required property 'prompt'"] }), route: SUBMIT },
        want: { status: 400, body: { code: 400, message: 'Invalid request', data: { error: 'Missing required field: input.prompt' } } },
      },
    ],
    [
      'malformed_json',
      {
        given: { error: error('malformed_json'), route: SUBMIT },
        want: { status: 400, body: { code: 400, message: 'Invalid request', data: { error: 'detail of malformed_json' } } },
      },
    ],
    [
      'unsupported_media_type',
      {
        given: { error: error('unsupported_media_type'), route: SUBMIT },
        want: { status: 400, body: { code: 400, message: 'Invalid request', data: { error: 'detail of unsupported_media_type' } } },
      },
    ],
    [
      'payload_too_large',
      {
        given: { error: error('payload_too_large'), route: SUBMIT },
        want: { status: 413, body: { code: 413, message: 'Request body too large', data: { error: 'Request body exceeds 1 MB' } } },
      },
    ],
    [
      'route_not_found',
      {
        given: { error: error('route_not_found'), route: null },
        want: { status: 404, body: { code: 404, message: 'Task or model not found', data: { error: 'detail of route_not_found' } } },
      },
    ],
    [
      'method_not_allowed',
      {
        given: { error: error('method_not_allowed', { allow: ['POST'] }), route: null },
        want: { status: 405, body: { code: 405, message: 'Method not allowed', data: { error: 'detail of method_not_allowed' } }, headers: { allow: 'POST' } },
      },
    ],
    ['task_not_found', { given: { error: error('task_not_found'), route: STATUS }, want: { status: 404, body: { code: 404, message: 'Task not found' } } }],
  ]
  it.each(cases)('%s', (_kind, { given, want }) => {
    const response = renderApixoError(given.error)
    expect(response).toEqual(want.headers ? want : { status: want.status, body: want.body })
    // Where the answer belongs to an operation, the spec declares it with this body.
    if (given.route) {
      const method = given.route === SUBMIT ? 'post' : 'get'
      expect(spec.validateResponse(given.route, method, response.status, response.body).issues).toEqual([])
    }
  })

  it('covers every CoreErrorKind', () => {
    expect(cases.map(([kind]) => kind).sort()).toEqual(
      (
        [
          'unauthorized',
          'insufficient_credits',
          'rate_limited',
          'server_error',
          'maintenance',
          'upstream_error',
          'flaky_poll',
          'invalid_request',
          'malformed_json',
          'unsupported_media_type',
          'payload_too_large',
          'route_not_found',
          'method_not_allowed',
          'task_not_found',
        ] satisfies CoreErrorKind[]
      ).sort(),
    )
  })
})

describe('validation wording in data.error', () => {
  const cases: Array<[string, { given: Pick<CoreError, 'message' | 'field' | 'issues'>; want: string }]> = [
    [
      'a missing nested field in A-EC’s words',
      { given: { message: 'm', field: 'input.prompt', issues: ["/input must have required property 'prompt'"] }, want: 'Missing required field: input.prompt' },
    ],
    [
      'a missing query parameter',
      { given: { message: 'm', field: 'taskId', issues: ["/query must have required property 'taskId'"] }, want: 'Missing required field: taskId' },
    ],
    [
      'a bad value names the dotted field',
      {
        given: { message: 'm', field: 'input.prompt', issues: ['/input/prompt must NOT have more than 10000 characters'] },
        want: 'input.prompt must NOT have more than 10000 characters',
      },
    ],
    ['a root type error', { given: { message: 'm', issues: ['(root) must be object'] }, want: 'Request body must be a JSON object' }],
    [
      'no issues: the core’s own message',
      { given: { message: 'Unknown veomock scenario "x"', field: 'x-veomock-scenario' }, want: 'Unknown veomock scenario "x"' },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(validationDetail(given)).toBe(want)
  })
})

describe('request defaults', () => {
  const inference: Array<[string, { given: number; want: string }]> = [
    ['no images → TEXT_2_VIDEO', { given: 0, want: 'TEXT_2_VIDEO' }],
    ['one image → FIRST_AND_LAST_FRAMES_2_VIDEO (base frame)', { given: 1, want: 'FIRST_AND_LAST_FRAMES_2_VIDEO' }],
    ['two images → FIRST_AND_LAST_FRAMES_2_VIDEO', { given: 2, want: 'FIRST_AND_LAST_FRAMES_2_VIDEO' }],
    ['three images → REFERENCE_2_VIDEO', { given: 3, want: 'REFERENCE_2_VIDEO' }],
  ]
  it.each(inference)('generationType inferred: %s', (_name, { given, want }) => {
    expect(inferGenerationType(given)).toBe(want)
  })

  const callbacks: Array<[string, { given: { request_type?: 'async' | 'callback'; callback_url?: string }; want: string | null }]> = [
    ['callback with a URL', { given: { request_type: 'callback', callback_url: 'https://x.test/cb' }, want: 'https://x.test/cb' }],
    ['async with a URL', { given: { request_type: 'async', callback_url: 'https://x.test/cb' }, want: null }],
    ['no request_type (async by default) with a URL', { given: { callback_url: 'https://x.test/cb' }, want: null }],
    ['callback without a URL', { given: { request_type: 'callback' }, want: null }],
  ]
  it.each(callbacks)('callback target: %s', (_name, { given, want }) => {
    expect(callbackUrlOf(given)).toBe(want)
  })

  const options: Array<[string, { given: Record<string, unknown>; want: unknown }]> = [
    ['empty → defaults', { given: {}, want: { failureCallbackForm: 'code200', urlLifetimeMs: 86_400_000 } }],
    [
      'code400 and 15 days',
      { given: { failureCallbackForm: 'code400', urlLifetimeMs: 15 * 86_400_000 }, want: { failureCallbackForm: 'code400', urlLifetimeMs: 15 * 86_400_000 } },
    ],
    [
      'garbage → defaults',
      { given: { failureCallbackForm: 'code500', urlLifetimeMs: -1 }, want: { failureCallbackForm: 'code200', urlLifetimeMs: 86_400_000 } },
    ],
  ]
  it.each(options)('options: %s', (_name, { given, want }) => {
    expect(apixoOptions(given)).toEqual(want)
  })
})

describe('the dialect value', () => {
  it('issues 32-hex task ids, deterministic per seed', () => {
    const a = apixoTaskId(seededRandom(42, 'x'))
    expect(a).toMatch(TASK_ID_PATTERN)
    expect(apixoTaskId(seededRandom(42, 'x'))).toBe(a)
  })

  it('declares every spec path, Apixo’s defaults and the admin options section exactly', () => {
    expect(apixoDialect.routes.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort()).toEqual(
      Object.entries(spec.document.paths)
        .flatMap(([path, item]) =>
          Object.keys(item)
            .filter((m) => ['get', 'post'].includes(m))
            .map((m) => `${m.toUpperCase()} ${path}`),
        )
        .sort(),
    )
    expect(apixoDialect.defaultOptions).toEqual({ failureCallbackForm: 'code200', urlLifetimeMs: 86_400_000 })
    expect(apixoDialect.retentionMs).toBe(86_400_000)
    expect(apixoDialect.rateLimit).toEqual({ limit: 10_000, windowMs: 60_000 })
    expect(apixoDialect.callbacks.policy.retryDelaysMs).toEqual([30_000, 60_000, 120_000])
    expect([200, 201, 204, 301, 500].map((s) => apixoDialect.callbacks.policy.isDelivered(s))).toEqual([true, false, false, false, false])
    expect(apixoDialect.callbacks.webhook(task())).toBe('taskCallback')
    expect(spec.webhookNames()).toContain('taskCallback')
  })
})
