// The shared scenarios every vendor's catalog starts from (contract §3, §5): the request each case
// sends, how the mock is armed for it, the outcome the vendor notes' mappings call for, the judges
// that apply and the time scale the case runs at.
import type { ClientRequest } from './protocol.js'
import type { AcceptedFailure, ConformanceCase, ExpectedOutcome, JudgeName, VendorProfile } from './conformance-case.js'

/** Budgets in vendor (virtual) milliseconds. */
export const BUDGET = {
  /** Every vendor documents 2–5 minutes or less; 20 minutes leaves room for flaky polls. */
  normal: 20 * 60_000,
  /** `slow` is ten times the usual duration (contract §3): up to 50 minutes for KIE. */
  slow: 90 * 60_000,
  /** Short on purpose: the client must give up on a `stuck` task with `kind: timeout`. */
  stuck: 5 * 60_000,
  /** Rejections come at once; a client that retries transient ones has this long. */
  rejection: 10 * 60_000,
} as const

/**
 * Time scales per kind of case. A judge of virtual time resolves about N × (request latency + timer
 * granularity); on a loaded two-core machine a request takes up to ~20 ms of real time. Each scale
 * keeps that resolution several times finer than the thresholds judged at it:
 * - timing (N=60, ~1.2 s): the 1 s contract poll bound judged on medians, Xenodia's 5–15 s hints,
 *   Apixo's 5 s interval (2.5 s floor) — the success path of each vendor takes 2–5 real seconds;
 * - backoff (N=10, ~0.2 s): the 2 s floor under retries of a rejection that carries no Retry-After
 *   (the reference's 5 s + 10 s + 20 s backoff takes 3.5 real seconds);
 * - retry (N=30 at most, and never more than the header's seconds, so a Retry-After lasts at least
 *   one real second): the 9–54 s thresholds where the vendor sends one. Xenodia's 10 s header runs
 *   at N=10: a client that retries on its own 5 s backoff is 4 vendor seconds (0.4 s real) under
 *   the judge's 9 s, a margin no busy machine's timer lag closes (at N=30 it was 0.13 s, and a
 *   loaded run once lost that warning);
 * - transport (N=120): `hang` and `connection_reset`, where a client's per-request timeout (a
 *   couple of real seconds at least) must fit in its budget with room to spare;
 * - plain (N=300): cases that judge no short interval (rejections, task failures, a long queue);
 * - long (N=600): `slow`, judged only on its generous budget; `stuck` runs at the transport scale.
 */
export const TIME_SCALES = { timing: 60, backoff: 10, retry: 30, transport: 120, plain: 300, long: 600 } as const

export const BASE_REQUEST: ClientRequest = {
  prompt: 'a red fox running through fresh snow at dawn',
  tier: 'fast',
  generationType: 'TEXT_2_VIDEO',
  aspectRatio: '16:9',
  resolution: '720p',
  timeoutMs: BUDGET.normal,
}

export const FRAME_URLS = ['https://example.com/veomock/first-frame.png', 'https://example.com/veomock/last-frame.png'] as const
export const REFERENCE_URLS = [
  'https://example.com/veomock/reference-1.png',
  'https://example.com/veomock/reference-2.png',
  'https://example.com/veomock/reference-3.png',
] as const

/** The failure each scenario must be reported as, per the vendor notes' mapping section. */
export type FailureTable = Record<
  | 'content_violation'
  | 'invalid_image'
  | 'generation_failed'
  | 'unauthorized'
  | 'insufficient_credits'
  | 'rate_limited'
  | 'server_error'
  | 'maintenance'
  | 'upstream_error'
  | 'invalid_request',
  readonly AcceptedFailure[]
>

export interface VendorCaseInput {
  profile: VendorProfile
  /** The request the vendor must reject (a cross-field rule or too many images). */
  invalidRequest: { request: Partial<ClientRequest>; why: string; orSucceeded?: string }
  /** What tier `lite` must become: success with the vendor's lite mapping, or a refusal (with a register entry allowing success). */
  lite: { expect: 'succeeded' } | { expect: 'invalid_request'; orSucceeded: string }
  failures: FailureTable
  /** Vendor-specific names and notes for shared cases, by case id. */
  notes?: Partial<Record<string, { name: string; vendorNote: string }>>
  /** Whether the vendor has REFERENCE_2_VIDEO (odkkk has not). */
  referenceToVideo: boolean
}

const COMMON_JUDGES: readonly JudgeName[] = [
  'requests-valid',
  'bearer-auth',
  'case-api-key',
  'no-retry-after-final-4xx',
  'retry-after-honoured',
  'one-task-per-request',
  'outcome',
  'mock-strict',
  'request-fidelity',
  'base-path',
]
const TASK_JUDGES: readonly JudgeName[] = [...COMMON_JUDGES, 'poll-interval', 'poll-count']
export const SUCCESS_JUDGES: readonly JudgeName[] = [...TASK_JUDGES, 'video-urls']
const TRANSIENT_JUDGES: readonly JudgeName[] = [...COMMON_JUDGES, 'bounded-submit-retries', 'backoff']
// The invalid request is sent on purpose: the spec judge would only restate the vendor's rejection.
const INVALID_REQUEST_JUDGES: readonly JudgeName[] = COMMON_JUDGES.filter((j) => j !== 'requests-valid')

