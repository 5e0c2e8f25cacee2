// Judges of what the client returned: the outcome (status, kind, vendorCode, taskId) and the result
// URLs. A vendorCode passes when it is any identifier the vendor's answer carried for the failure
// (contract §5.1, register all.vendor-code); a kind passes when any doc-grounded mapping gives it.
import type { JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { Finding } from '../report/report.js'
import { cite } from './ambiguity-register.js'
import { identifiersOf, isPoll, isSubmit, isTransientRejection, isFinalRejection, type Judge } from './journal-reading.js'
import type { VendorProfile } from './conformance-case.js'

/** The identifiers of the answers that told the client about the failure: rejected submits and the last poll. */
export function failureIdentifiers(entries: readonly JournalEntry[], profile: VendorProfile): Set<string> {
  const out = new Set<string>()
  const rejections = entries.filter((e) => isSubmit(e, profile) && (isFinalRejection(e, profile) || isTransientRejection(e, profile)))
  const polls = entries.filter((e) => isPoll(e, profile))
  for (const e of [...rejections, ...polls.slice(-1)]) for (const id of identifiersOf(e)) out.add(id)
  return out
}

/** The outcome: status, kind and vendorCode as the vendor's answers and the notes' mappings allow; taskId of the created task. */
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
    if (!want.orSucceeded)
      findings.push({ check: 'outcome', message: `expected failed with kind ${want.accepted.map((a) => a.kind).join(' or ')}, got succeeded`, evidence: got })
  } else {
    const sent = entries === null || entries.some((e) => isSubmit(e, profile))
    const judgeCode = !(want.codeOnlyIfSent && !sent)
    const seen = entries ? failureIdentifiers(entries, profile) : new Set<string>()
    const codeOk = (codes: readonly string[]) => !judgeCode || codes.length === 0 || codes.includes(got.error.vendorCode) || seen.has(got.error.vendorCode)
    const match = want.accepted.some((a) => a.kind === got.error.kind && codeOk(a.vendorCodes))
    if (!match) {
      const kinds = [...new Set(want.accepted.map((a) => a.kind))].join(' or ')
      const codes = [...new Set([...want.accepted.flatMap((a) => a.vendorCodes), ...seen])].map((c) => `"${c}"`).join(', ')
      findings.push({
        check: 'outcome',
        message: `expected kind ${kinds}${judgeCode && codes ? ` with a vendorCode the answer carried (${codes})` : ''}; got ${got.error.kind} / "${got.error.vendorCode}"`,
        evidence: got.error,
        register: cite('all.vendor-code', ...(want.orSucceeded ? [want.orSucceeded.register] : [])),
      })
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
