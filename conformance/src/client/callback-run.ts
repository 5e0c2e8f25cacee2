// `veomock conformance --mode callback` (contract §5.2): the same protocol, for a client that
// receives callbacks. Each case gets a free port on 127.0.0.1 for the client's receiver
// (VEO_CALLBACK_HOST, VEO_CALLBACK_PORT) and, for a vendor that signs, the key the mock signs with
// for this run (VEO_WEBHOOK_SECRET); the callback judges read the mock's callback journal.
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { AdminClient } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import { allDialects } from '../../../mock-server/src/dialects/index.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import type { Report, ReportCase } from '../report/report.js'
import { type CallbackCase, callbackCases } from './callback-cases.js'
import { judgeCallbackCase } from './callback-judges.js'
import { catalogFor } from './catalog.js'
import { type ConformanceOptions, clientRunner, defaultConcurrency, mapWithConcurrency, warmValidators } from './conformance-run.js'
import { BASE_REQUEST, BUDGET, type VendorProfile } from './conformance-case.js'
import { type MockTarget, runMockCase } from './mock-target.js'
import type { CallbackEnv } from './protocol.js'

export const CALLBACK_HOST = '127.0.0.1'

// The mock's own dialect: the policy and signing judged are the ones the in-process mock follows.
function dialectOf(vendor: VendorId) {
  const dialect = allDialects.find((d) => d.id === vendor)
  if (!dialect) throw new Error(`Failed to run callback cases: no dialect for ${vendor}`)
  return dialect
}

/** Vendors that sign callbacks once a key is set (KIE webhookHmacKey); the suite always sets one. */
export function signsCallbacks(vendor: VendorId): boolean {
  return dialectOf(vendor).callbacks.signing !== undefined
}

export function callbackCaseIds(vendors: readonly VendorId[]): Set<string> {
  return new Set(vendors.flatMap((v) => callbackCases(v, signsCallbacks).map((c) => c.id)))
}

