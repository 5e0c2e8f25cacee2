// One verification run (contract §6): every probe of one vendor against one target, each probe one
// case of the report. The in-process mock is started here when the target is `mock`; Prism and the
// recorder are wrapped around the target when asked for.
import type { VendorId } from '../../../vendors/index.js'
import { redactSecrets } from '../../../lib/redaction.js'
import { specValidator } from '../../../lib/spec/validation.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import type { Finding, ReportCase } from '../report/report.js'
import { type Probe, ProbeSession, ProbeStop, TransportError } from './probe.js'
import { manualClock, type ProbeClock, scaledClock } from './probe-clock.js'
import { PROBES } from './probes/index.js'
import { type PrismProxy, startPrismProxy } from './prism-proxy.js'
import { createRecorder, type Recorder } from './recording.js'
import { KEY_ENV_VARS, MOCK_API_KEY, type TargetChoice } from './targets.js'
import { isVeomock } from './veomock-target.js'

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

/**
 * The generations `--spend` allows, planned before any probe runs: the paid probes (the lifecycle)
 * get them first, then the rejection probes that a vendor ignoring a disputed rule might bill; a
 * reservation given back (the vendor refused as documented) goes to a later risky probe.
 */
export class SpendBudget {
  private readonly planned = new Set<string>()
  private spare = 0
  constructor(allowed: number, probes: readonly Probe[]) {
    let left = allowed
    for (const probe of [...probes.filter((p) => p.paid), ...probes.filter((p) => !p.paid && p.mayCreateTask)]) {
      if (left <= 0) break
      this.planned.add(probe.id)
      left--
    }
  }
  /** Whether this probe may spend a generation; consumes its reservation or a spare one. */
  take(probe: Probe): boolean {
    if (this.planned.delete(probe.id)) return true
    if (this.spare <= 0) return false
    this.spare--
    return true
  }
  /** A reserved generation that was not spent (the vendor refused the request as documented). */
  giveBack(): void {
    this.spare++
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
      budget = new SpendBudget(Number.POSITIVE_INFINITY, probes)
      targetLabel = `the in-process mock (time scale ${options.timeScale})`
    } else {
      if (!target.baseUrl) throw new Error(`Failed to verify ${vendor}: the target has no base URL`)
      if (options.timeScale === 'manual') throw new Error('Failed to verify: --time-scale manual needs --target mock (only the in-process clock can be moved)')
      baseUrl = target.baseUrl
      apiKey = options.apiKey
      clock = scaledClock(options.timeScale)
      budget = new SpendBudget(options.spend, probes)
      targetLabel = `${target.kind === 'live' ? 'live ' : ''}${baseUrl}${options.timeScale === 1 ? '' : ` (time scale ${options.timeScale})`}`
      // A veomock (or a replay) takes any key and generates for free: run every probe (contract §6).
      if (target.kind === 'url' && (await isVeomock(baseUrl, vendor))) {
        if (!apiKey) {
          apiKey = MOCK_API_KEY
          log(`${baseUrl} is a veomock: using the dummy key "${MOCK_API_KEY}" instead of skipping the probes that need one`)
        }
        budget = new SpendBudget(Number.POSITIVE_INFINITY, probes)
        targetLabel += ' (a veomock)'
      }
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
    // A run that checked nothing is not a pass (contract §6).
    if (cases.length > 0 && cases.every((c) => c.skipped)) cases.push(allSkipped(vendor, cases))
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

function allSkipped(vendor: VendorId, cases: readonly ReportCase[]): ReportCase {
  const reasons = [...new Set(cases.map((c) => c.skipReason ?? 'no reason given'))]
  return {
    suite: `verify ${vendor}`,
    name: `At least one ${vendor} probe runs`,
    passed: false,
    durationMs: 0,
    findings: [
      {
        check: 'all-skipped',
        message: `Every ${vendor} probe was skipped, so nothing was verified: ${reasons.join('; ')}. Set ${KEY_ENV_VARS[vendor]} or allow generations with --spend <n>.`,
        evidence: { skipped: cases.map((c) => `${String(c.details?.probe)}: ${c.skipReason ?? ''}`) },
      },
    ],
  }
}

async function runProbe(probe: Probe, env: ProbeEnvironment): Promise<ReportCase> {
  const suite = `verify ${env.vendor}`
  const skipped = (reason: string): ReportCase => {
    env.log(`skipped ${env.vendor} ${probe.id}: ${reason}`)
    return {
      suite,
      name: probe.name,
      passed: true,
      skipped: true,
      skipReason: reason,
      durationMs: 0,
      findings: [],
      details: { probe: probe.id, paid: probe.paid, skipped: reason },
    }
  }
  if (probe.needsKey && !env.apiKey) return skipped(`no API key: set ${KEY_ENV_VARS[env.vendor]}`)
  // Enforced before the probe sends anything: a paid probe outside the budget never starts.
  if (probe.paid && !env.budget.take(probe)) return skipped('paid probe (one generation): allow it with --spend <n>')
  if (probe.mayCreateTask && !env.budget.take(probe)) return skipped(`may create a paid task (${probe.mayCreateTask}): allow it with --spend <n>`)

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
