// The judges of contract §5.2 for callback-mode clients, over the mock's callback journal: the
// submit names the receiver the suite gave; every genuine delivery (and its duplicate) is
// acknowledged the way the vendor counts it delivered, within its callback timeout; a forged
// delivery to a signing vendor's receiver is refused; a lost or late callback does not keep the
// client from its outcome; an unsigned lie is confirmed before it is acted on (a warn).
import type { AdminTask, CallbackAttempt, JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { CallbackPolicy } from '../../../lib/callbacks.js'
import type { Finding } from '../report/report.js'
import type { CallbackCase, CallbackJudgeName } from './callback-cases.js'
import { isPoll, type JudgeInput, virtualSlackMs } from './judges.js'
import type { CallbackEnv } from './protocol.js'

export interface CallbackJudgeInput extends JudgeInput {
  testCase: CallbackCase
  attempts: readonly CallbackAttempt[]
  callback: CallbackEnv
  policy: CallbackPolicy
}

export type CallbackJudge = (input: CallbackJudgeInput) => Finding[]

/** The failure a forged unsigned callback claims (the mock's `callback_forged` lie). */
export const FORGED_LIE_KIND = 'content_policy'

export type AttemptFailure = 'timeout' | 'refused' | 'reset' | 'other'

/** Why an attempt got no answer, from the outbox's error text (or its errorKind, when journalled). */
export function attemptFailure(attempt: CallbackAttempt): AttemptFailure {
  const kind = (attempt as { errorKind?: unknown }).errorKind
  if (kind === 'timeout' || kind === 'refused' || kind === 'reset') return kind
  const text = attempt.error ?? ''
  if (/time(d)?[ -]?out|aborted/i.test(text)) return 'timeout'
  if (/refused/i.test(text)) return 'refused'
  if (/reset|hang up|closed|socket/i.test(text)) return 'reset'
  return 'other'
}

/**
 * Real ms of an answer forgiven on top of the vendor timeout, times N. The mock never cuts an
 * attempt off sooner than 2 s of real time (outbox MIN_REAL_TIMEOUT_MS), and an answer it did read
 * may have waited out a stall of the machine: only a receiver slower than both is failed for it.
 */
export const ACK_REAL_SLACK_MS = 2000

/** The receiver's time to acknowledge in virtual ms (journal ackMs, counted from the send; durationMs before it existed). */
const ackOf = (a: CallbackAttempt): number => (a as { ackMs?: number | null }).ackMs ?? a.durationMs
const kindOf = (a: CallbackAttempt): string => (a as { kind?: string }).kind ?? 'genuine'
const evidence = (a: CallbackAttempt) => ({ kind: kindOf(a), attempt: a.attempt, at: a.at, status: a.status, error: a.error, ackMs: ackOf(a) })

/** The submit carries a callback URL on the host and port the suite gave (VEO_CALLBACK_HOST, VEO_CALLBACK_PORT). */
export const callbackUrl: CallbackJudge = ({ tasks, callback }) => {
  if (!tasks) return []
  const findings: Finding[] = []
  for (const task of tasks) {
    const url = task.callbackUrl
    if (!url) {
      findings.push({ check: 'callback-url', message: `task ${task.id} was submitted without a callback URL (the vendor will never call back)` })
      continue
    }
    let parsed: URL | undefined
    try {
      parsed = new URL(url)
    } catch {
      parsed = undefined
    }
    const host = parsed?.hostname.replace(/^\[|\]$/g, '')
    const port = parsed ? Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) : NaN
    if (host !== callback.host || port !== callback.port)
      findings.push({
        check: 'callback-url',
        message: `task ${task.id} names the callback URL ${url}; it must be on VEO_CALLBACK_HOST:VEO_CALLBACK_PORT = ${callback.host}:${callback.port}`,
      })
  }
  return findings
}

/**
 * Every genuine delivery and its duplicate is answered with a status the vendor counts as delivered,
 * within its callback timeout (virtual ms, with the real-time slack of contract §5 times N). A
 * delivery that found no receiver is excused only once the client had made its last request: a
 * finished client has closed its receiver.
 */
