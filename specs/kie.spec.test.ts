// Table-driven checks of specs/kie.openapi.yaml against docs/vendors/kie.md and seeds 002 (the
// generate page) and 000 (model names): every documented request, response and callback form is
// accepted (both sides of each documented conflict), every body the mock sends (notes §9 table and
// its "Also:" line) validates on its endpoint and HTTP status, and the documented invalid
// combinations are rejected at the field they concern.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { specValidator, type HttpMethod, type ValidationResult } from '../lib/spec/validation.js'

const spec = specValidator('kie')

const GENERATE = '/api/v1/veo/generate'
const RECORD = '/api/v1/veo/record-info'
const P1080 = '/api/v1/veo/get-1080p-video'
const P4K = '/api/v1/veo/get-4k-video'
const EXTEND = '/api/v1/veo/extend'
const CREDIT = '/api/v1/chat/credit'
const DOWNLOAD = '/api/v1/common/download-url'

const OPERATIONS: Array<[HttpMethod, string]> = [
  ['post', GENERATE],
  ['get', RECORD],
  ['get', P1080],
  ['post', P4K],
  ['post', EXTEND],
  ['get', CREDIT],
  ['post', DOWNLOAD],
]

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

const HEX_ID = 'ee9c2715375b7837f8bb51d641ff5863'
const images = (n: number) => Array.from({ length: n }, (_, i) => `https://example.com/image-${i + 1}.jpg`)
const gen = (extra: Record<string, unknown> = {}) => ({ prompt: 'A dog playing in a park', ...extra })
const reference = (extra: Record<string, unknown> = {}) =>
  gen({ generationType: 'REFERENCE_2_VIDEO', imageUrls: images(2), model: 'veo3_fast', aspect_ratio: '16:9', ...extra })

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

type BodyCase = [string, { given: { template: string; body: unknown }; want: Want }]

