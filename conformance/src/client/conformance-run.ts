// runConformance: the whole suite, for the CLI and for tests. Starts an in-process mock (or uses a
// running one, or the live vendor), runs the selected cases of each vendor with bounded
// concurrency — each case on its own API key — and returns the report in catalog order.
import { randomBytes } from 'node:crypto'
import { availableParallelism } from 'node:os'
import { performance } from 'node:perf_hooks'
import { AdminClient, AdminError } from '../../../mock-server/src/admin/admin-client.js'
import { describeFetchError } from '../../../mock-server/src/fetch-error.js'
import type { VendorId } from '../../../vendors/index.js'
import { specValidator } from '../../../lib/spec/validation.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import type { Report, ReportCase } from '../report/report.js'
import { catalogFor } from './catalog.js'
import type { ClientRunner } from './client-run.js'
import { commandRunner } from './command-runner.js'
import type { ConformanceCase, VendorProfile } from './conformance-case.js'
import { type Generate, inProcessRunner, loadInProcessClient } from './in-process-runner.js'
import { LIVE_NOTE, liveCases, runLiveCases } from './live-target.js'
import { caseTitle, type MockTarget, runMockCase, suiteName } from './mock-target.js'

/**
 * Without `--time-scale`, each case runs at its own N (shared-cases.ts TIME_SCALES): low where a
 * judge times short intervals, high for long cases. This is the N of cases that name none.
 */
export const DEFAULT_CONFORMANCE_TIME_SCALE = 300

/**
 * Cases side by side. Clients mostly wait (a case is minutes of vendor time at N=60–600), so several
 * per core; a command client is a process whose start-up (~0.15 s of CPU for the reference client)
 * competes for the cores, so fewer than in-process. Start-up does not count against a client's
 * budget (it counts from the client's own start) and the kill limit has a wide margin.
 */
export function defaultConcurrency(spec: ClientSpec, cores = availableParallelism()): number {
  return 'command' in spec ? Math.max(4, cores * 6) : Math.max(4, cores * 8)
}
/** For --help: the default on this machine for a command client. */
export const DEFAULT_CONCURRENCY = defaultConcurrency({ command: '' })

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
  /** `callback`: the client receives callbacks (contract §5.2, callback-run.ts). Default poll. */
  mode?: 'poll' | 'callback'
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

/** Mock targets by key (time scale and vendor options), started on first use; one for a running mock. */
class MockTargets {
  private readonly started = new Map<string, Promise<{ target: MockTarget; mock: RunningMockServer }>>()
  readonly scales = new Set<number>()
  constructor(
    private readonly options: ConformanceOptions,
    private readonly running?: MockTarget,
    /** Forgets the run's own namespace on a shared mock. */
    private readonly release?: () => Promise<unknown>,
  ) {}

  static async open(options: ConformanceOptions, runId: string): Promise<MockTargets> {
    if (!options.mockUrl) return new MockTargets(options)
    // A shared mock: this run gets a fresh namespace of its own (contract §4.1), so many CI jobs
    // can use one deployment at once; a mock without namespaces is used as it is.
    const root = options.mockUrl.replace(/\/+$/, '')
    let admin = new AdminClient(`${root}/ns/conformance-${runId}`)
    const health = await admin
      .health()
      .catch(async (error: unknown) => {
        if ((error as { status?: number }).status !== 404) throw error
        admin = new AdminClient(root)
        return admin.health()
      })
      .catch((error: unknown) => {
        if (error instanceof AdminError)
          throw new Error(`Failed to use the mock at ${options.mockUrl}: GET /__admin/health answered ${error.status}; is it a veomock (veomock serve)?`)
        throw new Error(`Failed to reach the mock at ${options.mockUrl}: ${describeFetchError(error)}; is veomock serve running there?`)
      })
    const isolated = admin.url !== root
    const scale = health.clock.scale
    if (typeof scale !== 'number')
      throw new Error(`Failed to use the mock at ${options.mockUrl}: its clock is manual; conformance needs a running clock (--time-scale N)`)
    const baseUrls: Partial<Record<VendorId, string>> = {}
    for (const v of health.vendors) baseUrls[v.id as VendorId] = v.baseUrl
    const missing = options.vendors.filter((v) => !baseUrls[v])
    if (missing.length > 0) throw new Error(`Failed to use the mock at ${options.mockUrl}: it does not serve ${missing.join(', ')}`)
    // Its own reset forgets the namespace when the run is over.
    return new MockTargets(options, { admin, baseUrls, timeScale: scale }, isolated ? () => admin.reset() : undefined)
  }

