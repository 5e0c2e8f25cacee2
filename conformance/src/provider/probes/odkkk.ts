// odkkk probes (a white-label of EvoLink). Errors are real HTTP statuses with an OpenAI-style body
// `{"error":{code, message, type, param?, fallback_suggestion?}}`; `error.type` is documented per
// status, so it is checked as the envelope code.
// @see https://ai.odkkk.com/apiv1 (docs/vendors/odkkk.md §2, §3, §4, §8)
import { valueAt } from '../drift.js'
import { type LifecyclePlan, runLifecycle } from '../lifecycle.js'
import type { Probe, ProbeResponse, ProbeSession } from '../probe.js'
import { freeProbe, lifecycleStates, rejectionProbe, PROBE_IMAGE, PROBE_PROMPT, taskIdAt } from './free-probe.js'

// The state words are vendors/odkkk.ts facts; what the probe expects of them is its own.

const CREATE = '/v1/videos/generations'
const TASK = (id: string) => `/v1/tasks/${encodeURIComponent(id)}`

/** `veo3.1-pro` is the only model (S004); 720p is the lowest `quality` (E-LITE). */
const CHEAPEST = { model: 'veo3.1-pro', prompt: PROBE_PROMPT, aspect_ratio: '16:9', quality: '720p' }

function expectError(session: ProbeSession, response: ProbeResponse, status: number, type: string, source: string): void {
  if (session.expectStatus(response, [status], source)) session.expectValue(response, '/error/type', [type], 'envelope-code', source)
}

const rejection = rejectionProbe(CREATE, (s, r, source) => expectError(s, r, 400, 'invalid_request_error', `${source}; 400 invalid_request_error (S004)`))

const lifecycle: LifecyclePlan = {
  submit: { method: 'POST', path: CREATE, body: CHEAPEST, auth: 'key' },
  submitStatuses: [200],
  submitSource: 'S004',
  acceptSubmit: (session, response) => taskIdAt(session, response, '/id', 'S004'),
  poll: (taskId) => ({ method: 'GET', path: TASK(taskId), auth: 'key' }),
  ...lifecycleStates('odkkk'),
  submitStatePointer: '/status',
  statesSource: 'S004, E-TASK status pending/processing → completed (docs/vendors/odkkk.md §4)',
  // No poll guidance is documented; every 5 s (INFER, docs/vendors/odkkk.md §6).
  firstWaitMs: () => 5_000,
  nextWaitMs: () => 5_000,
  resultUrls(_session, response) {
    // `results[]` hold the video URLs once completed (E-TASK).
    const results = valueAt(response.body, '/results')
    return Array.isArray(results) ? results.filter((u): u is string => typeof u === 'string') : []
  },
  // `task_info.estimated_time` examples are 180 s (S004) and 300 s (E-LITE).
  timing: { documented: '180–300 s (estimated_time examples)', driftAfterMs: 3 * 300_000, source: 'S004; E-LITE (docs/vendors/odkkk.md §6)' },
}

const UNAUTHORIZED_SOURCE = '401 authentication_error "Invalid or expired token" (S004)'

export const odkkkProbes: readonly Probe[] = [
  freeProbe({
    id: 'missing-key',
    name: 'A create without a key is refused with HTTP 401 authentication_error',
    request: { method: 'POST', path: CREATE, body: CHEAPEST, auth: 'none' },
    expect: (s, r) => expectError(s, r, 401, 'authentication_error', UNAUTHORIZED_SOURCE),
  }),
  freeProbe({
    id: 'invalid-key',
    name: 'A create with an invalid key is refused with HTTP 401 authentication_error',
    request: { method: 'POST', path: CREATE, body: CHEAPEST, auth: 'invalid' },
    expect: (s, r) => expectError(s, r, 401, 'authentication_error', UNAUTHORIZED_SOURCE),
  }),
  rejection('prompt-too-long', 'A prompt over 2000 characters is rejected', { ...CHEAPEST, prompt: 'a'.repeat(2001) }, 'prompt maxLength 2000 (S004)'),
  rejection(
    'too-many-images',
    'Three images are rejected (at most two)',
    { ...CHEAPEST, generation_type: 'FIRST&LAST', image_urls: [PROBE_IMAGE, PROBE_IMAGE, PROBE_IMAGE] },
    'image_urls maxItems 2 (S004)',
  ),
  rejection(
    'capitalised-auto',
    'aspect_ratio "Auto" (KIE spelling) is rejected',
    { ...CHEAPEST, aspect_ratio: 'Auto' },
    'aspect_ratio auto/16:9/9:16, lower case (S004)',
    'a gateway may fold the case of "Auto" and generate (INFER)',
  ),
  freeProbe({
    id: 'unknown-model',
    name: 'A model other than veo3.1-pro answers HTTP 404 not_found_error',
    invalidBody: true,
    // An id no EvoLink gateway serves: `veo3.1-fast` exists on EvoLink (E-FAST) and might generate.
    request: { method: 'POST', path: CREATE, body: { ...CHEAPEST, model: 'veomock-no-such-model' }, auth: 'key' },
    expect: (s, r) => expectError(s, r, 404, 'not_found_error', '404 "Specified model not found" (S004)'),
  }),
  freeProbe({
    id: 'unknown-task',
    name: 'An unknown task id answers HTTP 404 not_found_error',
    request: { method: 'GET', path: TASK('task-unified-1757169743-zzzzzzzz'), auth: 'key' },
    expect: (s, r) => expectError(s, r, 404, 'not_found_error', '404 "Task not found or expired" (E-LITE)'),
  }),
  freeProbe({
    id: 'malformed-task-id',
    name: 'A task id without the task-unified- prefix answers HTTP 400',
    request: { method: 'GET', path: TASK('not-a-task-id'), auth: 'key' },
    expect: (s, r) => expectError(s, r, 400, 'invalid_request_error', '400 "Invalid task ID format" (E-LITE; E-TASK cn)'),
  }),
  {
    id: 'lifecycle',
    name: 'A veo3.1-pro 720p text-to-video task goes pending/processing → completed within the documented time',
    paid: true,
    needsKey: true,
    request: lifecycle.submit,
    run: (session) => runLifecycle(session, lifecycle),
  },
]
