// The behaviour judges of contract §5. Each is a small pure function over one case: the client's
// outcome, the mock's journal entries of the case's API key, the tasks created with that key and
// the vendor's guidance. A judge returns findings; a finding names the judge and carries the
// offending journal entries as evidence (method, path, status, virtual time).
import type { AdminTask, JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { ConformanceCase, JudgeName, VendorProfile } from './conformance-case.js'
import type { ClientOutcome } from './protocol.js'
import type { Finding } from '../report/report.js'

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
}

export type Judge = (input: JudgeInput) => Finding[]

/** The final 4xx answers of a submit: retrying them cannot help. */
export const FINAL_4XX: ReadonlySet<number> = new Set([400, 401, 402, 403, 404, 422])
/** How many polls may be tighter than the guidance (flaky-poll retries, an early first look, jitter). */
export const HANDFUL = 3
/** A poll interval counts as tight below this share of the guidance. */
export const INTERVAL_FACTOR = 0.5
/**
 * The next request after a Retry-After must come at least this share of it later. A client's timer
 * never fires early and latency only adds, so the 10% is for clock flooring and timer rounding.
 */
export const RETRY_AFTER_FACTOR = 0.9
/**
 * Real milliseconds of process start-up and timer granularity a judge of virtual time forgives,
 * multiplied by N: at N=300, 200 ms real are 60 s of vendor time (contract §5).
 */
export const REAL_SLACK_MS = 200

// ---------------------------------------------------------------------------------------------
// Reading journal entries

export function isSubmit(entry: JournalEntry, profile: VendorProfile): boolean {
  return entry.method === 'POST' && entry.route !== null && profile.submitRoutes.includes(entry.route)
}

export function isPoll(entry: JournalEntry, profile: VendorProfile): boolean {
  return entry.method === 'GET' && entry.route !== null && profile.pollRoutes.includes(entry.route)
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

const originOf = (entries: readonly JournalEntry[]): number => entries[0]?.at ?? 0
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return 0
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** Slack for judges of virtual time: start-up and timer granularity magnified by N. */
export function virtualSlackMs(timeScale: number, budgetMs: number): number {
  return Math.max(0.1 * budgetMs, REAL_SLACK_MS * timeScale)
}

// ---------------------------------------------------------------------------------------------
// Journal judges

/** Every request matches an operation of the vendor spec and is valid against it (journal `valid`). */
export const requestsValid: Judge = ({ entries }) => {
  if (!entries) return []
  const bad = entries.filter((e) => !e.valid || e.route === null)
  if (bad.length === 0) return []
  const origin = originOf(entries)
  return [
    {
      check: 'requests-valid',
      message: `${bad.length} of ${entries.length} requests do not match the vendor spec`,
      evidence: bad.slice(0, 5).map((e) => ({
        ...evidenceOf(e, origin),
        issues: e.route === null ? ['no operation of the vendor spec at this method and path'] : e.issues.slice(0, 3),
      })),
    },
  ]
}

/** Every request carries `Authorization: Bearer <VEO_API_KEY>`. */
export const bearerAuth: Judge = ({ entries, unattributed }) => {
  if (!entries || !unattributed) return []
  const bad = [...entries.filter((e) => e.authorization !== 'bearer'), ...unattributed]
  if (bad.length === 0) return []
  const origin = originOf(bad)
  return [
    {
      check: 'bearer-auth',
      message: `${bad.length} requests arrived without an Authorization: Bearer header while the case ran`,
      evidence: bad.slice(0, 5).map((e) => evidenceOf(e, origin, `authorization: ${e.authorization}`)),
    },
  ]
}

/** The client talks to the vendor with the key it was given (VEO_API_KEY), so its requests are attributable. */
export const caseApiKey: Judge = ({ testCase, entries }) => {
  if (!entries || entries.length > 0) return []
  // A request the client may reject on its own (invalid_request) needs no request at all.
  if (testCase.expect.status === 'failed' && testCase.expect.codeOnlyIfSent) return []
  return [{ check: 'case-api-key', message: 'no request carried the case API key (VEO_API_KEY as a bearer token); the client never reached the mock with it' }]
}

/** No second submit after a final 4xx (or KIE's body-code equivalent inside HTTP 200). */
export const noRetryAfterFinal4xx: Judge = ({ entries, profile }) => {
  if (!entries) return []
  const submits = entries.filter((e) => isSubmit(e, profile))
  const index = submits.findIndex((e) => isFinalRejection(e, profile))
  if (index < 0 || index === submits.length - 1) return []
  const rejection = submits[index] as JournalEntry
  const origin = originOf(entries)
  const code = bodyCode(rejection)
  const answer = profile.bodyCodeErrors && rejection.status === 200 ? `HTTP 200 with body code ${code}` : `HTTP ${rejection.status}`
  return [
    {
      check: 'no-retry-after-final-4xx',
      message: `the submit was answered ${answer}, a final rejection, yet the client submitted ${submits.length - index - 1} more time(s)`,
      evidence: [evidenceOf(rejection, origin, 'final rejection'), ...submits.slice(index + 1, index + 4).map((e) => evidenceOf(e, origin, 'retry'))],
    },
  ]
}

/** After a rejection with Retry-After, the next request comes no sooner (in virtual time). */
export const retryAfterHonoured: Judge = ({ entries, profile }) => {
  if (!entries) return []
  const findings: Finding[] = []
  const origin = originOf(entries)
  entries.forEach((entry, i) => {
    const retryAfter = entry.scenario ? profile.retryAfterMs[entry.scenario] : undefined
    if (retryAfter === undefined || !isSubmit(entry, profile) || entry.status < 400) return
    const next = entries[i + 1]
    if (!next) return
    const gap = next.at - entry.at
    if (gap >= retryAfter * RETRY_AFTER_FACTOR) return
    findings.push({
      check: 'retry-after-honoured',
      message: `the next request came ${seconds(gap)} after a ${entry.status} with Retry-After ${seconds(retryAfter)}`,
      evidence: [evidenceOf(entry, origin, `Retry-After ${retryAfter / 1000}`), evidenceOf(next, origin, 'too early')],
    })
  })
  return findings.slice(0, 1)
}

/** Transient submit rejections (429, 5xx) may be retried, but boundedly. */
export const boundedSubmitRetries: Judge = ({ entries, profile, testCase }) => {
  if (!entries) return []
  const submits = entries.filter((e) => isSubmit(e, profile))
  if (submits.length <= testCase.maxSubmits) return []
  const origin = originOf(entries)
  return [
    {
      check: 'bounded-submit-retries',
      message: `${submits.length} submits; at most ${testCase.maxSubmits} are acceptable for a rejection that keeps coming`,
      evidence: submits.slice(0, 4).map((e) => evidenceOf(e, origin)),
    },
  ]
}

/** The poll interval to hold a task to: the vendor's hint from the latest response, else its documented guidance. */
export function pollIntervalFor(profile: VendorProfile, entries: readonly JournalEntry[]): number {
  const field = profile.poll.hintField
  if (field) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const body = entries[i]?.responseBody
      const hint = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined
      if (typeof hint === 'number' && hint > 0) return hint
    }
  }
  return profile.poll.intervalMs
}

