// KIE.ai probes. KIE answers business errors with HTTP 200 and the verdict in body `code`, so every
// expectation here is "HTTP 200 + body code N" unless noted.
// @see https://docs.kie.ai/veo3-api/generate-veo-3-video (docs/vendors/kie.md §3, §5, §9)
import { valueAt } from '../drift.js'
import { type LifecyclePlan, runLifecycle } from '../lifecycle.js'
import type { Probe, ProbeResponse, ProbeSession } from '../probe.js'
import { freeProbe, lifecycleStates, rejectionProbe, PROBE_IMAGE, PROBE_PROMPT } from './free-probe.js'

// The state words are vendors/kie.ts facts; what the probe expects of them is its own.

const GENERATE = '/api/v1/veo/generate'
const RECORD_INFO = '/api/v1/veo/record-info'
const CREDIT = '/api/v1/chat/credit'

/** The cheapest generation: Lite at 720p (K-GEN 2026; S000). */
const CHEAPEST = { prompt: PROBE_PROMPT, model: 'veo3_lite', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p' }

// Errors "come back as HTTP 200" with body `code` (LIVE PH; BG; FE); K-GEN declares only HTTP 200.
function expectBodyCode(session: ProbeSession, response: ProbeResponse, codes: readonly number[], source: string): void {
  if (session.expectStatus(response, [200], `HTTP 200 with the verdict in body code: ${source}`))
    session.expectValue(response, '/code', codes, 'envelope-code', source)
}

// Validation failures: body 422 "Validation Error" (K-GEN; S002); 400 is the other code KIE lists
// for rejected requests (docs/vendors/kie.md §5 maps both to invalid_request).
const REJECTED = [422, 400]
const REJECTED_SOURCE = 'K-GEN; S002 body codes 422/400 (docs/vendors/kie.md §4.1, §9)'

const rejection = rejectionProbe(GENERATE, (s, r, source) => expectBodyCode(s, r, REJECTED, `${source}; ${REJECTED_SOURCE}`))

/** KIE's documented 401: `{"code":401,"msg":"You do not have access permissions"}` with HTTP 200 (K-GS; LIVE PH). */
const UNAUTHORIZED_SOURCE = 'K-GS; LIVE PH (docs/vendors/kie.md §2, §3)'

const lifecycle: LifecyclePlan = {
  submit: { method: 'POST', path: GENERATE, body: CHEAPEST, auth: 'key' },
  submitStatuses: [200],
  submitSource: 'K-GEN',
  acceptSubmit(session, response) {
    // A 200 only means "task created" when body code is 200 (K-GEN, K-GS; FE: only code 200 is success).
    if (!session.expectValue(response, '/code', [200], 'envelope-code', 'K-GEN; FE')) return undefined
    const id = valueAt(response.body, '/data/taskId')
    return typeof id === 'string' && id ? id : undefined
  },
  poll: (taskId) => ({ method: 'GET', path: RECORD_INFO, query: { taskId }, auth: 'key' }),
  acceptPoll: (session, response) => session.expectValue(response, '/code', [200], 'envelope-code', 'K-REC'),
  ...lifecycleStates('kie'),
  // successFlag 0 generating, 1 success, 2 failed, 3 generation failed (K-REC).
  statesSource: 'K-REC successFlag 0 → 1 (docs/vendors/kie.md §5)',
  // "Poll every 30 s" (K-CB, K-QS).
  firstWaitMs: () => 30_000,
  nextWaitMs: () => 30_000,
  resultUrls(_session, response) {
    // `response.resultUrls` is an array (K-REC); K-QS sample code parses a JSON string (§8.8): accept both.
    const urls = valueAt(response.body, '/data/response/resultUrls')
    if (Array.isArray(urls)) return urls.filter((u): u is string => typeof u === 'string')
    if (typeof urls === 'string') {
      try {
        const parsed = JSON.parse(urls) as unknown
        return Array.isArray(parsed) ? parsed.filter((u): u is string => typeof u === 'string') : []
      } catch {
        return []
      }
    }
    return []
  },
  // "Typically 2–5 min" (K-QS); timing drift beyond three times the upper bound.
  timing: { documented: '2–5 min', driftAfterMs: 3 * 5 * 60_000, source: 'K-QS (docs/vendors/kie.md §7)' },
}

export const kieProbes: readonly Probe[] = [
  freeProbe({
    id: 'missing-key',
    name: 'A submit without a key is refused with body code 401 inside HTTP 200',
    request: { method: 'POST', path: GENERATE, body: CHEAPEST, auth: 'none' },
    expect: (s, r) => expectBodyCode(s, r, [401], UNAUTHORIZED_SOURCE),
  }),
  freeProbe({
    id: 'invalid-key',
    name: 'A submit with an invalid key is refused with body code 401 inside HTTP 200',
    request: { method: 'POST', path: GENERATE, body: CHEAPEST, auth: 'invalid' },
    expect: (s, r) => expectBodyCode(s, r, [401], UNAUTHORIZED_SOURCE),
  }),
  rejection(
    'reference-with-quality-model',
    'REFERENCE_2_VIDEO with the quality model is rejected',
    { prompt: PROBE_PROMPT, model: 'veo3', generationType: 'REFERENCE_2_VIDEO', imageUrls: [PROBE_IMAGE], aspect_ratio: '16:9' },
    'REFERENCE_2_VIDEO needs veo3_fast (K-GEN; S002)',
  ),
  rejection(
    'too-many-images',
    'Four images are rejected (at most three)',
    {
      prompt: PROBE_PROMPT,
      model: 'veo3_fast',
      generationType: 'REFERENCE_2_VIDEO',
      imageUrls: [PROBE_IMAGE, PROBE_IMAGE, PROBE_IMAGE, PROBE_IMAGE],
      aspect_ratio: '16:9',
    },
    'REFERENCE takes 1–3 images (K-GEN; S002)',
  ),
  rejection(
    'seeds-out-of-range',
    'A seed outside 10000–99999 is rejected',
    { ...CHEAPEST, seeds: 100 },
    'seeds 10000–99999 (S002; K-GEN April 2026)',
    // `seeds` left the June 2026 generate schema; KIE may now ignore it and generate (docs/vendors/kie.md §8.3).
    'seeds was removed from the June 2026 generate schema (K-GEN); KIE may ignore it and generate',
  ),
  rejection('missing-prompt', 'A submit without a prompt is rejected', { model: 'veo3_lite', aspect_ratio: '16:9' }, 'prompt is required (K-GEN; S002)'),
  freeProbe({
    id: 'unknown-task',
    name: 'An unknown task id answers body code 422 "record is null"',
    request: { method: 'GET', path: RECORD_INFO, query: { taskId: '0000000000000000000000000000beef' }, auth: 'key' },
    expect: (s, r) => expectBodyCode(s, r, [422], 'unknown/expired task → 422 record-* (K-REC; PH maps "record is null" to not found)'),
  }),
  freeProbe({
    id: 'balance',
    name: 'The credit balance is a bare integer in data',
    request: { method: 'GET', path: CREDIT, auth: 'key' },
    expect: (s, r) => expectBodyCode(s, r, [200], 'K-CRED'),
  }),
  {
    id: 'lifecycle',
    name: 'A veo3_lite 720p text-to-video task goes successFlag 0 → 1 within the documented time',
    paid: true,
    needsKey: true,
    request: lifecycle.submit,
    run: (session) => runLifecycle(session, lifecycle),
  },
]