/** Submit rejections a client may retry (with backoff and within its budget). */
const TRANSIENT_SUBMITS = 8

const failed = (accepted: readonly AcceptedFailure[], extra: { codeOnlyIfSent?: boolean; orSucceeded?: { register: string } } = {}): ExpectedOutcome => ({
  status: 'failed',
  accepted,
  ...extra,
})

type CaseFields = Omit<ConformanceCase, 'id' | 'name' | 'request'> & { request?: Partial<ClientRequest> }

const TASK_CASE = { arm: {}, tasks: 1, maxSubmits: 1, timeScale: TIME_SCALES.timing } as const
const succeeds = (extra: Partial<CaseFields> = {}): CaseFields => ({ ...TASK_CASE, expect: { status: 'succeeded' }, judges: SUCCESS_JUDGES, ...extra })

const make = (id: string, name: string, fields: CaseFields): ConformanceCase => ({ id, name, ...fields, request: { ...BASE_REQUEST, ...fields.request } })

/** A submit the vendor rejects: retried (transient) or not, never a task. */
function rejection(input: VendorCaseInput, scenario: ConformanceCase['arm']['scenario'], accepted: readonly AcceptedFailure[], transient: boolean): CaseFields {
  return {
    request: { timeoutMs: BUDGET.rejection },
    arm: { scenario },
    expect: failed(accepted),
    tasks: 0,
    maxSubmits: transient ? TRANSIENT_SUBMITS : 1,
    judges: transient ? TRANSIENT_JUDGES : COMMON_JUDGES,
    timeScale: !transient ? TIME_SCALES.plain : retryScale(scenario ? input.profile.retryAfterMs[scenario] : undefined),
  }
}

/** The scale of a transient rejection: see TIME_SCALES (retry, backoff). */
function retryScale(retryAfterMs: number | undefined): number {
  if (retryAfterMs === undefined) return TIME_SCALES.backoff
  return Math.min(TIME_SCALES.retry, Math.max(TIME_SCALES.backoff, Math.floor(retryAfterMs / 1000)))
}

/** A task that is created and then fails. */
function taskFailure(scenario: ConformanceCase['arm']['scenario'], accepted: readonly AcceptedFailure[], request: Partial<ClientRequest> = {}): CaseFields {
  return { ...TASK_CASE, request, arm: { scenario }, expect: failed(accepted), judges: TASK_JUDGES, timeScale: TIME_SCALES.plain }
}

/** Tier lite: success with the vendor's lite mapping, or a refusal the register allows to succeed. */
function liteCase(input: VendorCaseInput): CaseFields {
  if (input.lite.expect === 'succeeded') return succeeds({ request: { tier: 'lite' } })
  return {
    request: { tier: 'lite', timeoutMs: BUDGET.normal },
    arm: {},
    expect: failed([{ kind: 'invalid_request', vendorCodes: [] }], { codeOnlyIfSent: true, orSucceeded: { register: input.lite.orSucceeded } }),
    tasks: 0,
    maxSubmits: 1,
    judges: [...INVALID_REQUEST_JUDGES, 'poll-interval', 'poll-count', 'video-urls'],
    timeScale: TIME_SCALES.timing,
  }
}

/** Tasks that succeed: each generation type, tier lite, and a slow one. */
function successCases(input: VendorCaseInput): ConformanceCase[] {
  const cases: ConformanceCase[] = [
    make('success', 'a text-to-video task succeeds and the client returns the result URLs of the task', succeeds({ request: { seed: 12345 }, live: 'paid' })),
    make(
      'image_to_video',
      'a first-and-last-frames task in quality tier, aspect auto, 1080p succeeds',
      succeeds({
        request: { tier: 'quality', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: [...FRAME_URLS], aspectRatio: 'auto', resolution: '1080p' },
      }),
    ),
  ]
  if (input.referenceToVideo) {
    cases.push(
      make(
        'reference_to_video',
        'a reference-to-video task (fast tier, 16:9, three images) succeeds',
        succeeds({ request: { generationType: 'REFERENCE_2_VIDEO', imageUrls: [...REFERENCE_URLS] } }),
      ),
    )
  }
  cases.push(
    make('lite', 'a task in tier lite is sent as the vendor maps lite (or refused where the vendor sells no lite)', liteCase(input)),
    make(
      'slow',
      'a slow task (ten times the usual duration) still succeeds within a generous budget',
      succeeds({ request: { timeoutMs: BUDGET.slow }, arm: { scenario: 'slow' }, timeScale: TIME_SCALES.long }),
    ),
  )
  return cases
}

