// specs/odkkk.openapi.yaml accepts every documented odkkk / EvoLink wire form and every body veomock
// sends, and rejects the documented invalid combinations.
// @see /work/docs/vendors/odkkk.md (§3 endpoints, §5 callbacks, §7 conflicts, §8 mock renderings)
import { describe, expect, it } from 'vitest'
import { specValidator, type ValidationResult } from '../lib/spec/validation.js'

const spec = specValidator('odkkk')

const CREATE = '/v1/videos/generations'
const TASK = '/v1/tasks/{task_id}'
const TASK_ID = 'task-unified-1757169743-7cvnl5zw'

/** An issue the rejection must point at: the instance pointer and a fragment of the message. */
interface WantIssue {
  pointer: string
  message: string
}

function expectRejected(result: ValidationResult, want: WantIssue): void {
  expect(result.valid).toBe(false)
  const summary = result.issues.map((i) => `${i.pointer} | ${i.message}`)
  expect(
    result.issues.some((i) => i.pointer === want.pointer && i.message.includes(want.message)),
    `expected an issue at "${want.pointer}" mentioning "${want.message}", got ${JSON.stringify(summary)}`,
  ).toBe(true)
}

function expectAccepted(result: ValidationResult): void {
  expect(result.issues.map((i) => i.message)).toEqual([])
  expect(result.valid).toBe(true)
}

const chars = (n: number): string => 'a'.repeat(n)

// ---------------------------------------------------------------------------------------------
// Bodies, as documented (S004 seed, EvoLink pages) and as veomock renders them (notes §8).
// ---------------------------------------------------------------------------------------------

const err = (code: number | string, message: string, type: string, extra: Record<string, string> = {}) => ({
  error: { code, message, type, ...extra },
})

const seedErrors = {
  400: err(400, 'Invalid duration parameter', 'invalid_request_error', {
    param: 'duration',
    fallback_suggestion: 'use duration between 1-12 seconds',
  }),
  401: err(401, 'Invalid or expired token', 'authentication_error'),
  402: err(402, 'Insufficient quota', 'insufficient_quota_error', {
    fallback_suggestion: 'https://ai.odkkk.com/apiv1/dashboard/billing',
  }),
  403: err(403, 'Access denied for this model', 'permission_error', { param: 'model' }),
  404: err(404, 'Specified model not found', 'not_found_error', { param: 'model', fallback_suggestion: 'veo3.1-pro' }),
  413: err(413, 'Image file too large', 'request_too_large_error', {
    param: 'image_urls',
    fallback_suggestion: 'compress image to under 4MB',
  }),
  429: err(429, 'Rate limit exceeded', 'rate_limit_error', { fallback_suggestion: 'retry after 60 seconds' }),
  500: err(500, 'Internal server error', 'internal_server_error', { fallback_suggestion: 'try again later' }),
  502: err(502, 'Upstream AI service unavailable', 'upstream_error', { fallback_suggestion: 'try different model' }),
  503: err(503, 'Service temporarily unavailable', 'service_unavailable_error', {
    fallback_suggestion: 'retry after 30 seconds',
  }),
} as const

const baseTask = {
  created: 1757169743,
  id: TASK_ID,
  model: 'veo3.1-pro',
  object: 'video.generation.task',
  type: 'video',
}

const pendingTask = {
  ...baseTask,
  progress: 0,
  status: 'pending',
  task_info: { can_cancel: true, estimated_time: 180, video_duration: 8 },
  usage: { billing_rule: 'per_call', credits_reserved: 25.7, user_group: 'default' },
}

const processingTask = {
  ...baseTask,
  progress: 42,
  status: 'processing',
  task_info: { can_cancel: false, estimated_time: 104, video_duration: 8 },
}

const completedTask = {
  ...baseTask,
  progress: 100,
  results: [`http://127.0.0.1:4010/odkkk/__files/${TASK_ID}.mp4`],
  status: 'completed',
  task_info: { can_cancel: false },
}

