// The reference clients' pure mappings, as tables: protocol request → vendor body (checked against
// the vendor spec), vendor answers → readings, and the small helpers they share.
import { describe, expect, it } from 'vitest'
import { specValidator } from '../../lib/spec/validation.js'
import type { ClientRequest } from '../src/client/protocol.js'
import { apixoFailCodeKind, apixoResultUrls, apixoSubmitBody, readApixoPoll, readApixoSubmit } from './apixo-client.js'
import { backoffMs } from './generation-run.js'
import { kieCodeKind, kieFailureKind, kieResultUrls, kieSubmitBody, readKiePoll, readKieSubmit } from './kie-client.js'
import { odkkkFailureKind, odkkkFirstPollDelayMs, odkkkSubmitBody, readOdkkkPoll, readOdkkkSubmit } from './odkkk-client.js'
import { foldSeed } from './request-rules.js'
import { joinUrl, retryAfterMs, type VendorReply } from './vendor-call.js'
import type { PollReading, SubmitReading } from './vendor-protocol.js'
import { readXenodiaPoll, readXenodiaSubmit, xenodiaFailureKind, xenodiaProtocol, xenodiaSubmitBody } from './xenodia-client.js'

const BASE: ClientRequest = {
  prompt: 'a red fox in snow',
  tier: 'fast',
  generationType: 'TEXT_2_VIDEO',
  aspectRatio: '16:9',
  resolution: '720p',
  timeoutMs: 600_000,
}
const IMAGES = ['https://example.com/a.png', 'https://example.com/b.png', 'https://example.com/c.png']
const reply = (status: number, body: unknown, retryAfter?: number): VendorReply => ({ status, body, retryAfterMs: retryAfter })

type BodyRow = [string, { given: Partial<ClientRequest>; want: Record<string, unknown> | { error: string } }]

function bodyCases(mapper: (r: ClientRequest) => { body: unknown } | { error: { kind: string } }, spec: string, route: string, rows: BodyRow[]) {
  it.each(rows)('%s', (_name, { given, want }) => {
    const mapped = mapper({ ...BASE, ...given })
    if ('error' in want) {
      expect('error' in mapped && mapped.error.kind).toBe(want.error)
      return
    }
    expect('body' in mapped).toBe(true)
    const body = (mapped as { body: unknown }).body
    expect(body).toEqual(want)
    expect(specValidator(spec).validateRequestBody(route, 'post', body).issues).toEqual([])
  })
}

