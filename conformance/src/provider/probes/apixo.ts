// Apixo probes. Apixo's body `code` mirrors the HTTP status (A-RF, A-SYS), so each expectation
// checks both; task failures arrive later as `data.state: "failed"` with HTTP 200.
// @see https://apixo.ai/docs/api-reference/errors (docs/vendors/apixo.md §3.5, §4, §8)
import { embeddedSchemaDrift, valueAt } from '../drift.js'
import { type LifecyclePlan, runLifecycle } from '../lifecycle.js'
import type { Probe, ProbeResponse, ProbeSession } from '../probe.js'
import { freeProbe, lifecycleStates, PROBE_IMAGE, PROBE_PROMPT } from './free-probe.js'

// The state words are vendors/apixo.ts facts; what the probe expects of them is its own.

const GENERATE = '/api/v1/generateTask/veo-3-1'
const STATUS = '/api/v1/statusTask/veo-3-1'
const BALANCE = '/api/v1/apikeys/current-balance'

/** The cheapest generation: mode `fast` ($0.2 vs $1.5 for quality, S001). */
const CHEAPEST_INPUT = { mode: 'fast', prompt: PROBE_PROMPT, generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9' }
const CHEAPEST = { request_type: 'async', input: CHEAPEST_INPUT }

// HTTP status = body code (S001 "HTTP status code (200 = success)"; A-RF; A-SYS).
function expectStatusAndCode(session: ProbeSession, response: ProbeResponse, status: number, source: string): void {
  session.expectStatus(response, [status], source)
  session.expectValue(response, '/code', [status], 'envelope-code', `body code = HTTP status (A-RF, A-SYS); ${source}`)
}

const rejection = (id: string, name: string, input: unknown, source: string): Probe =>
  freeProbe({
    id,
    name,
    invalidBody: true,
    request: { method: 'POST', path: GENERATE, body: { request_type: 'async', input }, auth: 'key' },
    expect: (s, r) => expectStatusAndCode(s, r, 400, `${source}; HTTP 400 (A-EC, A-ERR)`),
  })

const lifecycle: LifecyclePlan = {
  submit: { method: 'POST', path: GENERATE, body: CHEAPEST, auth: 'key' },
  submitStatuses: [200],
  submitSource: 'S001',
  acceptSubmit(session, response) {
    if (!session.expectValue(response, '/code', [200], 'envelope-code', 'S001')) return undefined
    const id = valueAt(response.body, '/data/taskId')
    return typeof id === 'string' && id ? id : undefined
  },
  poll: (taskId) => ({ method: 'GET', path: STATUS, query: { taskId }, auth: 'key' }),
  // A found task is always HTTP 200 + code 200, also when failed (A-ST, A-RF; S001).
  acceptPoll: (session, response) => session.expectValue(response, '/code', [200], 'envelope-code', 'A-ST; A-RF'),
  ...lifecycleStates('apixo'),
  statesSource: 'S001, S003 states pending/processing → success (docs/vendors/apixo.md §4)',
  // "Wait 90 s, then poll every 5 s" (S003; S001 said 120 s + 10 s, the tighter one is used).
  firstWaitMs: () => 90_000,
  nextWaitMs: () => 5_000,
  resultUrls(session, response) {
    // `resultJson` is a JSON-encoded STRING `{"resultUrls":[...]}` (S001, S003); its content has a
    // schema of its own that Ajv does not apply to strings, so it is checked here.
    const raw = valueAt(response.body, '/data/resultJson')
    for (const finding of embeddedSchemaDrift(session.spec, response.operation, '/data/resultJson', raw, '#/components/schemas/ResultJson'))
      session.add(finding)
    let parsed: unknown = raw
    if (typeof raw === 'string') {
      try {
        parsed = JSON.parse(raw)
      } catch {
        return []
      }
    }
    const urls = valueAt(parsed, '/resultUrls')
    return Array.isArray(urls) ? urls.filter((u): u is string => typeof u === 'string') : []
  },
  // Average 120 s (S001), "~2 min" (S003); S001's client gives up after 10 minutes.
  timing: { documented: '~2 min (average 120 s, max wait 10 min)', driftAfterMs: 10 * 60_000, source: 'S001, S003 (docs/vendors/apixo.md §6)' },
}

export const apixoProbes: readonly Probe[] = [
  freeProbe({
    id: 'missing-key',
    name: 'A submit without a key is refused with HTTP 401 and body code 401',
    request: { method: 'POST', path: GENERATE, body: CHEAPEST, auth: 'none' },
    expect: (s, r) => expectStatusAndCode(s, r, 401, 'A-AUTH'),
  }),
  freeProbe({
    id: 'invalid-key',
    name: 'A submit with an invalid key is refused with HTTP 401 and body code 401',
    request: { method: 'POST', path: GENERATE, body: CHEAPEST, auth: 'invalid' },
    expect: (s, r) => expectStatusAndCode(s, r, 401, 'A-AUTH'),
  }),
  rejection(
    'reference-with-quality-mode',
    'REFERENCE_2_VIDEO in quality mode is rejected',
    { mode: 'quality', prompt: PROBE_PROMPT, generationType: 'REFERENCE_2_VIDEO', image_urls: [PROBE_IMAGE], aspect_ratio: '16:9' },
    'REFERENCE_2_VIDEO requires mode fast and 16:9 (S001, S003, A-NEW)',
  ),
  rejection(
    'too-many-images',
    'Three images for first-and-last frames are rejected (at most two)',
    {
      mode: 'fast',
      prompt: PROBE_PROMPT,
      generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
      image_urls: [PROBE_IMAGE, PROBE_IMAGE, PROBE_IMAGE],
      aspect_ratio: '16:9',
    },
    'FIRST_AND_LAST takes 1–2 images (S001, S003)',
  ),
  rejection(
    'prompt-too-long',
    'A prompt over 10,000 characters is rejected',
    { ...CHEAPEST_INPUT, prompt: 'a'.repeat(10_001) },
    'prompt max 10,000 characters (S001; A-NEW)',
  ),
  rejection(
    'missing-prompt',
    'A submit without input.prompt is rejected',
    { mode: 'fast', generationType: 'TEXT_2_VIDEO' },
    '"Missing required field: input.prompt" (A-EC)',
  ),
  freeProbe({
    id: 'unknown-task',
    name: 'An unknown task id answers HTTP 404',
    request: { method: 'GET', path: STATUS, query: { taskId: '0000000000000000000000000000beef' }, auth: 'key' },
    expect: (s, r) => expectStatusAndCode(s, r, 404, '"Task or model not found" (A-RF)'),
  }),
  freeProbe({
    id: 'balance',
    name: 'The balance is a bare number of USD in data',
    request: { method: 'GET', path: BALANCE, auth: 'key' },
    expect: (s, r) => expectStatusAndCode(s, r, 200, 'A-SYS'),
  }),
  {
    id: 'lifecycle',
    name: 'A fast-mode text-to-video task goes pending/processing → success within the documented time',
    paid: true,
    needsKey: true,
    request: lifecycle.submit,
    run: (session) => runLifecycle(session, lifecycle),
  },
]