interface TaskPolls {
  task: AdminTask
  submit: JournalEntry | undefined
  polls: JournalEntry[]
}

function pollsByTask(entries: readonly JournalEntry[], tasks: readonly AdminTask[], profile: VendorProfile): TaskPolls[] {
  return tasks.map((task) => ({
    task,
    submit: entries.find((e) => isSubmit(e, profile) && e.taskId === task.id),
    polls: entries.filter((e) => isPoll(e, profile) && e.taskId === task.id),
  }))
}

/**
 * No polling tighter than the vendor's guidance, in virtual time: the median interval at least half
 * the guidance, and no more than a handful of tight polls (intervals under half the guidance, or
 * polls before half of a documented initial wait).
 */
export const pollInterval: Judge = ({ entries, tasks, profile }) => {
  if (!entries || !tasks) return []
  const interval = pollIntervalFor(profile, entries)
  const floor = interval * INTERVAL_FACTOR
  const origin = originOf(entries)
  const findings: Finding[] = []
  for (const { task, submit, polls } of pollsByTask(entries, tasks, profile)) {
    const tight: Array<{ entry: JournalEntry; note: string }> = []
    const wait = profile.poll.initialWaitMs
    if (wait !== undefined && submit) {
      for (const p of polls)
        if (p.at - submit.at < wait * INTERVAL_FACTOR)
          tight.push({ entry: p, note: `${seconds(p.at - submit.at)} after the submit (documented wait ${seconds(wait)})` })
    }
    const intervals: number[] = []
    for (let i = 1; i < polls.length; i++) {
      const gap = (polls[i] as JournalEntry).at - (polls[i - 1] as JournalEntry).at
      intervals.push(gap)
      if (gap < floor && !tight.some((t) => t.entry === polls[i]))
        tight.push({ entry: polls[i] as JournalEntry, note: `${seconds(gap)} after the previous poll` })
    }
    const mid = median(intervals)
    const problems: string[] = []
    if (intervals.length >= 3 && mid < floor) problems.push(`median interval ${seconds(mid)} is under half the guidance`)
    if (tight.length > HANDFUL) problems.push(`${tight.length} polls were tighter than half the guidance (at most ${HANDFUL} allowed)`)
    if (problems.length === 0) continue
    findings.push({
      check: 'poll-interval',
      message: `task ${task.id} polled ${polls.length} times, tighter than the guidance of ${seconds(interval)}${wait ? ` after a ${seconds(wait)} wait` : ''} (${profile.poll.source}): ${problems.join('; ')}`,
      evidence: tight.slice(0, 6).map((t) => evidenceOf(t.entry, origin, t.note)),
    })
  }
  return findings
}