describe('KIE request mapping', () => {
  bodyCases(kieSubmitBody, 'kie', '/api/v1/veo/generate', [
    [
      'fast text-to-video is veo3_fast with aspect_ratio and resolution',
      { given: {}, want: { prompt: BASE.prompt, model: 'veo3_fast', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p' } },
    ],
    [
      'quality is veo3 and auto is Auto with a capital A',
      {
        given: { tier: 'quality', aspectRatio: 'auto', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: IMAGES.slice(0, 2) },
        want: {
          prompt: BASE.prompt,
          model: 'veo3',
          generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
          aspect_ratio: 'Auto',
          resolution: '720p',
          imageUrls: IMAGES.slice(0, 2),
        },
      },
    ],
    [
      'lite is veo3_lite',
      {
        given: { tier: 'lite', resolution: '1080p' },
        want: { prompt: BASE.prompt, model: 'veo3_lite', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '1080p' },
      },
    ],
    [
      'a seed in 10000–99999 is sent as seeds',
      {
        given: { seed: 12345 },
        want: { prompt: BASE.prompt, model: 'veo3_fast', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p', seeds: 12345 },
      },
    ],
    [
      'a seed outside the range is folded into it',
      {
        given: { seed: 7 },
        want: { prompt: BASE.prompt, model: 'veo3_fast', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p', seeds: 10007 },
      },
    ],
    [
      'reference-to-video in quality tier is refused before sending',
      { given: { tier: 'quality', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMAGES.slice(0, 1) }, want: { error: 'invalid_request' } },
    ],
    [
      'reference-to-video with aspect auto is refused before sending',
      { given: { generationType: 'REFERENCE_2_VIDEO', aspectRatio: 'auto', imageUrls: IMAGES.slice(0, 1) }, want: { error: 'invalid_request' } },
    ],
    ['text-to-video with images is refused before sending', { given: { imageUrls: IMAGES.slice(0, 1) }, want: { error: 'invalid_request' } }],
  ])
})

describe('Apixo request mapping', () => {
  bodyCases(apixoSubmitBody, 'apixo', '/api/v1/generateTask/veo-3-1', [
    [
      'fast is mode fast inside input, request_type async',
      {
        given: { seed: 42 },
        want: { request_type: 'async', input: { mode: 'fast', prompt: BASE.prompt, generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', seed: 42 } },
      },
    ],
    [
      'auto stays lowercase, images go to image_urls',
      {
        given: { tier: 'quality', aspectRatio: 'auto', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: IMAGES.slice(0, 1) },
        want: {
          request_type: 'async',
          input: {
            mode: 'quality',
            prompt: BASE.prompt,
            generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
            aspect_ratio: 'auto',
            image_urls: IMAGES.slice(0, 1),
          },
        },
      },
    ],
    ['lite has no Apixo mode and is refused before sending', { given: { tier: 'lite' }, want: { error: 'invalid_request' } }],
    [
      'reference-to-video needs fast and 16:9',
      { given: { generationType: 'REFERENCE_2_VIDEO', aspectRatio: '9:16', imageUrls: IMAGES }, want: { error: 'invalid_request' } },
    ],
  ])
})

describe('Xenodia request mapping', () => {
  bodyCases(xenodiaSubmitBody, 'xenodia', '/v1/videos/generations', [
    [
      'tiers are veo3.1 model ids, seeds travel as seeds',
      {
        given: { tier: 'quality', seed: 99999 },
        want: { model: 'veo3.1', prompt: BASE.prompt, generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p', seeds: 99999 },
      },
    ],
    [
      'lite is veo3.1_lite and auto is Auto',
      {
        given: { tier: 'lite', aspectRatio: 'auto' },
        want: { model: 'veo3.1_lite', prompt: BASE.prompt, generationType: 'TEXT_2_VIDEO', aspect_ratio: 'Auto', resolution: '720p' },
      },
    ],
    [
      'reference-to-video in fast tier takes up to three images',
      {
        given: { generationType: 'REFERENCE_2_VIDEO', imageUrls: IMAGES },
        want: { model: 'veo3.1_fast', prompt: BASE.prompt, generationType: 'REFERENCE_2_VIDEO', aspect_ratio: '16:9', resolution: '720p', imageUrls: IMAGES },
      },
    ],
    [
      'reference-to-video needs the fast model',
      { given: { tier: 'lite', generationType: 'REFERENCE_2_VIDEO', imageUrls: IMAGES }, want: { error: 'invalid_request' } },
    ],
  ])
})

describe('odkkk request mapping', () => {
  bodyCases(odkkkSubmitBody, 'odkkk', '/v1/videos/generations', [
    [
      'every tier is veo3.1-pro, the resolution is quality, the seed is dropped',
      {
        given: { tier: 'lite', seed: 12345, resolution: '4k' },
        want: { model: 'veo3.1-pro', prompt: BASE.prompt, aspect_ratio: '16:9', quality: '4k', generation_type: 'TEXT' },
      },
    ],
    [
      'first-and-last frames is FIRST&LAST with image_urls, auto stays lowercase',
      {
        given: { generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', aspectRatio: 'auto', imageUrls: IMAGES.slice(0, 2) },
        want: {
          model: 'veo3.1-pro',
          prompt: BASE.prompt,
          aspect_ratio: 'auto',
          quality: '720p',
          generation_type: 'FIRST&LAST',
          image_urls: IMAGES.slice(0, 2),
        },
      },
    ],
    [
      'three images are more than odkkk takes',
      { given: { generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: IMAGES }, want: { error: 'invalid_request' } },
    ],
    ['odkkk has no reference-to-video', { given: { generationType: 'REFERENCE_2_VIDEO', imageUrls: IMAGES.slice(0, 1) }, want: { error: 'invalid_request' } }],
  ])
})

type SubmitRow = [string, { given: VendorReply; want: Partial<SubmitReading> & Record<string, unknown> }]
type PollRow = [string, { given: VendorReply; want: Partial<PollReading> & Record<string, unknown> }]

describe('KIE answers', () => {
  it.each<SubmitRow>([
    [
      'body code 200 with a taskId is accepted',
      { given: reply(200, { code: 200, msg: 'success', data: { taskId: 'abc' } }), want: { kind: 'accepted', taskId: 'abc', hints: {} } },
    ],
    [
      'HTTP 200 with body code 402 is a final rejection',
      {
        given: reply(200, { code: 402, msg: 'Insufficient Credits', data: null }),
        want: { kind: 'rejected', retryable: false, error: { kind: 'insufficient_credits', vendorCode: '402', message: 'Insufficient Credits' } },
      },
    ],
    [
      'HTTP 200 with body code 401 is unauthorized',
      {
        given: reply(200, { code: 401, msg: 'You do not have access permissions' }),
        want: { kind: 'rejected', retryable: false, error: { kind: 'unauthorized', vendorCode: '401', message: 'You do not have access permissions' } },
      },
    ],
    [
      'HTTP 429 with body code 429 may be retried',
      {
        given: reply(429, { code: 429, msg: 'Rate Limited', data: null }),
        want: { kind: 'rejected', retryable: true, error: { kind: 'rate_limited', vendorCode: '429', message: 'Rate Limited' } },
      },
    ],
    [
      'HTTP 500 with body code 408 is the upstream, not retried',
      {
        given: reply(500, { code: 408, msg: 'Upstream is currently experiencing service issues.', data: null }),
        want: {
          kind: 'rejected',
          retryable: false,
          error: { kind: 'upstream_error', vendorCode: '408', message: 'Upstream is currently experiencing service issues.' },
        },
      },
    ],
    [
      'a Cloudflare 403 page is unauthorized by status',
      {
        given: reply(403, 'error code: 1010'),
        want: { kind: 'rejected', retryable: false, error: { kind: 'unauthorized', vendorCode: '403', message: 'KIE answered HTTP 403 without its envelope' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readKieSubmit(given)).toEqual(want))

  it.each<PollRow>([
    [
      'successFlag 0 is running',
      { given: reply(200, { code: 200, msg: 'success', data: { taskId: 't', successFlag: 0 } }), want: { kind: 'running', state: '0' } },
    ],
    [
      'successFlag 1 gives response.resultUrls',
      {
        given: reply(200, { code: 200, msg: 'success', data: { taskId: 't', successFlag: 1, response: { resultUrls: ['u1'], fullResultUrls: ['f1'] } } }),
        want: { kind: 'succeeded', videoUrls: ['u1'] },
      },
    ],
    [
      'successFlag 3 with errorCode 501 is generation_failed',
      {
        given: reply(200, { code: 200, msg: 'success', data: { taskId: 't', successFlag: 3, errorCode: 501, errorMessage: 'Video generation task failed' } }),
        want: { kind: 'failed', error: { kind: 'generation_failed', vendorCode: '501', message: 'Video generation task failed' } },
      },
    ],
    [
      'HTTP 500 is transient',
      {
        given: reply(500, { code: 500, msg: 'Server Error', data: null }),
        want: { kind: 'transient', error: { kind: 'server_error', vendorCode: '500', message: 'Server Error' } },
      },
    ],
    [
      'body code 500 inside HTTP 200 is transient',
      {
        given: reply(200, { code: 500, msg: 'Internal Error - Timeout' }),
        want: { kind: 'transient', error: { kind: 'server_error', vendorCode: '500', message: 'Internal Error - Timeout' } },
      },
    ],
    [
      'body code 422 "record is null" is final',
      {
        given: reply(200, { code: 422, msg: 'record is null', data: null }),
        want: { kind: 'final', error: { kind: 'invalid_request', vendorCode: '422', message: 'record is null' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readKiePoll(given)).toEqual(want))

  it.each([
    ['a body code 455 is server_error', 455, '', 'server_error'],
    ['a body code 422 rejected by Flow is content_policy', 422, 'Your request was rejected by Flow(x)', 'content_policy'],
    ['a body code 451 is invalid_image', 451, '', 'invalid_image'],
    ['a body code 505 is server_error', 505, '', 'server_error'],
  ] as const)('%s', (_name, code, msg, kind) => expect(kieCodeKind(code, msg)).toBe(kind))

  it.each([
    ['errorCode 400 flagged content is content_policy', 400, 'Your prompt was flagged by Website as violating content policies.', 'content_policy'],
    [
      'errorCode 400 image fetch is invalid_image',
      400,
      'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.',
      'invalid_image',
    ],
    ['errorCode 400 English only is invalid_request', 400, 'Only English prompts are supported at this time.', 'invalid_request'],
    ['errorCode 500 is server_error', 500, 'Internal Error, Please try again later.', 'server_error'],
    ['no errorCode is generation_failed', null, '', 'generation_failed'],
  ] as const)('%s', (_name, code, message, kind) => expect(kieFailureKind(code, message)).toBe(kind))

  it.each([
    ['an array', { resultUrls: ['a'] }, ['a']],
    ['a JSON string (K-QS sample code)', { resultUrls: '["a","b"]' }, ['a', 'b']],
    ['fullResultUrls when resultUrls is empty', { resultUrls: [], fullResultUrls: ['f'] }, ['f']],
    ['nothing when there is no response', null, []],
  ] as const)('result URLs from %s', (_name, response, want) => expect(kieResultUrls(response)).toEqual(want))
})

describe('Apixo answers', () => {
  it.each<SubmitRow>([
    [
      'HTTP 200 code 200 is accepted',
      { given: reply(200, { code: 200, message: 'success', data: { taskId: 'x' } }), want: { kind: 'accepted', taskId: 'x', hints: {} } },
    ],
    [
      'HTTP 402 is a final insufficient_credits',
      {
        given: reply(402, { code: 402, message: 'Insufficient balance' }),
        want: { kind: 'rejected', retryable: false, error: { kind: 'insufficient_credits', vendorCode: '402', message: 'Insufficient balance' } },
      },
    ],
    [
      'HTTP 503 with data.error MODEL_UNAVAILABLE is upstream_error',
      {
        given: reply(503, { code: 503, message: 'Model unavailable', data: { error: 'MODEL_UNAVAILABLE' } }),
        want: {
          kind: 'rejected',
          retryable: false,
          error: { kind: 'upstream_error', vendorCode: 'MODEL_UNAVAILABLE', message: 'Model unavailable: MODEL_UNAVAILABLE' },
        },
      },
    ],
    [
      'HTTP 429 may be retried',
      {
        given: reply(429, { code: 429, message: 'Rate limit exceeded' }),
        want: { kind: 'rejected', retryable: true, error: { kind: 'rate_limited', vendorCode: '429', message: 'Rate limit exceeded' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readApixoSubmit(given)).toEqual(want))

  it.each<PollRow>([
    [
      'pending is running',
      { given: reply(200, { code: 200, message: 'success', data: { taskId: 'x', state: 'pending' } }), want: { kind: 'running', state: 'pending' } },
    ],
    [
      'success parses the resultJson string',
      {
        given: reply(200, { code: 200, message: 'success', data: { taskId: 'x', state: 'success', resultJson: '{"resultUrls":["v"]}' } }),
        want: { kind: 'succeeded', videoUrls: ['v'] },
      },
    ],
    [
      'failed keys on failCode, not the message',
      {
        given: reply(200, {
          code: 200,
          message: 'success',
          data: { taskId: 'x', state: 'failed', failCode: 'INVALID_IMAGE_URL', failMsg: 'Cannot access provided image URL' },
        }),
        want: { kind: 'failed', error: { kind: 'invalid_image', vendorCode: 'INVALID_IMAGE_URL', message: 'Cannot access provided image URL' } },
      },
    ],
    [
      'HTTP 500 is transient',
      {
        given: reply(500, { code: 500, message: 'Internal server error' }),
        want: { kind: 'transient', error: { kind: 'server_error', vendorCode: '500', message: 'Internal server error' } },
      },
    ],
    [
      'HTTP 404 is final',
      {
        given: reply(404, { code: 404, message: 'Task not found' }),
        want: { kind: 'final', error: { kind: 'invalid_request', vendorCode: '404', message: 'Task not found' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readApixoPoll(given)).toEqual(want))

  it.each([
    ['CONTENT_VIOLATION', 'content_policy'],
    ['SensitiveContentDetected', 'content_policy'],
    ['IMAGE_DOWNLOAD_FAILED', 'invalid_image'],
    ['PROMPT_TOO_LONG', 'invalid_request'],
    ['PROCESSING_TIMEOUT', 'generation_failed'],
    ['MODEL_UNAVAILABLE', 'upstream_error'],
    ['INSUFFICIENT_CREDITS', 'insufficient_credits'],
    ['SOMETHING_NEW', undefined],
  ] as const)('failCode %s is %s', (code, kind) => expect(apixoFailCodeKind(code)).toBe(kind))

  it('reads no URLs from a resultJson that is an object or broken JSON', () => {
    expect(apixoResultUrls({ resultUrls: ['v'] })).toEqual([])
    expect(apixoResultUrls('{not json')).toEqual([])
  })
})

describe('Xenodia answers', () => {
  it.each<SubmitRow>([
    [
      'a 2xx task envelope is accepted with its poll hints',
      {
        given: reply(202, { task_id: 't1', state: 'waiting', poll_url: '/v1/tasks/t1', recommended_poll_interval_ms: 7000 }),
        want: { kind: 'accepted', taskId: 't1', hints: { pollIntervalMs: 7000, pollPath: '/v1/tasks/t1' } },
      },
    ],
    [
      'HTTP 402 reports the error string as vendorCode',
      {
        given: reply(402, { error: 'insufficient_balance', message: 'Insufficient balance', type: 'billing_error', code: 'insufficient_balance' }),
        want: {
          kind: 'rejected',
          retryable: false,
          error: { kind: 'insufficient_credits', vendorCode: 'insufficient_balance', message: 'Insufficient balance' },
        },
      },
    ],
    [
      'HTTP 429 carries Retry-After on',
      {
        given: reply(429, { error: 'rate_limited', message: 'Rate limit exceeded' }, 10_000),
        want: {
          kind: 'rejected',
          retryable: true,
          retryAfterMs: 10_000,
          error: { kind: 'rate_limited', vendorCode: 'rate_limited', message: 'Rate limit exceeded' },
        },
      },
    ],
    [
      'HTTP 502 is upstream_error',
      {
        given: reply(502, { error: 'upstream_error', message: 'Upstream task creation failed' }),
        want: { kind: 'rejected', retryable: false, error: { kind: 'upstream_error', vendorCode: 'upstream_error', message: 'Upstream task creation failed' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readXenodiaSubmit(given)).toEqual(want))

  it.each<PollRow>([
    [
      'generating is running and refreshes the hint',
      {
        given: reply(200, { task_id: 't', state: 'generating', recommended_poll_interval_ms: 5000 }),
        want: { kind: 'running', state: 'generating', hints: { pollIntervalMs: 5000 } },
      },
    ],
    [
      'success gives result.data[].url',
      {
        given: reply(200, { task_id: 't', state: 'success', result: { data: [{ url: 'v1' }, { url: 'v2' }] } }),
        want: { kind: 'succeeded', videoUrls: ['v1', 'v2'] },
      },
    ],
    [
      'fail reports error.code',
      {
        given: reply(200, { task_id: 't', state: 'fail', error: { code: 'content_policy_violation', message: 'flagged' } }),
        want: { kind: 'failed', error: { kind: 'content_policy', vendorCode: 'content_policy_violation', message: 'flagged' } },
      },
    ],
    [
      'HTTP 502 bad_gateway is transient',
      {
        given: reply(502, { error: 'bad_gateway', message: 'Failed to reach upstream' }),
        want: { kind: 'transient', error: { kind: 'upstream_error', vendorCode: 'bad_gateway', message: 'Failed to reach upstream' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readXenodiaPoll(given)).toEqual(want))

  it.each([
    ['content_policy_violation', '', 'content_policy'],
    ['image_fetch_failed', '', 'invalid_image'],
    ['generation_failed', '', 'generation_failed'],
    ['unknown', 'Failed to fetch the image.', 'invalid_image'],
  ] as const)('error.code %s is %s', (code, message, kind) => expect(xenodiaFailureKind(code, message)).toBe(kind))

  it('polls base URL + poll_url, and waits the hint but never under a second', () => {
    expect(xenodiaProtocol.pollPath('t', { pollPath: '/v1/tasks/t' })).toBe('/v1/tasks/t')
    expect(xenodiaProtocol.pollPath('a b', {})).toBe('/v1/tasks/a%20b')
    expect(xenodiaProtocol.pollIntervalMs({})).toBe(5000)
    expect(xenodiaProtocol.pollIntervalMs({ pollIntervalMs: 8000 })).toBe(8000)
    expect(xenodiaProtocol.pollIntervalMs({ pollIntervalMs: 0 })).toBe(1000)
  })
})

describe('odkkk answers', () => {
  it.each<SubmitRow>([
    [
      'HTTP 200 is accepted with estimated_time as a hint',
      {
        given: reply(200, { id: 'task-unified-1-abc', status: 'pending', task_info: { can_cancel: true, estimated_time: 180 } }),
        want: { kind: 'accepted', taskId: 'task-unified-1-abc', hints: { estimatedMs: 180_000 } },
      },
    ],
    [
      'HTTP 401 reports error.type',
      {
        given: reply(401, { error: { code: 401, message: 'Invalid or expired token', type: 'authentication_error' } }),
        want: { kind: 'rejected', retryable: false, error: { kind: 'unauthorized', vendorCode: 'authentication_error', message: 'Invalid or expired token' } },
      },
    ],
    [
      'HTTP 503 is server_error and not resent',
      {
        given: reply(503, { error: { code: 503, message: 'Service temporarily unavailable', type: 'service_unavailable_error' } }, 30_000),
        want: {
          kind: 'rejected',
          retryable: false,
          retryAfterMs: 30_000,
          error: { kind: 'server_error', vendorCode: 'service_unavailable_error', message: 'Service temporarily unavailable' },
        },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readOdkkkSubmit(given)).toEqual(want))

  it.each<PollRow>([
    ['processing is running', { given: reply(200, { id: 't', status: 'processing', progress: 40 }), want: { kind: 'running', state: 'processing' } }],
    ['completed gives results[]', { given: reply(200, { id: 't', status: 'completed', results: ['v'] }), want: { kind: 'succeeded', videoUrls: ['v'] } }],
    [
      'failed reports the string error.code',
      {
        given: reply(200, { id: 't', status: 'failed', error: { code: 'image_processing_error', message: 'bad image' } }),
        want: { kind: 'failed', error: { kind: 'invalid_image', vendorCode: 'image_processing_error', message: 'bad image' } },
      },
    ],
    [
      'cancelled (FOX) counts as failed',
      {
        given: reply(200, { id: 't', status: 'cancelled' }),
        want: { kind: 'failed', error: { kind: 'generation_failed', vendorCode: 'cancelled', message: 'odkkk returned status cancelled' } },
      },
    ],
    [
      'HTTP 503 is transient',
      {
        given: reply(503, { error: { code: 503, message: 'Service temporarily unavailable', type: 'service_unavailable_error' } }),
        want: { kind: 'transient', error: { kind: 'server_error', vendorCode: 'service_unavailable_error', message: 'Service temporarily unavailable' } },
      },
    ],
  ])('%s', (_name, { given, want }) => expect(readOdkkkPoll(given)).toEqual(want))

  it.each([
    ['content_policy_violation', 'content_policy'],
    ['image_dimension_mismatch', 'invalid_image'],
    ['invalid_parameters', 'invalid_request'],
    ['generation_timeout', 'generation_failed'],
    ['resource_exhausted', 'upstream_error'],
    ['quota_exceeded', 'insufficient_credits'],
  ] as const)('error.code %s is %s', (code, kind) => expect(odkkkFailureKind(code)).toBe(kind))

  it.each([
    ['no estimate', {}, 5_000],
    ['half of 180 s, capped at a minute', { estimatedMs: 180_000 }, 60_000],
    ['half of 60 s', { estimatedMs: 60_000 }, 30_000],
  ] as const)('the first poll waits: %s', (_name, hints, want) => expect(odkkkFirstPollDelayMs(hints)).toBe(want))
})

describe('shared helpers', () => {
  it.each([
    ['a base with a path keeps it', 'https://ai.odkkk.com/apiv1', '/v1/tasks/t', 'https://ai.odkkk.com/apiv1/v1/tasks/t'],
    ['a trailing slash is not doubled', 'http://127.0.0.1:4010/xenodia/', '/v1/tasks/t', 'http://127.0.0.1:4010/xenodia/v1/tasks/t'],
    ['a bare host works too', 'https://api.kie.ai', '/api/v1/veo/generate', 'https://api.kie.ai/api/v1/veo/generate'],
  ])('joinUrl: %s', (_name, base, path, want) => expect(joinUrl(base, path)).toBe(want))

  it.each([
    ['delay-seconds', '60', 60_000],
    ['fractional seconds', '1.5', 1_500],
    ['an HTTP date', 'Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['nothing', null, undefined],
    ['garbage', 'soon', undefined],
  ] as const)('Retry-After as %s', (_name, header, want) => expect(retryAfterMs(header, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(want))

  it.each([
    [12345, 12345],
    [10000, 10000],
    [99999, 99999],
    [0, 10000],
    [100000, 20000],
    [-5, 10005],
  ])('foldSeed(%i) = %i', (seed, want) => expect(foldSeed(seed)).toBe(want))

  it('backs off 5 s, 10 s, 20 s when a 429 has no Retry-After', () => {
    expect([0, 1, 2].map(backoffMs)).toEqual([5_000, 10_000, 20_000])
  })
})
