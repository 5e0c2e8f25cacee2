// Reading the mock's journal for the judges: which entries are submits, polls, rejections, result
// downloads or requests the mock left unanswered, and how an entry is shown as evidence.
import type { AdminTask, JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { Finding } from '../report/report.js'
import type { ConformanceCase, VendorProfile } from './conformance-case.js'
import type { ClientOutcome } from './protocol.js'

export interface JudgeInput {
  testCase: ConformanceCase
  profile: VendorProfile
  /** null when the client broke the protocol (the runner reports that). */
  outcome: ClientOutcome | null
  /** Requests that carried the case's API key, in arrival order. null on a live target. */
  entries: readonly JournalEntry[] | null
  /**
   * Requests without a bearer key attributed to the case: those naming one of its tasks, and — when
   * no request carried the case key — submits that arrived while it ran. null on a live target.
   */
  unattributed: readonly JournalEntry[] | null
  /** Tasks created with the case's key. null on a live target. */
  tasks: readonly AdminTask[] | null
  /** N of contract §2; judges of virtual time allow real slack times N. */
  timeScale: number
  /** The path of the base URL the client was given (VEO_BASE_URL), e.g. `/odkkk/apiv1`; '' at a host root. */
  basePath?: string
}

export type Judge = (input: JudgeInput) => Finding[]

/** The final 4xx answers of a submit: retrying them cannot help. */
export const FINAL_4XX: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 422])
/** KIE body codes inside HTTP 200 that are passing trouble (kie.md §4.8): rate limit, maintenance, server, upstream, disabled. */
export const KIE_TRANSIENT_CODES: ReadonlySet<number> = new Set([408, 429, 433, 455, 500, 505])
/**
 * Real milliseconds of process start-up, timer granularity and event-loop stalls a judge of virtual
 * time forgives, multiplied by N (docs/contract.md §5): on a two-core machine at load 19 an
 * in-process run stalls a timer by ~300 ms, so a second leaves a wide margin; at N=120 it is 120 s.
 */
export const REAL_SLACK_MS = 1000

export function isSubmit(entry: JournalEntry, profile: VendorProfile): boolean {
  return entry.method === 'POST' && entry.route !== null && profile.submitRoutes.includes(entry.route)
}

export function isPoll(entry: JournalEntry, profile: VendorProfile): boolean {
  return entry.method === 'GET' && entry.route !== null && profile.pollRoutes.includes(entry.route)
}

/** A download of a result file the mock serves (`…/files/<task>/<name>`), not a vendor operation. */
export function isResultFile(entry: JournalEntry): boolean {
  return entry.route === null && (entry.method === 'GET' || entry.method === 'HEAD') && /\/files\/[^/]+\/[^/]+$/.test(entry.path)
}

/** A request the mock left without an answer on purpose (`hang`, `connection_reset`): journalled with status 0. */
export function isUnanswered(entry: JournalEntry): boolean {
  return entry.status === 0
}

/** The envelope `code` of a response body (KIE, Apixo), when it is a number. */
export function bodyCode(entry: Pick<JournalEntry, 'responseBody'>): number | undefined {
  const body = entry.responseBody
  if (!body || typeof body !== 'object') return undefined
  const code = (body as { code?: unknown }).code
  return typeof code === 'number' ? code : undefined
}

/** A final rejection: HTTP 400/401/402/403/404/422, or KIE's HTTP 200 carrying one of them in body `code` (kie.md §3). */
export function isFinalRejection(entry: JournalEntry, profile: VendorProfile): boolean {
  if (FINAL_4XX.has(entry.status)) return true
  const code = bodyCode(entry)
  return profile.bodyCodeErrors && entry.status === 200 && code !== undefined && FINAL_4XX.has(code)
}

/** A rejection that may pass: HTTP 429 or 5xx, or KIE's HTTP 200 with a transient body code. */
export function isTransientRejection(entry: JournalEntry, profile: VendorProfile): boolean {
  if (entry.status === 429 || entry.status >= 500) return true
  const code = bodyCode(entry)
  return profile.bodyCodeErrors && entry.status === 200 && code !== undefined && KIE_TRANSIENT_CODES.has(code)
}

/** Whether a poll was answered normally (so the client saw the task's state). */
export function isAnswered(entry: JournalEntry, profile: VendorProfile): boolean {
  if (entry.status !== 200) return false
  return !profile.bodyCodeErrors || bodyCode(entry) === 200
}

export interface EvidenceEntry {
  method: string
  path: string
  status: number
  /** Virtual Unix ms of arrival. */
  at: number
  /** Virtual seconds since the case's first request. */
  t: string
  code?: number
  note?: string
}

export function evidenceOf(entry: JournalEntry, origin: number, note?: string): EvidenceEntry {
  const out: EvidenceEntry = { method: entry.method, path: entry.path, status: entry.status, at: entry.at, t: `+${((entry.at - origin) / 1000).toFixed(1)} s` }
  const code = bodyCode(entry)
  if (code !== undefined && code !== entry.status) out.code = code
  if (note) out.note = note
  return out
}

export const originOf = (entries: readonly JournalEntry[]): number => entries[0]?.at ?? 0
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return 0
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Slack for judges of virtual time: start-up and timer granularity magnified by N. */
export function virtualSlackMs(timeScale: number, budgetMs: number): number {
  return Math.max(0.1 * budgetMs, REAL_SLACK_MS * timeScale)
}

const ERROR_KEYS = new Set(['code', 'type', 'error', 'failCode', 'errorCode'])
const TASK_KEYS = new Set(['failCode', 'errorCode', 'successFlag', 'state', 'status'])

function collect(value: unknown, keys: ReadonlySet<string>, depth: number, out: Set<string>): void {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if ((typeof v === 'string' || typeof v === 'number') && keys.has(key)) out.add(String(v))
    // A failed task's `error` object (Xenodia, odkkk) carries its code and type.
    else if (key === 'error' && v && typeof v === 'object') collect(v, ERROR_KEYS, depth + 1, out)
    // KIE and Apixo wrap the task in `data`; other nested objects (Xenodia `billing.status`) are not about the failure.
    else if (key === 'data' && depth < 2 && v && typeof v === 'object') collect(v, keys, depth + 1, out)
  }
}

/**
 * Every identifier an answer carries for a failure (contract §5.1; register `all.vendor-code`): the
 * HTTP status when it is not 2xx, body codes, `error.code`/`error.type`/the `error` string,
 * `failCode`, `errorCode`, and the failed state. Success codes (`200`) are not identifiers of a failure.
 */
export function identifiersOf(entry: JournalEntry): Set<string> {
  const out = new Set<string>()
  const code = bodyCode(entry)
  const errorAnswer = entry.status >= 300 || (code !== undefined && code !== 200)
  if (entry.status >= 300) out.add(String(entry.status))
  collect(entry.responseBody, errorAnswer ? new Set([...ERROR_KEYS, ...TASK_KEYS]) : TASK_KEYS, 0, out)
  out.delete('200')
  return out
}
