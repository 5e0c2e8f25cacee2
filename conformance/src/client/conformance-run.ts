// runConformance: the whole suite, for the CLI and for tests. Starts an in-process mock (or uses a
// running one, or the live vendor), runs the selected cases of each vendor with bounded
// concurrency — each case on its own API key — and returns the report in catalog order.
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { AdminClient } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import type { Report, ReportCase } from '../report/report.js'
import { catalogFor } from './catalog.js'
import type { ClientRunner } from './client-run.js'
import { commandRunner } from './command-runner.js'
import type { ConformanceCase, VendorProfile } from './conformance-case.js'
import { type Generate, inProcessRunner, loadInProcessClient } from './in-process-runner.js'
import { LIVE_NOTE, liveCases, runLiveCases } from './live-target.js'
import { type MockTarget, runMockCase } from './mock-target.js'

/**
 * Default N. The judges of time resolve about N × (request latency): on a busy two-core machine a
 * request takes 5–20 ms, which at N=500 is 2.5–10 s of vendor time — as much as the 5 s poll
 * guidance and the 10 s Retry-After being judged, so a tight poll loop or an ignored Retry-After
 * could pass. At 300 they are caught, and the slowest case (`slow`, up to 50 vendor minutes) still
 * takes under 10 s; all four vendors take about 12 s (measured, reference clients, load 8 on 2 cores).
 */
export const DEFAULT_CONFORMANCE_TIME_SCALE = 300
export const DEFAULT_CONCURRENCY = 12

export type ClientSpec = { command: string; cwd?: string } | { module: string } | { generate: Generate; describe?: string }

export interface ConformanceOptions {
  vendors: readonly VendorId[]
  client: ClientSpec
  /** N of contract §2 for a mock started here; a running mock (`mockUrl`) reports its own. */
  timeScale?: number
  /** Case ids (`--cases`); default all. */
  cases?: readonly string[]
  concurrency?: number
  /** Use a running mock instead of starting one. */
  mockUrl?: string
  target?: 'mock' | 'live'
  /** Live only: instead of the vendor's base URL. */
  baseUrl?: string
  /** Live only: paid generations allowed (contract §6). */
  spend?: number
  /** Where live keys are read from; default process.env. */
  environment?: NodeJS.ProcessEnv
  /** Called as each case finishes (progress output). */
  onCase?(result: ReportCase): void
}

export async function clientRunner(spec: ClientSpec): Promise<ClientRunner> {
  if ('command' in spec) return commandRunner(spec.command, spec.cwd ? { cwd: spec.cwd } : {})
  if ('module' in spec) return inProcessRunner(await loadInProcessClient(spec.module), `module ${spec.module}`)
  return inProcessRunner(spec.generate, spec.describe ?? 'in-process client')
}

/** Case ids that no selected vendor has. */
export function unknownCaseIds(vendors: readonly VendorId[], ids: readonly string[], target: 'mock' | 'live' = 'mock'): string[] {
  const known = new Set(vendors.flatMap((v) => (target === 'live' ? liveCases(v) : catalogFor(v).cases).map((c) => c.id)))
  return ids.filter((id) => !known.has(id))
}

/** Runs `work` over items with at most `limit` in flight; results keep the items' order. */
export async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  return results
}

async function mockTarget(options: ConformanceOptions): Promise<{ target: MockTarget; mock?: RunningMockServer }> {
  if (options.mockUrl) {
    const admin = new AdminClient(options.mockUrl)
    const health = await admin.health()
    const scale = health.clock.scale
    if (typeof scale !== 'number')
      throw new Error(`Failed to use the mock at ${options.mockUrl}: its clock is manual; conformance needs a running clock (--time-scale N)`)
    const baseUrls: Partial<Record<VendorId, string>> = {}
    for (const v of health.vendors) baseUrls[v.id as VendorId] = v.baseUrl
    const missing = options.vendors.filter((v) => !baseUrls[v])
    if (missing.length > 0) throw new Error(`Failed to use the mock at ${options.mockUrl}: it does not serve ${missing.join(', ')}`)
    return { target: { admin, baseUrls, timeScale: scale } }
  }
  const timeScale = options.timeScale ?? DEFAULT_CONFORMANCE_TIME_SCALE
  // Strict: a response that violates the mock's own spec is answered 500 and shows up in the
  // journal, where the mock-strict judge reports it (instead of stderr noise).
  const mock = await startMockServer({ port: 0, timeScale, strict: true, vendors: options.vendors, onViolation: () => undefined })
  return { target: { admin: mock.admin, baseUrls: mock.baseUrls, timeScale }, mock }
}

function describeClient(spec: ClientSpec): string {
  if ('command' in spec) return spec.command
  if ('module' in spec) return `module ${spec.module}`
  return spec.describe ?? 'in-process client'
}

export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const startedAt = new Date().toISOString()
  const started = performance.now()
  const target = options.target ?? 'mock'
  const unknown = unknownCaseIds(options.vendors, options.cases ?? [], target)
  if (unknown.length > 0) throw new Error(`Failed to select cases: unknown case id(s) ${unknown.join(', ')}`)
  const runner = await clientRunner(options.client)
  const runId = randomBytes(4).toString('hex')

  if (target === 'live') {
    const cases = await runLiveCases({
      vendors: options.vendors,
      caseIds: options.cases,
      runner,
      spend: options.spend ?? 0,
      environment: options.environment ?? process.env,
      runId,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      ...(options.onCase ? { onCase: options.onCase } : {}),
    })
    return {
      title: `veomock conformance (live ${options.vendors.join(', ')}): ${describeClient(options.client)}; ${LIVE_NOTE}`,
      startedAt,
      durationMs: performance.now() - started,
      cases,
    }
  }

  const { target: mock, mock: server } = await mockTarget(options)
  try {
    const work: Array<{ profile: VendorProfile; testCase: ConformanceCase }> = []
    for (const vendor of options.vendors) {
      const { profile, cases } = catalogFor(vendor)
      for (const testCase of cases) if (!options.cases?.length || options.cases.includes(testCase.id)) work.push({ profile, testCase })
    }
    const run = async (item: (typeof work)[number]) => {
      const result = await runMockCase(mock, item.profile, item.testCase, runner, runId)
      options.onCase?.(result)
      return result
    }
    const shared = work.filter((w) => !w.testCase.exclusive)
    const alone = work.filter((w) => w.testCase.exclusive)
    const results = new Map<(typeof work)[number], ReportCase>()
    // Longest first: a `slow` case (ten times the usual duration) that starts late ends the run late.
    const ordered = [...shared.filter((w) => w.testCase.arm.scenario === 'slow'), ...shared.filter((w) => w.testCase.arm.scenario !== 'slow')]
    const parallel = await mapWithConcurrency(ordered, options.concurrency ?? DEFAULT_CONCURRENCY, run)
    ordered.forEach((w, i) => results.set(w, parallel[i] as ReportCase))
    for (const w of alone) results.set(w, await run(w))
    return {
      title: `veomock conformance (${options.vendors.join(', ')}): ${describeClient(options.client)} at time scale ${mock.timeScale}`,
      startedAt,
      durationMs: performance.now() - started,
      cases: work.map((w) => results.get(w) as ReportCase),
    }
  } finally {
    await server?.close()
  }
}