const requestBodies: BodyCase[] = [
  // generate: documented forms (K-GEN; S002; S000)
  ['generate accepts a bare prompt (every other field has a default)', { given: { template: GENERATE, body: gen() }, want: ok }],
  [
    'generate accepts the full K-GEN/S002 example with seeds, deprecated enableFallback and watermark',
    {
      given: {
        template: GENERATE,
        body: gen({
          imageUrls: ['http://example.com/image1.jpg', 'http://example.com/image2.jpg'],
          model: 'veo3_fast',
          generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
          aspect_ratio: '16:9',
          seeds: 12345,
          callBackUrl: 'http://your-callback-url.com/complete',
          enableFallback: false,
          enableTranslation: true,
          watermark: 'MyBrand',
        }),
      },
      want: ok,
    },
  ],
  ['generate accepts the EN spelling aspect_ratio (K-GEN, §8.2)', { given: { template: GENERATE, body: gen({ aspect_ratio: '9:16' }) }, want: ok }],
  ['generate accepts the CN/older spelling aspectRatio (K-GEN CN, OLD, PC, §8.2)', { given: { template: GENERATE, body: gen({ aspectRatio: '9:16' }) }, want: ok }],
  ['generate accepts both spellings at once (mock uses aspect_ratio)', { given: { template: GENERATE, body: gen({ aspect_ratio: '16:9', aspectRatio: 'Auto' }) }, want: ok }],
  ['generate accepts aspect ratio Auto with a capital A', { given: { template: GENERATE, body: gen({ aspect_ratio: 'Auto', imageUrls: images(1) }) }, want: ok }],
  ['generate accepts model veo3 (Quality)', { given: { template: GENERATE, body: gen({ model: 'veo3' }) }, want: ok }],
  ['generate accepts model veo3_lite (2026 K-GEN; S000)', { given: { template: GENERATE, body: gen({ model: 'veo3_lite' }) }, want: ok }],
  ['generate accepts every resolution 720p, 1080p, 4k (2026 K-GEN)', { given: { template: GENERATE, body: gen({ resolution: '4k' }) }, want: ok }],
  ['generate accepts resolution 1080p', { given: { template: GENERATE, body: gen({ resolution: '1080p' }) }, want: ok }],
  ['generate accepts seeds at both ends of 10000-99999 (S002)', { given: { template: GENERATE, body: gen({ seeds: 10000 }) }, want: ok }],
  ['generate accepts seeds 99999', { given: { template: GENERATE, body: gen({ seeds: 99999 }) }, want: ok }],
  ['generate accepts TEXT_2_VIDEO without images', { given: { template: GENERATE, body: gen({ generationType: 'TEXT_2_VIDEO' }) }, want: ok }],
  ['generate accepts TEXT_2_VIDEO with an empty image list', { given: { template: GENERATE, body: gen({ generationType: 'TEXT_2_VIDEO', imageUrls: [] }) }, want: ok }],
  ['generate accepts FIRST_AND_LAST_FRAMES_2_VIDEO with one image', { given: { template: GENERATE, body: gen({ generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: images(1) }) }, want: ok }],
  ['generate accepts REFERENCE_2_VIDEO with 3 images on veo3_fast', { given: { template: GENERATE, body: reference({ imageUrls: images(3) }) }, want: ok }],
  ['generate accepts REFERENCE_2_VIDEO with 1 image and no model (default veo3_fast)', { given: { template: GENERATE, body: reference({ imageUrls: images(1), model: undefined }) }, want: ok }],
  ['generate accepts REFERENCE_2_VIDEO in 9:16 (capability table, §8.5)', { given: { template: GENERATE, body: reference({ aspect_ratio: undefined, aspectRatio: '9:16' }) }, want: ok }],
  ['generate accepts images without a generationType (mode inferred)', { given: { template: GENERATE, body: gen({ imageUrls: images(3) }) }, want: ok }],
  ['generate leaves unknown fields open (vendors ignore them)', { given: { template: GENERATE, body: gen({ somethingNew: 1 }) }, want: ok }],

  // generate: documented invalid combinations
  ['generate rejects a missing prompt', { given: { template: GENERATE, body: { model: 'veo3_fast' } }, want: rejects('', /prompt/) }],
  ['generate rejects an empty prompt', { given: { template: GENERATE, body: gen({ prompt: '' }) }, want: rejects('/prompt', /fewer than 1/) }],
  ['generate rejects REFERENCE_2_VIDEO with the quality model veo3', { given: { template: GENERATE, body: reference({ model: 'veo3' }) }, want: rejects('/model', /constant/) }],
  ['generate rejects REFERENCE_2_VIDEO with veo3_lite', { given: { template: GENERATE, body: reference({ model: 'veo3_lite' }) }, want: rejects('/model', /constant/) }],
  ['generate rejects REFERENCE_2_VIDEO with 4 images', { given: { template: GENERATE, body: reference({ imageUrls: images(4) }) }, want: rejects('/imageUrls', /more than 3/) }],
  ['generate rejects REFERENCE_2_VIDEO with 0 images', { given: { template: GENERATE, body: reference({ imageUrls: [] }) }, want: rejects('/imageUrls', /fewer than 1/) }],
  ['generate rejects REFERENCE_2_VIDEO without imageUrls', { given: { template: GENERATE, body: reference({ imageUrls: undefined }) }, want: rejects('', /imageUrls/) }],
  ['generate rejects REFERENCE_2_VIDEO with aspect_ratio Auto (§8.5)', { given: { template: GENERATE, body: reference({ aspect_ratio: 'Auto' }) }, want: rejects('/aspect_ratio', /allowed values/) }],
  ['generate rejects REFERENCE_2_VIDEO with aspectRatio Auto (§8.5)', { given: { template: GENERATE, body: reference({ aspect_ratio: undefined, aspectRatio: 'Auto' }) }, want: rejects('/aspectRatio', /allowed values/) }],
  ['generate rejects FIRST_AND_LAST_FRAMES_2_VIDEO with 3 images', { given: { template: GENERATE, body: gen({ generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: images(3) }) }, want: rejects('/imageUrls', /more than 2/) }],
  ['generate rejects FIRST_AND_LAST_FRAMES_2_VIDEO without images', { given: { template: GENERATE, body: gen({ generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO' }) }, want: rejects('', /imageUrls/) }],
  ['generate rejects TEXT_2_VIDEO with images', { given: { template: GENERATE, body: gen({ generationType: 'TEXT_2_VIDEO', imageUrls: images(1) }) }, want: rejects('/imageUrls', /more than 0/) }],
  ['generate rejects more than 3 images overall', { given: { template: GENERATE, body: gen({ imageUrls: images(4) }) }, want: rejects('/imageUrls', /more than 3/) }],
  ['generate rejects an image that is not a URL', { given: { template: GENERATE, body: gen({ imageUrls: ['not a url'] }) }, want: rejects('/imageUrls/0', /uri/) }],
  ['generate rejects seeds 9999 (below 10000)', { given: { template: GENERATE, body: gen({ seeds: 9999 }) }, want: rejects('/seeds', />= 10000/) }],
  ['generate rejects seeds 100000 (above 99999)', { given: { template: GENERATE, body: gen({ seeds: 100000 }) }, want: rejects('/seeds', /<= 99999/) }],
  ['generate rejects a fractional seed', { given: { template: GENERATE, body: gen({ seeds: 12345.5 }) }, want: rejects('/seeds', /integer/) }],
  ['generate rejects an unknown model', { given: { template: GENERATE, body: gen({ model: 'veo3_pro' }) }, want: rejects('/model', /allowed values/) }],
  ['generate rejects the extend vocabulary model fast', { given: { template: GENERATE, body: gen({ model: 'fast' }) }, want: rejects('/model', /allowed values/) }],
  ['generate rejects a lower-case auto aspect ratio', { given: { template: GENERATE, body: gen({ aspect_ratio: 'auto' }) }, want: rejects('/aspect_ratio', /allowed values/) }],
  ['generate rejects an unknown aspectRatio', { given: { template: GENERATE, body: gen({ aspectRatio: '1:1' }) }, want: rejects('/aspectRatio', /allowed values/) }],
  ['generate rejects an unknown resolution', { given: { template: GENERATE, body: gen({ resolution: '1080P' }) }, want: rejects('/resolution', /allowed values/) }],
  ['generate rejects an unknown generationType', { given: { template: GENERATE, body: gen({ generationType: 'IMAGE_2_VIDEO' }) }, want: rejects('/generationType', /allowed values/) }],
  ['generate rejects a non-boolean enableTranslation', { given: { template: GENERATE, body: gen({ enableTranslation: 'yes' }) }, want: rejects('/enableTranslation', /boolean/) }],

  // extend (K-EXT)
  [
    'extend accepts every documented field',
    {
      given: { template: EXTEND, body: { taskId: 'veo_task_abcdef123456', prompt: 'Keep running', seeds: 12345, model: 'fast', watermark: 'MyBrand', callBackUrl: 'https://example.com/cb' } },
      want: ok,
    },
  ],
  ['extend accepts the required fields only', { given: { template: EXTEND, body: { taskId: HEX_ID, prompt: 'Continue' } }, want: ok }],
  ['extend accepts model quality', { given: { template: EXTEND, body: { taskId: HEX_ID, prompt: 'Continue', model: 'quality' } }, want: ok }],
  ['extend accepts model lite', { given: { template: EXTEND, body: { taskId: HEX_ID, prompt: 'Continue', model: 'lite' } }, want: ok }],
  ['extend rejects the generate vocabulary model veo3_fast', { given: { template: EXTEND, body: { taskId: HEX_ID, prompt: 'Continue', model: 'veo3_fast' } }, want: rejects('/model', /allowed values/) }],
  ['extend rejects seeds 9999', { given: { template: EXTEND, body: { taskId: HEX_ID, prompt: 'Continue', seeds: 9999 } }, want: rejects('/seeds', />= 10000/) }],
  ['extend rejects seeds 100000', { given: { template: EXTEND, body: { taskId: HEX_ID, prompt: 'Continue', seeds: 100000 } }, want: rejects('/seeds', /<= 99999/) }],
  ['extend rejects a missing taskId', { given: { template: EXTEND, body: { prompt: 'Continue' } }, want: rejects('', /taskId/) }],
  ['extend rejects a missing prompt', { given: { template: EXTEND, body: { taskId: HEX_ID } }, want: rejects('', /prompt/) }],

  // 4K (K-4K)
  ['get-4k-video accepts taskId, index and callBackUrl', { given: { template: P4K, body: { taskId: HEX_ID, index: 0, callBackUrl: 'https://example.com/4k' } }, want: ok }],
  ['get-4k-video accepts taskId alone (index defaults to 0)', { given: { template: P4K, body: { taskId: HEX_ID } }, want: ok }],
  ['get-4k-video rejects a missing taskId', { given: { template: P4K, body: { index: 0 } }, want: rejects('', /taskId/) }],
  ['get-4k-video rejects a negative index', { given: { template: P4K, body: { taskId: HEX_ID, index: -1 } }, want: rejects('/index', />= 0/) }],
  ['get-4k-video rejects a callBackUrl that is not a URI', { given: { template: P4K, body: { taskId: HEX_ID, callBackUrl: 'not a url' } }, want: rejects('/callBackUrl', /uri/) }],

  // download-url (K-DL)
  ['download-url accepts a KIE file URL', { given: { template: DOWNLOAD, body: { url: 'https://tempfile.aiquickdraw.com/p/x.mp4' } }, want: ok }],
  ['download-url rejects a missing url', { given: { template: DOWNLOAD, body: {} }, want: rejects('', /url/) }],
]

describe('kie request bodies', () => {
  it.each(requestBodies)('%s', (_name, { given, want }) => {
    // `undefined` marks a field removed from a template body.
    const body = JSON.parse(JSON.stringify(given.body)) as unknown
    expectResult(spec.validateRequestBody(given.template, 'post', body), want)
  })
})

// ---------------------------------------------------------------------------------------------
// Query parameters
// ---------------------------------------------------------------------------------------------

type ParamCase = [string, { given: { template: string; query: Record<string, unknown> }; want: Want }]

const parameters: ParamCase[] = [
  ['record-info accepts a taskId', { given: { template: RECORD, query: { taskId: HEX_ID } }, want: ok }],
  ['record-info rejects a missing taskId', { given: { template: RECORD, query: {} }, want: rejects('/query', /taskId/) }],
  ['get-1080p-video accepts taskId and index "0"', { given: { template: P1080, query: { taskId: HEX_ID, index: '0' } }, want: ok }],
  ['get-1080p-video accepts taskId without index', { given: { template: P1080, query: { taskId: HEX_ID } }, want: ok }],
  ['get-1080p-video rejects a missing taskId', { given: { template: P1080, query: { index: '0' } }, want: rejects('/query', /taskId/) }],
  ['get-1080p-video rejects a non-integer index', { given: { template: P1080, query: { taskId: HEX_ID, index: 'first' } }, want: rejects('/query/index', /integer/) }],
]

describe('kie query parameters', () => {
  it.each(parameters)('%s', (_name, { given, want }) => {
    expectResult(spec.validateParameters(given.template, 'get', given.query), want)
  })
})

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

type ResponseCase = [string, { given: { method: HttpMethod; template: string; status: number; body: unknown }; want: Want }]

const SERVER_ERROR = { code: 500, msg: 'Server Error - An unexpected error occurred while processing the request', data: null }
const UPSTREAM = { code: 408, msg: 'Upstream is currently experiencing service issues. No result has been returned for over 10 minutes.', data: null }
const RATE_LIMITED = { code: 429, msg: 'Rate Limited - Request limit has been exceeded for this resource', data: null }
const UNAUTHORIZED_DOC = { code: 401, msg: 'You do not have access permissions' }
const UNAUTHORIZED_LIVE = {
  code: 401,
  msg: 'Unauthorized – Authentication failed. Please check that your Authorization and Content-Type headers are correctly set.',
  data: null,
}
const VALIDATION = { code: 422, msg: 'Validation Error - Request parameters failed validation', data: null }
const MAINTENANCE = { code: 455, msg: 'Service Unavailable - System is currently undergoing maintenance', data: null }
const TOO_LARGE = { code: 413, msg: 'Payload Too Large - Request body exceeds 1 MB', data: null }
const PROCESSING_1080 = { code: 400, msg: '1080P is processing. It should be ready in 1-2 minutes. Please check back shortly.', data: null }

const record = (data: Record<string, unknown>) => ({
  code: 200,
  msg: 'success',
  data: {
    taskId: HEX_ID,
    paramJson: '{"prompt":"A dog playing in a park","waterMark":""}',
    createTime: '2026-01-29 07:12:40',
    completeTime: null,
    response: null,
    successFlag: 0,
    errorCode: null,
    errorMessage: null,
    ...data,
  },
})
const done = (response: Record<string, unknown> = {}, data: Record<string, unknown> = {}) =>
  record({
    successFlag: 1,
    completeTime: '2026-01-29 07:16:40',
    response: {
      taskId: HEX_ID,
      resultUrls: [`https://tempfile.aiquickdraw.com/p/${HEX_ID}_1769670760.mp4`],
      originUrls: null,
      fullResultUrls: [`https://tempfile.aiquickdraw.com/p/${HEX_ID}_1769670760.mp4`],
      resolution: '720p',
      ...response,
    },
    ...data,
  })
const fourK = (msg: string, urls: boolean) => ({
  code: 422,
  msg,
  data: {
    taskId: HEX_ID,
    resultUrls: urls ? [`https://tempfile.aiquickdraw.com/v/${HEX_ID}_1769672400.mp4`] : null,
    imageUrls: urls ? [`https://tempfile.aiquickdraw.com/v/${HEX_ID}_1769672400.jpg`] : null,
  },
})

const everyOperation = (name: string, status: number, body: unknown): ResponseCase[] =>
  OPERATIONS.map(([method, template]) => [`${method.toUpperCase()} ${template} ${name}`, { given: { method, template, status, body }, want: ok }])
const everyPost = (name: string, status: number, body: unknown): ResponseCase[] =>
  OPERATIONS.filter(([method]) => method === 'post').map(([method, template]) => [
    `${method.toUpperCase()} ${template} ${name}`,
    { given: { method, template, status, body }, want: ok },
  ])

const responses: ResponseCase[] = [
  // generate (K-GEN; S002; §9)
  ['generate success with the doc task id (K-GEN)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 200, msg: 'success', data: { taskId: 'veo_task_abcdef123456' } } }, want: ok }],
  ['generate success with a 32-hex task id (mock `success`)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 200, msg: 'success', data: { taskId: HEX_ID } } }, want: ok }],
  ['generate HTTP 200 body 402 (mock `insufficient_credits`)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 402, msg: 'Insufficient Credits - Account does not have enough credits to perform the operation', data: null } }, want: ok }],
  ['generate HTTP 200 body 422 Flow rejection (S002)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 422, msg: 'Your request was rejected by Flow(original error message). You may consider using our other fallback channels, which are likely to succeed. Please refer to the documentation.', data: null } }, want: ok }],
  ['generate HTTP 200 body 455 (mock `maintenance`)', { given: { method: 'post', template: GENERATE, status: 200, body: MAINTENANCE }, want: ok }],
  ['generate HTTP 200 body 501 generation failed (S002)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 501, msg: 'Generation Failed - Video generation task failed', data: null } }, want: ok }],
  ['generate HTTP 200 body 505 feature disabled (S002)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 505, msg: 'Feature Disabled - The requested feature is currently disabled', data: null } }, want: ok }],
  ['generate HTTP 200 body 400 with the mis-pasted 1080P text (S002)', { given: { method: 'post', template: GENERATE, status: 200, body: PROCESSING_1080 }, want: ok }],
  ['generate HTTP 200 body 404 (S002)', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 404, msg: 'Not Found', data: null } }, want: ok }],
  ['generate HTTP 200 body 429 (rate limit switched to HTTP 200)', { given: { method: 'post', template: GENERATE, status: 200, body: RATE_LIMITED }, want: ok }],
  ['generate HTTP 200 body 500 (server error switched to HTTP 200)', { given: { method: 'post', template: GENERATE, status: 200, body: SERVER_ERROR }, want: ok }],
  ['generate rejects body code 408 with HTTP 200 (408 only in the HTTP-500 schema)', { given: { method: 'post', template: GENERATE, status: 200, body: UPSTREAM }, want: rejects('/code', /allowed values/) }],
  ['generate rejects a success body without data', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 200, msg: 'success' } }, want: rejects('', /data/) }],
  ['generate rejects an error body with an undocumented code', { given: { method: 'post', template: GENERATE, status: 200, body: { code: 403, msg: 'Forbidden', data: null } }, want: rejects('/code', /allowed values/) }],
  ['generate rejects an undeclared HTTP 302', { given: { method: 'post', template: GENERATE, status: 302, body: { code: 404, msg: 'Not Found', data: null } }, want: rejects('', /not declared/) }],

  // errorTransport http-status (veomock INFER, §8.1): HTTP status = body code, same body as with HTTP 200
  ['generate HTTP 402 body 402 (errorTransport http-status)', { given: { method: 'post', template: GENERATE, status: 402, body: { code: 402, msg: 'Insufficient Credits - Account does not have enough credits to perform the operation', data: null } }, want: ok }],
  ['generate HTTP 401 body 401 without data (errorTransport http-status)', { given: { method: 'post', template: GENERATE, status: 401, body: UNAUTHORIZED_DOC }, want: ok }],
  ['record-info HTTP 422 record is null (errorTransport http-status)', { given: { method: 'get', template: RECORD, status: 422, body: { code: 422, msg: 'record is null', data: null } }, want: ok }],
  ['get-4k-video HTTP 422 repeat call with data (errorTransport http-status)', { given: { method: 'post', template: P4K, status: 422, body: fourK('4k is processing. It should be ready in 5-10 minutes. Please check back shortly.', false) }, want: ok }],
  ['record-info rejects HTTP 402 (402 is no record-info body code)', { given: { method: 'get', template: RECORD, status: 402, body: { code: 402, msg: 'Insufficient Credits', data: null } }, want: rejects('/code', /allowed values/) }],

  // record-info (K-REC; §5, §8.6, §8.7, §9)
  [
    'record-info success exactly as the K-REC example (string times, originUrls, fallbackFlag)',
    {
      given: {
        method: 'get',
        template: RECORD,
        status: 200,
        body: {
          code: 200,
          msg: 'success',
          data: {
            taskId: 'veo_task_abcdef123456',
            paramJson: '{"prompt":"A futuristic city with flying cars at sunset.","waterMark":"KieAI"}',
            completeTime: '2025-06-06 10:30:00',
            response: {
              taskId: 'veo_task_abcdef123456',
              resultUrls: ['http://example.com/video1.mp4'],
              originUrls: ['http://example.com/original_video1.mp4'],
              fullResultUrls: ['http://example.com/full_result.mp4'],
              resolution: '1080p',
            },
            successFlag: 1,
            errorCode: null,
            errorMessage: '',
            createTime: '2025-06-06 10:25:00',
            fallbackFlag: false,
          },
        },
      },
      want: ok,
    },
  ],
  ['record-info in progress with null fields (successFlag 0)', { given: { method: 'get', template: RECORD, status: 200, body: record({}) }, want: ok }],
  ['record-info in progress with errorMessage ""', { given: { method: 'get', template: RECORD, status: 200, body: record({ errorMessage: '' }) }, want: ok }],
  ['record-info in progress with response and completeTime absent', { given: { method: 'get', template: RECORD, status: 200, body: { code: 200, msg: 'success', data: { taskId: HEX_ID, successFlag: 0, createTime: '2026-01-29 07:12:40' } } }, want: ok }],
  ['record-info success with originUrls null (16:9)', { given: { method: 'get', template: RECORD, status: 200, body: done() }, want: ok }],
  ['record-info success with numeric times (K-REC schema type, §8.7)', { given: { method: 'get', template: RECORD, status: 200, body: done({}, { createTime: 1769670520000, completeTime: 1769670760000 }) }, want: ok }],
  ['record-info success with fallbackFlag true (legacy task)', { given: { method: 'get', template: RECORD, status: 200, body: done({}, { fallbackFlag: true }) }, want: ok }],
  ['record-info 4K task record carrying mediaIds', { given: { method: 'get', template: RECORD, status: 200, body: done({ resolution: '4k', mediaIds: ['m1'] }, { mediaIds: ['m1'] }) }, want: ok }],
  ['record-info failure successFlag 2 errorCode 400 content policy (mock `content_violation`)', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 2, errorCode: 400, errorMessage: 'Your prompt was flagged by Website as violating content policies.', completeTime: '2026-01-29 07:13:10' }) }, want: ok }],
  ['record-info failure successFlag 2 errorCode 400 image fetch (mock `invalid_image`)', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 2, errorCode: 400, errorMessage: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.' }) }, want: ok }],
  ['record-info failure successFlag 2 errorCode 500', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 2, errorCode: 500, errorMessage: 'Internal Error - Timeout' }) }, want: ok }],
  ['record-info failure successFlag 3 errorCode 501 (mock `generation_failed`, §8.6)', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 3, errorCode: 501, errorMessage: 'Video generation task failed' }) }, want: ok }],
  ['record-info unknown task: HTTP 200 body 422 record is null', { given: { method: 'get', template: RECORD, status: 200, body: { code: 422, msg: 'record is null', data: null } }, want: ok }],
  ['record-info expired task: body 422 (K-REC)', { given: { method: 'get', template: RECORD, status: 200, body: { code: 422, msg: 'Temporarily supports records within 14 days', data: null } }, want: ok }],
  ['record-info body 451 image fetch (§8.11)', { given: { method: 'get', template: RECORD, status: 200, body: { code: 451, msg: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.', data: null } }, want: ok }],
  ['record-info HTTP 500 body 500 (mock `flaky_poll`)', { given: { method: 'get', template: RECORD, status: 500, body: SERVER_ERROR }, want: ok }],
  ['record-info rejects successFlag 4', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 4 }) }, want: rejects('/data/successFlag', /allowed values/) }],
  ['record-info rejects errorCode 402', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 2, errorCode: 402 }) }, want: rejects('/data/errorCode', /allowed values/) }],
  ['record-info rejects success without a response', { given: { method: 'get', template: RECORD, status: 200, body: record({ successFlag: 1 }) }, want: rejects('/data/response', /object/) }],
  ['record-info accepts a success response without fullResultUrls (CN example, docs/vendors/kie.md §8.13)', { given: { method: 'get', template: RECORD, status: 200, body: done({ fullResultUrls: undefined }) }, want: ok }],
  ['record-info rejects fullResultUrls as a bare string', { given: { method: 'get', template: RECORD, status: 200, body: done({ fullResultUrls: 'http://example.com/full.mp4' }) }, want: rejects('/data/response/fullResultUrls', /array/) }],
  ['record-info rejects a boolean createTime', { given: { method: 'get', template: RECORD, status: 200, body: record({ createTime: true }) }, want: rejects('/data/createTime', /number|string/) }],

  // 1080P (K-1080; §4.3)
  ['get-1080p-video before ready: HTTP 200 body 400 "1080P is processing"', { given: { method: 'get', template: P1080, status: 200, body: PROCESSING_1080 }, want: ok }],
  ['get-1080p-video success with data.resultUrl', { given: { method: 'get', template: P1080, status: 200, body: { code: 200, msg: 'success', data: { resultUrl: `https://tempfile.aiquickdraw.com/p/${HEX_ID}_1769670900.mp4` } } }, want: ok }],
  ['get-1080p-video unknown task: body 422 record is null', { given: { method: 'get', template: P1080, status: 200, body: { code: 422, msg: 'record is null', data: null } }, want: ok }],
  ['get-1080p-video rejects success data as an array of URLs', { given: { method: 'get', template: P1080, status: 200, body: { code: 200, msg: 'success', data: { resultUrls: ['x'] } } }, want: rejects('/data', /resultUrl/) }],

  // 4K (K-4K; §4.4)
  ['get-4k-video first call: 200 with null URLs', { given: { method: 'post', template: P4K, status: 200, body: { code: 200, msg: 'success', data: { taskId: HEX_ID, resultUrls: null, imageUrls: null } } }, want: ok }],
  ['get-4k-video repeat while processing: 422 with data', { given: { method: 'post', template: P4K, status: 200, body: fourK('4k is processing. It should be ready in 5-10 minutes. Please check back shortly.', false) }, want: ok }],
  ['get-4k-video repeat when done: 422 with URLs', { given: { method: 'post', template: P4K, status: 200, body: fourK('The video has been generated successfully', true) }, want: ok }],
  ['get-4k-video unknown task: 422 record is null with data null', { given: { method: 'post', template: P4K, status: 200, body: { code: 422, msg: 'record is null', data: null } }, want: ok }],
  ['get-4k-video rejects a 4K data object on an undocumented code', { given: { method: 'post', template: P4K, status: 200, body: { ...fourK('x', false), code: 402 } }, want: rejects('/code', /allowed values/) }],

  // extend (K-EXT)
  ['extend success (K-EXT)', { given: { method: 'post', template: EXTEND, status: 200, body: { code: 200, msg: 'success', data: { taskId: 'veo_extend_task_xyz789' } } }, want: ok }],
  ['extend HTTP 200 body 404 original task not found', { given: { method: 'post', template: EXTEND, status: 200, body: { code: 404, msg: 'Not Found', data: null } }, want: ok }],
  ['extend HTTP 200 body 501 extension failed', { given: { method: 'post', template: EXTEND, status: 200, body: { code: 501, msg: 'Extension failed', data: null } }, want: ok }],
  ['extend HTTP 200 body 402', { given: { method: 'post', template: EXTEND, status: 200, body: { code: 402, msg: 'Insufficient Credits', data: null } }, want: ok }],

  // credit and download-url (K-CRED; K-DL)
  ['credit success with a bare integer', { given: { method: 'get', template: CREDIT, status: 200, body: { code: 200, msg: 'success', data: 100 } }, want: ok }],
  ['credit rejects credits as a string', { given: { method: 'get', template: CREDIT, status: 200, body: { code: 200, msg: 'success', data: '100' } }, want: rejects('/data', /integer/) }],
  ['download-url success with a bare string', { given: { method: 'post', template: DOWNLOAD, status: 200, body: { code: 200, msg: 'success', data: 'https://tempfile.aiquickdraw.com/p/x.mp4' } }, want: ok }],
  ['download-url non-KIE URL: body 422', { given: { method: 'post', template: DOWNLOAD, status: 200, body: { code: 422, msg: 'Only KIE-generated file URLs are supported', data: null } }, want: ok }],
  ['download-url rejects data as an object', { given: { method: 'post', template: DOWNLOAD, status: 200, body: { code: 200, msg: 'success', data: { url: 'x' } } }, want: rejects('/data', /string/) }],

  // on every operation (§3, §8.1, §9)
  ...everyOperation('HTTP 200 body 401 as documented, without data (mock `unauthorized`)', 200, UNAUTHORIZED_DOC),
  ...everyOperation('HTTP 200 body 401 as observed live, data null', 200, UNAUTHORIZED_LIVE),
  ...everyOperation('HTTP 200 body 422 (mock validation failure)', 200, VALIDATION),
  ...everyOperation('HTTP 200 body 455 (mock `maintenance`)', 200, MAINTENANCE),
  ...everyOperation('HTTP 429 body 429 (mock `rate_limited`)', 429, RATE_LIMITED),
  ...everyOperation('HTTP 500 body 500 (mock `server_error`)', 500, SERVER_ERROR),
  ...everyOperation('HTTP 500 body 408 (mock `upstream_error`)', 500, UPSTREAM),
  ...everyOperation('HTTP 500 body 500 without data (LIVE PH)', 500, { code: 500, msg: 'This field is required' }),
  ...everyPost('HTTP 413 in the envelope (veomock body over 1 MB)', 413, TOO_LARGE),
  ['HTTP 429 rejects a body code other than 429', { given: { method: 'post', template: GENERATE, status: 429, body: SERVER_ERROR }, want: rejects('/code', /constant/) }],
  ['HTTP 500 rejects body code 501', { given: { method: 'get', template: RECORD, status: 500, body: { code: 501, msg: 'x', data: null } }, want: rejects('/code', /allowed values/) }],
  ['HTTP 413 is refused on GET operations (413 is declared only on POSTs; no record-info body code)', { given: { method: 'get', template: RECORD, status: 413, body: TOO_LARGE }, want: rejects('/code', /allowed values/) }],
]