/** Tasks that are created and then never finish or fail. */
function taskFailureCases(f: FailureTable): ConformanceCase[] {
  return [
    make('stuck', 'a task that never finishes is abandoned within the budget with kind timeout', {
      ...taskFailure('stuck', [{ kind: 'timeout', vendorCodes: [] }], { timeoutMs: BUDGET.stuck }),
      judges: [...TASK_JUDGES, 'gives-up-within-budget'],
      // Its budget is judged with a real-time slack times N: a lower N keeps that slack a few minutes.
      timeScale: TIME_SCALES.transport,
    }),
    make(
      'content_violation',
      'a task that fails on content policy is reported as content_policy with the vendor code',
      taskFailure('content_violation', f.content_violation),
    ),
    make(
      'invalid_image',
      'a task whose input image cannot be fetched is reported as invalid_image',
      taskFailure('invalid_image', f.invalid_image, { generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: [FRAME_URLS[0]] }),
    ),
    make('generation_failed', 'a task that fails upstream is reported as generation_failed', taskFailure('generation_failed', f.generation_failed)),
  ]
}

/** Submits the vendor rejects: final ones (not retried) and transient ones (retried with backoff). */
function rejectionCases(input: VendorCaseInput): ConformanceCase[] {
  const f = input.failures
  return [
    make('unauthorized', 'a submit rejected for a bad key is reported as unauthorized and not retried', {
      ...rejection(input, 'unauthorized', f.unauthorized, false),
      live: 'free',
    }),
    make(
      'insufficient_credits',
      'a submit rejected for an empty balance is reported as insufficient_credits and not retried',
      rejection(input, 'insufficient_credits', f.insufficient_credits, false),
    ),
    make('no_credits', 'with the balance set to zero the submit is rejected and reported as insufficient_credits', {
      ...rejection(input, undefined, f.insufficient_credits, false),
      arm: { credits: 0 },
    }),
    make(
      'rate_limited',
      'a rate-limited submit is retried with backoff (no sooner than Retry-After where sent), boundedly, and ends as rate_limited',
      rejection(input, 'rate_limited', f.rate_limited, true),
    ),
    make(
      'server_error',
      'a submit answered with an internal error ends as server_error after at most a few retries',
      rejection(input, 'server_error', f.server_error, true),
    ),
    make(
      'maintenance',
      'a submit answered with maintenance / unavailable ends as server_error after at most a few retries',
      rejection(input, 'maintenance', f.maintenance, true),
    ),
    make(
      'upstream_error',
      'a submit answered with an upstream failure ends as upstream_error after at most a few retries',
      rejection(input, 'upstream_error', f.upstream_error, true),
    ),
  ]
}

/** Tasks that succeed although the transport or the vendor misbehaves on the way. */
function resilienceCases(): ConformanceCase[] {
  return [
    make('flaky_poll', 'a task whose first polls fail with transient 5xx errors still succeeds', succeeds({ arm: { scenario: 'flaky_poll' } })),
    make(
      'queue_long',
      'a task that waits ten times longer than usual in its queued state is still running, not failed, and succeeds',
      succeeds({ arm: { scenario: 'queue_long' }, timeScale: TIME_SCALES.plain }),
    ),
    make(
      'connection_reset',
      'a submit and a poll cut without an answer are retried: the task is created once and succeeds',
      succeeds({ arm: { scenario: 'connection_reset' }, judges: [...SUCCESS_JUDGES, 'request-timeout'], timeScale: TIME_SCALES.transport }),
    ),
    make(
      'hang',
      'a poll the vendor never answers is abandoned by a per-request timeout and the task still succeeds',
      succeeds({ arm: { scenario: 'hang' }, judges: [...SUCCESS_JUDGES, 'request-timeout'], timeScale: TIME_SCALES.transport }),
    ),
    make('duplicate_callback', 'a task whose completion callback is delivered twice succeeds once', succeeds({ arm: { scenario: 'duplicate_callback' } })),
  ]
}

/** The vendor's own cross-field rule broken on purpose: reported as invalid_request, not retried. */
function invalidRequestCase(input: VendorCaseInput): ConformanceCase {
  const invalid = input.invalidRequest
  return make('invalid_request', `a request the vendor must reject (${invalid.why}) is reported as invalid_request and not retried`, {
    request: { timeoutMs: BUDGET.rejection, ...invalid.request },
    arm: {},
    expect: failed(input.failures.invalid_request, {
      codeOnlyIfSent: true,
      ...(invalid.orSucceeded ? { orSucceeded: { register: invalid.orSucceeded } } : {}),
    }),
    tasks: 0,
    maxSubmits: 1,
    judges: invalid.orSucceeded ? [...INVALID_REQUEST_JUDGES, 'poll-interval', 'poll-count', 'video-urls'] : INVALID_REQUEST_JUDGES,
    live: 'free',
    timeScale: invalid.orSucceeded ? TIME_SCALES.timing : TIME_SCALES.plain,
  })
}

/** The shared scenarios of contract §3 (+ invalid request, empty balance, lite tier) for one vendor. */
export function buildCases(input: VendorCaseInput): ConformanceCase[] {
  const cases = [...successCases(input), ...taskFailureCases(input.failures), ...rejectionCases(input), ...resilienceCases(), invalidRequestCase(input)]
  for (const c of cases) {
    const note = input.notes?.[c.id]
    if (note) {
      c.name = note.name
      c.vendorNote = note.vendorNote
    }
  }
  return cases
}
