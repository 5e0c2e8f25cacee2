// Xenodia probes. Xenodia uses real HTTP statuses and a flat error body `{error, message, type?,
// code?}` whose strings are undocumented, so only statuses are behaviour checks here; the body
// shape is the schema's job.
// @see https://docs.xenodia.xyz/docs/authentication (docs/vendors/xenodia.md §2, §3, §4, §8)
import { valueAt } from '../drift.js'
import { type LifecyclePlan, runLifecycle } from '../lifecycle.js'
import type { Probe, ProbeResponse } from '../probe.js'
import { freeProbe, lifecycleStates, rejectionProbe, PROBE_IMAGE, PROBE_PROMPT, taskIdAt } from './free-probe.js'

// The state words are vendors/xenodia.ts facts; what the probe expects of them is its own.

const CREATE = '/v1/videos/generations'
const TASK = (id: string) => `/v1/tasks/${encodeURIComponent(id)}`
const MODELS = '/v1/models'
const BALANCE = '/v1/credits/balance'

/** The cheapest generation: Lite at 720p (X-VEO model ids; price by resolution, S000). */
const CHEAPEST = { model: 'veo3.1_lite', prompt: PROBE_PROMPT, generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p' }

/** The Veo ids `/v1/models` should list: S000's and X-VEO's. */
const VEO_MODEL_IDS = ['veo3', 'veo3_fast', 'veo3_lite', 'veo3.1', 'veo3.1_fast', 'veo3.1_lite']

const rejection = rejectionProbe(CREATE, (s, r, source) => void s.expectStatus(r, [400], `${source}; 400 for invalid parameter combinations (S000)`))

/** `recommended_poll_interval_ms` is the server's own hint (S000: 5000); 5 s when absent. */
function hintedInterval(response: ProbeResponse): number {
  const hint = valueAt(response.body, '/recommended_poll_interval_ms')
  return typeof hint === 'number' && hint > 0 ? hint : 5_000
}

const lifecycle: LifecyclePlan = {
  submit: { method: 'POST', path: CREATE, body: CHEAPEST, auth: 'key' },
  // 200 or 202 is undocumented; both are a created task (S000; GEE accepts any 2xx).
  submitStatuses: [200, 202],
  submitSource: 'S000; X-CVG',
  acceptSubmit: (session, response) => taskIdAt(session, response, '/task_id', 'S000'),
  poll: (taskId) => ({ method: 'GET', path: TASK(taskId), auth: 'key' }),
  ...lifecycleStates('xenodia'),
  submitStatePointer: '/state',
  statesSource: 'X-TR states waiting/queuing/generating → success (docs/vendors/xenodia.md §4)',
  firstWaitMs: hintedInterval,
  nextWaitMs: hintedInterval,
  resultUrls(_session, response) {
    // URLs are `result.data[].url` (S000).
    const data = valueAt(response.body, '/result/data')
    return Array.isArray(data) ? data.map((d) => valueAt(d, '/url')).filter((u): u is string => typeof u === 'string') : []
  },
  // Xenodia states no duration; its upstream is KIE, 2–5 min (K-QS via S000 "async KIE Veo3.1 video tasks").
  timing: { documented: '2–5 min (KIE upstream)', driftAfterMs: 3 * 5 * 60_000, source: 'S000 upstream KIE; K-QS (docs/vendors/xenodia.md §6)' },
}

export const xenodiaProbes: readonly Probe[] = [
  freeProbe({
    id: 'missing-key',
    name: 'A create without a key is refused with HTTP 401',
    request: { method: 'POST', path: CREATE, body: CHEAPEST, auth: 'none' },
    expect: (s, r) => void s.expectStatus(r, [401], '401 missing/invalid key (S000; X-AUTH)'),
  }),
  freeProbe({
    id: 'invalid-key',
    name: 'A create with an invalid key is refused with HTTP 401',
    request: { method: 'POST', path: CREATE, body: CHEAPEST, auth: 'invalid' },
    expect: (s, r) => void s.expectStatus(r, [401], '401 missing/invalid key (S000; X-AUTH)'),
  }),
  rejection(
    'reference-with-quality-model',
    'REFERENCE_2_VIDEO with the quality model is rejected',
    { model: 'veo3.1', prompt: PROBE_PROMPT, generationType: 'REFERENCE_2_VIDEO', imageUrls: [PROBE_IMAGE], aspect_ratio: '16:9', resolution: '720p' },
    'REFERENCE_2_VIDEO is Fast-model only (S000; X-VEO)',
  ),
  rejection(
    'too-many-images',
    'Four images are rejected (at most three)',
    {
      model: 'veo3.1_fast',
      prompt: PROBE_PROMPT,
      generationType: 'REFERENCE_2_VIDEO',
      imageUrls: [PROBE_IMAGE, PROBE_IMAGE, PROBE_IMAGE, PROBE_IMAGE],
      resolution: '720p',
    },
    'imageUrls max 3 (S000; X-VEO)',
  ),
  rejection(
    'seeds-out-of-range',
    'A seed outside 10000–99999 is rejected',
    { ...CHEAPEST, seeds: 100 },
    'seeds 10000–99999 (S000)',
    // Parameters pass through to KIE (S000), whose June 2026 schema dropped `seeds` (docs/vendors/kie.md §8.3).
    'seeds passes through to KIE, which may ignore it and generate',
  ),
  freeProbe({
    id: 'unknown-task',
    name: 'An unknown task id answers HTTP 404',
    request: { method: 'GET', path: TASK('00000000-0000-4000-8000-00000000beef'), auth: 'key' },
    expect: (s, r) => void s.expectStatus(r, [404], 'unknown task → 404 not_found (INFER from HACK house style; docs/vendors/xenodia.md §3.2)'),
  }),
  freeProbe({
    id: 'models',
    name: 'The public model list answers without a key and lists the Veo 3.1 models',
    request: { method: 'GET', path: MODELS, auth: 'none' },
    expect(session, response) {
      // `/v1/models` is public (X-AUTH ja, X-MD); the Veo ids are S000's and X-VEO's.
      if (!session.expectStatus(response, [200], 'GET /v1/models is public (X-AUTH, X-MD)')) return
      const data = valueAt(response.body, '/data')
      const ids = Array.isArray(data) ? data.map((m) => valueAt(m, '/id')).filter((id): id is string => typeof id === 'string') : []
      if (!ids.some((id) => VEO_MODEL_IDS.includes(id))) {
        session.behaviour('models', `${response.operation} lists no Veo 3.1 model (${VEO_MODEL_IDS.join(', ')})`, {
          request: response.operation,
          location: '/data',
          expected: `an id among ${VEO_MODEL_IDS.join(', ')}`,
          actual: ids,
          source: 'S000; X-VEO',
        })
      }
    },
  }),
  freeProbe({
    id: 'balance',
    name: 'The wallet balance answers balance_micro_usdc',
    request: { method: 'GET', path: BALANCE, auth: 'key' },
    expect: (s, r) => void s.expectStatus(r, [200], 'GET /v1/credits/balance (PC; X-BILL)'),
  }),
  {
    id: 'lifecycle',
    name: 'A veo3.1_lite 720p text-to-video task goes waiting/queuing/generating → success within the documented time',
    paid: true,
    needsKey: true,
    request: lifecycle.submit,
    run: (session) => runLifecycle(session, lifecycle),
  },
]