  /** Why a case cannot run on a running mock (its vendor options would change the mock for everyone), or null. */
  cannotRun(testCase: ConformanceCase): string | null {
    return this.running && testCase.mockOptions ? 'it needs vendor options of its own, which a shared running mock (--mock-url) cannot take' : null
  }

  async for(testCase: ConformanceCase): Promise<MockTarget> {
    if (this.running) return this.running
    const timeScale = this.options.timeScale ?? testCase.timeScale ?? DEFAULT_CONFORMANCE_TIME_SCALE
    const key = `${timeScale} ${JSON.stringify(testCase.mockOptions ?? {})}`
    let entry = this.started.get(key)
    if (!entry) {
      // Strict: a response that violates the mock's own spec is answered 500 and shows up in the
      // journal, where the mock-strict judge reports it (instead of stderr noise).
      entry = startMockServer({
        port: 0,
        timeScale,
        strict: true,
        vendors: this.options.vendors,
        onViolation: () => undefined,
        ...(testCase.mockOptions ? { vendorOptions: testCase.mockOptions } : {}),
      }).then(async (mock) => {
        await warmUp(mock.baseUrls)
        return { mock, target: { admin: mock.admin, baseUrls: mock.baseUrls, timeScale } }
      })
      this.started.set(key, entry)
    }
    this.scales.add(timeScale)
    return (await entry).target
  }

  describeScales(): string {
    const scales = this.running ? [this.running.timeScale] : [...this.scales].sort((x, y) => x - y)
    return this.options.timeScale !== undefined || this.running ? `time scale ${scales.join(', ')}` : `time scales ${scales.join(', ')} (per case)`
  }

  async close(): Promise<void> {
    await this.release?.().catch(() => undefined)
    await Promise.all([...this.started.values()].map(async (entry) => (await entry.catch(() => undefined))?.mock.close()))
  }
}

const warmed = new Set<VendorId>()

/**
 * Compiles every body and response validator of the vendors' specs up front (running from the
 * sources the mock compiles each on first use); the warm-up requests below cover the rest.
 */
export function warmValidators(vendors: readonly VendorId[]): void {
  for (const vendor of vendors) {
    if (warmed.has(vendor)) continue
    const spec = specValidator(vendor)
    for (const key of spec.validatorKeys()) if (!key.startsWith('q:')) spec.validatePointer(key, null)
    warmed.add(vendor)
  }
}

/** A valid submit per vendor, and its poll path, for the warm-up. */
const WARM_UP: Record<VendorId, { submit: string; body: unknown; poll: (id: string) => string }> = {
  kie: { submit: '/api/v1/veo/generate', body: { prompt: 'warm-up', model: 'veo3_fast' }, poll: (id) => `/api/v1/veo/record-info?taskId=${id}` },
  apixo: {
    submit: '/api/v1/generateTask/veo-3-1',
    body: { request_type: 'async', input: { mode: 'fast', prompt: 'warm-up' } },
    poll: (id) => `/api/v1/statusTask/veo-3-1?taskId=${id}`,
  },
  xenodia: { submit: '/v1/videos/generations', body: { prompt: 'warm-up', model: 'veo3.1_fast' }, poll: (id) => `/v1/tasks/${id}` },
  odkkk: { submit: '/v1/videos/generations', body: { prompt: 'warm-up', model: 'veo3.1-pro' }, poll: (id) => `/v1/tasks/${id}` },
}