/** A bounded number of polls per task, and none after the client has seen the task settle. */
export const pollCount: Judge = ({ entries, tasks, profile, testCase }) => {
  if (!entries || !tasks) return []
  const interval = pollIntervalFor(profile, entries)
  const cap = Math.ceil(testCase.request.timeoutMs / (interval * INTERVAL_FACTOR)) + HANDFUL
  const origin = originOf(entries)
  const findings: Finding[] = []
  for (const { task, polls } of pollsByTask(entries, tasks, profile)) {
    const settledAt = task.timeline.settledAt
    if (settledAt !== null) {
      const seen = polls.findIndex((p) => p.at >= settledAt && isAnswered(p, profile))
      const extra = seen < 0 ? [] : polls.slice(seen + 1)
      if (extra.length > 0) {
        findings.push({
          check: 'poll-count',
          message: `task ${task.id} was polled ${extra.length} more time(s) after a poll had shown it ${task.state}`,
          evidence: [
            evidenceOf(polls[seen] as JournalEntry, origin, `saw ${task.vendorState}`),
            ...extra.slice(0, 3).map((e) => evidenceOf(e, origin, 'after settling')),
          ],
        })
        continue
      }
    }
    if (polls.length > cap) {
      findings.push({
        check: 'poll-count',
        message: `task ${task.id} was polled ${polls.length} times; a budget of ${seconds(testCase.request.timeoutMs)} at the ${seconds(interval)} guidance allows ${cap}`,
        evidence: [polls[0], polls[polls.length - 1]].filter((e): e is JournalEntry => e !== undefined).map((e) => evidenceOf(e, origin)),
      })
    }
  }
  return findings
}

/**
 * A stuck task is abandoned within the budget: from the first request to the last, at most
 * timeoutMs plus slack for start-up and timers, plus one poll interval (the client may be asleep
 * between polls when its budget runs out).
 */
export const givesUpWithinBudget: Judge = ({ entries, testCase, timeScale, profile }) => {
  if (!entries || entries.length === 0) return []
  const budget = testCase.request.timeoutMs
  const allowed = budget + virtualSlackMs(timeScale, budget) + pollIntervalFor(profile, entries)
  const first = entries[0] as JournalEntry
  const last = entries[entries.length - 1] as JournalEntry
  const span = last.at - first.at
  if (span <= allowed) return []
  return [
    {
      check: 'gives-up-within-budget',
      message: `the client kept going for ${seconds(span)} of vendor time on a budget of ${seconds(budget)} (${seconds(allowed)} allowed with slack)`,
      evidence: [evidenceOf(first, first.at, 'first request'), evidenceOf(last, first.at, 'last request')],
    },
  ]
}

/** Exactly one task per request: one for an accepted submit, none for a rejection. */
export const oneTaskPerRequest: Judge = ({ entries, tasks, testCase, profile }) => {
  if (!entries || !tasks) return []
  if (tasks.length === testCase.tasks) return []
  const origin = originOf(entries)
  return [
    {
      check: 'one-task-per-request',
      message: `${tasks.length} tasks were created with the case key; expected ${testCase.tasks}`,
      evidence: entries
        .filter((e) => isSubmit(e, profile))
        .slice(0, 5)
        .map((e) => evidenceOf(e, origin, e.taskId ? `created ${e.taskId}` : undefined)),
    },
  ]
}

