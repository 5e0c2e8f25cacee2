// One case of the client conformance suite (contract §3, §5), and the builder of the shared
// scenarios every vendor's catalog starts from. A case says which request the client gets, how the
// mock is armed for it (an admin rule or a balance on the case's own API key, so black-box clients
// need no change), which outcome the vendor notes' mapping sections call for, and which judges apply.
import type { ScenarioName } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import type { ClientRequest, ErrorKind } from './protocol.js'

export const JUDGE_NAMES = [
  'requests-valid',
  'bearer-auth',
  'case-api-key',
  'no-retry-after-final-4xx',
  'retry-after-honoured',
  'bounded-submit-retries',
  'poll-interval',
  'poll-count',
  'gives-up-within-budget',
  'one-task-per-request',
  'outcome',
  'video-urls',
  'mock-strict',
] as const
export type JudgeName = (typeof JUDGE_NAMES)[number]

/** Judges that read the mock's journal or tasks; a live target cannot offer them. */
export const JOURNAL_JUDGES: readonly JudgeName[] = JUDGE_NAMES.filter((j) => j !== 'outcome')

/** One accepted failure: its kind and the vendor codes that may accompany it (empty = any code). */
export interface AcceptedFailure {
  kind: ErrorKind
  vendorCodes: readonly string[]
}

export type ExpectedOutcome =
  | { status: 'succeeded' }
  | {
      status: 'failed'
      /** The first entry is the vendor notes' mapping; more only where the notes are ambiguous. */
      accepted: readonly AcceptedFailure[]
      /** The vendorCode is judged only when a submit reached the vendor: rejecting client-side is fine. */
      codeOnlyIfSent?: boolean
    }

/** How the mock is prepared for a case, always on the case's own API key. */
export interface CaseArm {
  /** An admin rule `{scenario, match: {apiKey, vendor}}` without a count: every submit of the key gets it. */
  scenario?: ScenarioName
  /** `PUT /__admin/accounts/{apiKey}` before the client starts. */
  credits?: number
}

export interface ConformanceCase {
  /** Stable id for `--cases`, e.g. `content_violation`. */
  id: string
  /** A sentence for the report. */
  name: string
  /** Set for cases that exist for one vendor's quirk (the reason, with its source label). */
  vendorNote?: string
  request: ClientRequest
  arm: CaseArm
  expect: ExpectedOutcome
  /** Tasks the mock must hold for the case's key afterwards: 1 for an accepted submit, 0 for a rejection. */
  tasks: 0 | 1
  /** Submits allowed in all: 1, or more when the vendor's answer is transient (429, 5xx) and may be retried. */
  maxSubmits: number
  judges: readonly JudgeName[]
  /** Whether `--target live` runs it: `free` (no generation is created) or `paid` (one real generation). */
  live?: 'free' | 'paid'
  /**
   * Runs alone, after the parallel cases. Cases whose judge needs a quiet machine: the vendor sends
   * Retry-After, and under the start-up load of many clients a request takes milliseconds of real
   * time — seconds of vendor time at a high N — enough to hide a client that retries at once.
   */
  exclusive?: boolean
}

/** The vendor's documented poll cadence, in virtual milliseconds. */
export interface PollGuidance {
  intervalMs: number
  /** A documented wait before the first poll (Apixo). */
  initialWaitMs?: number
  /** A response field whose value, when present, replaces `intervalMs` (Xenodia's server hint). */
  hintField?: string
  /** Where the numbers come from (source labels of the vendor notes). */
  source: string
}

export interface VendorProfile {
  vendor: VendorId
  /** Spec path templates of the generation submit (journal `route`). */
  submitRoutes: readonly string[]
  /** Spec path templates of the status poll. */
  pollRoutes: readonly string[]
  poll: PollGuidance
  /** The `Retry-After` the vendor sends on a submit rejection, by scenario, in virtual ms. */
  retryAfterMs: Partial<Record<ScenarioName, number>>
  /** KIE answers business errors with HTTP 200 and the real code in body `code`. */
  bodyCodeErrors: boolean
  /** The real vendor's base URL for `--target live`. */
  liveBaseUrl: string
  /** The environment variable holding the real key (contract §6). */
  liveKeyEnv: string
}

