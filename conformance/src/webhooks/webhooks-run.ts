// runWebhooks: `veomock webhooks` as a function, for the CLI and for tests. Starts a mock (manual
// clock; its callbacks go to a capture instead of the network), has it render every callback of the
// vendor for real tasks, then delivers the plan to the receiver one by one, and judges.
import { performance } from 'node:perf_hooks'
import type { VendorId } from '../../../vendors/index.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { allDialects } from '../../../mock-server/src/dialects/index.js'
import { catalogFor } from '../client/catalog.js'
import type { Report, ReportCase } from '../report/report.js'
import { deliver, type DeliveryResult } from './webhook-delivery.js'
import { judgeDelivery, judgeRun } from './webhook-judges.js'
import { captureCallbacks, type PlannedDelivery, planDeliveries } from './webhook-plan.js'

/** Below this a receiver on a loaded machine would miss a scaled-down timeout for no fault of its own. */
export const MIN_REAL_TIMEOUT_MS = 500
/** Real ms between deliveries, so what a receiver does after answering lands before the next one. */
export const DEFAULT_GAP_MS = 150
/** Real ms to wait after the last delivery for downloads and submits a receiver makes in the background. */
export const DEFAULT_SETTLE_MS = 1500

export interface WebhooksOptions {
  vendors: readonly VendorId[]
  /** The receiver's URL; `{vendor}` in it is replaced by the vendor id. */
  to: string
  /** The receiver's signing key (KIE webhookHmacKey); never printed or written. */
  secret?: string
  /** The mock's port (result URLs point at it); default any free port. */
  mockPort?: number
  /** Divides each vendor's callback timeout, for receivers that run on a scaled clock (tests). Default 1. */
  timeScale?: number
  gapMs?: number
  settleMs?: number
  /** Called once the mock listens, with its main URL and vendor base URLs. */
  onMock?(mock: Pick<RunningMockServer, 'url' | 'baseUrls'>): void
  onCase?(result: ReportCase): void
}

export function receiverUrl(template: string, vendor: VendorId): string {
  return template.split('{vendor}').join(vendor)
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function journalCursor(mock: RunningMockServer): Promise<number> {
  const health = await mock.admin.health()
  return health.counts.requests + health.evicted.requests
}

function deliveryCase(vendor: VendorId, planned: PlannedDelivery, result: DeliveryResult, findings: ReportCase['findings']): ReportCase {
  return {
    suite: `webhooks ${vendor}`,
    name: `${planned.kind}: ${planned.name}`,
    passed: findings.length === 0,
    durationMs: result.ackMs,
    findings,
    details: { kind: planned.kind, taskId: planned.taskId ?? null, status: result.status, ackMs: Math.round(result.ackMs), error: result.error },
  }
}

async function runVendor(
  vendor: VendorId,
  mock: RunningMockServer,
  captured: Array<{ url: string; body: string }>,
  options: WebhooksOptions,
): Promise<ReportCase[]> {
  const dialect = allDialects.find((d) => d.id === vendor)
  if (!dialect) throw new Error(`Failed to run webhooks for ${vendor}: the mock does not serve it`)
  const callbacks = await captureCallbacks(vendor, mock.baseUrls[vendor], mock.admin, captured)
  const plan = planDeliveries({ vendor, dialect, captured: callbacks, secret: options.secret })
  const url = receiverUrl(options.to, vendor)
  const policy = dialect.callbacks.policy
  const timeoutRealMs = Math.max(MIN_REAL_TIMEOUT_MS, policy.timeoutMs / (options.timeScale ?? 1))
  const start = await journalCursor(mock)
  const cases: ReportCase[] = []
  const sent: Array<{ planned: PlannedDelivery; cursor: number }> = []
  for (const planned of plan) {
    const cursor = await journalCursor(mock)
    const result = await deliver(url, planned, dialect.callbacks.signing, timeoutRealMs)
    sent.push({ planned, cursor })
    const c = deliveryCase(vendor, planned, result, judgeDelivery({ planned, result, policy, secret: Boolean(options.secret), timeoutRealMs }))
    cases.push(c)
    options.onCase?.(c)
    await sleep(options.gapMs ?? DEFAULT_GAP_MS)
  }
  await sleep(options.settleMs ?? DEFAULT_SETTLE_MS)
  const entries = await mock.admin.requests({ vendor, since: start })
  const findings = judgeRun({ entries, deliveries: sent, submitRoutes: catalogFor(vendor).profile.submitRoutes })
  const run: ReportCase = {
    suite: `webhooks ${vendor}`,
    name: 'journal: no result downloaded twice, no second task, nothing done on a forged delivery',
    passed: findings.length === 0,
    durationMs: 0,
    findings,
    details: { requests: entries.length },
  }
  options.onCase?.(run)
  return [...cases, run]
}

export async function runWebhooks(options: WebhooksOptions): Promise<Report> {
  const startedAt = new Date().toISOString()
  const started = performance.now()
  const captured: Array<{ url: string; body: string }> = []
  const mock = await startMockServer({
    port: options.mockPort ?? 0,
    timeScale: 'manual',
    vendors: options.vendors,
    // The mock renders callbacks for the plan; this tool delivers them itself.
    send: async (url, body) => {
      captured.push({ url, body })
      return { status: 200 }
    },
    onViolation: () => undefined,
  })
  try {
    options.onMock?.({ url: mock.url, baseUrls: mock.baseUrls })
    const cases: ReportCase[] = []
    for (const vendor of options.vendors) cases.push(...(await runVendor(vendor, mock, captured, options)))
    return {
      title: `veomock webhooks (${options.vendors.join(', ')}) → ${options.to}${options.secret ? ' (signed)' : ''}`,
      startedAt,
      durationMs: performance.now() - started,
      cases,
    }
  } finally {
    await mock.close()
  }
}
