// specs/xenodia.openapi.yaml accepts every documented Xenodia request, response and error body
// (docs/vendors/xenodia.md, seed 000) and rejects the documented invalid combinations.
import { describe, expect, it } from 'vitest'
import { specValidator, type ValidationResult } from '../lib/spec/validation.js'

const spec = specValidator('xenodia')

const CREATE = '/v1/videos/generations'
const CREATE_ALIAS = '/v1/video/generations'
const TASK = '/v1/tasks/{task_id}'
const MODELS = '/v1/models'
const BALANCE = '/v1/credits/balance'

const ID = '0f6b9f2f-4d2a-4e1a-ae49-3e5d4f88dc2f'
const IMG = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/ref-${i + 1}.png`)

/** Asserts a rejection and that one issue points at `pointer` (and mentions `mentions`, if given). */
function expectRejected(result: ValidationResult, pointer: string, mentions?: string) {
  expect(result.valid).toBe(false)
  const hit = result.issues.find((i) => i.pointer === pointer && (mentions === undefined || i.message.includes(mentions)))
  expect(hit, `no issue at "${pointer}"${mentions ? ` mentioning "${mentions}"` : ''}: ${JSON.stringify(result.issues)}`).toBeDefined()
}

// ---------------------------------------------------------------------------------------------
// Requests

type RequestCase = [string, { given: Record<string, unknown> }]

const acceptedRequests: RequestCase[] = [
  [
    'the seed text-to-video request (S000)',
    {
      given: {
        model: 'veo3_fast',
        prompt: 'A cinematic close-up of a developer dashboard showing model routing and API latency.',
        generationType: 'TEXT_2_VIDEO',
        aspect_ratio: '16:9',
        resolution: '720p',
      },
    },
  ],
  [
    'the seed reference-to-video request with two images (S000)',
    {
      given: {
        model: 'veo3_fast',
        prompt: 'Animate the reference into a polished product walkthrough.',
        generationType: 'REFERENCE_2_VIDEO',
        imageUrls: ['https://example.com/reference-1.png', 'https://example.com/reference-2.png'],
        aspect_ratio: '16:9',
        resolution: '1080p',
      },
    },
  ],
  ...(['veo3', 'veo3_fast', 'veo3_lite', 'veo3.1', 'veo3.1_fast', 'veo3.1_lite'] as const).map(
    (model): RequestCase => [`a text request with model ${model} (S000 and X-VEO id sets)`, { given: { model, prompt: 'a fox', generationType: 'TEXT_2_VIDEO' } }],
  ),
  ['only a prompt (model defaults to the fast model, type inferred)', { given: { prompt: 'a hummingbird' } }],
  ['REFERENCE_2_VIDEO with the current fast id veo3.1_fast and three images', { given: { model: 'veo3.1_fast', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(3) } }],
  ['REFERENCE_2_VIDEO without a model (the default is fast)', { given: { prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(1) } }],
  ['FIRST_AND_LAST_FRAMES_2_VIDEO with one image', { given: { model: 'veo3.1', prompt: 'p', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: IMG(1) } }],
  ['FIRST_AND_LAST_FRAMES_2_VIDEO with two images on the quality model', { given: { model: 'veo3', prompt: 'p', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: IMG(2) } }],
  ['three images without a generationType (inferred upstream)', { given: { prompt: 'p', imageUrls: IMG(3) } }],
  ['aspect_ratio Auto with a capital A (S000; GEE sends it)', { given: { prompt: 'p', aspect_ratio: 'Auto' } }],
  ['aspect_ratio 9:16', { given: { prompt: 'p', aspect_ratio: '9:16' } }],
  ['resolution 4k on the lite model (docs list 4k for every model; GEE withholds it)', { given: { model: 'veo3.1_lite', prompt: 'p', resolution: '4k' } }],
  ['seeds at both ends of 10000–99999', { given: { prompt: 'p', seeds: 10000 } }],
  ['seeds 99999', { given: { prompt: 'p', seeds: 99999 } }],
  [
    'every documented field at once (S000, X-VEO channel_id)',
    {
      given: {
        model: 'veo3.1_lite',
        prompt: 'A paper boat drifting down a rainy street',
        imageUrls: ['http://example.com/boat.png'],
        aspect_ratio: 'Auto',
        resolution: '720p',
        seeds: 12345,
        enableFallback: false,
        enableTranslation: true,
        watermark: 'veomock',
        callBackUrl: 'https://client.example.com/xenodia/callback',
        channel_id: 1,
      },
    },
  ],
  ['an unknown extra field (vendors ignore extra fields)', { given: { prompt: 'p', durationSeconds: 8 } }],
  ["a '-t' model with duration and a boolean watermark (X-VEOT)", { given: { model: 'veo3.1-t', prompt: 'p', duration: 8, watermark: false, aspect_ratio: '9:16', resolution: '1080p', channel_id: 2 } }],
  ["a 4K '-t' id with three images", { given: { model: 'veo3.1-components-4k-t', prompt: 'p', imageUrls: IMG(3) } }],
]

type RejectCase = [string, { given: Record<string, unknown>; want: { pointer: string; mentions?: string } }]

const rejectedRequests: RejectCase[] = [
  ['REFERENCE_2_VIDEO with the quality model veo3', { given: { model: 'veo3', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(1) }, want: { pointer: '/model' } }],
  ['REFERENCE_2_VIDEO with the quality model veo3.1', { given: { model: 'veo3.1', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(2) }, want: { pointer: '/model' } }],
  ['REFERENCE_2_VIDEO with the lite model veo3_lite', { given: { model: 'veo3_lite', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(2) }, want: { pointer: '/model' } }],
  ['REFERENCE_2_VIDEO with the lite model veo3.1_lite', { given: { model: 'veo3.1_lite', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(1) }, want: { pointer: '/model' } }],
  ['REFERENCE_2_VIDEO without images', { given: { model: 'veo3.1_fast', prompt: 'p', generationType: 'REFERENCE_2_VIDEO' }, want: { pointer: '', mentions: 'imageUrls' } }],
  ['REFERENCE_2_VIDEO with an empty image list', { given: { prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: [] }, want: { pointer: '/imageUrls', mentions: 'fewer than 1' } }],
  ['four images (maximum 3)', { given: { prompt: 'p', imageUrls: IMG(4) }, want: { pointer: '/imageUrls', mentions: 'more than 3' } }],
  ['REFERENCE_2_VIDEO with four images', { given: { model: 'veo3_fast', prompt: 'p', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMG(4) }, want: { pointer: '/imageUrls', mentions: 'more than 3' } }],
  ['FIRST_AND_LAST_FRAMES_2_VIDEO with three images', { given: { prompt: 'p', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: IMG(3) }, want: { pointer: '/imageUrls', mentions: 'more than 2' } }],
  ['FIRST_AND_LAST_FRAMES_2_VIDEO without images', { given: { prompt: 'p', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO' }, want: { pointer: '', mentions: 'imageUrls' } }],
  ['TEXT_2_VIDEO with an image', { given: { prompt: 'p', generationType: 'TEXT_2_VIDEO', imageUrls: IMG(1) }, want: { pointer: '/imageUrls', mentions: 'more than 0' } }],
  ['seeds below 10000', { given: { prompt: 'p', seeds: 9999 }, want: { pointer: '/seeds', mentions: '>= 10000' } }],
  ['seeds above 99999', { given: { prompt: 'p', seeds: 100000 }, want: { pointer: '/seeds', mentions: '<= 99999' } }],
  ['seeds that are not an integer', { given: { prompt: 'p', seeds: 12345.5 }, want: { pointer: '/seeds', mentions: 'integer' } }],
  ["odkkk's model veo3.1-pro", { given: { model: 'veo3.1-pro', prompt: 'p' }, want: { pointer: '/model', mentions: 'allowed values' } }],
  ["a '-t' model with generationType (X-VEOT: do not send it)", { given: { model: 'veo3.1-t', prompt: 'p', generationType: 'TEXT_2_VIDEO' }, want: { pointer: '/generationType', mentions: 'boolean schema is false' } }],
  ["a '-t' model with seeds", { given: { model: 'veo3.1-pro-t', prompt: 'p', seeds: 12345 }, want: { pointer: '/seeds', mentions: 'boolean schema is false' } }],
  ["a '-t' model with callBackUrl", { given: { model: 'veo3-t', prompt: 'p', callBackUrl: 'https://example.com/cb' }, want: { pointer: '/callBackUrl', mentions: 'boolean schema is false' } }],
  ["a '-t' model with enableFallback", { given: { model: 'veo3-pro-t', prompt: 'p', enableFallback: false }, want: { pointer: '/enableFallback', mentions: 'boolean schema is false' } }],
  ["a '-t' model with enableTranslation", { given: { model: 'veo3.1-components-t', prompt: 'p', enableTranslation: true }, want: { pointer: '/enableTranslation', mentions: 'boolean schema is false' } }],
  ["a '-t' model with a text watermark (it takes a boolean)", { given: { model: 'veo3.1-pro-t', prompt: 'p', watermark: 'MyBrand' }, want: { pointer: '/watermark', mentions: 'boolean' } }],
  ["a '-t' model with aspect_ratio Auto (16:9 or 9:16 only)", { given: { model: 'veo3.1-t', prompt: 'p', aspect_ratio: 'Auto' }, want: { pointer: '/aspect_ratio', mentions: 'allowed values' } }],
  ["a '-t' model with duration 0", { given: { model: 'veo3.1-t', prompt: 'p', duration: 0 }, want: { pointer: '/duration', mentions: '>= 1' } }],
  ["an unknown '-t' id", { given: { model: 'veo3.1-lite-t', prompt: 'p' }, want: { pointer: '/model', mentions: 'allowed values' } }],
  ['aspect_ratio auto in lower case', { given: { prompt: 'p', aspect_ratio: 'auto' }, want: { pointer: '/aspect_ratio', mentions: 'allowed values' } }],
  ['aspect_ratio 1:1', { given: { prompt: 'p', aspect_ratio: '1:1' }, want: { pointer: '/aspect_ratio', mentions: 'allowed values' } }],
  ['resolution 2k', { given: { prompt: 'p', resolution: '2k' }, want: { pointer: '/resolution', mentions: 'allowed values' } }],
  ['resolution 4K in upper case', { given: { prompt: 'p', resolution: '4K' }, want: { pointer: '/resolution', mentions: 'allowed values' } }],
  ['an unknown generationType', { given: { prompt: 'p', generationType: 'IMAGE_2_VIDEO' }, want: { pointer: '/generationType', mentions: 'allowed values' } }],
  ['a missing prompt', { given: { model: 'veo3.1_fast', generationType: 'TEXT_2_VIDEO' }, want: { pointer: '', mentions: "'prompt'" } }],
  ['an empty prompt', { given: { prompt: '' }, want: { pointer: '/prompt', mentions: 'fewer than 1' } }],
  ['a local path as image (http/https only, X-VEO)', { given: { prompt: 'p', imageUrls: ['/tmp/cat.png'] }, want: { pointer: '/imageUrls/0' } }],
  ['an asset:// image URL (X-VEO)', { given: { prompt: 'p', imageUrls: ['asset://abc123'] }, want: { pointer: '/imageUrls/0', mentions: 'pattern' } }],
  ['a callBackUrl that is not a URI', { given: { prompt: 'p', callBackUrl: 'not a url' }, want: { pointer: '/callBackUrl', mentions: 'format' } }],
  ['a string channel_id', { given: { prompt: 'p', channel_id: 'kie' }, want: { pointer: '/channel_id', mentions: 'integer' } }],
  ['a string enableTranslation', { given: { prompt: 'p', enableTranslation: 'yes' }, want: { pointer: '/enableTranslation', mentions: 'boolean' } }],
  ['a boolean watermark (that is the -t models’ form)', { given: { prompt: 'p', watermark: true }, want: { pointer: '/watermark', mentions: 'string' } }],
]

describe.each([CREATE, CREATE_ALIAS])('POST %s request body', (path) => {
  it.each(acceptedRequests)('accepts %s', (_name, { given }) => {
    expect(spec.validateRequestBody(path, 'post', given).issues).toEqual([])
  })

  it.each(rejectedRequests)('rejects %s', (_name, { given, want }) => {
    expectRejected(spec.validateRequestBody(path, 'post', given), want.pointer, want.mentions)
  })
})

// ---------------------------------------------------------------------------------------------
// Responses

const seedCreate = {
  task_id: 'task_123',
  object: 'task',
  model: 'veo3_fast',
  type: 'video',
  state: 'waiting',
  created_at: 1760000000,
  poll_url: '/v1/tasks/task_123',
  recommended_poll_interval_ms: 5000,
}

const fullTask = (over: Record<string, unknown>) => ({
  task_id: ID,
  object: 'task',
  request_id: 'req_abc',
  model: 'veo3.1_fast',
  type: 'video',
  state: 'waiting',
  request: { prompt: 'a fox', resolution: '720p', aspect_ratio: '16:9' },
  result: {},
  error: {},
  progress: 0,
  poll_url: `/v1/tasks/${ID}`,
  webhook_delivery: {},
  capability_slug: 'veo3.1-video',
  capability_version: '1',
  recommended_poll_interval_ms: 5000,
  eta_hint_seconds: 180,
  billing: { status: 'reserved', reserve_amount_micro_usdc: 100000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 0 },
  created_at: 1760000000,
  updated_at: 1760000000,
  completed_at: null,
  ...over,
})

const seedSuccess = {
  task_id: 'task_123',
  state: 'success',
  result: { created: 1760000100, data: [{ url: 'https://cdn.example.com/video.mp4' }], resolution: '720p' },
  progress: 100,
  poll_url: '/v1/tasks/task_123',
}

const failed = (error: Record<string, unknown>) =>
  fullTask({
    state: 'fail',
    error,
    completed_at: 1760000200,
    billing: { status: 'released', reserve_amount_micro_usdc: 100000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 100000 },
  })

const err = {
  validation: { error: 'bad_request', message: 'seeds must be between 10000 and 99999', type: 'invalid_request_error', code: 'invalid_parameter' },
  houseStyle400: { error: 'invalid_request', message: 'prompt is required' },
  unauthorized: { error: 'unauthorized', message: 'Invalid or missing API key', type: 'authentication_error', code: 'invalid_api_key' },
  insufficient: { error: 'insufficient_balance', message: 'Insufficient balance', type: 'billing_error', code: 'insufficient_balance' },
  x402: {
    error: 'payment_required',
    message: 'Balance below $5',
    payment: { network: 'base', currency: 'USDC', pay_to_address: '0x0000000000000000000000000000000000000000', amount: 5000000 },
  },
  x402StringAmount: { error: 'payment_required', message: 'Balance below $5', payment: { network: 'base', currency: 'USDC', pay_to_address: '0x00', amount: '5000000' } },
  forbidden: { error: 'forbidden', message: 'This API key is not allowed to use this model', type: 'permission_error', code: 'model_not_allowed' },
  notFound: { error: 'not_found', message: 'Task not found' },
  tooLarge: { error: 'payload_too_large', message: 'Request body exceeds 1 MB', type: 'invalid_request_error', code: 'payload_too_large' },
  rateLimited: { error: 'rate_limited', message: 'Rate limit exceeded', type: 'rate_limit_error', code: 'rate_limited' },
  internal: { error: 'internal_error', message: 'Internal server error', type: 'server_error', code: 'internal_error' },
  maintenance: { error: 'service_unavailable', message: 'Service temporarily unavailable', type: 'server_error', code: 'service_unavailable' },
  upstream: { error: 'upstream_error', message: 'Upstream task creation failed', type: 'upstream_error', code: 'upstream_error' },
  badGateway: { error: 'bad_gateway', message: 'Failed to reach upstream' },
}

type ResponseCase = [string, { given: { path: string; method: 'get' | 'post'; status: number; body: unknown } }]

const createResponses = (path: string): ResponseCase[] => [
  [`${path} 200 with the seed's create envelope (S000)`, { given: { path, method: 'post', status: 200, body: seedCreate } }],
  [`${path} 202 with the seed's create envelope (status 200 vs 202 undocumented)`, { given: { path, method: 'post', status: 202, body: seedCreate } }],
  [`${path} 200 with veomock's full envelope (X-CVG, X-TR fields)`, { given: { path, method: 'post', status: 200, body: fullTask({}) } }],
  [`${path} 400 veomock validation body`, { given: { path, method: 'post', status: 400, body: err.validation } }],
  [`${path} 400 house style {error, message} (HACK)`, { given: { path, method: 'post', status: 400, body: err.houseStyle400 } }],
  [`${path} 401 unauthorized`, { given: { path, method: 'post', status: 401, body: err.unauthorized } }],
  [`${path} 402 insufficient_credits (flat)`, { given: { path, method: 'post', status: 402, body: err.insufficient } }],
  [`${path} 402 x402 form with a payment object`, { given: { path, method: 'post', status: 402, body: err.x402 } }],
  [`${path} 403 forbidden`, { given: { path, method: 'post', status: 403, body: err.forbidden } }],
  [`${path} 413 body over 1 MB (veomock INFER)`, { given: { path, method: 'post', status: 413, body: err.tooLarge } }],
  [`${path} 429 rate_limited`, { given: { path, method: 'post', status: 429, body: err.rateLimited } }],
  [`${path} 500 server_error`, { given: { path, method: 'post', status: 500, body: err.internal } }],
  [`${path} 502 upstream_error`, { given: { path, method: 'post', status: 502, body: err.upstream } }],
  [`${path} 503 maintenance`, { given: { path, method: 'post', status: 503, body: err.maintenance } }],
]

