// KIE.ai cases: the shared scenarios with KIE's codes, and its quirks — business errors inside
// HTTP 200 (the verdict is body `code`), and `successFlag: 3` for an upstream generation failure.
// @see docs/vendors/kie.md §3, §5 (mapping), §9 (mock renderings)
import type { VendorCatalog, VendorProfile } from './conformance-case.js'
import { buildCases } from './shared-cases.js'
import { VENDORS } from '../../../vendors/index.js'

export const kieProfile: VendorProfile = {
  vendor: 'kie',
  submitRoutes: ['/api/v1/veo/generate'],
  pollRoutes: ['/api/v1/veo/record-info'],
  // "poll every 30 s"; sample code caps at 10 minutes. (K-CB, K-QS; kie.md §7)
  // Only sample code says so (the review): departing from it is a warn (register kie.poll-cadence).
  poll: { intervalMs: 30_000, level: 'warn', register: 'kie.poll-cadence', source: 'K-CB, K-QS sample code: poll every 30 s' },
  // KIE documents no Retry-After; the mock sends none (kie.md §9 rate_limited).
  retryAfterMs: {},
  retryAfterLevel: 'fail',
  realBasePath: '',
  // Errors "come back as HTTP 200" with the real code in body `code`. (K-GEN; LIVE PH; kie.md §3)
  bodyCodeErrors: true,
  liveBaseUrl: VENDORS.kie.liveBaseUrl,
  liveKeyEnv: VENDORS.kie.keyEnv,
}

export const kieCatalog: VendorCatalog = {
  profile: kieProfile,
  cases: buildCases({
    profile: kieProfile,
    // REFERENCE_2_VIDEO needs veo3_fast: tier quality (veo3) is refused with body code 422. (K-GEN; kie.md §8.5)
    invalidRequest: {
      request: { tier: 'quality', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/veomock/reference-1.png'] },
      why: 'REFERENCE_2_VIDEO in quality tier',
      orSucceeded: 'kie.reference-quality',
    },
    // veo3_lite (K-GEN; kie.md §4.1).
    lite: { expect: 'succeeded' },
    referenceToVideo: true,
    // kie.md §5: submit body codes 401/402/429/455/500/408, record errorCode 400/501; vendorCode = the code as a string.
    failures: {
      content_violation: [{ kind: 'content_policy', vendorCodes: ['400'] }],
      // errorCode 400 "Failed to fetch the image"; body 451 is the documented alternative (kie.md §8.11).
      invalid_image: [{ kind: 'invalid_image', vendorCodes: ['400', '451'] }],
      generation_failed: [{ kind: 'generation_failed', vendorCodes: ['501'] }],
      unauthorized: [{ kind: 'unauthorized', vendorCodes: ['401'] }],
      insufficient_credits: [{ kind: 'insufficient_credits', vendorCodes: ['402'] }],
      rate_limited: [{ kind: 'rate_limited', vendorCodes: ['429'] }],
      server_error: [{ kind: 'server_error', vendorCodes: ['500'] }],
      // 455 "Service Unavailable - System is currently undergoing maintenance" → server_error (kie.md §5).
      maintenance: [{ kind: 'server_error', vendorCodes: ['455'] }],
      // 408 "Upstream is currently experiencing service issues" → upstream_error (kie.md §5, §9).
      // HTTP 500 carrying body 408: either reading (register kie.http-500-body-408; kie.md §5).
      upstream_error: [
        { kind: 'upstream_error', vendorCodes: ['408'] },
        { kind: 'server_error', vendorCodes: ['500'] },
      ],
      // Validation failures are body 422 (kie.md §9); 400 is also listed for bad requests (kie.md §5).
      invalid_request: [{ kind: 'invalid_request', vendorCodes: ['422', '400'] }],
    },
    notes: {
      generation_failed: {
        name: 'successFlag 3 (created, then generation failed upstream) is reported as generation_failed with errorCode 501',
        vendorNote: 'K-REC: successFlag 3 "generation failed"; the schema enum lists only 0–2 (kie.md §5, §8.6)',
      },
      unauthorized: {
        name: 'an HTTP 200 answer with body code 401 is a rejection: reported as unauthorized and not retried',
        vendorNote: 'LIVE PH: unauthenticated → HTTP 200 + body 401 (kie.md §2, §3)',
      },
      insufficient_credits: {
        name: 'an HTTP 200 answer with body code 402 is a rejection: reported as insufficient_credits and not retried',
        vendorNote: 'K-GEN: body code 402 inside HTTP 200; a client must not treat HTTP 200 as accepted (kie.md §3)',
      },
      maintenance: {
        name: 'an HTTP 200 answer with body code 455 (maintenance) is reported as server_error',
        vendorNote: 'K-GEN: body code 455 inside HTTP 200 (kie.md §4.8, §9)',
      },
    },
  }),
}
