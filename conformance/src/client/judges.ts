// The behaviour judges of contract §5. Each is a small pure function over one case: the client's
// outcome, the mock's journal entries of the case's API key, the tasks created with that key and
// the vendor's guidance. A judge returns findings; a finding names the judge, its level (fail, or
// warn where the register records advice rather than a rule) and carries the offending journal
// entries as evidence (method, path, status, virtual time).
import type { JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { Finding } from '../report/report.js'
import { cite } from './ambiguity-register.js'
import type { JudgeName } from './conformance-case.js'
import { bodyCode, evidenceOf, isFinalRejection, isResultFile, isSubmit, type Judge, type JudgeInput, originOf } from './journal-reading.js'
import { outcome, videoUrls } from './outcome-judges.js'
import { requestFidelity } from './request-fidelity.js'
import { backoff, givesUpWithinBudget, pollCount, pollInterval, retryAfterHonoured } from './timing-judges.js'
import { basePath, requestTimeout } from './transport-judges.js'

export * from './journal-reading.js'
export { outcome, videoUrls } from './outcome-judges.js'
export { requestFidelity } from './request-fidelity.js'
export * from './timing-judges.js'
export { basePath, requestTimeout } from './transport-judges.js'

/** Every request matches an operation of the vendor spec and is valid against it (journal `valid`); result downloads are not operations. */
export const requestsValid: Judge = ({ entries }) => {
  if (!entries) return []
  const bad = entries.filter((e) => !isResultFile(e) && e.status !== 0 && (!e.valid || e.route === null))
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

/**
 * Every vendor request carries `Authorization: Bearer <VEO_API_KEY>`. Result files are exempt: vendors
 * hand out public CDN links that a client downloads without its key (register all.result-download).
 */
export const bearerAuth: Judge = ({ entries, unattributed }) => {
  if (!entries || !unattributed) return []
  const bad = [...entries.filter((e) => e.authorization !== 'bearer'), ...unattributed].filter((e) => !isResultFile(e))
  if (bad.length === 0) return []
  const origin = originOf(bad)
  return [
    {
      check: 'bearer-auth',
      message: `${bad.length} requests arrived without an Authorization: Bearer header while the case ran`,
      evidence: bad.slice(0, 5).map((e) => evidenceOf(e, origin, `authorization: ${e.authorization}`)),
      register: cite('all.result-download'),
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

/** Exactly one task per request: one for an accepted submit, none for a rejection (one where another reading succeeds). */
export const oneTaskPerRequest: Judge = ({ entries, tasks, testCase, profile, outcome: got }) => {
  if (!entries || !tasks) return []
  const alternative = testCase.expect.status === 'failed' && testCase.expect.orSucceeded !== undefined && got?.status === 'succeeded'
  const expected = alternative ? 1 : testCase.tasks
  if (tasks.length === expected) return []
  const origin = originOf(entries)
  return [
    {
      check: 'one-task-per-request',
      message: `${tasks.length} tasks were created with the case key; expected ${expected}`,
      evidence: entries
        .filter((e) => isSubmit(e, profile))
        .slice(0, 5)
        .map((e) => evidenceOf(e, origin, e.taskId ? `created ${e.taskId}` : undefined)),
    },
  ]
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
  'request-fidelity': requestFidelity,
  backoff,
  'base-path': basePath,
  'request-timeout': requestTimeout,
}

/** Runs the case's judges, except the skipped ones (live targets skip the journal judges). */
export function judgeCase(input: JudgeInput, skip: readonly JudgeName[] = []): Finding[] {
  return input.testCase.judges.filter((name) => !skip.includes(name)).flatMap((name) => JUDGES[name](input))
}

export type { Judge, JudgeInput }
