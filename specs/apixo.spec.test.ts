// Table-driven checks of specs/apixo.openapi.yaml against the facts in docs/vendors/apixo.md and
// seeds 001 (older doc generation, g001) and 003 (later generation, g003): every documented request,
// response and callback form is accepted, every body the mock sends (notes §8 and its "Also:" line)
// validates on its endpoint and status, and the documented invalid combinations are rejected at the
// field they concern.
import { describe, expect, it } from 'vitest'
import { specValidator, type ValidationResult } from '../lib/spec/validation.js'

const spec = specValidator('apixo')

const SUBMIT = '/api/v1/generateTask/veo-3-1'
const STATUS = '/api/v1/statusTask/veo-3-1'
const EXTEND = '/api/v1/generateTask/veo-3-1-extend'
const EXTEND_STATUS = '/api/v1/statusTask/veo-3-1-extend'
const BALANCE = '/api/v1/apikeys/current-balance'

type Want = { valid: true } | { valid: false; pointer: string; message: RegExp }
const ok: Want = { valid: true }
const rejects = (pointer: string, message: RegExp): Want => ({ valid: false, pointer, message })

function expectResult(result: ValidationResult, want: Want): void {
  if (want.valid) {
    expect(result.issues.map((i) => i.message)).toEqual([])
    expect(result.valid).toBe(true)
    return
  }
  expect(result.valid).toBe(false)
  expect(result.issues).toEqual(
    expect.arrayContaining([expect.objectContaining({ pointer: want.pointer, message: expect.stringMatching(want.message) })]),
  )
}

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

const text = (input: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  request_type: 'async',
  ...top,
  input: { mode: 'fast', prompt: 'A dog playing in a park', generationType: 'TEXT_2_VIDEO', ...input },
})
const reference = (input: Record<string, unknown> = {}) =>
  text({ generationType: 'REFERENCE_2_VIDEO', image_urls: ['https://example.com/ref-1.png'], aspect_ratio: '16:9', ...input })