export interface VendorCatalog {
  profile: VendorProfile
  cases: readonly ConformanceCase[]
}

// ---------------------------------------------------------------------------------------------
// Building a vendor's cases from its table of codes

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
  invalidRequest: { request: Partial<ClientRequest>; why: string }
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
]
const TASK_JUDGES: readonly JudgeName[] = [...COMMON_JUDGES, 'poll-interval', 'poll-count']
const SUCCESS_JUDGES: readonly JudgeName[] = [...TASK_JUDGES, 'video-urls']
const TRANSIENT_JUDGES: readonly JudgeName[] = [...COMMON_JUDGES, 'bounded-submit-retries']
// The invalid request is sent on purpose: the spec judge would only restate the vendor's rejection.
const INVALID_REQUEST_JUDGES: readonly JudgeName[] = COMMON_JUDGES.filter((j) => j !== 'requests-valid')

/** Submit rejections a client may retry (with backoff and within its budget). */
const TRANSIENT_SUBMITS = 8

const failed = (accepted: readonly AcceptedFailure[], extra: { codeOnlyIfSent?: boolean } = {}): ExpectedOutcome => ({ status: 'failed', accepted, ...extra })

/** The shared scenarios of contract §3 (+ invalid request, empty balance) for one vendor. */
export function buildCases(input: VendorCaseInput): ConformanceCase[] {
  const f = input.failures
  const request = (extra: Partial<ClientRequest> = {}): ClientRequest => ({ ...BASE_REQUEST, ...extra })
  const cases: ConformanceCase[] = [
    {
      id: 'success',
      name: 'a text-to-video task succeeds and the client returns the result URLs of the task',
      request: request({ seed: 12345 }),
      arm: {},
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
      live: 'paid',
    },
    {
      id: 'image_to_video',
      name: 'a first-and-last-frames task in quality tier, aspect auto, 1080p succeeds',
      request: request({
        tier: 'quality',
        generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
        imageUrls: [...FRAME_URLS],
        aspectRatio: 'auto',
        resolution: '1080p',
      }),
      arm: {},
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
    },
  ]
  if (input.referenceToVideo) {
    cases.push({
      id: 'reference_to_video',
      name: 'a reference-to-video task (fast tier, 16:9, three images) succeeds',
      request: request({ generationType: 'REFERENCE_2_VIDEO', imageUrls: [...REFERENCE_URLS] }),
      arm: {},
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
    })
  }
  cases.push(
    {
      id: 'slow',
      name: 'a slow task (ten times the usual duration) still succeeds within a generous budget',
      request: request({ timeoutMs: BUDGET.slow }),
      arm: { scenario: 'slow' },
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
    },
    {
      id: 'stuck',
      name: 'a task that never finishes is abandoned within the budget with kind timeout',
      request: request({ timeoutMs: BUDGET.stuck }),
      arm: { scenario: 'stuck' },
      expect: failed([{ kind: 'timeout', vendorCodes: [] }]),
      tasks: 1,
      maxSubmits: 1,
      judges: [...TASK_JUDGES, 'gives-up-within-budget'],
    },
    {
      id: 'content_violation',
      name: 'a task that fails on content policy is reported as content_policy with the vendor code',
      request: request(),
      arm: { scenario: 'content_violation' },
      expect: failed(f.content_violation),
      tasks: 1,
      maxSubmits: 1,
      judges: TASK_JUDGES,
    },
    {
      id: 'invalid_image',
      name: 'a task whose input image cannot be fetched is reported as invalid_image',
      request: request({ generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: [FRAME_URLS[0]] }),
      arm: { scenario: 'invalid_image' },
      expect: failed(f.invalid_image),
      tasks: 1,
      maxSubmits: 1,
      judges: TASK_JUDGES,
    },
    {
      id: 'generation_failed',
      name: 'a task that fails upstream is reported as generation_failed',
      request: request(),
      arm: { scenario: 'generation_failed' },
      expect: failed(f.generation_failed),
      tasks: 1,
      maxSubmits: 1,
      judges: TASK_JUDGES,
    },
    {
      id: 'unauthorized',
      name: 'a submit rejected for a bad key is reported as unauthorized and not retried',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { scenario: 'unauthorized' },
      expect: failed(f.unauthorized),
      tasks: 0,
      maxSubmits: 1,
      judges: COMMON_JUDGES,
      live: 'free',
    },
    {
      id: 'insufficient_credits',
      name: 'a submit rejected for an empty balance is reported as insufficient_credits and not retried',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { scenario: 'insufficient_credits' },
      expect: failed(f.insufficient_credits),
      tasks: 0,
      maxSubmits: 1,
      judges: COMMON_JUDGES,
    },
    {
      id: 'no_credits',
      name: 'with the balance set to zero the submit is rejected and reported as insufficient_credits',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { credits: 0 },
      expect: failed(f.insufficient_credits),
      tasks: 0,
      maxSubmits: 1,
      judges: COMMON_JUDGES,
    },
    {
      id: 'rate_limited',
      name: 'a rate-limited submit is retried no sooner than Retry-After, boundedly, and ends as rate_limited',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { scenario: 'rate_limited' },
      expect: failed(f.rate_limited),
      tasks: 0,
      maxSubmits: TRANSIENT_SUBMITS,
      judges: TRANSIENT_JUDGES,
    },
    {
      id: 'server_error',
      name: 'a submit answered with an internal error ends as server_error after at most a few retries',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { scenario: 'server_error' },
      expect: failed(f.server_error),
      tasks: 0,
      maxSubmits: TRANSIENT_SUBMITS,
      judges: TRANSIENT_JUDGES,
    },
    {
      id: 'maintenance',
      name: 'a submit answered with maintenance / unavailable ends as server_error after at most a few retries',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { scenario: 'maintenance' },
      expect: failed(f.maintenance),
      tasks: 0,
      maxSubmits: TRANSIENT_SUBMITS,
      judges: TRANSIENT_JUDGES,
    },
    {
      id: 'upstream_error',
      name: 'a submit answered with an upstream failure ends as upstream_error after at most a few retries',
      request: request({ timeoutMs: BUDGET.rejection }),
      arm: { scenario: 'upstream_error' },
      expect: failed(f.upstream_error),
      tasks: 0,
      maxSubmits: TRANSIENT_SUBMITS,
      judges: TRANSIENT_JUDGES,
    },
    {
      id: 'flaky_poll',
      name: 'a task whose first polls fail with transient 5xx errors still succeeds',
      request: request(),
      arm: { scenario: 'flaky_poll' },
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
    },
    {
      id: 'duplicate_callback',
      name: 'a task whose completion callback is delivered twice succeeds once',
      request: request(),
      arm: { scenario: 'duplicate_callback' },
      expect: { status: 'succeeded' },
      tasks: 1,
      maxSubmits: 1,
      judges: SUCCESS_JUDGES,
    },
    {
      id: 'invalid_request',
      name: `a request the vendor must reject (${input.invalidRequest.why}) is reported as invalid_request and not retried`,
      request: request({ timeoutMs: BUDGET.rejection, ...input.invalidRequest.request }),
      arm: {},
      expect: failed(f.invalid_request, { codeOnlyIfSent: true }),
      tasks: 0,
      maxSubmits: 1,
      judges: INVALID_REQUEST_JUDGES,
      live: 'free',
    },
  )
  for (const c of cases) {
    if (c.arm.scenario && input.profile.retryAfterMs[c.arm.scenario] !== undefined) c.exclusive = true
    const note = input.notes?.[c.id]
    if (note) {
      c.name = note.name
      c.vendorNote = note.vendorNote
    }
  }
  return cases
}