const failedTask = (code: string, message: string) => ({
  ...baseTask,
  progress: 0,
  status: 'failed',
  task_info: { can_cancel: false },
  error: { code, message },
})

// E-LITE completed Veo example (no `created`; model veo3.1-fast).
const evolinkCompleted = {
  id: 'task-unified-1757169743-abcd1234',
  model: 'veo3.1-fast',
  object: 'video.generation.task',
  progress: 100,
  results: ['http://example.com/video.mp4'],
  status: 'completed',
  task_info: { can_cancel: false },
  type: 'video',
}

// E-ERR failed example (image task, minimal fields).
const evolinkFailedDoc = {
  id: 'task-unified-1757169743-abcd1234',
  object: 'image.generation.task',
  status: 'failed',
  progress: 0,
  error: { code: 'content_policy_violation', message: 'Content policy violation…' },
}

// Older EvoLink schema: failed without an error field.
const olderFailed = { ...baseTask, progress: 0, status: 'failed', task_info: { can_cancel: false } }

// ---------------------------------------------------------------------------------------------

describe('POST /v1/videos/generations request (VideoGenerationRequest)', () => {
  const accepted: Array<[string, { given: Record<string, unknown> }]> = [
    ['the seed text-to-video example (S004)', { given: { model: 'veo3.1-pro', prompt: 'A cat playing piano' } }],
    [
      'a text-to-video request with every option set',
      {
        given: {
          model: 'veo3.1-pro',
          prompt: 'A red fox in snow',
          aspect_ratio: '16:9',
          generation_type: 'TEXT',
          enhance_prompt: false,
          quality: '1080p',
          callback_url: 'https://your-domain.com/webhooks/video-task-completed',
        },
      },
    ],
    ['a TEXT request with an empty image list', { given: { model: 'veo3.1-pro', prompt: 'p', generation_type: 'TEXT', image_urls: [] } }],
    [
      'a first-frame request with one image (S004 image_urls example)',
      {
        given: {
          model: 'veo3.1-pro',
          prompt: 'p',
          generation_type: 'FIRST&LAST',
          image_urls: ['http://example.com/image1.jpg'],
        },
      },
    ],
    [
      'a first-and-last-frame request with two images',
      {
        given: {
          model: 'veo3.1-pro',
          prompt: 'p',
          generation_type: 'FIRST&LAST',
          image_urls: ['https://example.com/a.png', 'https://example.com/b.webp'],
          aspect_ratio: '9:16',
        },
      },
    ],
    [
      'images without generation_type (the vendor matches the mode from the count)',
      { given: { model: 'veo3.1-pro', prompt: 'p', image_urls: ['https://example.com/a.jpg', 'https://example.com/b.jpeg'] } },
    ],
    ['a prompt of exactly 2000 characters', { given: { model: 'veo3.1-pro', prompt: chars(2000) } }],
    ['aspect_ratio auto', { given: { model: 'veo3.1-pro', prompt: 'p', aspect_ratio: 'auto' } }],
    ['quality 720p (E-LITE)', { given: { model: 'veo3.1-pro', prompt: 'p', quality: '720p' } }],
    ['quality 4k (E-LITE)', { given: { model: 'veo3.1-pro', prompt: 'p', quality: '4k' } }],
    [
      'an http:// loopback callback_url (veomock allows local receivers by default)',
      { given: { model: 'veo3.1-pro', prompt: 'p', callback_url: 'http://127.0.0.1:9000/hook' } },
    ],
    ['a callback_url of exactly 2048 characters', { given: { model: 'veo3.1-pro', prompt: 'p', callback_url: `https://x.io/${chars(2048 - 13)}` } }],
    ['unknown extra fields, which the vendor ignores', { given: { model: 'veo3.1-pro', prompt: 'p', duration: 8, seed: 12345 } }],
  ]

  it.each(accepted)('accepts %s', (_name, { given }) => {
    expectAccepted(spec.validateRequestBody(CREATE, 'post', given))
  })

  const rejected: Array<[string, { given: Record<string, unknown>; want: WantIssue }]> = [
    ['a prompt of 2001 characters', { given: { model: 'veo3.1-pro', prompt: chars(2001) }, want: { pointer: '/prompt', message: '2000' } }],
    [
      'three images',
      {
        given: { model: 'veo3.1-pro', prompt: 'p', image_urls: ['https://e.com/1.png', 'https://e.com/2.png', 'https://e.com/3.png'] },
        want: { pointer: '/image_urls', message: 'must NOT have more than 2 items' },
      },
    ],
    [
      'generation_type TEXT with an image',
      {
        given: { model: 'veo3.1-pro', prompt: 'p', generation_type: 'TEXT', image_urls: ['https://e.com/1.png'] },
        want: { pointer: '/image_urls', message: 'must NOT have more than 0 items' },
      },
    ],
    [
      'generation_type FIRST&LAST with an empty image list',
      {
        given: { model: 'veo3.1-pro', prompt: 'p', generation_type: 'FIRST&LAST', image_urls: [] },
        want: { pointer: '/image_urls', message: 'must NOT have fewer than 1 items' },
      },
    ],
    [
      'generation_type FIRST&LAST without image_urls',
      {
        given: { model: 'veo3.1-pro', prompt: 'p', generation_type: 'FIRST&LAST' },
        want: { pointer: '', message: "required property 'image_urls'" },
      },
    ],
    [
      "aspect_ratio Auto (KIE's spelling)",
      { given: { model: 'veo3.1-pro', prompt: 'p', aspect_ratio: 'Auto' }, want: { pointer: '/aspect_ratio', message: 'allowed values' } },
    ],
    [
      'aspect_ratio 1:1',
      { given: { model: 'veo3.1-pro', prompt: 'p', aspect_ratio: '1:1' }, want: { pointer: '/aspect_ratio', message: 'allowed values' } },
    ],
    ['quality 8k', { given: { model: 'veo3.1-pro', prompt: 'p', quality: '8k' }, want: { pointer: '/quality', message: 'allowed values' } }],
    [
      'quality 1080P (wrong case)',
      { given: { model: 'veo3.1-pro', prompt: 'p', quality: '1080P' }, want: { pointer: '/quality', message: 'allowed values' } },
    ],
    [
      'generation_type REFERENCE_2_VIDEO',
      {
        given: { model: 'veo3.1-pro', prompt: 'p', generation_type: 'REFERENCE_2_VIDEO', image_urls: ['https://e.com/1.png'] },
        want: { pointer: '/generation_type', message: 'allowed values' },
      },
    ],
    [
      'generation_type FIRST_AND_LAST_FRAMES_2_VIDEO (KIE spelling)',
      {
        given: { model: 'veo3.1-pro', prompt: 'p', generation_type: 'FIRST_AND_LAST_FRAMES_2_VIDEO' },
        want: { pointer: '/generation_type', message: 'allowed values' },
      },
    ],
    [
      "model veo3.1-pro-beta (E-PRO's current name; veomock answers 404)",
      { given: { model: 'veo3.1-pro-beta', prompt: 'p' }, want: { pointer: '/model', message: 'allowed values' } },
    ],
    ['model veo3_fast (KIE id)', { given: { model: 'veo3_fast', prompt: 'p' }, want: { pointer: '/model', message: 'allowed values' } }],
    ['a missing model', { given: { prompt: 'p' }, want: { pointer: '', message: "required property 'model'" } }],
    ['a missing prompt', { given: { model: 'veo3.1-pro' }, want: { pointer: '', message: "required property 'prompt'" } }],
    [
      'an image url that is not a URI',
      { given: { model: 'veo3.1-pro', prompt: 'p', image_urls: ['not a url'] }, want: { pointer: '/image_urls/0', message: 'format "uri"' } },
    ],
    [
      'a callback_url of 2049 characters',
      { given: { model: 'veo3.1-pro', prompt: 'p', callback_url: `https://x.io/${chars(2049 - 13)}` }, want: { pointer: '/callback_url', message: '2048' } },
    ],
    [
      'a callback_url that is not a URI',
      { given: { model: 'veo3.1-pro', prompt: 'p', callback_url: 'my hook' }, want: { pointer: '/callback_url', message: 'format "uri"' } },
    ],
    [
      'enhance_prompt as a string',
      { given: { model: 'veo3.1-pro', prompt: 'p', enhance_prompt: 'yes' }, want: { pointer: '/enhance_prompt', message: 'boolean' } },
    ],
  ]

  it.each(rejected)('rejects %s', (_name, { given, want }) => {
    expectRejected(spec.validateRequestBody(CREATE, 'post', given), want)
  })
})

