// Apixo cases: the shared scenarios with Apixo's codes (HTTP status = body `code`; task failures in
// `failCode`), its `resultJson` string, and its poll guidance of a 90 s wait then every 5 s.
// @see docs/vendors/apixo.md §3.5, §4 (mapping), §6, §7.8, §8 (mock renderings)
import type { VendorCatalog, VendorProfile } from './conformance-case.js'
import { buildCases } from './shared-cases.js'
import { VENDORS } from '../../../vendors/index.js'

export const apixoProfile: VendorProfile = {
  vendor: 'apixo',
  submitRoutes: ['/api/v1/generateTask/veo-3-1'],
  pollRoutes: ['/api/v1/statusTask/veo-3-1'],
  // S003: "wait 90 s, then every 5 s" — the tighter of the two documented schedules (S001: 120 s + 10 s). (apixo.md §6, §7.8)
  // The interval is a documented rule; the initial wait is advice (register apixo.poll-schedule).
  poll: {
    intervalMs: 5_000,
    initialWaitMs: 90_000,
    level: 'fail',
    register: 'apixo.poll-schedule',
    source: 'S003: wait 90 s, then poll every 5 s (apixo.md §7.8)',
  },
  // Apixo documents no Retry-After; the mock sends none (apixo.md §8 rate_limited).
  retryAfterMs: {},
  retryAfterLevel: 'fail',
  realBasePath: '',
  bodyCodeErrors: false,
  liveBaseUrl: VENDORS.apixo.liveBaseUrl,
  liveKeyEnv: VENDORS.apixo.keyEnv,
}

export const apixoCatalog: VendorCatalog = {
  profile: apixoProfile,
  cases: buildCases({
    profile: apixoProfile,
    // "REFERENCE_2_VIDEO requires mode: fast and aspect_ratio: 16:9" → HTTP 400. (S001, S003; apixo.md §3.1, §8)
    invalidRequest: {
      request: { tier: 'quality', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/veomock/reference-1.png'] },
      why: 'REFERENCE_2_VIDEO in quality mode',
      orSucceeded: 'apixo.reference-quality',
    },
    // Apixo sells quality and fast only (apixo.md §4; register apixo.lite).
    lite: { expect: 'invalid_request', orSucceeded: 'apixo.lite' },
    referenceToVideo: true,
    // apixo.md §4: vendorCode = failCode, or the HTTP code as a string.
    failures: {
      content_violation: [{ kind: 'content_policy', vendorCodes: ['CONTENT_VIOLATION'] }],
      invalid_image: [{ kind: 'invalid_image', vendorCodes: ['INVALID_IMAGE_URL'] }],
      generation_failed: [{ kind: 'generation_failed', vendorCodes: ['GENERATION_FAILED'] }],
      unauthorized: [{ kind: 'unauthorized', vendorCodes: ['401'] }],
      insufficient_credits: [{ kind: 'insufficient_credits', vendorCodes: ['402'] }],
      rate_limited: [{ kind: 'rate_limited', vendorCodes: ['429'] }],
      server_error: [{ kind: 'server_error', vendorCodes: ['500'] }],
      maintenance: [{ kind: 'server_error', vendorCodes: ['503'] }],
      // HTTP 503 carrying `data.error: MODEL_UNAVAILABLE`: the notes map the failCode to upstream_error
      // and a submit 503 to server_error, so both readings are accepted (apixo.md §4, §8 upstream_error).
      upstream_error: [
        { kind: 'upstream_error', vendorCodes: ['MODEL_UNAVAILABLE', '503'] },
        { kind: 'server_error', vendorCodes: ['503', 'MODEL_UNAVAILABLE'] },
      ],
      invalid_request: [{ kind: 'invalid_request', vendorCodes: ['400'] }],
    },
    notes: {
      success: {
        name: 'a text-to-video task succeeds and the client parses its result URLs out of the resultJson string',
        vendorNote: 'S001/S003: data.resultJson is a JSON-encoded string {"resultUrls":[…]} (apixo.md §3.2)',
      },
    },
  }),
}