describe('kie responses', () => {
  it.each(responses)('%s', (_name, { given, want }) => {
    const body = JSON.parse(JSON.stringify(given.body)) as unknown
    expectResult(spec.validateResponse(given.template, given.method, given.status, body), want)
  })
})

// ---------------------------------------------------------------------------------------------
// Callbacks (webhooks)
// ---------------------------------------------------------------------------------------------

type WebhookCase = [string, { given: { webhook: 'veoGenerationCallback' | 'veo4kCallback'; body: unknown }; want: Want }]

const genSuccess = (info: Record<string, unknown> = {}, data: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  code: 200,
  msg: 'Veo3.1 video generated successfully.',
  ...top,
  data: {
    taskId: 'veo_task_abcdef123456',
    promptJson: '{"aspectRatio":"16:9","callBackUrl":"...","enableFallback":false,"enableTranslation":true,"model":"veo3_fast","prompt":"cat"}',
    info: { resultUrls: ['http://example.com/video1.mp4'], originUrls: ['http://example.com/original_video1.mp4'], resolution: '1080p', ...info },
    fallbackFlag: false,
    ...data,
  },
})
const genFailure = (code: number, msg: string) => ({ code, msg, data: { taskId: HEX_ID, fallbackFlag: false } })
const CAMEL_4K_SUCCESS = {
  code: 200,
  msg: '4K Video generated successfully.',
  data: { taskId: HEX_ID, info: { resultUrls: ['https://tempfile.aiquickdraw.com/v/a.mp4'], imageUrls: ['https://tempfile.aiquickdraw.com/v/a.jpg'] } },
}
const SNAKE_4K_SUCCESS = {
  code: 200,
  msg: '4K Video generated successfully.',
  data: { task_id: HEX_ID, result_urls: ['https://tempfile.aiquickdraw.com/v/a.mp4'], media_ids: ['m1'], image_urls: ['https://tempfile.aiquickdraw.com/v/a.jpg'] },
}
const UNAVAILABLE_4K = 'The 4K version of this video is unavailable. Please try a different video.'

