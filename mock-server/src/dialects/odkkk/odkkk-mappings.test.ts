// Table-driven tests of the odkkk dialect's pure mappings: task states, failures, errors, callback
// URL rules, prices and ids.
import { describe, expect, it } from 'vitest'
import type { CoreError, CoreErrorKind } from '../../core/dialect.js'
import { seededRandom } from '../../../../lib/seeded-random.js'
import type { Task, TaskView } from '../../core/task.js'
import { priceOf } from './billing.js'
import { CALLBACK_POLICY, callbackUrlProblem, isInternalHost } from './callbacks.js'
import { paramOf, renderOdkkkError, validationMessage } from './errors.js'
import { renderTaskDetail } from './task-detail.js'
import { isOdkkkTaskId, odkkkTaskId } from './task-id.js'
import { estimatedSeconds, remainingSeconds } from './timings.js'

const T0 = Date.UTC(2026, 0, 1)
const task: Task = {
  id: 'task-unified-1767225600-abcd1234',
  vendor: 'odkkk',
  operation: 'generate',
  parentId: null,
  seq: 1,
  scenario: 'success',
  scenarioSource: 'default',
  keyId: 'key_x',
  createdAt: T0,
  queuedUntil: T0 + 5_000,
  completesAt: T0 + 185_000,
  outcome: 'succeeded',
  settledByAdmin: false,
  request: {},
  wire: { model: 'veo3.1-pro' },
  callbackUrl: null,
  files: ['video.mp4'],
  polls: 0,
  charged: 25.7,
}
const ctx = { fileUrls: (t: Task) => t.files.map((f) => `http://mock/odkkk/files/${t.id}/${f}`) }
const base = { created: 1767225600, id: task.id, model: 'veo3.1-pro', object: 'video.generation.task', type: 'video' }
const usage = { billing_rule: 'per_call', credits_reserved: 25.7, user_group: 'default' }

describe('renderTaskDetail maps the canonical view onto odkkk statuses', () => {
  const cases: Array<[string, { given: { view: TaskView; now: number }; want: unknown }]> = [
    [
      'a queued task is pending, cancellable, with the planned estimate',
      {
        given: { view: { state: 'queued', progress: 0, settledAt: null, failure: null }, now: T0 },
        want: { ...base, progress: 0, status: 'pending', task_info: { can_cancel: true, estimated_time: 185, video_duration: 8 }, usage },
      },
    ],
    [
      'a running task is processing with its progress and the seconds left',
      {
        given: { view: { state: 'running', progress: 45, settledAt: null, failure: null }, now: T0 + 86_000 },
        want: { ...base, progress: 45, status: 'processing', task_info: { can_cancel: false, estimated_time: 99, video_duration: 8 }, usage },
      },
    ],
    [
      'a succeeded task is completed with its result URLs',
      {
        given: { view: { state: 'succeeded', progress: 100, settledAt: T0 + 185_000, failure: null }, now: T0 + 185_000 },
        want: {
          ...base,
          progress: 100,
          results: [`http://mock/odkkk/files/${task.id}/video.mp4`],
          status: 'completed',
          task_info: { can_cancel: false, video_duration: 8 },
        },
      },
    ],
    [
      'a content violation fails with content_policy_violation',
      {
        given: { view: { state: 'failed', progress: 0, settledAt: T0, failure: 'content_violation' }, now: T0 },
        want: {
          ...base,
          progress: 0,
          status: 'failed',
          task_info: { can_cancel: false },
          error: { code: 'content_policy_violation', message: 'Content policy violation' },
        },
      },
    ],
    [
      'an unreadable input image fails with image_processing_error',
      {
        given: { view: { state: 'failed', progress: 0, settledAt: T0, failure: 'invalid_image' }, now: T0 },
        want: {
          ...base,
          progress: 0,
          status: 'failed',
          task_info: { can_cancel: false },
          error: { code: 'image_processing_error', message: 'Failed to fetch or process input image' },
        },
      },
    ],
    [
      'a generic failure fails with generation_failed_no_content',
      {
        given: { view: { state: 'failed', progress: 0, settledAt: T0, failure: 'generation_failed' }, now: T0 },
        want: {
          ...base,
          progress: 0,
          status: 'failed',
          task_info: { can_cancel: false },
          error: { code: 'generation_failed_no_content', message: 'Generation failed' },
        },
      },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(renderTaskDetail(task, given.view, ctx, given.now)).toEqual(want)
  })
})

