// Table-driven checks of the KIE dialect's pure mappings: canonical view → successFlag/errorCode,
// core error → envelope and HTTP status in both transports, request echoes, times and signatures.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CoreError, CoreErrorKind } from '../../core/dialect.js'
import type { TaskView } from '../../core/task.js'
import { renderKieError } from './errors.js'
import { aspectRatioOf } from './generate.js'
import { kieOptions } from './options.js'
import { extendPromptJson, generatePromptJson, paramJson } from './request-echo.js'
import { KIE_FAILURES, kieVendorState, successFlagOf } from './task-states.js'
import { kieIssueText } from './validation-text.js'
import { kieTime } from './task-wire.js'
import { webhookSignature } from './webhook-signature.js'

const view = (v: Partial<TaskView>): TaskView => ({ state: 'running', progress: 10, settledAt: null, failure: null, ...v })

describe('successFlag of a canonical view', () => {
  const cases: Array<[string, { given: TaskView; want: { flag: number; vendorState: string } }]> = [
    ['queued reads 0 (KIE has no separate queued state)', { given: view({ state: 'queued', progress: 0 }), want: { flag: 0, vendorState: '0' } }],
    ['running reads 0', { given: view({}), want: { flag: 0, vendorState: '0' } }],
    ['succeeded reads 1', { given: view({ state: 'succeeded', progress: 100, settledAt: 1 }), want: { flag: 1, vendorState: '1' } }],
    ['content_violation reads 2', { given: view({ state: 'failed', settledAt: 1, failure: 'content_violation' }), want: { flag: 2, vendorState: '2' } }],
    ['invalid_image reads 2', { given: view({ state: 'failed', settledAt: 1, failure: 'invalid_image' }), want: { flag: 2, vendorState: '2' } }],
    ['generation_failed reads 3', { given: view({ state: 'failed', settledAt: 1, failure: 'generation_failed' }), want: { flag: 3, vendorState: '3' } }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(successFlagOf(given)).toBe(want.flag)
    expect(kieVendorState(given)).toBe(want.vendorState)
  })
})

