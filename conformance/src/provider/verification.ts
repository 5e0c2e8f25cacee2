// One verification run (contract §6): every probe of one vendor against one target, each probe one
// case of the report. The in-process mock is started here when the target is `mock`; Prism and the
// recorder are wrapped around the target when asked for.
import type { VendorId } from '../../../mock-server/src/core/dialect.js'
import { redactSecrets } from '../../../mock-server/src/core/journal.js'
import { specValidator } from '../../../mock-server/src/core/validation.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import type { Finding, ReportCase } from '../report/report.js'
import { type Probe, ProbeSession, ProbeStop, TransportError } from './probe.js'
import { manualClock, type ProbeClock, scaledClock } from './probe-clock.js'
import { PROBES } from './probes/index.js'
import { type PrismProxy, startPrismProxy } from './prism-proxy.js'
import { createRecorder, type Recorder } from './recording.js'
import { MOCK_API_KEY, type TargetChoice } from './targets.js'

export interface VerifyOptions {
  vendor: VendorId
  target: TargetChoice
  /** Virtual seconds per real second of the target; `manual` only for the in-process mock. */
  timeScale: number | 'manual'
  /** The key from the environment (live and URL targets); never printed or written. */
  apiKey?: string | undefined
  /** Paid generations allowed; the in-process mock costs nothing and ignores it. */
  spend: number
  viaPrism?: boolean
  recordDir?: string | undefined
  /** Only these probe ids (default all). */
  only?: readonly string[] | undefined
  /** Progress lines for stderr; already scrubbed of secrets. */
  log(line: string): void
}

export interface VerifyResult {
  cases: ReportCase[]
  /** A human name of the target for the report title; contains no secret. */
  targetLabel: string
}

/** Paid probes take one generation each from this budget, before their first request. */
class SpendBudget {
  private left: number
  constructor(allowed: number) {
    this.left = allowed
  }
  take(): boolean {
    if (this.left <= 0) return false
    this.left--
    return true
  }
  /** A reserved generation that was not spent (the vendor refused the request as documented). */
  giveBack(): void {
    this.left++
  }
}

export async function verifyVendor(options: VerifyOptions): Promise<VerifyResult> {
  const { vendor, target } = options
  const secrets = options.apiKey ? [options.apiKey] : []
  const log = (line: string) => options.log(redactSecrets(line, secrets))
  const probes = PROBES[vendor].filter((p) => !options.only || options.only.includes(p.id))

  let mock: RunningMockServer | undefined
  let prism: PrismProxy | undefined
  let recorder: Recorder | undefined
  try {
    let baseUrl: string
    let apiKey: string | undefined
    let clock: ProbeClock
    let budget: SpendBudget
    let targetLabel: string
    if (target.kind === 'mock') {
      mock = await startMockServer({
        port: 0,
        vendors: [vendor],
        timeScale: options.timeScale,
        strict: true,
        // A strict violation is answered 500 and shows up as drift; say why on stderr too.
        onViolation: (message) => log(`veomock --strict violation: ${message}`),
      })
      baseUrl = mock.baseUrls[vendor]
      apiKey = MOCK_API_KEY
      clock = options.timeScale === 'manual' ? manualClock(mock.admin) : scaledClock(options.timeScale)
      // The mock's generations are free: every paid probe runs.
      budget = new SpendBudget(Number.POSITIVE_INFINITY)
      targetLabel = `the in-process mock (time scale ${options.timeScale})`
    } else {
      if (!target.baseUrl) throw new Error(`Failed to verify ${vendor}: the target has no base URL`)
      if (options.timeScale === 'manual') throw new Error('Failed to verify: --time-scale manual needs --target mock (only the in-process clock can be moved)')
      baseUrl = target.baseUrl
      apiKey = options.apiKey
      clock = scaledClock(options.timeScale)
      budget = new SpendBudget(options.spend)
      targetLabel = `${target.kind === 'live' ? 'live ' : ''}${baseUrl}${options.timeScale === 1 ? '' : ` (time scale ${options.timeScale})`}`
    }
    if (options.viaPrism) {
      log(`starting Prism's validation proxy in front of ${baseUrl}`)
      prism = await startPrismProxy(specValidator(vendor).name, baseUrl, { secrets })
      targetLabel += ' via Prism'
    }
    if (options.recordDir) recorder = createRecorder(options.recordDir, { vendor, secrets })

    const cases: ReportCase[] = []
    for (const probe of probes) {
      cases.push(await runProbe(probe, { vendor, baseUrl: prism?.url ?? baseUrl, apiKey, clock, budget, prism: Boolean(prism), recorder, secrets, log }))
    }
    return { cases: redactSecrets(cases, secrets), targetLabel }
  } finally {
    await recorder?.close()
    await prism?.close()
    await mock?.close()
  }
}

interface ProbeEnvironment {
  vendor: VendorId
  baseUrl: string
  apiKey: string | undefined
  clock: ProbeClock
  budget: SpendBudget
  prism: boolean
  recorder: Recorder | undefined
  secrets: readonly string[]
  log(line: string): void
}

async function runProbe(probe: Probe, env: ProbeEnvironment): Promise<ReportCase> {
  const suite = `verify ${env.vendor}`
  const skipped = (reason: string): ReportCase => ({
    suite,
    name: probe.name,
    passed: true,
    skipped: true,
    durationMs: 0,
    findings: [],
    details: { probe: probe.id, paid: probe.paid, skipped: reason },
  })
  if (probe.needsKey && !env.apiKey) return skipped('no API key in the environment')
  // Enforced before the probe sends anything: a paid probe outside the budget never starts.
  if (probe.paid && !env.budget.take()) return skipped('paid probe: allow it with --spend <n>')
  if (probe.mayCreateTask && !env.budget.take()) return skipped(`may create a paid task (${probe.mayCreateTask}): allow it with --spend <n>`)

  const session = new ProbeSession({
    vendor: env.vendor,
    spec: specValidator(env.vendor),
    baseUrl: env.baseUrl,
    apiKey: env.apiKey,
    clock: env.clock,
    episode: probe.id,
    secrets: env.secrets,
    recorder: env.recorder,
    prism: env.prism,
    log: env.log,
  })
  const started = performance.now()
  await session.start()
  const findings: Finding[] = []
  try {
    await probe.run(session)
  } catch (error) {
    if (error instanceof TransportError) findings.push({ check: 'transport', message: error.message })
    else if (!(error instanceof ProbeStop)) {
      // A bug or an unexpected answer shape: the case fails, but it is not classified as drift.
      findings.push({ check: 'probe-error', message: `Failed to run the ${probe.id} probe: ${(error as Error).message}` })
    }
  }
  findings.unshift(...session.findings)
  // Refused as documented: nothing was generated, so the reserved generation is still there.
  if (probe.mayCreateTask && findings.length === 0) env.budget.giveBack()
  return {
    suite,
    name: probe.name,
    passed: findings.length === 0,
    durationMs: performance.now() - started,
    findings,
    details: { probe: probe.id, paid: probe.paid, ...session.details },
  }
}