describe('POST /v1/videos/generations responses', () => {
  const accepted: Array<[string, { given: { status: number; body: unknown } }]> = [
    ['the pending submit response assembled from S004 (success scenario)', { given: { status: 200, body: pendingTask } }],
    [
      'a pending submit response without usage (slow scenario, scaled estimate)',
      { given: { status: 200, body: { ...pendingTask, usage: undefined, task_info: { can_cancel: true, estimated_time: 1800, video_duration: 8 } } } },
    ],
    ...Object.entries(seedErrors).map(
      ([status, body]) => [`the S004 ${status} example`, { given: { status: Number(status), body } }] as [string, { given: { status: number; body: unknown } }],
    ),
    [
      'a 400 naming the real failing field (prompt)',
      { given: { status: 400, body: err(400, 'prompt must be at most 2000 characters', 'invalid_request_error', { param: 'prompt' }) } },
    ],
    [
      'a 400 for more than 2 images (param image_urls)',
      { given: { status: 400, body: err(400, 'At most 2 images are supported', 'invalid_request_error', { param: 'image_urls' }) } },
    ],
    [
      'a 400 from strict-callback mode (param callback_url)',
      { given: { status: 400, body: err(400, 'callback_url must use HTTPS', 'invalid_request_error', { param: 'callback_url' }) } },
    ],
    ['a 400 for unparsable JSON without param', { given: { status: 400, body: err(400, 'Request body is not valid JSON', 'invalid_request_error') } }],
    [
      'a 400 with a string business code (newer EvoLink)',
      { given: { status: 400, body: err('invalid_parameters', 'Invalid parameters', 'invalid_request_error', { param: 'prompt' }) } },
    ],
    [
      'a 402 with an EvoLink gateway admission code',
      { given: { status: 402, body: err('insufficient_quota', 'Insufficient quota', 'insufficient_quota_error') } },
    ],
    ['the veomock 413 for a body over 1 MB', { given: { status: 413, body: err(413, 'Request body too large (limit 1 MB)', 'request_too_large_error') } }],
  ]

  it.each(accepted)('accepts %s', (_name, { given }) => {
    const body = JSON.parse(JSON.stringify(given.body)) as unknown
    expectAccepted(spec.validateResponse(CREATE, 'post', given.status, body))
  })

  const rejected: Array<[string, { given: { status: number; body: unknown }; want: WantIssue }]> = [
    [
      'a submit response with status success (Apixo word)',
      { given: { status: 200, body: { ...pendingTask, status: 'success' } }, want: { pointer: '/status', message: 'allowed values' } },
    ],
    [
      'a submit response with an image task object',
      { given: { status: 200, body: { ...pendingTask, object: 'image.generation.task' } }, want: { pointer: '/object', message: 'allowed values' } },
    ],
    [
      'a submit response with progress 101',
      { given: { status: 200, body: { ...pendingTask, progress: 101 } }, want: { pointer: '/progress', message: '<= 100' } },
    ],
    ['a submit response without id', { given: { status: 200, body: { ...pendingTask, id: undefined } }, want: { pointer: '', message: "required property 'id'" } }],
    [
      'a submit response with an unknown billing rule',
      {
        given: { status: 200, body: { ...pendingTask, usage: { billing_rule: 'per_video', credits_reserved: 1, user_group: 'default' } } },
        want: { pointer: '/usage/billing_rule', message: 'allowed values' },
      },
    ],
    ['an error body without the error envelope', { given: { status: 401, body: { code: 401, message: 'x' } }, want: { pointer: '', message: "required property 'error'" } }],
    [
      'an error body without type',
      { given: { status: 500, body: { error: { code: 500, message: 'x' } } }, want: { pointer: '/error', message: "required property 'type'" } },
    ],
    [
      'an error code that is a boolean',
      { given: { status: 500, body: { error: { code: true, message: 'x', type: 'internal_server_error' } } }, want: { pointer: '/error/code', message: 'must be integer' } },
    ],
    ['an undeclared status 422', { given: { status: 422, body: seedErrors[400] }, want: { pointer: '', message: 'status 422 is not declared' } }],
  ]

  it.each(rejected)('rejects %s', (_name, { given, want }) => {
    const body = JSON.parse(JSON.stringify(given.body)) as unknown
    expectRejected(spec.validateResponse(CREATE, 'post', given.status, body), want)
  })
})