const acceptedResponses: ResponseCase[] = [
  ...createResponses(CREATE),
  ...createResponses(CREATE_ALIAS),
  ['task 200 waiting', { given: { path: TASK, method: 'get', status: 200, body: fullTask({ state: 'waiting' }) } }],
  ['task 200 queuing', { given: { path: TASK, method: 'get', status: 200, body: fullTask({ state: 'queuing', progress: 5 }) } }],
  ['task 200 generating at 42% (also stuck)', { given: { path: TASK, method: 'get', status: 200, body: fullTask({ state: 'generating', progress: 42, eta_hint_seconds: 90 }) } }],
  ['task 200 the seed success example (abbreviated, S000)', { given: { path: TASK, method: 'get', status: 200, body: seedSuccess } }],
  [
    'task 200 full success with origin_data and full_result_data, billing committed',
    {
      given: {
        path: TASK,
        method: 'get',
        status: 200,
        body: fullTask({
          state: 'success',
          progress: 100,
          result: {
            created: 1760000180,
            data: [{ url: `http://127.0.0.1:4010/xenodia/__media/${ID}.mp4` }],
            resolution: '1080p',
            origin_data: [{ url: `http://127.0.0.1:4010/xenodia/__media/${ID}.mp4` }],
            full_result_data: [{ url: `http://127.0.0.1:4010/xenodia/__media/${ID}.mp4` }],
          },
          billing: { status: 'committed', reserve_amount_micro_usdc: 100000, actual_amount_micro_usdc: 100000, released_amount_micro_usdc: 0 },
          completed_at: 1760000180,
        }),
      },
    },
  ],
  ['task 200 an image task (type image)', { given: { path: TASK, method: 'get', status: 200, body: fullTask({ type: 'image', model: 'some-image-model' }) } }],
  ['task 200 webhook_delivery with content', { given: { path: TASK, method: 'get', status: 200, body: fullTask({ webhook_delivery: { status: 'delivered', attempts: 1 } }) } }],
  [
    'task 200 fail content_violation',
    { given: { path: TASK, method: 'get', status: 200, body: failed({ code: 'content_policy_violation', message: 'Your prompt was flagged by Website as violating content policies.' }) } },
  ],
  [
    'task 200 fail invalid_image',
    {
      given: {
        path: TASK,
        method: 'get',
        status: 200,
        body: failed({ code: 'image_fetch_failed', message: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.' }),
      },
    },
  ],
  ['task 200 fail generation_failed with type', { given: { path: TASK, method: 'get', status: 200, body: failed({ code: 'generation_failed', message: 'Video generation task failed', type: 'upstream_error' }) } }],
  ['task 400', { given: { path: TASK, method: 'get', status: 400, body: err.validation } }],
  ['task 401', { given: { path: TASK, method: 'get', status: 401, body: err.unauthorized } }],
  ['task 403', { given: { path: TASK, method: 'get', status: 403, body: err.forbidden } }],
  ['task 404 unknown task (INFER)', { given: { path: TASK, method: 'get', status: 404, body: err.notFound } }],
  ['task 429', { given: { path: TASK, method: 'get', status: 429, body: err.rateLimited } }],
  ['task 500', { given: { path: TASK, method: 'get', status: 500, body: err.internal } }],
  ['task 502 flaky_poll bad_gateway (HACK shape)', { given: { path: TASK, method: 'get', status: 502, body: err.badGateway } }],
  ['task 503', { given: { path: TASK, method: 'get', status: 503, body: err.maintenance } }],
  [
    'models 200 with resolution pricing tiers',
    {
      given: {
        path: MODELS,
        method: 'get',
        status: 200,
        body: {
          object: 'list',
          data: [
            {
              id: 'veo3.1_fast',
              object: 'model',
              name: 'Veo 3.1 Fast',
              owned_by: 'google',
              brand_image_url: '/v1/models/brands/google/image',
              released_at: null,
              modalities: ['video'],
              enabled: true,
              created_at: '2025-10-15T00:00:00Z',
              updated_at: '2025-10-15T00:00:00Z',
              capabilities: {
                async_supported: true,
                request_mode: ['task'],
                pricing: {
                  mode: 'resolution',
                  tiers: [
                    { id: '720p', label: '720p', unit: 'video', price_micro_usdc: 300000 },
                    { id: '1080p', label: '1080p', unit: 'video', price_micro_usdc: 350000 },
                    { id: '4k', label: '4K', unit: 'video', price_micro_usdc: 1000000 },
                  ],
                },
                parameters: [{ name: 'resolution', enum: ['720p', '1080p', '4k'] }],
                reference_input: { supported: true, transport: ['url', 'multipart_file'], max_items: 3 },
              },
              available_channels: [{ id: 1, name: 'KIE', slug: 'kie', description: 'KIE upstream', price_input_per_m: 0, price_output_per_m: null }],
            },
          ],
        },
      },
    },
  ],
  ['models 402 x402 form (older, PC)', { given: { path: MODELS, method: 'get', status: 402, body: err.x402 } }],
  ['models 402 x402 form with a string amount', { given: { path: MODELS, method: 'get', status: 402, body: err.x402StringAmount } }],
  ['models 402 flat form', { given: { path: MODELS, method: 'get', status: 402, body: err.insufficient } }],
  ['models 500', { given: { path: MODELS, method: 'get', status: 500, body: err.internal } }],
  ['balance 200', { given: { path: BALANCE, method: 'get', status: 200, body: { balance_micro_usdc: 25000000 } } }],
  ['balance 401', { given: { path: BALANCE, method: 'get', status: 401, body: err.unauthorized } }],
  ['balance 500', { given: { path: BALANCE, method: 'get', status: 500, body: err.internal } }],
]

describe('responses', () => {
  it.each(acceptedResponses)('accepts %s', (_name, { given }) => {
    expect(spec.validateResponse(given.path, given.method, given.status, given.body).issues).toEqual([])
  })

  type RejectResponse = [string, { given: { path: string; method: 'get' | 'post'; status: number; body: unknown }; want: { pointer: string; mentions?: string } }]
  const rejected: RejectResponse[] = [
    ["an OpenAI-style nested error (odkkk's shape) on 400", { given: { path: CREATE, method: 'post', status: 400, body: { error: { message: 'bad', type: 'invalid_request_error' } } }, want: { pointer: '/error', mentions: 'string' } }],
    ['an error without message', { given: { path: CREATE, method: 'post', status: 401, body: { error: 'unauthorized' } }, want: { pointer: '', mentions: "'message'" } }],
    ["KIE's {code, msg} envelope on 402", { given: { path: CREATE, method: 'post', status: 402, body: { code: 402, msg: 'Insufficient credits' } }, want: { pointer: '', mentions: "'error'" } }],
    ['an undeclared status 404 on create', { given: { path: CREATE, method: 'post', status: 404, body: err.notFound }, want: { pointer: '', mentions: 'not declared' } }],
    ['an undeclared status 413 on task retrieval', { given: { path: TASK, method: 'get', status: 413, body: err.tooLarge }, want: { pointer: '', mentions: 'not declared' } }],
    ['a create envelope without task_id (GEE tolerates taskId; Xenodia never sends it)', { given: { path: CREATE, method: 'post', status: 200, body: { taskId: 'task_123', state: 'waiting' } }, want: { pointer: '', mentions: "'task_id'" } }],
    ['a model list without data', { given: { path: MODELS, method: 'get', status: 200, body: { object: 'list' } }, want: { pointer: '', mentions: "'data'" } }],
    ['a balance as a string', { given: { path: BALANCE, method: 'get', status: 200, body: { balance_micro_usdc: '25' } }, want: { pointer: '/balance_micro_usdc', mentions: 'integer' } }],
  ]
  it.each(rejected)('rejects %s', (_name, { given, want }) => {
    expectRejected(spec.validateResponse(given.path, given.method, given.status, given.body), want.pointer, want.mentions)
  })
})

// ---------------------------------------------------------------------------------------------
// The Task schema on its own

describe('Task schema', () => {
  const rejected: RejectCase[] = [
    ["state failed (odkkk's word, not Xenodia's)", { given: fullTask({ state: 'failed' }), want: { pointer: '/state', mentions: 'allowed values' } }],
    ['state completed', { given: fullTask({ state: 'completed' }), want: { pointer: '/state', mentions: 'allowed values' } }],
    ['state succeeded', { given: fullTask({ state: 'succeeded' }), want: { pointer: '/state', mentions: 'allowed values' } }],
    ['a missing state', { given: { task_id: ID, object: 'task' }, want: { pointer: '', mentions: "'state'" } }],
    ['a missing task_id', { given: { state: 'waiting' }, want: { pointer: '', mentions: "'task_id'" } }],
    ['progress above 100', { given: fullTask({ progress: 101 }), want: { pointer: '/progress', mentions: '<= 100' } }],
    ['object other than task', { given: fullTask({ object: 'video' }), want: { pointer: '/object', mentions: 'constant' } }],
    ['type audio', { given: fullTask({ type: 'audio' }), want: { pointer: '/type', mentions: 'allowed values' } }],
    ['created_at as an ISO string (Xenodia uses Unix seconds)', { given: fullTask({ created_at: '2025-10-15T00:00:00Z' }), want: { pointer: '/created_at', mentions: 'integer' } }],
    ['a result url that is not a URI', { given: fullTask({ state: 'success', result: { data: [{ url: 'not a url' }] } }), want: { pointer: '/result/data/0/url', mentions: 'format' } }],
    ['an error code that is a number', { given: fullTask({ state: 'fail', error: { code: 400, message: 'x' } }), want: { pointer: '/error/code', mentions: 'string' } }],
  ]
  it.each(rejected)('rejects %s', (_name, { given, want }) => {
    expectRejected(spec.validatePointer('#/components/schemas/Task', given), want.pointer, want.mentions)
  })

  it.each([
    ['the seed create envelope', { given: seedCreate }],
    ['the seed success example', { given: seedSuccess }],
    ['every field, completed_at null', { given: fullTask({}) }],
    ['webhook_delivery null', { given: fullTask({ webhook_delivery: null }) }],
  ])('accepts %s', (_name, { given }) => {
    expect(spec.validatePointer('#/components/schemas/Task', given).issues).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// Webhook and parameters

describe('taskCallback webhook', () => {
  it('is the one declared webhook', () => {
    expect(spec.webhookNames()).toEqual(['taskCallback'])
  })

  it.each([
    ['the final success envelope', { given: fullTask({ state: 'success', progress: 100, result: { created: 1760000180, data: [{ url: `http://127.0.0.1:4010/xenodia/__media/${ID}.mp4` }], resolution: '720p' }, completed_at: 1760000180 }) }],
    ['the final fail envelope', { given: failed({ code: 'content_policy_violation', message: 'flagged' }) }],
    ['the abbreviated seed success shape', { given: seedSuccess }],
  ])('accepts %s', (_name, { given }) => {
    expect(spec.validateWebhook('taskCallback', given).issues).toEqual([])
  })

  it.each([
    ["KIE's pass-through callback {code, msg, data}", { given: { code: 200, msg: 'success', data: { taskId: 'abc', info: {} } }, want: { pointer: '', mentions: "'task_id'" } }],
    ['an envelope with state completed', { given: fullTask({ state: 'completed' }), want: { pointer: '/state', mentions: 'allowed values' } }],
  ] as RejectCase[])('rejects %s', (_name, { given, want }) => {
    expectRejected(spec.validateWebhook('taskCallback', given), want.pointer, want.mentions)
  })
})

describe('task retrieval parameters', () => {
  it.each([
    ['a UUID task id', { given: ID }],
    ['the seed task id task_123', { given: 'task_123' }],
  ])('accepts %s', (_name, { given }) => {
    expect(spec.validateParameters(TASK, 'get', {}, { task_id: given }).issues).toEqual([])
  })

  it('rejects an empty task id', () => {
    expectRejected(spec.validateParameters(TASK, 'get', {}, { task_id: '' }), '/path/task_id', 'fewer than 1')
  })
})

// ---------------------------------------------------------------------------------------------
// Document structure the mock and the type generator rely on

describe('document structure', () => {
  const doc = spec.document as unknown as {
    paths: Record<string, Record<string, { requestBody?: { $ref?: string }; callbacks?: Record<string, { $ref?: string }>; security?: unknown[]; responses: Record<string, { $ref?: string }> }>>
  }

  it.each([
    ['the preferred path', { given: CREATE }],
    ['the compatibility alias', { given: CREATE_ALIAS }],
  ])('%s shares the request body, responses and callback', (_name, { given }) => {
    const op = doc.paths[given]?.post
    expect(op?.requestBody?.$ref).toBe('#/components/requestBodies/VideoGenerationRequest')
    expect(op?.callbacks?.taskCallback?.$ref).toBe('#/components/callbacks/TaskCallback')
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(['200', '202', '400', '401', '402', '403', '413', '429', '500', '502', '503'])
  })

  it('declares the task statuses', () => {
    expect(Object.keys(doc.paths[TASK]?.get?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403', '404', '429', '500', '502', '503'])
  })

  it('makes /v1/models public', () => {
    expect(doc.paths[MODELS]?.get?.security).toEqual([])
  })

  it('documents Retry-After on 429', () => {
    const rateLimited = spec.resolve('#/components/responses/RateLimited') as { headers?: Record<string, unknown> }
    expect(rateLimited.headers).toHaveProperty('Retry-After')
  })

  it('marks every invented-by-veomock status with "veomock (INFER):"', () => {
    for (const name of ['PayloadTooLarge', 'NotFound', 'InternalError', 'ServiceUnavailable']) {
      const response = spec.resolve(`#/components/responses/${name}`) as { description: string }
      expect(response.description.startsWith('veomock (INFER):'), name).toBe(true)
    }
  })
})