describe('failure codes and messages (K-REC, K-CB)', () => {
  const cases: Array<[string, { given: keyof typeof KIE_FAILURES; want: { errorCode: number; errorMessage: string } }]> = [
    [
      'content_violation is errorCode 400 with the content-policy text',
      { given: 'content_violation', want: { errorCode: 400, errorMessage: 'Your prompt was flagged by Website as violating content policies.' } },
    ],
    [
      'invalid_image is errorCode 400 with the image-fetch text',
      {
        given: 'invalid_image',
        want: { errorCode: 400, errorMessage: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.' },
      },
    ],
    ['generation_failed is errorCode 501', { given: 'generation_failed', want: { errorCode: 501, errorMessage: 'Video generation task failed' } }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(KIE_FAILURES[given]).toMatchObject(want)
  })
})

describe('core errors in the KIE envelope', () => {
  const error = (kind: CoreErrorKind, extra: Partial<CoreError> = {}): CoreError => ({
    kind,
    message: `detail of ${kind}`,
    route: '/api/v1/veo/generate',
    fromScenario: false,
    ...extra,
  })
  type Want = { http200: number; httpStatus: number; body: unknown; headers?: Record<string, string> }
  const cases: Array<[string, { given: CoreError; want: Want }]> = [
    [
      'unauthorized is body 401 without data',
      { given: error('unauthorized'), want: { http200: 200, httpStatus: 401, body: { code: 401, msg: 'You do not have access permissions' } } },
    ],
    [
      'insufficient_credits is body 402',
      {
        given: error('insufficient_credits'),
        want: {
          http200: 200,
          httpStatus: 402,
          body: { code: 402, msg: 'Insufficient Credits - Account does not have enough credits to perform the operation', data: null },
        },
      },
    ],
    [
      'rate_limited is HTTP 429 without Retry-After in either transport',
      {
        given: error('rate_limited', { retryAfterMs: 2500 }),
        want: { http200: 429, httpStatus: 429, body: { code: 429, msg: 'Rate Limited - Request limit has been exceeded for this resource', data: null } },
      },
    ],
    [
      'server_error is HTTP 500 body 500',
      {
        given: error('server_error'),
        want: {
          http200: 500,
          httpStatus: 500,
          body: { code: 500, msg: 'Server Error - An unexpected error occurred while processing the request', data: null },
        },
      },
    ],
    [
      'flaky_poll is HTTP 500 body 500',
      {
        given: error('flaky_poll', { route: '/api/v1/veo/record-info' }),
        want: {
          http200: 500,
          httpStatus: 500,
          body: { code: 500, msg: 'Server Error - An unexpected error occurred while processing the request', data: null },
        },
      },
    ],
    [
      'upstream_error is HTTP 500 body 408 in either transport',
      {
        given: error('upstream_error'),
        want: {
          http200: 500,
          httpStatus: 500,
          body: { code: 408, msg: 'Upstream is currently experiencing service issues. No result has been returned for over 10 minutes.', data: null },
        },
      },
    ],
    [
      'maintenance is body 455',
      {
        given: error('maintenance'),
        want: { http200: 200, httpStatus: 455, body: { code: 455, msg: 'Service Unavailable - System is currently undergoing maintenance', data: null } },
      },
    ],
    [
      'invalid_request is body 422 naming the field',
      {
        given: error('invalid_request', { field: 'seeds', message: '/seeds must be >= 10000', issues: ['/seeds must be >= 10000'] }),
        want: { http200: 200, httpStatus: 422, body: { code: 422, msg: 'Validation Error - seeds: must be at least 10000', data: null } },
      },
    ],
    [
      'invalid_request without a field is body 422 with the detail',
      {
        given: error('invalid_request', { message: 'request body is required' }),
        want: { http200: 200, httpStatus: 422, body: { code: 422, msg: 'Validation Error - request body is required', data: null } },
      },
    ],
    [
      'malformed_json is body 422',
      {
        given: error('malformed_json'),
        want: { http200: 200, httpStatus: 422, body: { code: 422, msg: 'Validation Error - detail of malformed_json', data: null } },
      },
    ],
    [
      'unsupported_media_type is body 422',
      {
        given: error('unsupported_media_type'),
        want: { http200: 200, httpStatus: 422, body: { code: 422, msg: 'Validation Error - detail of unsupported_media_type', data: null } },
      },
    ],
    [
      'payload_too_large on a POST is HTTP 413 in the envelope',
      {
        given: error('payload_too_large'),
        want: { http200: 413, httpStatus: 413, body: { code: 413, msg: 'Payload Too Large - Request body exceeds 1 MB', data: null } },
      },
    ],
    [
      'payload_too_large on a GET (no 413 declared) is body 422',
      {
        given: error('payload_too_large', { route: '/api/v1/veo/record-info' }),
        want: { http200: 200, httpStatus: 422, body: { code: 422, msg: 'Validation Error - detail of payload_too_large', data: null } },
      },
    ],
    [
      'route_not_found is HTTP 404 in the envelope',
      {
        given: error('route_not_found', { route: null }),
        want: { http200: 404, httpStatus: 404, body: { code: 404, msg: 'Not Found - The requested resource or endpoint does not exist', data: null } },
      },
    ],
    [
      'method_not_allowed is HTTP 405 with Allow',
      {
        given: error('method_not_allowed', { allow: ['POST'] }),
        want: {
          http200: 405,
          httpStatus: 405,
          body: { code: 405, msg: 'Method Not Allowed - detail of method_not_allowed', data: null },
          headers: { allow: 'POST' },
        },
      },
    ],
    [
      'task_not_found is body 422 record is null',
      {
        given: error('task_not_found', { route: '/api/v1/veo/record-info' }),
        want: { http200: 200, httpStatus: 422, body: { code: 422, msg: 'record is null', data: null } },
      },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    const http200 = renderKieError(given, { options: {} })
    const httpStatus = renderKieError(given, { options: { errorTransport: 'http-status' } })
    expect(http200.status).toBe(want.http200)
    expect(httpStatus.status).toBe(want.httpStatus)
    expect(http200.body).toStrictEqual(want.body)
    expect(httpStatus.body).toStrictEqual(want.body)
    expect(http200.headers ?? {}).toStrictEqual(want.headers ?? {})
  })
})

describe('request echoes', () => {
  const cases: Array<[string, { given: () => string; want: string }]> = [
    [
      'paramJson keeps the request as sent and spells watermark waterMark (K-REC)',
      { given: () => paramJson({ prompt: 'cat', watermark: 'KieAI', seeds: 12345 }), want: '{"prompt":"cat","waterMark":"KieAI","seeds":12345}' },
    ],
    [
      'generate promptJson sorts keys, fills defaults and spells the ratio aspectRatio (K-CB)',
      {
        given: () => generatePromptJson({ prompt: 'cat', aspect_ratio: '9:16', callBackUrl: 'https://x' }, '9:16', 'veo3_fast'),
        want: '{"aspectRatio":"9:16","callBackUrl":"https://x","enableFallback":false,"enableTranslation":true,"model":"veo3_fast","prompt":"cat"}',
      },
    ],
    [
      'extend promptJson is {model, prompt, taskId} sorted (K-EXT)',
      { given: () => extendPromptJson({ taskId: 't1', prompt: 'more' }, 'fast'), want: '{"model":"fast","prompt":"more","taskId":"t1"}' },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(given()).toBe(want)
  })
})

describe('aspect ratio spellings (§8.2)', () => {
  const cases: Array<[string, { given: Parameters<typeof aspectRatioOf>[0]; want: string }]> = [
    ['defaults to 16:9', { given: {}, want: '16:9' }],
    ['reads aspect_ratio', { given: { aspect_ratio: '9:16' }, want: '9:16' }],
    ['reads aspectRatio', { given: { aspectRatio: 'Auto' }, want: 'Auto' }],
    ['prefers aspect_ratio when both are sent', { given: { aspect_ratio: '16:9', aspectRatio: '9:16' }, want: '16:9' }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(aspectRatioOf(given)).toBe(want)
  })
})

describe('options', () => {
  const cases: Array<[string, { given: Record<string, unknown>; want: ReturnType<typeof kieOptions> }]> = [
    ['defaults when nothing is set', { given: {}, want: { webhookHmacKey: null, errorTransport: 'http200', callbackTaskIdFields: false } }],
    ['an empty key means unsigned', { given: { webhookHmacKey: '' }, want: { webhookHmacKey: null, errorTransport: 'http200', callbackTaskIdFields: false } }],
    [
      'every switch set',
      {
        given: { webhookHmacKey: 'k', errorTransport: 'http-status', callbackTaskIdFields: true },
        want: { webhookHmacKey: 'k', errorTransport: 'http-status', callbackTaskIdFields: true },
      },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(kieOptions(given)).toStrictEqual(want)
  })
})

describe('times and signatures', () => {
  it('formats times as "YYYY-MM-DD HH:MM:SS" in UTC (§8.7)', () => {
    expect(kieTime(Date.UTC(2026, 0, 29, 7, 12, 40, 999))).toBe('2026-01-29 07:12:40')
  })

  it('signs the notes test vector to Rnkdt30BYrQRHRTTZPVbPWvpV8NX6sTTZvi7GJmVyu4= (K-HMAC §6.4)', () => {
    expect(webhookSignature('ee9c2715375b7837f8bb51d641ff5863', 1769670760, 'test-hmac-key')).toBe('Rnkdt30BYrQRHRTTZPVbPWvpV8NX6sTTZvi7GJmVyu4=')
  })

  it('agrees with an independent HMAC-SHA256 over taskId.timestamp', () => {
    const expected = createHmac('sha256', 'another key').update('abc.123').digest('base64')
    expect(webhookSignature('abc', 123, 'another key')).toBe(expected)
  })
})

describe("KIE's 422 texts are worded like KIE's, not like the validator's (docs/vendors/kie.md §8.14)", () => {
  it.each([
    ["(root) must have required property 'prompt'", 'prompt: This field is required'],
    ["/query must have required property 'taskId'", 'taskId: This field is required'],
    ['/seeds must be <= 99999', 'seeds: must be at most 99999'],
    ['/imageUrls must NOT have more than 3 items', 'imageUrls: takes at most 3 items'],
    ['/imageUrls must NOT have fewer than 1 items', 'imageUrls: needs at least 1 item'],
    ['/prompt must NOT have fewer than 1 characters', 'prompt: must not be empty'],
    ['/model must be equal to one of the allowed values: ["veo3","veo3_fast","veo3_lite"]', 'model: must be one of veo3, veo3_fast, veo3_lite'],
    ['/model must be equal to constant', 'model: is not supported with this generationType'],
    ['/imageUrls/0 must match format "uri"', 'imageUrls[0]: must be a valid URL'],
    ['/query/index must be integer', 'index: must be an integer'],
    ['/enableTranslation must be boolean', 'enableTranslation: must be a boolean'],
  ])('%s → %s', (issue, want) => {
    expect(kieIssueText(issue)).toBe(want)
    expect(kieIssueText(issue)).not.toMatch(/\(root\)|^\/|must NOT|allowed values|constant$/)
  })
})