describe('GET /v1/tasks/{task_id}', () => {
  it.each([
    ['a task-unified id', { given: { task_id: TASK_ID } }],
    ['an id with only the task-unified- prefix right (format beyond the prefix is not documented)', { given: { task_id: 'task-unified-1-x' } }],
  ] as Array<[string, { given: Record<string, string> }]>)('accepts the path parameter: %s', (_name, { given }) => {
    expectAccepted(spec.validateParameters(TASK, 'get', {}, given))
  })

  it.each([
    ['a missing task_id', { given: {}, want: { pointer: '/path', message: "required property 'task_id'" } }],
    ['an id without the task-unified- prefix (E-TASK cn)', { given: { task_id: 'abc123' }, want: { pointer: '/path/task_id', message: 'must match pattern' } }],
  ] as Array<[string, { given: Record<string, string>; want: WantIssue }]>)('rejects the path parameter: %s', (_name, { given, want }) => {
    expectRejected(spec.validateParameters(TASK, 'get', {}, given), want)
  })

  it('matches a concrete task path to the template and extracts task_id', () => {
    expect(spec.matchPath(`/v1/tasks/${TASK_ID}`)).toEqual({ template: TASK, params: { task_id: TASK_ID } })
  })

  const accepted: Array<[string, { given: { status: number; body: unknown } }]> = [
    ['a pending task', { given: { status: 200, body: pendingTask } }],
    ['a processing task (progress between 0 and 100, no results)', { given: { status: 200, body: processingTask } }],
    ['a completed task with results', { given: { status: 200, body: completedTask } }],
    ['the E-LITE completed Veo example (no created)', { given: { status: 200, body: evolinkCompleted } }],
    ['a stuck task (processing, progress frozen)', { given: { status: 200, body: { ...processingTask, progress: 37 } } }],
    ['a content_violation failure', { given: { status: 200, body: failedTask('content_policy_violation', 'Content policy violation') } }],
    ['an invalid_image failure', { given: { status: 200, body: failedTask('image_processing_error', 'Failed to fetch or process input image') } }],
    ['a generation_failed failure', { given: { status: 200, body: failedTask('generation_failed_no_content', 'Generation failed') } }],
    [
      'a failure whose error carries type (MCPE)',
      { given: { status: 200, body: { ...failedTask('service_error', 'Service error'), error: { code: 'service_error', message: 'Service error', type: 'server_error' } } } },
    ],
    ['the E-ERR failed image-task example', { given: { status: 200, body: evolinkFailedDoc } }],
    ['a failed task without error (older schema)', { given: { status: 200, body: olderFailed } }],
    ['the E-LITE 400 with integer code', { given: { status: 400, body: err(400, 'Invalid task ID format', 'invalid_request_error', { param: 'task_id' }) } }],
    [
      'the E-TASK cn 400 with string code invalid_task_id',
      {
        given: {
          status: 400,
          body: err('invalid_task_id', "Invalid task ID format, must start with 'task-unified-'", 'invalid_request_error', { param: 'task_id' }),
        },
      },
    ],
    ['the 401 body', { given: { status: 401, body: seedErrors[401] } }],
    ['the 402 body', { given: { status: 402, body: seedErrors[402] } }],
    ['the E-LITE 403 body', { given: { status: 403, body: err(403, 'Access denied', 'permission_error') } }],
    [
      'the unknown/expired task 404',
      { given: { status: 404, body: err(404, 'Task not found or expired', 'not_found_error', { param: 'task_id' }) } },
    ],
    ['the 429 body', { given: { status: 429, body: seedErrors[429] } }],
    ['the 500 body', { given: { status: 500, body: seedErrors[500] } }],
    ['the 502 body', { given: { status: 502, body: seedErrors[502] } }],
    ['the 503 body that flaky_poll sends on the first polls', { given: { status: 503, body: seedErrors[503] } }],
  ]

  it.each(accepted)('accepts %s', (_name, { given }) => {
    expectAccepted(spec.validateResponse(TASK, 'get', given.status, given.body))
  })

  const rejected: Array<[string, { given: { status: number; body: unknown }; want: WantIssue }]> = [
    ['a task with status success (Apixo word)', { given: { status: 200, body: { ...completedTask, status: 'success' } }, want: { pointer: '/status', message: 'allowed values' } }],
    ['a task with status cancelled (FOX only)', { given: { status: 200, body: { ...olderFailed, status: 'cancelled' } }, want: { pointer: '/status', message: 'allowed values' } }],
    [
      'a completed task without results',
      { given: { status: 200, body: { ...completedTask, results: undefined } }, want: { pointer: '', message: "required property 'results'" } },
    ],
    [
      'a result that is not a URI',
      { given: { status: 200, body: { ...completedTask, results: ['video.mp4'] } }, want: { pointer: '/results/0', message: 'format "uri"' } },
    ],
    [
      'a failed task whose error code is an integer',
      { given: { status: 200, body: { ...olderFailed, error: { code: 400, message: 'x' } } }, want: { pointer: '/error/code', message: 'must be string' } },
    ],
    [
      'a failed task error without message',
      { given: { status: 200, body: { ...olderFailed, error: { code: 'unknown_error' } } }, want: { pointer: '/error', message: "required property 'message'" } },
    ],
    [
      'an error on a processing task',
      { given: { status: 200, body: { ...processingTask, error: { code: 'service_error', message: 'x' } } }, want: { pointer: '/status', message: 'constant' } },
    ],
    ['an unknown object kind', { given: { status: 200, body: { ...completedTask, object: 'video.task' } }, want: { pointer: '/object', message: 'allowed values' } }],
    ['a task without status', { given: { status: 200, body: { ...completedTask, status: undefined } }, want: { pointer: '', message: "required property 'status'" } }],
    ['a task_info without can_cancel', { given: { status: 200, body: { ...processingTask, task_info: { estimated_time: 5 } } }, want: { pointer: '/task_info', message: "required property 'can_cancel'" } }],
    ['an undeclared status 413 on the task query', { given: { status: 413, body: seedErrors[413] }, want: { pointer: '', message: 'status 413 is not declared' } }],
  ]

  it.each(rejected)('rejects %s', (_name, { given, want }) => {
    const body = JSON.parse(JSON.stringify(given.body)) as unknown
    expectRejected(spec.validateResponse(TASK, 'get', given.status, body), want)
  })
})