describe('estimates come from the task timeline', () => {
  const cases: Array<[string, { given: { completesAt: number | null; now: number }; want: { total: number; left: number } }]> = [
    ['a planned task estimates its whole duration, rounded up', { given: { completesAt: T0 + 180_500, now: T0 + 80_000 }, want: { total: 181, left: 101 } }],
    ['a stuck task falls back to the documented 180 s', { given: { completesAt: null, now: T0 + 80_000 }, want: { total: 180, left: 180 } }],
    ['a task past its end has nothing left', { given: { completesAt: T0 + 1_000, now: T0 + 5_000 }, want: { total: 1, left: 0 } }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(estimatedSeconds({ createdAt: T0, completesAt: given.completesAt })).toBe(want.total)
    expect(remainingSeconds({ completesAt: given.completesAt }, given.now)).toBe(want.left)
  })
})

const err = (kind: CoreErrorKind, extra: Partial<CoreError> = {}): CoreError => ({
  kind,
  message: `detail of ${kind}`,
  route: '/v1/videos/generations',
  fromScenario: false,
  ...extra,
})

describe('renderOdkkkError renders every core error in odkkk shape', () => {
  const cases: Array<[string, { given: CoreError; want: { status: number; error: Record<string, unknown>; headers?: Record<string, string> } }]> = [
    [
      'unauthorized is 401 authentication_error',
      { given: err('unauthorized'), want: { status: 401, error: { code: 401, message: 'Invalid or expired token', type: 'authentication_error' } } },
    ],
    [
      'insufficient credits is 402 with odkkk billing URL',
      {
        given: err('insufficient_credits'),
        want: {
          status: 402,
          error: {
            code: 402,
            message: 'Insufficient quota',
            type: 'insufficient_quota_error',
            fallback_suggestion: 'https://ai.odkkk.com/apiv1/dashboard/billing',
          },
        },
      },
    ],
    [
      'a rate-limit scenario is 429 with Retry-After 60',
      {
        given: err('rate_limited', { fromScenario: true }),
        want: {
          status: 429,
          error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error', fallback_suggestion: 'retry after 60 seconds' },
          headers: { 'retry-after': '60' },
        },
      },
    ],
    [
      'a real rate-limit window sends its own Retry-After, rounded up',
      {
        given: err('rate_limited', { retryAfterMs: 4_200 }),
        want: {
          status: 429,
          error: { code: 429, message: 'Rate limit exceeded', type: 'rate_limit_error', fallback_suggestion: 'retry after 5 seconds' },
          headers: { 'retry-after': '5' },
        },
      },
    ],
    [
      'server error is 500',
      {
        given: err('server_error'),
        want: { status: 500, error: { code: 500, message: 'Internal server error', type: 'internal_server_error', fallback_suggestion: 'try again later' } },
      },
    ],
    [
      'maintenance is 503 with Retry-After 30',
      {
        given: err('maintenance'),
        want: {
          status: 503,
          error: { code: 503, message: 'Service temporarily unavailable', type: 'service_unavailable_error', fallback_suggestion: 'retry after 30 seconds' },
          headers: { 'retry-after': '30' },
        },
      },
    ],
    [
      'upstream error is 502',
      {
        given: err('upstream_error'),
        want: {
          status: 502,
          error: { code: 502, message: 'Upstream AI service unavailable', type: 'upstream_error', fallback_suggestion: 'try different model' },
        },
      },
    ],
    [
      'a flaky poll is the 503 body without Retry-After',
      {
        given: err('flaky_poll', { route: '/v1/tasks/{task_id}' }),
        want: {
          status: 503,
          error: { code: 503, message: 'Service temporarily unavailable', type: 'service_unavailable_error', fallback_suggestion: 'retry after 30 seconds' },
        },
      },
    ],
    [
      'a wrong model is 404 not_found_error naming veo3.1-pro',
      {
        given: err('invalid_request', { field: 'model', issues: ['/model must be equal to one of the allowed values: ["veo3.1-pro"]'] }),
        want: {
          status: 404,
          error: { code: 404, message: 'Specified model not found', type: 'not_found_error', param: 'model', fallback_suggestion: 'veo3.1-pro' },
        },
      },
    ],
    [
      'a missing model is 400 naming model',
      {
        given: err('invalid_request', { field: 'model', issues: ["(root) must have required property 'model'"] }),
        want: { status: 400, error: { code: 400, message: 'model is required', type: 'invalid_request_error', param: 'model' } },
      },
    ],
    [
      'a bad image URL names the top-level field',
      {
        given: err('invalid_request', { field: 'image_urls.0', issues: ['/image_urls/0 must match format "uri"'] }),
        want: {
          status: 400,
          error: { code: 400, message: 'Invalid image_urls parameter: must match format "uri"', type: 'invalid_request_error', param: 'image_urls' },
        },
      },
    ],
    [
      'a malformed task id is 400 Invalid task ID format',
      {
        given: err('invalid_request', { field: 'task_id', route: '/v1/tasks/{task_id}', issues: ['/task_id must match pattern "^task-unified-"'] }),
        want: { status: 400, error: { code: 400, message: 'Invalid task ID format', type: 'invalid_request_error', param: 'task_id' } },
      },
    ],
    [
      'an unknown scenario names the header',
      {
        given: err('invalid_request', { field: 'x-veomock-scenario', message: 'Unknown veomock scenario "nope"' }),
        want: { status: 400, error: { code: 400, message: 'Unknown veomock scenario "nope"', type: 'invalid_request_error', param: 'x-veomock-scenario' } },
      },
    ],
    [
      'malformed JSON is 400 without param',
      { given: err('malformed_json'), want: { status: 400, error: { code: 400, message: 'Request body is not valid JSON', type: 'invalid_request_error' } } },
    ],
    [
      'a non-JSON content type is 400',
      {
        given: err('unsupported_media_type'),
        want: { status: 400, error: { code: 400, message: 'detail of unsupported_media_type', type: 'invalid_request_error' } },
      },
    ],
    [
      'a large submit body is 413 request_too_large_error',
      {
        given: err('payload_too_large'),
        want: { status: 413, error: { code: 413, message: 'Request body too large (limit 1 MB)', type: 'request_too_large_error' } },
      },
    ],
    [
      'a large body on the task query is 400, the status that operation declares',
      {
        given: err('payload_too_large', { route: '/v1/tasks/{task_id}' }),
        want: { status: 400, error: { code: 400, message: 'Request body too large (limit 1 MB)', type: 'invalid_request_error' } },
      },
    ],
    [
      'an unknown path is 404 not_found_error',
      {
        given: err('route_not_found', { route: null }),
        want: { status: 404, error: { code: 404, message: 'detail of route_not_found', type: 'not_found_error' } },
      },
    ],
    [
      'a wrong method is 405 with Allow',
      {
        given: err('method_not_allowed', { allow: ['POST'] }),
        want: { status: 405, error: { code: 405, message: 'detail of method_not_allowed', type: 'invalid_request_error' }, headers: { allow: 'POST' } },
      },
    ],
    [
      'an unknown task is 404 Task not found or expired',
      {
        given: err('task_not_found', { route: '/v1/tasks/{task_id}' }),
        want: { status: 404, error: { code: 404, message: 'Task not found or expired', type: 'not_found_error', param: 'task_id' } },
      },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    const response = renderOdkkkError(given)
    expect(response.status).toBe(want.status)
    expect(response.body).toEqual({ error: want.error })
    expect(response.headers ?? {}).toEqual(want.headers ?? {})
  })
})