/** The outcome: status, kind and vendorCode as the vendor notes map them; taskId of the created task. */
export const outcome: Judge = ({ outcome: got, testCase, entries, tasks, profile }) => {
  if (!got) return []
  const findings: Finding[] = []
  const want = testCase.expect
  if (want.status === 'succeeded') {
    if (got.status !== 'succeeded') {
      findings.push({
        check: 'outcome',
        message: `expected succeeded, got failed with kind ${got.error.kind}, vendorCode "${got.error.vendorCode}"`,
        evidence: got,
      })
    }
  } else if (got.status !== 'failed') {
    findings.push({ check: 'outcome', message: `expected failed with kind ${want.accepted.map((a) => a.kind).join(' or ')}, got succeeded`, evidence: got })
  } else {
    const sent = entries === null || entries.some((e) => isSubmit(e, profile))
    const judgeCode = !(want.codeOnlyIfSent && !sent)
    const match = want.accepted.some(
      (a) => a.kind === got.error.kind && (!judgeCode || a.vendorCodes.length === 0 || a.vendorCodes.includes(got.error.vendorCode)),
    )
    if (!match) {
      const expected = want.accepted
        .map((a) => `${a.kind}${judgeCode && a.vendorCodes.length ? ` / ${a.vendorCodes.map((c) => `"${c}"`).join(' or ')}` : ''}`)
        .join(', or ')
      findings.push({ check: 'outcome', message: `expected ${expected}; got ${got.error.kind} / "${got.error.vendorCode}"`, evidence: got.error })
    }
  }
  if (tasks) {
    const task = tasks[0]
    if (tasks.length === 1 && task && got.taskId !== task.id) {
      findings.push({ check: 'outcome-task-id', message: `the outcome names task ${JSON.stringify(got.taskId)}, but the task created is ${task.id}` })
    } else if (tasks.length === 0 && got.taskId !== null) {
      findings.push({ check: 'outcome-task-id', message: `no task was created, yet the outcome names task ${JSON.stringify(got.taskId)} (expected null)` })
    }
  }
  return findings
}

/**
 * A success returns the mock's result URLs of the task: every URL is one of the task's result files
 * (admin `resultUrls`) and the main video (the first) is among them. The admin view also lists
 * files a vendor serves elsewhere — KIE's 1080P upgrade and `originUrls` (kie.md §4.2, §4.3) — so
 * the client need not return all of them.
 */
export const videoUrls: Judge = ({ outcome: got, tasks }) => {
  if (!got || got.status !== 'succeeded' || !tasks) return []
  const task = tasks.find((t) => t.id === got.taskId) ?? tasks[0]
  if (!task) return []
  const foreign = got.videoUrls.filter((u) => !task.resultUrls.includes(u))
  const main = task.resultUrls[0]
  const problems: string[] = []
  if (foreign.length > 0) problems.push(`${foreign.length} URL(s) are not result files of task ${task.id}`)
  if (main !== undefined && !got.videoUrls.includes(main)) problems.push(`the main result URL of task ${task.id} is missing`)
  return problems.length === 0 ? [] : [{ check: 'video-urls', message: problems.join('; '), evidence: { expected: task.resultUrls, got: got.videoUrls } }]
}

/** The mock's own responses were valid (`--strict`); a violation is a veomock bug, reported so it is not blamed on the client. */
export const mockStrict: Judge = ({ entries }) => {
  if (!entries) return []
  const bad = entries.filter((e) => {
    const body = e.responseBody as { type?: unknown } | null
    return e.status === 500 && body !== null && typeof body === 'object' && body.type === 'https://veomock.dev/problems/strict-response'
  })
  if (bad.length === 0) return []
  const origin = originOf(entries)
  return [
    {
      check: 'mock-strict',
      message: `the mock answered ${bad.length} request(s) with a response that violates its own spec (a veomock bug, not the client's)`,
      evidence: bad.slice(0, 3).map((e) => ({ ...evidenceOf(e, origin), detail: (e.responseBody as { detail?: unknown }).detail })),
    },
  ]
}

export const JUDGES: Readonly<Record<JudgeName, Judge>> = {
  'requests-valid': requestsValid,
  'bearer-auth': bearerAuth,
  'case-api-key': caseApiKey,
  'no-retry-after-final-4xx': noRetryAfterFinal4xx,
  'retry-after-honoured': retryAfterHonoured,
  'bounded-submit-retries': boundedSubmitRetries,
  'poll-interval': pollInterval,
  'poll-count': pollCount,
  'gives-up-within-budget': givesUpWithinBudget,
  'one-task-per-request': oneTaskPerRequest,
  outcome,
  'video-urls': videoUrls,
  'mock-strict': mockStrict,
}

/** Runs the case's judges, except the skipped ones (live targets skip the journal judges). */
export function judgeCase(input: JudgeInput, skip: readonly JudgeName[] = []): Finding[] {
  return input.testCase.judges.filter((name) => !skip.includes(name)).flatMap((name) => JUDGES[name](input))
}