/**
 * One submit, one poll and one unknown-task poll per vendor before any case is timed, on a key of
 * its own (no case reads it). Running from the sources, the mock compiles each validator on first
 * use, and a burst of first requests blocks the event loop for hundreds of milliseconds — at N=30
 * that is seconds of vendor time, which would blur every timing judge. The built package ships
 * precompiled validators; there the warm-up costs a few milliseconds.
 */
async function warmUp(baseUrls: Readonly<Partial<Record<VendorId, string>>>): Promise<void> {
  const headers = { authorization: 'Bearer veomock-conformance-warm-up', 'content-type': 'application/json' }
  await Promise.all(
    Object.entries(baseUrls).map(async ([vendor, base]) => {
      const warm = WARM_UP[vendor as VendorId]
      if (!warm || !base) return
      const created = await fetch(base + warm.submit, { method: 'POST', headers, body: JSON.stringify(warm.body) }).then((r) => r.json() as Promise<unknown>)
      const body = created as { data?: { taskId?: string }; task_id?: string; id?: string }
      const id = body.data?.taskId ?? body.task_id ?? body.id ?? 'unknown-task'
      for (const taskId of [id, 'veomock-warm-up-unknown']) await (await fetch(base + warm.poll(taskId), { headers })).arrayBuffer()
    }),
  ).catch(() => undefined)
}

/** A rough real duration of a case, to start the longest first. */
function weight(testCase: ConformanceCase, timeScale: number): number {
  const virtual = testCase.arm.scenario === 'slow' ? 30 * 60_000 : testCase.tasks ? 4 * 60_000 : testCase.maxSubmits > 1 ? 3 * 60_000 : 10_000
  return virtual / timeScale
}

function describeClient(spec: ClientSpec): string {
  if ('command' in spec) return spec.command
  if ('module' in spec) return `module ${spec.module}`
  return spec.describe ?? 'in-process client'
}

export async function runConformance(options: ConformanceOptions): Promise<Report> {
  if (options.mode === 'callback') return (await import('./callback-run.js')).runCallbackConformance(options)
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

  const targets = await MockTargets.open(options, runId)
  try {
    const work: Array<{ profile: VendorProfile; testCase: ConformanceCase }> = []
    for (const vendor of options.vendors) {
      const { profile, cases } = catalogFor(vendor)
      for (const testCase of cases) if (!options.cases?.length || options.cases.includes(testCase.id)) work.push({ profile, testCase })
    }
    const run = async (item: (typeof work)[number]) => {
      const reason = targets.cannotRun(item.testCase)
      const result = reason
        ? skippedCase(item.profile.vendor, item.testCase, reason)
        : await runMockCase(await targets.for(item.testCase), item.profile, item.testCase, runner, runId)
      options.onCase?.(result)
      return result
    }
    const scaleOf = (c: ConformanceCase) => options.timeScale ?? c.timeScale
    const ordered = [...work].sort((x, y) => weight(y.testCase, scaleOf(y.testCase)) - weight(x.testCase, scaleOf(x.testCase)))
    const results = new Map<(typeof work)[number], ReportCase>()
    const parallel = await mapWithConcurrency(ordered, options.concurrency ?? defaultConcurrency(options.client), run)
    ordered.forEach((w, i) => results.set(w, parallel[i] as ReportCase))
    return {
      title: `veomock conformance (${options.vendors.join(', ')}): ${describeClient(options.client)} at ${targets.describeScales()}`,
      startedAt,
      durationMs: performance.now() - started,
      cases: work.map((w) => results.get(w) as ReportCase),
    }
  } finally {
    await targets.close()
  }
}

function skippedCase(vendor: VendorId, testCase: ConformanceCase, reason: string): ReportCase {
  return { suite: suiteName(vendor), name: caseTitle(testCase), passed: true, skipped: true, skipReason: reason, durationMs: 0, findings: [] }
}