const webhooks: WebhookCase[] = [
  ['generation success exactly as K-CB (info.resultUrls array)', { given: { webhook: 'veoGenerationCallback', body: genSuccess() }, want: ok }],
  ['generation success with info.resultUrls as a JSON string (K-CB OpenAPI, K-QS, §8.8)', { given: { webhook: 'veoGenerationCallback', body: genSuccess({ resultUrls: '["http://example.com/video1.mp4"]', originUrls: '["http://example.com/o.mp4"]' }) }, want: ok }],
  ['generation success with originUrls null and without fallbackFlag', { given: { webhook: 'veoGenerationCallback', body: genSuccess({ originUrls: null }, { fallbackFlag: undefined }) }, want: ok }],
  ['extend success (K-EXT msg)', { given: { webhook: 'veoGenerationCallback', body: { ...genSuccess(), msg: 'Veo3.1 video extension successful.' } }, want: ok }],
  ['generation success with data.task_id and top-level taskId (HMAC sample shape, §8.12)', { given: { webhook: 'veoGenerationCallback', body: genSuccess({}, { task_id: 'veo_task_abcdef123456' }, { taskId: 'veo_task_abcdef123456' }) }, want: ok }],
  ['generation failure 400 content policy as K-CB (no info)', { given: { webhook: 'veoGenerationCallback', body: { code: 400, msg: 'Your prompt was flagged by Website as violating content policies.', data: { taskId: 'veo_task_abcdef123456', fallbackFlag: false } } }, want: ok }],
  ['generation failure 400 English only', { given: { webhook: 'veoGenerationCallback', body: genFailure(400, 'Only English prompts are supported at this time.') }, want: ok }],
  ['generation failure 400 image fetch (mock `invalid_image`)', { given: { webhook: 'veoGenerationCallback', body: genFailure(400, 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.') }, want: ok }],
  ['generation failure 400 unsafe image', { given: { webhook: 'veoGenerationCallback', body: genFailure(400, 'public error unsafe image upload.') }, want: ok }],
  ['generation failure 422 Flow rejection', { given: { webhook: 'veoGenerationCallback', body: genFailure(422, 'Your request was rejected by Flow(original error message). You may consider using our other fallback channels, which are likely to succeed. Please refer to the documentation.') }, want: ok }],
  ['generation failure 500 internal error', { given: { webhook: 'veoGenerationCallback', body: genFailure(500, 'Internal Error, Please try again later.') }, want: ok }],
  ['generation failure 500 timeout without fallbackFlag', { given: { webhook: 'veoGenerationCallback', body: { code: 500, msg: 'Internal Error - Timeout', data: { taskId: HEX_ID } } }, want: ok }],
  ['generation failure 501 (mock `generation_failed`)', { given: { webhook: 'veoGenerationCallback', body: genFailure(501, 'Video generation task failed') }, want: ok }],
  ['generation callback rejects a success without info', { given: { webhook: 'veoGenerationCallback', body: genSuccess({}, { info: undefined }) }, want: rejects('/data', /info/) }],
  ['generation callback rejects an undocumented code', { given: { webhook: 'veoGenerationCallback', body: genFailure(402, 'x') }, want: rejects('/code', /allowed values/) }],
  ['generation callback rejects a missing data.taskId', { given: { webhook: 'veoGenerationCallback', body: { code: 501, msg: 'x', data: {} } }, want: rejects('/data', /taskId/) }],
  ['generation callback rejects resultUrls as a number', { given: { webhook: 'veoGenerationCallback', body: genSuccess({ resultUrls: 1 }) }, want: rejects('/data/info/resultUrls', /array|string/) }],

  ['4K success in the K-4KCB camelCase + info shape (mock default)', { given: { webhook: 'veo4kCallback', body: CAMEL_4K_SUCCESS }, want: ok }],
  ['4K failure in the K-4KCB shape', { given: { webhook: 'veo4kCallback', body: { code: 500, msg: UNAVAILABLE_4K, data: { taskId: HEX_ID } } }, want: ok }],
  ['4K success in the K-4K OpenAPI snake_case shape', { given: { webhook: 'veo4kCallback', body: SNAKE_4K_SUCCESS }, want: ok }],
  ['4K failure 400 in the snake_case shape', { given: { webhook: 'veo4kCallback', body: { code: 400, msg: UNAVAILABLE_4K, data: { task_id: HEX_ID } } }, want: ok }],
  ['4K callback rejects a camelCase success without info', { given: { webhook: 'veo4kCallback', body: { code: 200, msg: 'ok', data: { taskId: HEX_ID } } }, want: rejects('/data', /info/) }],
  ['4K callback rejects data without any task id', { given: { webhook: 'veo4kCallback', body: { code: 500, msg: UNAVAILABLE_4K, data: {} } }, want: rejects('/data', /task_id/) }],
  ['4K callback rejects an undocumented code', { given: { webhook: 'veo4kCallback', body: { code: 422, msg: 'x', data: { taskId: HEX_ID } } }, want: rejects('/code', /constant|allowed values/) }],
]

describe('kie callbacks', () => {
  it.each(webhooks)('%s', (_name, { given, want }) => {
    const body = JSON.parse(JSON.stringify(given.body)) as unknown
    expectResult(spec.validateWebhook(given.webhook, body), want)
  })
})

// ---------------------------------------------------------------------------------------------
// Spec structure the mock and the generated types rely on
// ---------------------------------------------------------------------------------------------

type Doc = {
  paths: Record<string, Record<string, { responses: Record<string, unknown>; callbacks?: Record<string, Record<string, { post: { requestBody: { $ref: string } } }>> }>>
  webhooks: Record<string, { post: { requestBody: { $ref: string }; parameters: Array<{ $ref: string }> } }>
  components: { parameters: Record<string, { name: string; description: string; example: string }> }
}
const doc = spec.document as unknown as Doc

describe('kie spec structure', () => {
  it('declares exactly the webhooks veoGenerationCallback and veo4kCallback', () => {
    expect(spec.webhookNames().sort()).toEqual(['veo4kCallback', 'veoGenerationCallback'])
  })

  it.each(OPERATIONS)('%s %s declares HTTP 200, 4XX (errorTransport http-status), 429 and 500 (and 413 when it is a POST)', (method, template) => {
    const statuses = Object.keys(doc.paths[template]?.[method]?.responses ?? {}).sort()
    expect(statuses).toEqual(method === 'post' ? ['200', '413', '429', '4XX', '500'] : ['200', '429', '4XX', '500'])
  })

  it.each([
    [GENERATE, 'veoGenerationCallback', '#/components/requestBodies/VeoGenerationCallback'],
    [EXTEND, 'veoGenerationCallback', '#/components/requestBodies/VeoGenerationCallback'],
    [P4K, 'veo4kCallback', '#/components/requestBodies/Veo4kCallback'],
  ])('POST %s has a %s callback on {$request.body#/callBackUrl} sharing the webhook body', (template, name, ref) => {
    const callback = doc.paths[template]?.post?.callbacks?.[name]?.['{$request.body#/callBackUrl}']
    expect(callback?.post.requestBody.$ref).toBe(ref)
    expect(doc.webhooks[name]?.post.requestBody.$ref).toBe(ref)
  })

  it.each(['veoGenerationCallback', 'veo4kCallback'])('webhook %s declares the optional signature headers', (name) => {
    const refs = doc.webhooks[name]?.post.parameters.map((p) => p.$ref)
    expect(refs).toEqual(['#/components/parameters/WebhookTimestamp', '#/components/parameters/WebhookSignature'])
  })

  it('documents a signature test vector that matches the K-HMAC rule base64(HMAC-SHA256(taskId + "." + timestamp, key))', () => {
    const { WebhookTimestamp, WebhookSignature } = doc.components.parameters
    expect(WebhookTimestamp?.name).toBe('X-Webhook-Timestamp')
    expect(WebhookSignature?.name).toBe('X-Webhook-Signature')
    const signature = createHmac('sha256', 'test-hmac-key').update(`${HEX_ID}.${WebhookTimestamp?.example}`).digest('base64')
    expect(signature).toBe(WebhookSignature?.example)
    expect(WebhookSignature?.description).toContain(signature)
  })
})