export const callbackAck: CallbackJudge = ({ attempts, entries, policy, timeScale, tasks, profile }) => {
  const lastRequestAt = entries && entries.length > 0 ? (entries[entries.length - 1] as JournalEntry).at : Number.POSITIVE_INFINITY
  // A client that saw the task settle by polling may stop listening: a delivery that reached it after that is excused.
  const settledAt = tasks?.[0]?.timeline.settledAt ?? null
  const seenSettled = (entries ?? []).find((e) => isPoll(e, profile) && settledAt !== null && e.at >= settledAt)?.at ?? lastRequestAt
  const allowed = policy.timeoutMs + Math.max(virtualSlackMs(timeScale, policy.timeoutMs), ACK_REAL_SLACK_MS * timeScale)
  const bad: Array<{ attempt: CallbackAttempt; why: string }> = []
  for (const a of attempts) {
    if (kindOf(a) === 'forged') continue
    if (a.status !== null) {
      if (!policy.isDelivered(a.status)) bad.push({ attempt: a, why: `answered ${a.status}, which the vendor does not count as delivered` })
      else if (ackOf(a) > allowed)
        bad.push({ attempt: a, why: `answered after ${(ackOf(a) / 1000).toFixed(1)} s, past the ${policy.timeoutMs / 1000} s callback timeout` })
      continue
    }
    const failure = attemptFailure(a)
    if (failure === 'timeout') bad.push({ attempt: a, why: `no answer within the ${policy.timeoutMs / 1000} s callback timeout` })
    // Excused only when the connection was refused or cut at connect once the client had finished (its receiver was gone), never when an accepted request went unanswered.
    else if (a.at < lastRequestAt && !(/connect|refused/i.test(a.error ?? '') && a.at + a.durationMs >= Math.min(lastRequestAt, seenSettled)))
      bad.push({ attempt: a, why: `no receiver answered (${a.error ?? failure}) while the client was still working` })
  }
  if (bad.length === 0) return []
  return [
    {
      check: 'callback-ack',
      message: `${bad.length} genuine callback delivery(ies) not acknowledged as the vendor requires: ${bad[0]?.why}`,
      evidence: bad.slice(0, 4).map((b) => ({ ...evidence(b.attempt), why: b.why })),
    },
  ]
}

/** A forged delivery (bad, missing or stale signature) to a signing vendor's receiver is refused with a non-2xx. */
export const callbackForgedRefused: CallbackJudge = ({ attempts }) => {
  const forged = attempts.filter((a) => kindOf(a) === 'forged')
  const accepted = forged.filter((a) => a.status !== null && a.status >= 200 && a.status < 300)
  const findings: Finding[] = []
  if (forged.length === 0)
    findings.push({ check: 'callback-forged-refused', message: 'the mock made no forged delivery for this case (a veomock bug, not the client’s)' })
  if (accepted.length > 0)
    findings.push({
      check: 'callback-forged-refused',
      message: `${accepted.length} of ${forged.length} forged deliveries were accepted with a 2xx; a receiver must refuse a callback whose signature does not verify`,
      evidence: accepted.map((a) => ({ ...evidence(a), signatureHeaders: Object.keys(a.headers).filter((h) => /signature|timestamp/i.test(h)) })),
    })
  return findings
}

/** When the callback never comes or comes too late, the client still ends with the task's outcome (it polls). */
export const callbackFallback: CallbackJudge = ({ outcome, tasks, entries, profile, attempts }) => {
  if (!outcome || outcome.status === 'succeeded') return []
  const task = tasks?.[0] as AdminTask | undefined
  const settledAt = task?.timeline.settledAt ?? null
  const polls = (entries ?? []).filter((e) => isPoll(e, profile) && settledAt !== null && e.at >= settledAt).length
  const delivered = attempts.filter((a) => kindOf(a) === 'genuine' && a.delivered).length
  return [
    {
      check: 'callback-fallback',
      message: `the task succeeded but the client reported ${outcome.error.kind}: with ${delivered === 0 ? 'no callback delivered' : 'the callback late'} it polled ${polls} time(s) after the task finished; a callback-mode client must fall back to polling`,
      evidence: { outcome, settledAt, attempts: attempts.map(evidence) },
    },
  ]
}

/** For a vendor that does not sign: acting on a forged callback without confirming through the poll API is a warn. */
export const callbackConfirmed: CallbackJudge = ({ outcome }) => {
  if (!outcome || outcome.status === 'succeeded') return []
  if (outcome.error.kind === FORGED_LIE_KIND)
    return [
      {
        check: 'callback-confirmed',
        level: 'warn',
        message: `the client reported the forged callback's ${FORGED_LIE_KIND} failure; the task succeeded. The vendor does not sign callbacks: confirm an outcome through the poll API before acting on it`,
        evidence: outcome.error,
      },
    ]
  return [{ check: 'callback-confirmed', message: `expected succeeded, got ${outcome.error.kind} / "${outcome.error.vendorCode}"`, evidence: outcome.error }]
}

export const CALLBACK_JUDGES: Readonly<Record<CallbackJudgeName, CallbackJudge>> = {
  'callback-url': callbackUrl,
  'callback-ack': callbackAck,
  'callback-forged-refused': callbackForgedRefused,
  'callback-fallback': callbackFallback,
  'callback-confirmed': callbackConfirmed,
}

export function judgeCallbackCase(input: CallbackJudgeInput): Finding[] {
  return input.testCase.callbackJudges.flatMap((name) => CALLBACK_JUDGES[name](input))
}
