// odkkk (EvoLink white-label) cases: the shared scenarios with odkkk's codes — `error.type` for HTTP
// errors, the string `error.code` of a failed task — and no REFERENCE_2_VIDEO (veo3.1-pro only).
// @see docs/vendors/odkkk.md §3, §4 (mapping), §6, §8 (mock renderings)
import type { VendorCatalog, VendorProfile } from './conformance-case.js'
import { buildCases } from './shared-cases.js'
import { VENDORS } from '../../../vendors/index.js'

export const odkkkProfile: VendorProfile = {
  vendor: 'odkkk',
  submitRoutes: ['/v1/videos/generations'],
  pollRoutes: ['/v1/tasks/{task_id}'],
  // No poll guidance is documented; 5 s is our floor (INFER; odkkk.md §6 "poll every 5–10 s").
  poll: { intervalMs: 5_000, level: 'warn', register: 'odkkk.poll-cadence', source: 'none documented; 5 s (INFER, odkkk.md §6)' },
  // 429 "retry after 60 seconds" and 503 "retry after 30 seconds" (S004), sent as Retry-After by the mock (odkkk.md §8).
  retryAfterMs: { rate_limited: 60_000, maintenance: 30_000 },
  // odkkk documents the wait only as body text; the header is the mock's (register odkkk.retry-after).
  retryAfterLevel: 'warn',
  retryAfterRegister: 'odkkk.retry-after',
  // https://ai.odkkk.com/apiv1 (odkkk.md §1): a request outside the base path would miss production.
  realBasePath: '/apiv1',
  bodyCodeErrors: false,
  liveBaseUrl: VENDORS.odkkk.liveBaseUrl,
  liveKeyEnv: VENDORS.odkkk.keyEnv,
}

export const odkkkCatalog: VendorCatalog = {
  profile: odkkkProfile,
  cases: buildCases({
    profile: odkkkProfile,
    // `image_urls` maxItems 2 (1 = first frame, 2 = first + last) → HTTP 400 invalid_request_error. (S004; odkkk.md §3.1, §8)
    invalidRequest: {
      request: {
        generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
        imageUrls: ['https://example.com/veomock/a.png', 'https://example.com/veomock/b.png', 'https://example.com/veomock/c.png'],
      },
      why: 'three images where at most two are allowed',
    },
    // One model, veo3.1-pro, for every tier (S004; register odkkk.tier).
    lite: { expect: 'succeeded' },
    referenceToVideo: false,
    // odkkk.md §4: vendorCode = `error.type` for HTTP errors, `error.code` for tasks.
    failures: {
      content_violation: [{ kind: 'content_policy', vendorCodes: ['content_policy_violation'] }],
      invalid_image: [{ kind: 'invalid_image', vendorCodes: ['image_processing_error'] }],
      generation_failed: [{ kind: 'generation_failed', vendorCodes: ['generation_failed_no_content'] }],
      unauthorized: [{ kind: 'unauthorized', vendorCodes: ['authentication_error'] }],
      insufficient_credits: [{ kind: 'insufficient_credits', vendorCodes: ['insufficient_quota_error'] }],
      rate_limited: [{ kind: 'rate_limited', vendorCodes: ['rate_limit_error'] }],
      server_error: [{ kind: 'server_error', vendorCodes: ['internal_server_error'] }],
      maintenance: [{ kind: 'server_error', vendorCodes: ['service_unavailable_error'] }],
      upstream_error: [{ kind: 'upstream_error', vendorCodes: ['upstream_error'] }],
      invalid_request: [{ kind: 'invalid_request', vendorCodes: ['invalid_request_error'] }],
    },
    notes: {
      content_violation: {
        name: "a failed task's string error.code content_policy_violation is reported as content_policy with that code",
        vendorNote: 'E-ERR: a failed task carries error {code: <string business code>, message} (odkkk.md §3.2, §7.5)',
      },
      maintenance: {
        name: 'a 503 with Retry-After is retried no sooner than Retry-After, boundedly, and ends as server_error',
        vendorNote: 'S004: 503 "retry after 30 seconds", sent as Retry-After by the mock (odkkk.md §8)',
      },
    },
  }),
}
