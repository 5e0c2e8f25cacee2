// The verdicts of `veomock webhooks` (contract §8): every genuine delivery acknowledged the way the
// vendor counts it delivered, within its callback timeout; every forged or malformed delivery
// refused when a secret is configured; and, from the mock's journal, no second download of a
// result, no second task and nothing done on a forged delivery.
import type { JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import type { CallbackPolicy } from '../../../lib/callbacks.js'
import type { Finding } from '../report/report.js'
import type { DeliveryResult } from './webhook-delivery.js'
import type { PlannedDelivery } from './webhook-plan.js'

export interface DeliveryVerdictInput {
  planned: PlannedDelivery
  result: DeliveryResult
  policy: CallbackPolicy
  /** Whether the receiver was given a signing key (`--secret`). */
  secret: boolean
  /** The vendor timeout as applied, in real ms. */
  timeoutRealMs: number
}

const is2xx = (status: number | null): boolean => status !== null && status >= 200 && status < 300

function noAnswer(result: DeliveryResult): Finding {
  return { check: 'answered', message: `the receiver did not answer: ${result.error ?? 'no status'}`, evidence: { ackMs: Math.round(result.ackMs) } }
}

/** Findings for one delivery, from its answer alone. */
export function judgeDelivery({ planned, result, policy, secret, timeoutRealMs }: DeliveryVerdictInput): Finding[] {
  const evidence = { status: result.status, ackMs: Math.round(result.ackMs), timeoutMs: Math.round(timeoutRealMs), headers: result.headerNames }
  switch (planned.kind) {
    case 'genuine':
    case 'variant':
    case 'duplicate':
    case 'late':
    case 'out-of-order': {
      if (result.status !== null && policy.isDelivered(result.status)) return []
      if (result.status === null && result.timedOut)
        return [
          { check: 'acknowledged', message: `a genuine delivery got no answer within the vendor's callback timeout (${policy.timeoutMs / 1000} s)`, evidence },
        ]
      if (result.status === null) return [{ ...noAnswer(result), check: 'acknowledged' }]
      // Apixo and KIE count only HTTP 200 as delivered; any other answer makes the vendor retry.
      return [
        {
          check: 'acknowledged',
          message: `a genuine delivery was answered ${result.status}, which the vendor does not count as delivered (it retries)`,
          evidence,
        },
      ]
    }
    case 'unknown-task':
      return result.status === null ? [noAnswer(result)] : []
    case 'forged':
      if (result.status === null) return [noAnswer(result)]
      return is2xx(result.status)
        ? [{ check: 'refuses-forged', message: `a forged delivery was accepted with ${result.status}; it must be refused`, evidence }]
        : []
    case 'malformed':
      if (result.status === null) return [noAnswer(result)]
      if (secret && is2xx(result.status))
        return [{ check: 'refuses-malformed', message: `a malformed body was accepted with ${result.status} although a secret is configured`, evidence }]
      return []
  }
}

/** The task id and file of a result download on the mock (`/<vendor>/files/<taskId>/<file>`). */
export function downloadOf(entry: JournalEntry): { taskId: string; file: string } | undefined {
  const m = /\/files\/([^/?]+)\/([^/?]+)/.exec(entry.path)
  return entry.method === 'GET' && m ? { taskId: decodeURIComponent(m[1] as string), file: m[2] as string } : undefined
}

export interface RunVerdictInput {
  /** The receiver's requests to the mock while the deliveries ran. */
  entries: readonly JournalEntry[]
  deliveries: ReadonlyArray<{ planned: PlannedDelivery; cursor: number }>
  submitRoutes: readonly string[]
}

/** No result downloaded twice, no task beyond one resubmit per failed task, nothing acted on before its genuine delivery. */
export function judgeRun({ entries, deliveries, submitRoutes }: RunVerdictInput): Finding[] {
  const findings: Finding[] = []
  const downloads = new Map<string, JournalEntry[]>()
  for (const e of entries) {
    const d = downloadOf(e)
    if (!d || e.status >= 400) continue
    const key = `${d.taskId}/${d.file}`
    downloads.set(key, [...(downloads.get(key) ?? []), e])
  }
  for (const [key, list] of downloads) {
    if (list.length > 1)
      findings.push({
        check: 'no-second-download',
        message: `the result ${key} was downloaded ${list.length} times; a duplicate or stale callback must not start a second download`,
        evidence: list.slice(0, 4).map((e) => ({ method: e.method, path: e.path, status: e.status, seq: e.seq })),
      })
  }
  // Before a task's first genuine delivery, only a forged one had named it: downloading then is acting on a forgery.
  const firstGenuine = new Map<string, number>()
  for (const { planned, cursor } of deliveries)
    if (planned.kind === 'genuine' && planned.taskId && !firstGenuine.has(planned.taskId)) firstGenuine.set(planned.taskId, cursor)
  const early = entries.filter((e) => {
    const d = downloadOf(e)
    const genuineAt = d ? firstGenuine.get(d.taskId) : undefined
    return d !== undefined && genuineAt !== undefined && e.seq <= genuineAt
  })
  if (early.length > 0)
    findings.push({
      check: 'acts-on-forged',
      message: `${early.length} result download(s) came after a forged delivery and before the genuine one: the receiver acted on a forgery`,
      evidence: early.slice(0, 3).map((e) => ({ method: e.method, path: e.path, seq: e.seq })),
    })
  const failedTasks = new Set(deliveries.filter((d) => d.planned.kind === 'genuine' && d.planned.failure).map((d) => d.planned.taskId))
  const submits = entries.filter((e) => e.method === 'POST' && e.route !== null && submitRoutes.includes(e.route))
  if (submits.length > failedTasks.size)
    findings.push({
      check: 'no-second-task',
      message: `the receiver submitted ${submits.length} task(s) while ${failedTasks.size} distinct tasks failed; a duplicate, stale or out-of-order callback must not start another`,
      evidence: submits.slice(0, 4).map((e) => ({ method: e.method, path: e.path, seq: e.seq })),
    })
  return findings
}