describe('webhook taskCallback (TaskDetailResponse)', () => {
  it('is the only declared webhook', () => {
    expect(spec.webhookNames()).toEqual(['taskCallback'])
  })

  it.each([
    ['the completed task detail (success and duplicate_callback)', { given: completedTask }],
    ['the E-LITE completed example', { given: evolinkCompleted }],
    ['the content_violation failure', { given: failedTask('content_policy_violation', 'Content policy violation') }],
    ['the invalid_image failure', { given: failedTask('image_processing_error', 'Failed to fetch or process input image') }],
    ['the generation_failed failure', { given: failedTask('generation_failed_no_content', 'Generation failed') }],
    ['a failure in the older schema (no error field)', { given: olderFailed }],
  ] as Array<[string, { given: unknown }]>)('accepts %s', (_name, { given }) => {
    expectAccepted(spec.validateWebhook('taskCallback', given))
  })

  it.each([
    ['a callback with status success', { given: { ...completedTask, status: 'success' }, want: { pointer: '/status', message: 'allowed values' } }],
    ['a completed callback without results', { given: { ...completedTask, results: undefined }, want: { pointer: '', message: "required property 'results'" } }],
    ['a callback without id', { given: { ...completedTask, id: undefined }, want: { pointer: '', message: "required property 'id'" } }],
  ] as Array<[string, { given: Record<string, unknown>; want: WantIssue }]>)('rejects %s', (_name, { given, want }) => {
    expectRejected(spec.validateWebhook('taskCallback', JSON.parse(JSON.stringify(given))), want)
  })
})