describe('validationMessage reads like the vendor examples', () => {
  const cases: Array<[string, { given: [string | undefined, string]; want: string }]> = [
    ['a missing field', { given: ['prompt', "(root) must have required property 'prompt'"], want: 'prompt is required' }],
    ['a long prompt', { given: ['prompt', '/prompt must NOT have more than 2000 characters'], want: 'Prompt must be at most 2000 characters' }],
    ['too many images', { given: ['image_urls', '/image_urls must NOT have more than 2 items'], want: 'At most 2 images are supported' }],
    ['images on a TEXT task', { given: ['image_urls', '/image_urls must NOT have more than 0 items'], want: 'generation_type TEXT takes no image_urls' }],
    [
      'an enum',
      {
        given: ['aspect_ratio', '/aspect_ratio must be equal to one of the allowed values: ["auto","16:9","9:16"]'],
        want: 'Invalid aspect_ratio parameter: must be equal to one of the allowed values: ["auto","16:9","9:16"]',
      },
    ],
    ['a body that is not an object', { given: [undefined, '(root) must be object'], want: 'Must be object' }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(validationMessage(...given)).toBe(want)
  })

  it('names the top-level request field of a dotted path', () => {
    expect([paramOf('image_urls.1'), paramOf('prompt'), paramOf(undefined), paramOf('')]).toEqual(['image_urls', 'prompt', undefined, undefined])
  })
})

