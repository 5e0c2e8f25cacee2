// Xenodia cases: the shared scenarios with Xenodia's flat error codes, its task `error.code`, and its
// server poll hint `recommended_poll_interval_ms`.
// @see docs/vendors/xenodia.md §3.5, §4 (mapping), §6, §8 (mock renderings)
import type { VendorCatalog, VendorProfile } from './conformance-case.js'
import { BASE_REQUEST, buildCases, SUCCESS_JUDGES, TIME_SCALES } from './shared-cases.js'
import { VENDORS } from '../../../vendors/index.js'

export const xenodiaProfile: VendorProfile = {
  vendor: 'xenodia',
  submitRoutes: ['/v1/videos/generations', '/v1/video/generations'],
  pollRoutes: ['/v1/tasks/{task_id}'],
  // `recommended_poll_interval_ms: 5000` (S000); X-ASYNC: honour the hint. The judge reads the hint the
  // mock actually sent and falls back to 5 s. (xenodia.md §3.1, §6)
  poll: {
    intervalMs: 5_000,
    hintField: 'recommended_poll_interval_ms',
    level: 'fail',
    register: 'xenodia.poll-hint',
    source: 'S000 recommended_poll_interval_ms, X-ASYNC',
  },
  // The mock sends `Retry-After: 10` on 429 (INFER from X-AUTH "retry per response headers"; xenodia.md §8).
  retryAfterMs: { rate_limited: 10_000 },
  // X-AUTH: "retry per response headers or own backoff"; the header is the mock's (register xenodia.retry-after).
  retryAfterLevel: 'warn',
  retryAfterRegister: 'xenodia.retry-after',
  realBasePath: '',
  bodyCodeErrors: false,
  liveBaseUrl: VENDORS.xenodia.liveBaseUrl,
  liveKeyEnv: VENDORS.xenodia.keyEnv,
}

const sharedCases = buildCases({
  profile: xenodiaProfile,
  // "REFERENCE_2_VIDEO (1–3, Fast model only)" → HTTP 400 invalid parameter combination. (S000; xenodia.md §3.1)
  invalidRequest: {
    request: { tier: 'quality', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/veomock/reference-1.png'] },
    why: 'REFERENCE_2_VIDEO with the quality model',
    orSucceeded: 'xenodia.reference-quality',
  },
  // veo3.1_lite / veo3_lite (S000, X-VEO).
  lite: { expect: 'succeeded' },
  referenceToVideo: true,
  // xenodia.md §4: vendorCode = `error.code` or the `error` string.
  failures: {
    content_violation: [{ kind: 'content_policy', vendorCodes: ['content_policy_violation'] }],
    invalid_image: [{ kind: 'invalid_image', vendorCodes: ['image_fetch_failed'] }],
    generation_failed: [{ kind: 'generation_failed', vendorCodes: ['generation_failed'] }],
    // 401 body {error: "unauthorized", code: "invalid_api_key"}: either string is the vendor's code.
    unauthorized: [{ kind: 'unauthorized', vendorCodes: ['invalid_api_key', 'unauthorized'] }],
    insufficient_credits: [{ kind: 'insufficient_credits', vendorCodes: ['insufficient_balance'] }],
    rate_limited: [{ kind: 'rate_limited', vendorCodes: ['rate_limited'] }],
    server_error: [{ kind: 'server_error', vendorCodes: ['internal_error'] }],
    maintenance: [{ kind: 'server_error', vendorCodes: ['service_unavailable'] }],
    upstream_error: [{ kind: 'upstream_error', vendorCodes: ['upstream_error'] }],
    invalid_request: [{ kind: 'invalid_request', vendorCodes: ['invalid_parameter', 'bad_request'] }],
  },
  notes: {
    success: {
      name: 'a text-to-video task succeeds, polled no faster than recommended_poll_interval_ms',
      vendorNote: 'S000: the task carries recommended_poll_interval_ms (5000); X-ASYNC: honour it (xenodia.md §6)',
    },
    rate_limited: {
      name: 'a 429 with Retry-After is retried no sooner than Retry-After, boundedly, and ends as rate_limited',
      vendorNote: 'X-AUTH: "retry per response headers"; the mock sends Retry-After: 10 (xenodia.md §8)',
    },
  },
})

export const xenodiaCatalog: VendorCatalog = {
  profile: xenodiaProfile,
  cases: [
    ...sharedCases,
    {
      id: 'create_202',
      name: 'a create answered 202 Accepted (the docs leave 200 and 202 open) is an accepted task that succeeds',
      vendorNote: 'S000 leaves the create status open: 200 or 202 (register xenodia.create-status; docs/vendors/xenodia.md §7.3)',
      request: { ...BASE_REQUEST },
      arm: {},
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
      timeScale: TIME_SCALES.plain,
      mockOptions: { xenodia: { createStatus: 202 } },
    },
  ],
}