describe('spec structure the mock relies on', () => {
  const doc = spec.document as unknown as {
    servers: Array<{ url: string }>
    paths: Record<string, Record<string, { operationId?: string; callbacks?: Record<string, Record<string, { post: { requestBody: { $ref: string } } }>>; responses: Record<string, { $ref?: string; description?: string }> }>>
    webhooks: Record<string, { post: { requestBody: { $ref: string } } }>
    components: { responses: Record<string, { headers?: Record<string, unknown> }> }
  }

  it('serves from the vendor base URL with a path', () => {
    expect(doc.servers[0]?.url).toBe('https://ai.odkkk.com/apiv1')
  })

  it.each([
    [CREATE, 'post', 'createVideoGeneration'],
    [TASK, 'get', 'getTaskDetail'],
  ])('declares %s %s as %s', (path, method, operationId) => {
    expect(doc.paths[path]?.[method]?.operationId).toBe(operationId)
  })

  it('declares a callback on createVideoGeneration that shares the webhook request body', () => {
    const callback = doc.paths[CREATE]?.post?.callbacks?.taskCallback?.['{$request.body#/callback_url}']
    expect(callback?.post.requestBody.$ref).toBe('#/components/requestBodies/TaskCallback')
    expect(doc.webhooks.taskCallback?.post.requestBody.$ref).toBe('#/components/requestBodies/TaskCallback')
  })

  it('describes the veomock 413 on the POST operation', () => {
    expect(doc.paths[CREATE]?.post?.responses['413']?.description).toContain('veomock (INFER)')
  })

  it.each(['RateLimited', 'ServiceUnavailable'])('documents Retry-After on %s', (name) => {
    expect(Object.keys(doc.components.responses[name]?.headers ?? {})).toContain('Retry-After')
  })

  it.each([
    [CREATE, 'post', ['200', '400', '401', '402', '403', '404', '413', '429', '500', '502', '503']],
    [TASK, 'get', ['200', '400', '401', '402', '403', '404', '429', '500', '502', '503']],
  ] as Array<[string, string, string[]]>)('%s %s declares exactly the documented statuses', (path, method, statuses) => {
    expect(Object.keys(doc.paths[path]?.[method]?.responses ?? {}).sort()).toEqual([...statuses].sort())
  })
})
