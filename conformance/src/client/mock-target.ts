// Running one case against the mock: arm it on the case's own API key (an admin scenario rule, a
// balance), run the client, read back the journal entries and tasks of that key, judge. Every case
// has a distinct key, so cases run side by side and the journal still attributes each request.
import { performance } from 'node:perf_hooks'
import type { AdminClient, JournalEntry, ScenarioRule } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import { type Finding, passes, type ReportCase } from '../report/report.js'
import type { ClientRun, ClientRunner } from './client-run.js'
import type { ConformanceCase, VendorProfile } from './conformance-case.js'
import { isSubmit, judgeCase, type JudgeInput } from './judges.js'
import type { ClientEnv } from './protocol.js'

/**
 * Real milliseconds a client gets on top of its budget / N: process start-up on a busy machine. Node
 * starts in 0.1–0.5 s idle and a few seconds when two cores run a dozen clients; a correct client is
 * never near this limit, only a client that does not stop.
 */
export const STARTUP_MARGIN_MS = 8000

export interface MockTarget {
  admin: AdminClient
  baseUrls: Readonly<Partial<Record<VendorId, string>>>
  timeScale: number
}

/** The case's real-time limit: its budget / N, a quarter more for timer slack, plus a start-up margin. */
export function realTimeoutFor(testCase: ConformanceCase, timeScale: number, marginMs = STARTUP_MARGIN_MS): number {
  return (testCase.request.timeoutMs / timeScale) * 1.5 + marginMs
}

/** What to tell the reader when a case was stopped at its real-time limit. */
export function killedHint(timeScale: number, realTimeoutMs: number): string {
  return (
    `the client was stopped after ${Math.round(realTimeoutMs)} ms of real time (its budget at time scale ${timeScale} plus start-up margin). ` +
    'If it stops correctly on its own budget, the machine was too busy: rerun with a lower --time-scale or --concurrency'
  )
}

/**
 * The base URL a client is given: the mock's base URL for the vendor plus the path of the vendor's
 * real base URL (odkkk `…/apiv1`, docs/vendors/odkkk.md §1), which the mock serves too. A client
 * that drops that path then leaves the base URL in the journal, as it would miss in production.
 */
export function clientBaseUrl(mockBaseUrl: string, profile: Pick<VendorProfile, 'realBasePath'>): string {
  const url = mockBaseUrl.replace(/\/+$/, '')
  const base = profile.realBasePath
  return base === '' || url.endsWith(base) ? url : url + base
}

/** `vc-<vendor>-<case>-<run>`: distinct per case and per run, so a shared mock keeps them apart. */
export function caseApiKey(vendor: VendorId, caseId: string, runId: string): string {
  return `vc-${vendor}-${caseId}-${runId}`
}

/** The sequence number of the newest journal entry (entries held plus entries evicted). */
async function journalCursor(admin: AdminClient): Promise<number> {
  const health = await admin.health()
  return health.counts.requests + health.evicted.requests
}

export function suiteName(vendor: VendorId): string {
  return `conformance ${vendor}`
}

export function caseTitle(testCase: ConformanceCase): string {
  return `${testCase.id}: ${testCase.name}`
}

/** Findings for a run that broke the protocol (its standard error goes into the case's `stderr`). */
export function runFindings(run: ClientRun): ReportCase['findings'] {
  if (!run.problem) return []
  return [{ check: 'client-protocol', message: run.problem }]
}

/**
 * Requests without a bearer key cannot be matched by key. Those that name one of the case's tasks
 * (path or query) are the case's; when no request carried the case key at all, so are the submits
 * that arrived while it ran (every case runs the same client, so they are its doing either way).
 */
export function attributeKeyless(
  window: readonly JournalEntry[],
  entries: readonly JournalEntry[],
  taskIds: readonly string[],
  profile: VendorProfile,
): JournalEntry[] {
  const keyless = window.filter((e) => e.keyId === null)
  const namesTask = (e: JournalEntry) => taskIds.some((id) => e.path.includes(id) || Object.values(e.query ?? {}).some((v) => v === id))
  return keyless.filter((e) => namesTask(e) || (entries.length === 0 && isSubmit(e, profile)))
}

/** What a mode other than polling adds to a case (callback mode, contract §5.2). */
export interface CaseExtras {
  /** Merged into the client's environment. */
  env?: Partial<ClientEnv>
  /** More judges, run after the case's own with the same input. */
  judge?(input: JudgeInput): Promise<Finding[]>
  /** Suite name instead of `conformance <vendor>`. */
  suite?: string
}

export async function runMockCase(
  target: MockTarget,
  profile: VendorProfile,
  testCase: ConformanceCase,
  runner: ClientRunner,
  runId: string,
  extras: CaseExtras = {},
): Promise<ReportCase> {
  const { admin, timeScale } = target
  const vendor = profile.vendor
  const mockBaseUrl = target.baseUrls[vendor]
  if (!mockBaseUrl) throw new Error(`Failed to run ${vendor} cases: the mock does not serve ${vendor}`)
  const baseUrl = clientBaseUrl(mockBaseUrl, profile)
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const apiKey = caseApiKey(vendor, testCase.id, runId)

  const rules: ScenarioRule[] = []
  if (testCase.arm.scenario) rules.push(await admin.addScenario({ scenario: testCase.arm.scenario, match: { apiKey, vendor } }))
  if (testCase.arm.credits !== undefined) await admin.setCredits(apiKey, testCase.arm.credits)
  const cursor = await journalCursor(admin)

  const realTimeout = realTimeoutFor(testCase, timeScale, runner.startupMarginMs ?? STARTUP_MARGIN_MS)
  const run = await runner.run(testCase.request, { vendor, baseUrl, apiKey, timeScale, ...extras.env }, { realTimeoutMs: realTimeout })

  const entries = await admin.requests({ apiKey })
  const keyIds = new Set(entries.map((e) => e.keyId).filter((k): k is string => k !== null))
  const tasks = keyIds.size === 0 ? [] : (await admin.tasks({ vendor })).filter((t) => t.keyId !== null && keyIds.has(t.keyId))
  const unattributed = attributeKeyless(
    await admin.requests({ vendor, since: cursor }),
    entries,
    tasks.map((t) => t.id),
    profile,
  )
  for (const rule of rules) await admin.deleteScenario(rule.id).catch(() => undefined)

  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '')
  const input: JudgeInput = { testCase, profile, outcome: run.outcome, entries, unattributed, tasks, timeScale, basePath }
  const findings = [...runFindings(run), ...judgeCase(input), ...((await extras.judge?.(input)) ?? [])]
  const passed = passes(findings)
  return {
    suite: extras.suite ?? suiteName(vendor),
    name: caseTitle(testCase),
    passed,
    startedAt,
    durationMs: performance.now() - started,
    findings,
    ...(!passed && run.stderrTail ? { stderr: run.stderrTail } : {}),
    ...(run.timedOut ? { hint: killedHint(timeScale, realTimeout) } : {}),
    properties: { vendor, case: testCase.id, timeScale: String(timeScale), requests: String(entries.length), clientMs: String(Math.round(run.durationMs)) },
    details: {
      caseId: testCase.id,
      vendor,
      apiKey,
      ...(testCase.vendorNote ? { vendorNote: testCase.vendorNote } : {}),
      arm: testCase.arm,
      request: testCase.request,
      expected: testCase.expect,
      judges: testCase.judges,
      outcome: run.outcome,
      tasks: tasks.map((t) => ({ id: t.id, state: t.state, vendorState: t.vendorState })),
      requests: entries.length,
      clientMs: Math.round(run.durationMs),
    },
  }
}
