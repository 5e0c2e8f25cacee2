// One case of the client conformance suite (contract §3, §5), and the builder of the shared
// scenarios every vendor's catalog starts from. A case says which request the client gets, how the
// mock is armed for it (an admin rule or a balance on the case's own API key, so black-box clients
// need no change), which outcome the vendor notes' mapping sections call for, and which judges apply.
import type { ScenarioName } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import type { FindingLevel } from '../report/report.js'
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
  'request-fidelity',
  'backoff',
  'base-path',
  'request-timeout',
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
      /** Another documented reading ends in success (the register entry that says so). */
      orSucceeded?: { register: string }
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
  /**
   * The time scale this case runs at by default: low where a judge times short intervals (its
   * resolution, N × request latency, must stay several times finer than its threshold), high for long
   * cases that judge no short interval. `--time-scale` overrides it for every case.
   */
  timeScale: number
  /** Vendor options the mock must run with for this case (e.g. Xenodia's create status). */
  mockOptions?: Record<string, unknown>
}

/** The vendor's documented poll cadence, in virtual milliseconds. */
export interface PollGuidance {
  intervalMs: number
  /** fail where the vendor documents the cadence as a rule, warn where it is advice (register). */
  level: FindingLevel
  /** The ambiguity-register entry behind the cadence. */
  register: string
  /** A documented wait before the first poll (Apixo); polls before half of it are a warn. */
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
  /** fail where the vendor documents its Retry-After, warn where only the mock sends it (register). */
  retryAfterLevel: FindingLevel
  retryAfterRegister?: string
  /** The path of the vendor's real base URL (odkkk `/apiv1`); '' at a host root. */
  realBasePath: string
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

// The builder of the shared cases lives in shared-cases.ts; its constants stay importable from here.
export { BASE_REQUEST, BUDGET, buildCases, FRAME_URLS, REFERENCE_URLS } from './shared-cases.js'