/** A port nothing listens on right now, for the client's receiver. */
export function freePort(host = CALLBACK_HOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

/**
 * Where the cases run: a running mock (its own time scale), or one in-process mock per time scale,
 * started on first use, each signing KIE callbacks with this run's key (contract §5.2) and warmed up
 * before its first case. Each case runs at its own N (callback-cases.ts), or `--time-scale`.
 */
class CallbackTargets {
  private readonly started = new Map<number, Promise<{ target: MockTarget; mock: RunningMockServer }>>()
  readonly scales = new Set<number>()
  private constructor(
    private readonly options: ConformanceOptions,
    private readonly secret: string,
    private readonly runId: string,
    private readonly running?: MockTarget,
  ) {}

  static async open(options: ConformanceOptions, secret: string, runId: string): Promise<CallbackTargets> {
    if (!options.mockUrl) return new CallbackTargets(options, secret, runId)
    const admin = new AdminClient(options.mockUrl)
    const health = await admin.health()
    const scale = health.clock.scale
    if (typeof scale !== 'number') throw new Error(`Failed to use the mock at ${options.mockUrl}: its clock is manual; conformance needs a running clock`)
    const baseUrls: Partial<Record<VendorId, string>> = {}
    for (const v of health.vendors) baseUrls[v.id as VendorId] = v.baseUrl
    // The running mock signs KIE callbacks with this run's key (contract §5.2).
    if (options.vendors.includes('kie')) await admin.patchOptions({ kie: { webhookHmacKey: secret } })
    const target = { admin, baseUrls, timeScale: scale }
    await warmUp(target, options.vendors, secret, runId)
    return new CallbackTargets(options, secret, runId, target)
  }

  async for(testCase: CallbackCase): Promise<MockTarget> {
    if (this.running) return this.running
    const timeScale = this.options.timeScale ?? testCase.timeScale
    let entry = this.started.get(timeScale)
    if (!entry) {
      entry = startMockServer({ port: 0, timeScale, strict: true, vendors: this.options.vendors, kieHmacKey: this.secret, onViolation: () => undefined }).then(
        async (mock) => {
          const target = { admin: mock.admin, baseUrls: mock.baseUrls, timeScale }
          await warmUp(target, this.options.vendors, this.secret, this.runId)
          return { target, mock }
        },
      )
      this.started.set(timeScale, entry)
    }
    this.scales.add(timeScale)
    return (await entry).target
  }

  describeScales(): string {
    const scales = this.running ? [this.running.timeScale] : [...this.scales].sort((x, y) => x - y)
    return scales.length === 1 ? `time scale ${scales[0]}` : `time scales ${scales.join(', ')} (per case)`
  }

  async close(): Promise<void> {
    await Promise.all([...this.started.values()].map(async (entry) => (await entry.catch(() => undefined))?.mock.close()))
  }
}

async function runCase(
  target: MockTarget,
  profile: VendorProfile,
  testCase: CallbackCase,
  options: ConformanceOptions,
  runner: Awaited<ReturnType<typeof clientRunner>>,
  runId: string,
  secret: string,
): Promise<ReportCase> {
  const vendor = profile.vendor
  const callback: CallbackEnv = { host: CALLBACK_HOST, port: await freePort(), ...(signsCallbacks(vendor) ? { secret } : {}) }
  const policy = dialectOf(vendor).callbacks.policy
  return runMockCase(target, profile, testCase, runner, `${runId}-cb`, {
    env: { callback },
    suite: `conformance ${vendor} (callback)`,
    judge: async (input) => {
      const attempts = (await Promise.all((input.tasks ?? []).map((t) => target.admin.callbacks({ taskId: t.id })))).flat()
      return judgeCallbackCase({ ...input, testCase, attempts, callback, policy })
    },
  })
}

/**
 * One success per vendor with the reference client before the cases: the first submits, polls and
 * callbacks of a process compile and optimise code, which stalls it for a second or more — enough
 * to delay an acknowledgement past a scaled-down vendor timeout. The cases then judge the client,
 * not the suite's warm-up.
 */
async function warmUp(target: MockTarget, vendors: readonly VendorId[], secret: string, runId: string): Promise<void> {
  const { generate } = await import('../../clients/index.js')
  await Promise.all(
    vendors.map(async (vendor) => {
      const baseUrl = target.baseUrls[vendor]
      if (!baseUrl) return
      const callback: CallbackEnv = { host: CALLBACK_HOST, port: await freePort(), ...(signsCallbacks(vendor) ? { secret } : {}) }
      const request = { ...BASE_REQUEST, timeoutMs: BUDGET.normal }
      await generate(request, { vendor, baseUrl, apiKey: `vc-${vendor}-warm-up-${runId}`, timeScale: target.timeScale, callback }).catch(() => undefined)
    }),
  )
}

export async function runCallbackConformance(options: ConformanceOptions): Promise<Report> {
  const startedAt = new Date().toISOString()
  const started = performance.now()
  if (options.target === 'live') throw new Error('Failed to run callback mode: --mode callback needs the mock (a live vendor cannot reach a local receiver)')
  const known = callbackCaseIds(options.vendors)
  const unknown = (options.cases ?? []).filter((id) => !known.has(id))
  if (unknown.length > 0) throw new Error(`Failed to select cases: unknown callback case id(s) ${unknown.join(', ')}`)
  const runner = await clientRunner(options.client)
  const runId = randomBytes(4).toString('hex')
  const secret = randomBytes(18).toString('base64url')
  warmValidators(options.vendors)
  const targets = await CallbackTargets.open(options, secret, runId)
  try {
    const work: Array<{ profile: VendorProfile; testCase: CallbackCase }> = []
    for (const vendor of options.vendors) {
      const profile = catalogFor(vendor).profile
      for (const testCase of callbackCases(vendor, signsCallbacks))
        if (!options.cases?.length || options.cases.includes(testCase.id)) work.push({ profile, testCase })
    }
    const run = async (w: (typeof work)[number]) => {
      const result = await runCase(await targets.for(w.testCase), w.profile, w.testCase, options, runner, runId, secret)
      options.onCase?.(result)
      return result
    }
    const results = new Map<(typeof work)[number], ReportCase>()
    const shared = work.filter((w) => !w.testCase.exclusive)
    const ordered = [...shared.filter((w) => w.testCase.arm.scenario === 'slow'), ...shared.filter((w) => w.testCase.arm.scenario !== 'slow')]
    const parallel = await mapWithConcurrency(ordered, options.concurrency ?? defaultConcurrency(options.client), run)
    ordered.forEach((w, i) => results.set(w, parallel[i] as ReportCase))
    for (const w of work.filter((x) => x.testCase.exclusive)) results.set(w, await run(w))
    return {
      title: `veomock conformance --mode callback (${options.vendors.join(', ')}): ${runner.describe} at ${targets.describeScales()}`,
      startedAt,
      durationMs: performance.now() - started,
      cases: work.map((w) => results.get(w) as ReportCase),
    }
  } finally {
    await targets.close()
  }
}
