// Judges of virtual time (contract §5): Retry-After honoured, backoff without Retry-After, poll
// cadence and count, giving up within budget. Every threshold sits several times above the
// resolution of the case's time scale (shared-cases.ts TIME_SCALES); a correct client's gaps only
// grow with load (it sends the next request after the answer and its own wait), so load cannot fail it.
import type { AdminTask, JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { Finding } from '../report/report.js'
import { cite } from './ambiguity-register.js'
import type { VendorProfile } from './conformance-case.js'
import { evidenceOf, isAnswered, isPoll, isSubmit, isTransientRejection, type Judge, median, originOf, seconds, virtualSlackMs } from './journal-reading.js'

/** How many polls may be tighter than the guidance (flaky-poll retries, an early first look, jitter). */
export const HANDFUL = 3
/** A poll interval counts as tight below this share of the guidance. */
export const INTERVAL_FACTOR = 0.5
/**
 * The next request after a Retry-After must come at least this share of it later. A client's timer
 * never fires early and latency only adds, so the 10% is for clock flooring and timer rounding.
 */
export const RETRY_AFTER_FACTOR = 0.9
/** The contract's bound on polling where no cadence is a documented rule: a median interval of 1 s (register all.poll-bound). */
export const CONTRACT_POLL_FLOOR_MS = 1_000
/** A retry of a transient rejection without Retry-After must wait at least this long (register all.backoff). */
export const MIN_BACKOFF_MS = 2_000
/** Backoff delays count as growing when the last is at least this multiple of the first. */
export const BACKOFF_GROWTH = 1.2

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
      level: profile.retryAfterLevel,
      message: `the next request came ${seconds(gap)} after a ${entry.status} with Retry-After ${seconds(retryAfter)}`,
      evidence: [evidenceOf(entry, origin, `Retry-After ${retryAfter / 1000}`), evidenceOf(next, origin, 'too early')],
      ...(profile.retryAfterRegister ? { register: cite(profile.retryAfterRegister) } : {}),
    })
  })
  return findings.slice(0, 1)
}

/**
 * After a 429 or transient 5xx that carries no Retry-After, a retry waits (at least 2 s of vendor
 * time: a fail) and the waits grow (exponential backoff: a warn when they do not). Whether to retry at
 * all, and how often, is bounded-submit-retries' concern.
 */
export const backoff: Judge = ({ entries, profile }) => {
  if (!entries) return []
  const submits = entries.filter((e) => isSubmit(e, profile))
  const origin = originOf(entries)
  const gaps: Array<{ gap: number; from: JournalEntry; to: JournalEntry }> = []
  for (let i = 0; i + 1 < submits.length; i++) {
    const from = submits[i] as JournalEntry
    if (!isTransientRejection(from, profile) || (from.scenario && profile.retryAfterMs[from.scenario] !== undefined)) continue
    const to = submits[i + 1] as JournalEntry
    gaps.push({ gap: to.at - from.at, from, to })
  }
  const quick = gaps.filter((g) => g.gap < MIN_BACKOFF_MS)
  if (quick.length > 0) {
    return [
      {
        check: 'backoff',
        message: `${quick.length} of ${gaps.length} retries of a transient rejection without Retry-After came less than ${seconds(MIN_BACKOFF_MS)} after it`,
        evidence: quick
          .slice(0, 3)
          .flatMap((g) => [evidenceOf(g.from, origin, 'transient rejection'), evidenceOf(g.to, origin, `retry after ${seconds(g.gap)}`)]),
        register: cite('all.backoff'),
      },
    ]
  }
  // Growth is judged from the first delay to the last: load can only lengthen a delay, and the first
  // (sent while every case starts) is the one it lengthens most.
  const first = gaps[0]
  const last = gaps[gaps.length - 1]
  if (gaps.length < 2 || !first || !last || last.gap >= first.gap * BACKOFF_GROWTH) return []
  return [
    {
      check: 'backoff',
      level: 'warn',
      message: `retry delays do not grow (${gaps.map((g) => seconds(g.gap)).join(', ')}): exponential backoff is the advice`,
      evidence: gaps.slice(0, 4).map((g) => evidenceOf(g.to, origin, `retry after ${seconds(g.gap)}`)),
      register: cite('all.backoff'),
    },
  ]
}

/** The hint a response carries (Xenodia's `recommended_poll_interval_ms`), when positive. */
function hintOf(profile: VendorProfile, entry: JournalEntry | undefined): number | undefined {
  const field = profile.poll.hintField
  const body = entry?.responseBody
  if (!field || !body || typeof body !== 'object') return undefined
  const hint = (body as Record<string, unknown>)[field]
  return typeof hint === 'number' && hint > 0 ? hint : undefined
}