describe('callbackUrlProblem applies the documented callback rules', () => {
  const cases: Array<[string, { given: string; want: string | undefined }]> = [
    ['a public HTTPS URL is fine', { given: 'https://hooks.example.com/veo', want: undefined }],
    ['plain HTTP is refused', { given: 'http://hooks.example.com/veo', want: 'callback_url must use HTTPS' }],
    ['loopback IPv4 is refused', { given: 'https://127.0.0.1:8443/cb', want: 'callback_url must not point at an internal address' }],
    ['10/8 is refused', { given: 'https://10.1.2.3/cb', want: 'callback_url must not point at an internal address' }],
    ['172.16/12 is refused', { given: 'https://172.31.255.1/cb', want: 'callback_url must not point at an internal address' }],
    ['172.32 is public', { given: 'https://172.32.0.1/cb', want: undefined }],
    ['192.168/16 is refused', { given: 'https://192.168.0.10/cb', want: 'callback_url must not point at an internal address' }],
    ['link-local is refused', { given: 'https://169.254.169.254/latest', want: 'callback_url must not point at an internal address' }],
    ['0.0.0.0 is refused', { given: 'https://0.0.0.0/cb', want: 'callback_url must not point at an internal address' }],
    ['localhost is refused', { given: 'https://localhost/cb', want: 'callback_url must not point at an internal address' }],
    ['IPv6 loopback is refused', { given: 'https://[::1]/cb', want: 'callback_url must not point at an internal address' }],
    ['an over-long URL is refused', { given: `https://hooks.example.com/${'a'.repeat(2048)}`, want: 'callback_url must be at most 2048 characters' }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(callbackUrlProblem(given)).toBe(want)
  })

  it('recognises IPv4-mapped and unique-local IPv6 hosts as internal', () => {
    expect([isInternalHost('[::ffff:10.0.0.1]'), isInternalHost('fd00::1'), isInternalHost('fe80::1'), isInternalHost('2001:db8::1')]).toEqual([
      true,
      true,
      true,
      false,
    ])
  })

  it('retries after 1 s, 2 s and 4 s with a 10 s timeout, and any 2xx is delivered', () => {
    expect(CALLBACK_POLICY.timeoutMs).toBe(10_000)
    expect(CALLBACK_POLICY.retryDelaysMs).toEqual([1_000, 2_000, 4_000])
    expect([200, 202, 204, 299, 301, 404, 500].map((s) => CALLBACK_POLICY.isDelivered(s))).toEqual([true, true, true, true, false, false, false])
  })
})

describe('prices and ids', () => {
  const prices: Array<[string, { given: string | undefined; want: number }]> = [
    ['no quality is the default 720p price', { given: undefined, want: 25.7 }],
    ['720p', { given: '720p', want: 25.7 }],
    ['1080p', { given: '1080p', want: 25.7 }],
    ['4k costs more', { given: '4k', want: 38.55 }],
  ]
  it.each(prices)('prices %s', (_name, { given, want }) => {
    expect(priceOf(given)).toBe(want)
  })

  it('makes ids of the form task-unified-<unix seconds>-<8 lowercase alphanumerics>', () => {
    const id = odkkkTaskId(seededRandom(1, 'odkkk'), Date.UTC(2025, 8, 6, 14, 42, 23, 900))
    expect(id).toMatch(/^task-unified-1757169743-[a-z0-9]{8}$/)
    expect(isOdkkkTaskId(id)).toBe(true)
    expect(isOdkkkTaskId('task-unified-1757169743-7cvnl5zw')).toBe(true)
    expect(isOdkkkTaskId('task-1757169743-7cvnl5zw')).toBe(false)
  })
})