const frames = (input: Record<string, unknown> = {}) =>
  text({ mode: 'quality', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', image_urls: ['https://example.com/first-frame.jpg'], ...input })
const images = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/image-${i + 1}.png`)

type Case = [string, { given: unknown; want: Want }]

const submitRequests: Case[] = [
  ['the S001 quick-start text-to-video body (fast, 16:9)', { given: text({ aspect_ratio: '16:9' }), want: ok }],
  [
    'the S001 first-and-last-frames body with two images in quality mode',
    {
      given: frames({ prompt: 'Smooth transition between the two landscapes', image_urls: ['https://example.com/first-frame.jpg', 'https://example.com/last-frame.jpg'], aspect_ratio: '16:9' }),
      want: ok,
    },
  ],
  ['a first-and-last-frames body with one base frame', { given: frames(), want: ok }],
  [
    'the S001 body structure with request_type callback and callback_url',
    { given: text({ mode: 'quality', prompt: 'Your video description' }, { request_type: 'callback', callback_url: 'https://your-server.com/callback' }), want: ok },
  ],
  ['a g001 body with enableTranslation, watermark and seed', { given: text({ enableTranslation: false, watermark: 'My Brand', seed: 42 }), want: ok }],
  ['a seed outside KIE’s 10000–99999 range (Apixo documents no range)', { given: text({ seed: 7 }), want: ok }],
  ['a REFERENCE_2_VIDEO body with fast mode, 16:9 and three images (S003)', { given: reference({ image_urls: images(3) }), want: ok }],
  ['a REFERENCE_2_VIDEO body with one image and aspect_ratio left to its 16:9 default', { given: reference({ aspect_ratio: undefined }), want: ok }],
  ['JPG, PNG and WebP image URLs (S001 JPG/PNG, S003 adds WebP)', { given: reference({ image_urls: ['https://e.com/a.jpg', 'https://e.com/b.png', 'https://e.com/c.webp'] }), want: ok }],
  ['aspect_ratio 9:16', { given: text({ aspect_ratio: '9:16' }), want: ok }],
  ['aspect_ratio auto in lowercase', { given: text({ aspect_ratio: 'auto' }), want: ok }],
  ['the g003 minimal form without request_type, generationType or aspect_ratio', { given: { input: { mode: 'quality', prompt: 'A red fox in snow' } }, want: ok }],
  ['generationType absent with images (the mock infers the type)', { given: { input: { mode: 'fast', prompt: 'p', image_urls: images(2) } }, want: ok }],
  ['provider auto (S003)', { given: text({}, { provider: 'auto' }), want: ok }],
  ['provider value (S003, A-PAR)', { given: text({}, { provider: 'value' }), want: ok }],
  ['provider official and a source tag (PC, MCP)', { given: text({}, { provider: 'official', source: 'apixo-mcp-server' }), want: ok }],
  ['an http:// callback_url for a local receiver (§7.14)', { given: text({}, { request_type: 'callback', callback_url: 'http://127.0.0.1:9000/cb' }), want: ok }],
  ['a prompt of exactly 10,000 characters', { given: text({ prompt: 'a'.repeat(10_000) }), want: ok }],
  ['an unknown extra field (vendors ignore extra fields)', { given: text({ negative_prompt: 'blur' }, { trace: 'x' }), want: ok }],
  ['a TEXT_2_VIDEO body with an empty image_urls array', { given: text({ image_urls: [] }), want: ok }],

  ['REFERENCE_2_VIDEO with mode quality', { given: reference({ mode: 'quality' }), want: rejects('/input/mode', /constant/) }],
  ['REFERENCE_2_VIDEO with aspect_ratio 9:16', { given: reference({ aspect_ratio: '9:16' }), want: rejects('/input/aspect_ratio', /constant/) }],
  ['REFERENCE_2_VIDEO with aspect_ratio auto', { given: reference({ aspect_ratio: 'auto' }), want: rejects('/input/aspect_ratio', /constant/) }],
  ['REFERENCE_2_VIDEO with four images', { given: reference({ image_urls: images(4) }), want: rejects('/input/image_urls', /more than 3 items/) }],
  ['REFERENCE_2_VIDEO without images', { given: reference({ image_urls: undefined }), want: rejects('/input', /'image_urls'/) }],
  ['FIRST_AND_LAST_FRAMES_2_VIDEO with three images', { given: frames({ image_urls: images(3) }), want: rejects('/input/image_urls', /more than 2 items/) }],
  ['FIRST_AND_LAST_FRAMES_2_VIDEO without images', { given: frames({ image_urls: [] }), want: rejects('/input/image_urls', /fewer than 1 items/) }],
  ['TEXT_2_VIDEO with an image', { given: text({ image_urls: images(1) }), want: rejects('/input/image_urls', /more than 0 items/) }],
  ['a prompt of 10,001 characters', { given: text({ prompt: 'a'.repeat(10_001) }), want: rejects('/input/prompt', /more than 10000 characters/) }],
  ['an empty prompt', { given: text({ prompt: '' }), want: rejects('/input/prompt', /fewer than 1 characters/) }],
  ['mode lite (Apixo has no lite tier)', { given: text({ mode: 'lite' }), want: rejects('/input/mode', /allowed values/) }],
  ['an unknown generationType', { given: text({ generationType: 'IMAGE_2_VIDEO' }), want: rejects('/input/generationType', /allowed values/) }],
  ['an unknown provider', { given: text({}, { provider: 'cheapest' }), want: rejects('/provider', /allowed values/) }],
  ['aspect_ratio Auto with a capital A (KIE’s spelling)', { given: text({ aspect_ratio: 'Auto' }), want: rejects('/input/aspect_ratio', /allowed values/) }],
  ['aspect_ratio 1:1', { given: text({ aspect_ratio: '1:1' }), want: rejects('/input/aspect_ratio', /allowed values/) }],
  ['an unknown request_type', { given: text({}, { request_type: 'sync' }), want: rejects('/request_type', /allowed values/) }],
  ['request_type callback without callback_url', { given: text({}, { request_type: 'callback' }), want: rejects('', /'callback_url'/) }],
  ['a callback_url that is not a URI', { given: text({}, { request_type: 'callback', callback_url: 'not a url' }), want: rejects('/callback_url', /format "uri"/) }],
  ['a missing input', { given: { request_type: 'async' }, want: rejects('', /'input'/) }],
  ['a missing input.prompt', { given: { request_type: 'async', input: { mode: 'fast', generationType: 'TEXT_2_VIDEO' } }, want: rejects('/input', /'prompt'/) }],
  ['a missing input.mode', { given: { input: { prompt: 'p' } }, want: rejects('/input', /'mode'/) }],
  ['a non-integer seed', { given: text({ seed: 1.5 }), want: rejects('/input/seed', /integer/) }],
  ['enableTranslation as a string', { given: text({ enableTranslation: 'yes' }), want: rejects('/input/enableTranslation', /boolean/) }],
  ['an image URL that is not a URI', { given: frames({ image_urls: ['first frame.jpg'] }), want: rejects('/input/image_urls/0', /format "uri"/) }],
]

const extendRequests: Case[] = [
  ['an extend body with taskId and prompt (A-EXT)', { given: { request_type: 'async', input: { taskId: 'task_12345678', prompt: 'Continue' } }, want: ok }],
  [
    'an extend body in quality mode with callback, watermark and seed',
    {
      given: {
        request_type: 'callback',
        callback_url: 'https://your-server.com/callback',
        input: { taskId: 'dff8afd34c4e47719b85ad6651daa3f0', mode: 'quality', prompt: 'Continue at sunset', watermark: 'W', seed: 12345 },
      },
      want: ok,
    },
  ],
  ['an extend body in fast mode with a 10,000-character prompt', { given: { input: { taskId: 't', mode: 'fast', prompt: 'a'.repeat(10_000) } }, want: ok }],
  ['an extend body without input.taskId', { given: { input: { prompt: 'Continue' } }, want: rejects('/input', /'taskId'/) }],
  ['an extend body with mode lite', { given: { input: { taskId: 't', mode: 'lite', prompt: 'p' } }, want: rejects('/input/mode', /allowed values/) }],
  ['an extend body with a 10,001-character prompt', { given: { input: { taskId: 't', prompt: 'a'.repeat(10_001) } }, want: rejects('/input/prompt', /more than 10000 characters/) }],
  ['an extend body with request_type callback and no callback_url', { given: { request_type: 'callback', input: { taskId: 't', prompt: 'p' } }, want: rejects('', /'callback_url'/) }],
  ['an extend body without input', { given: { request_type: 'async' }, want: rejects('', /'input'/) }],
]

describe('apixo request bodies', () => {
  it.each(submitRequests)(`POST ${SUBMIT}: %s`, (_name, { given, want }) => {
    expectResult(spec.validateRequestBody(SUBMIT, 'post', JSON.parse(JSON.stringify(given))), want)
  })
  it.each(extendRequests)(`POST ${EXTEND}: %s`, (_name, { given, want }) => {
    expectResult(spec.validateRequestBody(EXTEND, 'post', given), want)
  })
})

const statusParameters: Array<[string, { given: { template: string; query: Record<string, unknown> }; want: Want }]> = [
  ['statusTask with a taskId', { given: { template: STATUS, query: { taskId: 'task_12345678' } }, want: ok }],
  ['extend statusTask with a 32-hex taskId', { given: { template: EXTEND_STATUS, query: { taskId: 'dff8afd34c4e47719b85ad6651daa3f0' } }, want: ok }],
  ['statusTask without taskId', { given: { template: STATUS, query: {} }, want: rejects('/query', /'taskId'/) }],
  ['extend statusTask without taskId', { given: { template: EXTEND_STATUS, query: {} }, want: rejects('/query', /'taskId'/) }],
  ['statusTask with an empty taskId', { given: { template: STATUS, query: { taskId: '' } }, want: rejects('/query/taskId', /fewer than 1 characters/) }],
]

describe('apixo query parameters', () => {
  it.each(statusParameters)('%s', (_name, { given, want }) => {
    expectResult(spec.validateParameters(given.template, 'get', given.query), want)
  })
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

const created = 1698765400000
const completed = 1698765525000
const statusBody = (data: Record<string, unknown>) => ({ code: 200, message: 'success', data: { taskId: 'task_12345678', ...data } })
const resultJson = '{"resultUrls":["https://example.com/video.mp4"]}'

const error400 = { code: 400, message: 'Invalid request', data: { error: 'Missing required field: input.prompt' } }
const error401 = { code: 401, message: 'Invalid or missing API key' }
const error402 = { code: 402, message: 'Insufficient balance' }
const error403 = { code: 403, message: 'Content violates policy' }
const error404 = { code: 404, message: 'Task not found' }
const error413 = { code: 413, message: 'Request body too large', data: { error: 'Request body exceeds 1 MB' } }
const error429 = { code: 429, message: 'Rate limit exceeded' }
const error500 = { code: 500, message: 'Internal server error' }
const error503 = { code: 503, message: 'Service unavailable' }
const upstream503 = { code: 503, message: 'Model unavailable', data: { error: 'MODEL_UNAVAILABLE' } }

type ResponseCase = [string, { given: { template: string; method: 'get' | 'post'; status: number; body: unknown }; want: Want }]
const post = (template: string, status: number, body: unknown) => ({ template, method: 'post' as const, status, body })
const get = (template: string, status: number, body: unknown) => ({ template, method: 'get' as const, status, body })

const submitResponses: ResponseCase[] = [
  ['the S001 submit response', { given: post(SUBMIT, 200, { code: 200, message: 'success', data: { taskId: 'task_12345678' } }), want: ok }],
  ['a submit response with a 32-hex task id', { given: post(SUBMIT, 200, { code: 200, message: 'success', data: { taskId: 'dff8afd34c4e47719b85ad6651daa3f0' } }), want: ok }],
  ['the extend submit response', { given: post(EXTEND, 200, { code: 200, message: 'success', data: { taskId: 'task_abc123xyz789' } }), want: ok }],
  ['the A-EC validation error (400 with data.error)', { given: post(SUBMIT, 400, error400), want: ok }],
  ['the 400 for request_type callback without callback_url', { given: post(SUBMIT, 400, { code: 400, message: 'Invalid request', data: { error: 'callback_url is required when request_type is callback' } }), want: ok }],
  ['the 400 for REFERENCE_2_VIDEO with quality mode', { given: post(SUBMIT, 400, { code: 400, message: 'Invalid request', data: { error: 'REFERENCE_2_VIDEO only supports fast mode and aspect_ratio 16:9' } }), want: ok }],
  ['unauthorized: 401 without data (A-AUTH)', { given: post(SUBMIT, 401, error401), want: ok }],
  ['insufficient_credits: 402', { given: post(SUBMIT, 402, error402), want: ok }],
  ['403 content policy (A-ERR)', { given: post(SUBMIT, 403, error403), want: ok }],
  ['403 key lacks permission (A-EC)', { given: post(SUBMIT, 403, { code: 403, message: 'API key lacks permission' }), want: ok }],
  ['404 model not found (A-RF wording)', { given: post(SUBMIT, 404, { code: 404, message: 'Task or model not found' }), want: ok }],
  ['veomock 413 for a body over 1 MB', { given: post(SUBMIT, 413, error413), want: ok }],
  ['veomock 413 on the extend submit', { given: post(EXTEND, 413, error413), want: ok }],
  ['rate_limited: 429', { given: post(SUBMIT, 429, error429), want: ok }],
  ['server_error: 500', { given: post(SUBMIT, 500, error500), want: ok }],
  ['maintenance: 503', { given: post(SUBMIT, 503, error503), want: ok }],
  ['upstream_error: 503 with data.error MODEL_UNAVAILABLE', { given: post(SUBMIT, 503, upstream503), want: ok }],
  ['an error body with data null', { given: post(SUBMIT, 500, { code: 500, message: 'Internal server error', data: null }), want: ok }],
  ['the extend submit 400, 401, 402 answer in the same shapes', { given: post(EXTEND, 402, error402), want: ok }],

  ['a submit 200 without data.taskId', { given: post(SUBMIT, 200, { code: 200, message: 'success', data: {} }), want: rejects('/data', /'taskId'/) }],
  ['a submit 200 whose body code is not 200', { given: post(SUBMIT, 200, { code: 0, message: 'success', data: { taskId: 't' } }), want: rejects('/code', /constant/) }],
  ['a 400 without data.error', { given: post(SUBMIT, 400, { code: 400, message: 'Invalid request' }), want: rejects('', /'data'/) }],
  ['the later Veo page\'s insufficient credits as HTTP 400 with data null (docs/vendors/apixo.md §7.15)', { given: post(SUBMIT, 400, { code: 400, message: 'Insufficient credits', data: null }), want: ok }],
  ['a 400 whose data is an object without error', { given: post(SUBMIT, 400, { code: 400, message: 'Insufficient credits', data: {} }), want: rejects('/data', /error|null/) }],
  ['a 401 body whose code does not mirror the HTTP status', { given: post(SUBMIT, 401, { code: 400, message: 'Invalid or missing API key' }), want: rejects('/code', /constant/) }],
  ['a 429 in KIE’s msg spelling', { given: post(SUBMIT, 429, { code: 429, msg: 'Rate limit exceeded' }), want: rejects('', /'message'/) }],
  ['an undeclared status (418)', { given: post(SUBMIT, 418, { code: 418, message: 'teapot' }), want: rejects('', /not declared/) }],
]

const statusResponses: ResponseCase[] = [
  ['pending (A-ST)', { given: get(STATUS, 200, statusBody({ state: 'pending', createTime: created })), want: ok }],
  ['processing (S001)', { given: get(STATUS, 200, statusBody({ state: 'processing', createTime: created })), want: ok }],
  ['success (S001)', { given: get(STATUS, 200, statusBody({ state: 'success', resultJson, costTime: 125000, createTime: created, completeTime: completed })), want: ok }],
  ['the S001 quick-start success with only taskId, state and resultJson', { given: get(STATUS, 200, statusBody({ state: 'success', resultJson })), want: ok }],
  [
    'content_violation: failed with CONTENT_VIOLATION (S001)',
    { given: get(STATUS, 200, statusBody({ state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content does not meet safety guidelines', createTime: created, completeTime: completed })), want: ok },
  ],
  [
    'invalid_image: failed with INVALID_IMAGE_URL (S003)',
    { given: get(STATUS, 200, statusBody({ state: 'failed', failCode: 'INVALID_IMAGE_URL', failMsg: 'Cannot access provided image URL', createTime: created, completeTime: completed })), want: ok },
  ],
  [
    'generation_failed: failed with GENERATION_FAILED and costTime',
    { given: get(STATUS, 200, statusBody({ state: 'failed', failCode: 'GENERATION_FAILED', failMsg: 'Generation failed', createTime: created, completeTime: completed, costTime: 125000 })), want: ok },
  ],
  ['a CamelCase provider failCode (A-ERR)', { given: get(STATUS, 200, statusBody({ state: 'failed', failCode: 'SensitiveContentDetected', failMsg: 'Content violates usage policy' })), want: ok }],
  [
    'extend failed with TASKID_ERROR (A-EXT)',
    { given: get(EXTEND_STATUS, 200, statusBody({ state: 'failed', failCode: 'TASKID_ERROR', failMsg: 'Invalid or expired source taskId', createTime: created, completeTime: completed })), want: ok },
  ],
  ['extend success', { given: get(EXTEND_STATUS, 200, statusBody({ state: 'success', resultJson, createTime: created, completeTime: completed, costTime: 90000 })), want: ok }],
  ['400 for a missing taskId', { given: get(STATUS, 400, { code: 400, message: 'Invalid request', data: { error: 'Missing required query parameter: taskId' } }), want: ok }],
  ['401 on statusTask', { given: get(STATUS, 401, error401), want: ok }],
  ['404 Task not found for an unknown taskId', { given: get(STATUS, 404, error404), want: ok }],
  ['404 on the extend statusTask', { given: get(EXTEND_STATUS, 404, error404), want: ok }],
  ['429 on statusTask', { given: get(STATUS, 429, error429), want: ok }],
  ['flaky_poll: 500 on statusTask', { given: get(STATUS, 500, error500), want: ok }],
  ['flaky_poll: 500 on the extend statusTask', { given: get(EXTEND_STATUS, 500, error500), want: ok }],
  ['503 on statusTask', { given: get(STATUS, 503, error503), want: ok }],

  ['resultJson as an object instead of a string', { given: get(STATUS, 200, statusBody({ state: 'success', resultJson: { resultUrls: ['https://e.com/v.mp4'] } })), want: rejects('/data/resultJson', /string/) }],
  ['success without resultJson', { given: get(STATUS, 200, statusBody({ state: 'success', createTime: created })), want: rejects('/data', /'resultJson'/) }],
  ['failed without failCode', { given: get(STATUS, 200, statusBody({ state: 'failed', failMsg: 'x' })), want: rejects('/data', /'failCode'/) }],
  ['an unknown state', { given: get(STATUS, 200, statusBody({ state: 'completed' })), want: rejects('/data/state', /allowed values/) }],
  ['createTime as an ISO string', { given: get(STATUS, 200, statusBody({ state: 'processing', createTime: '2023-10-31T15:16:40Z' })), want: rejects('/data/createTime', /integer/) }],
  ['a failed task answered with body code 400 on statusTask', { given: get(STATUS, 200, { ...statusBody({ state: 'failed', failCode: 'X' }), code: 400 }), want: rejects('/code', /constant/) }],
  ['a 402 on statusTask (not declared)', { given: get(STATUS, 402, error402), want: rejects('', /not declared/) }],
]

const balanceResponses: ResponseCase[] = [
  ['the A-SYS balance', { given: get(BALANCE, 200, { code: 200, message: 'success', data: 74.87 }), want: ok }],
  ['an empty balance', { given: get(BALANCE, 200, { code: 200, message: 'success', data: 0 }), want: ok }],
  ['401 on balance', { given: get(BALANCE, 401, error401), want: ok }],
  ['403 on balance', { given: get(BALANCE, 403, { code: 403, message: 'API key lacks permission' }), want: ok }],
  ['429 on balance', { given: get(BALANCE, 429, error429), want: ok }],
  ['500 on balance', { given: get(BALANCE, 500, error500), want: ok }],
  ['a balance as an object', { given: get(BALANCE, 200, { code: 200, message: 'success', data: { balance: 74.87 } }), want: rejects('/data', /number/) }],
  ['a balance as a string', { given: get(BALANCE, 200, { code: 200, message: 'success', data: '74.87' }), want: rejects('/data', /number/) }],
]

describe('apixo responses', () => {
  it.each([...submitResponses, ...statusResponses, ...balanceResponses])('%s', (_name, { given, want }) => {
    expectResult(spec.validateResponse(given.template, given.method, given.status, given.body), want)
  })
})

// ---------------------------------------------------------------------------------------------
// Callbacks
// ---------------------------------------------------------------------------------------------

const callbacks: Case[] = [
  [
    'the success callback (S001, A-WH)',
    {
      given: { code: 200, message: 'success', data: { taskId: 'task_12345678', state: 'success', resultJson: '{"resultUrls":["https://example.com/result.mp4"]}', completeTime: completed, createTime: created, costTime: 125000 } },
      want: ok,
    },
  ],
  [
    'the g001 failure callback with code 400, message failed and costTime',
    {
      given: {
        code: 400,
        message: 'failed',
        data: { taskId: 'task_12345678', state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content does not meet safety guidelines', completeTime: completed, createTime: created, costTime: 125000 },
      },
      want: ok,
    },
  ],
  [
    'the A-WH failure callback with code 200 and no costTime (veomock default)',
    {
      given: { code: 200, message: 'success', data: { taskId: 'task_12345678', state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates usage policy', completeTime: completed, createTime: created } },
      want: ok,
    },
  ],
  ['an invalid_image failure callback', { given: { code: 200, message: 'success', data: { taskId: 'a'.repeat(32), state: 'failed', failCode: 'INVALID_IMAGE_URL', failMsg: 'Cannot access provided image URL' } }, want: ok }],
  ['a callback with code 500', { given: { code: 500, message: 'x', data: { taskId: 't', state: 'success', resultJson } }, want: rejects('/code', /allowed values/) }],
  ['a callback for a task still processing', { given: { code: 200, message: 'success', data: { taskId: 't', state: 'processing' } }, want: rejects('/data/state', /allowed values/) }],
  ['a success callback without resultJson', { given: { code: 200, message: 'success', data: { taskId: 't', state: 'success' } }, want: rejects('/data', /'resultJson'/) }],
  ['a callback with resultJson as an object', { given: { code: 200, message: 'success', data: { taskId: 't', state: 'success', resultJson: { resultUrls: [] } } }, want: rejects('/data/resultJson', /string/) }],
  ['a callback without data', { given: { code: 200, message: 'success' }, want: rejects('', /'data'/) }],
]

describe('apixo webhook taskCallback', () => {
  it('declares exactly the taskCallback webhook', () => {
    expect(spec.webhookNames()).toEqual(['taskCallback'])
  })
  it.each(callbacks)('%s', (_name, { given, want }) => {
    expectResult(spec.validateWebhook('taskCallback', given), want)
  })
  it.each([SUBMIT, EXTEND])('POST %s declares an operation-level callback on callback_url with the same body', (template) => {
    const op = spec.operation(template, 'post') as { callbacks?: Record<string, Record<string, { post: { requestBody: { $ref: string } } }>> }
    const expression = op.callbacks?.taskCallback?.['{$request.body#/callback_url}']
    expect(expression?.post.requestBody.$ref).toBe('#/components/requestBodies/TaskCallback')
  })
})