/** The poll interval to hold a task to: the vendor's hint from the latest response, else its documented guidance. */
export function pollIntervalFor(profile: VendorProfile, entries: readonly JournalEntry[]): number {
  for (let i = entries.length - 1; i >= 0; i--) {
    const hint = hintOf(profile, entries[i])
    if (hint !== undefined) return hint
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

interface Gap {
  entry: JournalEntry
  gap: number
  /** The guidance in force when the poll was sent: the hint of the answer before it, else the documented interval. */
  guidance: number
}

function gapsOf(profile: VendorProfile, submit: JournalEntry | undefined, polls: readonly JournalEntry[]): Gap[] {
  const gaps: Gap[] = []
  let guidance = hintOf(profile, submit) ?? profile.poll.intervalMs
  for (let i = 1; i < polls.length; i++) {
    const previous = polls[i - 1] as JournalEntry
    guidance = hintOf(profile, previous) ?? guidance
    gaps.push({ entry: polls[i] as JournalEntry, gap: (polls[i] as JournalEntry).at - previous.at, guidance })
  }
  return gaps
}

/**
 * No polling tighter than the contract's bound (fail) or the vendor's guidance (fail where the vendor
 * documents it as a rule, warn where it is advice): the median interval at least half the guidance
 * in force, and no more than a handful of tight polls. Polls before half of a documented initial
 * wait are a warn (apixo.poll-schedule).
 */
export const pollInterval: Judge = ({ entries, tasks, profile }) => {
  if (!entries || !tasks) return []
  const origin = originOf(entries)
  const findings: Finding[] = []
  for (const { task, submit, polls } of pollsByTask(entries, tasks, profile)) {
    const gaps = gapsOf(profile, submit, polls)
    const evidence = (list: readonly Gap[]) =>
      list.slice(0, 6).map((g) => evidenceOf(g.entry, origin, `${seconds(g.gap)} after the previous poll (guidance ${seconds(g.guidance)})`))
    const loop = gaps.filter((g) => g.gap < CONTRACT_POLL_FLOOR_MS * INTERVAL_FACTOR)
    const loopMedian = median(gaps.map((g) => g.gap))
    if ((gaps.length >= 3 && loopMedian < CONTRACT_POLL_FLOOR_MS) || loop.length > HANDFUL) {
      findings.push({
        check: 'poll-interval',
        message: `task ${task.id} polled ${polls.length} times with a median interval of ${seconds(loopMedian)}, tighter than the contract's bound (median ${seconds(CONTRACT_POLL_FLOOR_MS)}, at most ${HANDFUL} polls closer than ${seconds(CONTRACT_POLL_FLOOR_MS * INTERVAL_FACTOR)})`,
        evidence: evidence(loop.length ? loop : gaps),
        register: cite('all.poll-bound'),
      })
      continue
    }
    const tight = gaps.filter((g) => g.gap < g.guidance * INTERVAL_FACTOR)
    const ratio = median(gaps.map((g) => g.gap / g.guidance))
    const problems: string[] = []
    if (gaps.length >= 3 && ratio < INTERVAL_FACTOR) problems.push(`the median interval is ${Math.round(ratio * 100)}% of the guidance`)
    if (tight.length > HANDFUL) problems.push(`${tight.length} polls were tighter than half the guidance (at most ${HANDFUL} allowed)`)
    if (problems.length > 0) {
      findings.push({
        check: 'poll-interval',
        level: profile.poll.level,
        message: `task ${task.id} polled ${polls.length} times, tighter than the guidance (${profile.poll.source}): ${problems.join('; ')}`,
        evidence: evidence(tight),
        register: cite(profile.poll.register),
      })
    }
    const wait = profile.poll.initialWaitMs
    const early = wait !== undefined && submit ? polls.filter((p) => p.at - submit.at < wait * INTERVAL_FACTOR) : []
    if (wait !== undefined && submit && early.length > 0) {
      findings.push({
        check: 'poll-interval',
        level: 'warn',
        message: `task ${task.id} was polled ${early.length} time(s) before half of the documented ${seconds(wait)} wait`,
        evidence: early.slice(0, 4).map((p) => evidenceOf(p, origin, `${seconds(p.at - submit.at)} after the submit`)),
        register: cite(profile.poll.register),
      })
    }
  }
  return findings
}

/** A bounded number of polls per task (the contract's bound over the budget), and none after the client has seen the task settle. */
export const pollCount: Judge = ({ entries, tasks, profile, testCase }) => {
  if (!entries || !tasks) return []
  const cap = Math.ceil(testCase.request.timeoutMs / CONTRACT_POLL_FLOOR_MS) + HANDFUL
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
        message: `task ${task.id} was polled ${polls.length} times; a budget of ${seconds(testCase.request.timeoutMs)} at the contract's bound allows ${cap}`,
        evidence: [polls[0], polls[polls.length - 1]].filter((e): e is JournalEntry => e !== undefined).map((e) => evidenceOf(e, origin)),
        register: cite('all.poll-bound'),
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
