// `veomock verify --vendor <id> --target mock|live|<url>` (contract §6, §7): probe a vendor or the
// mock for drift, print the summary (last line `N passed, N failed`), write reports on request,
// exit 1 on any drift.
import { usageLine } from '../../../mock-server/src/usage.js'
import { VENDOR_IDS, type VendorId } from '../../../vendors/index.js'
import { type FlagValues, parseFlags, parseIdList, parseReportFormats, parseSpend, parseVendorList, UsageError } from '../command-args.js'
import { redactSecrets } from '../../../lib/redaction.js'
import { formatSummary, type Report, type ReportCase, type ReportFormat, writeReports } from '../report/report.js'
import { PROBES } from './probes/index.js'
import { urlProblem } from '../../../mock-server/src/ports.js'
import { KEY_ENV_VARS, LIVE_BASE_URLS, parseTarget } from './targets.js'
import { verifyVendor } from './verification.js'

export const VERIFY_HELP = `veomock verify: probe a vendor's Veo 3.1 API (or the mock) for drift from its spec.

Usage: veomock verify --vendor <id> --target mock|live|<url> [options]

Targets:
  mock            start the mock in-process (strict) and probe it
  live            the vendor itself: ${Object.entries(LIVE_BASE_URLS)
    .map(([v, u]) => `${v} ${u}`)
    .join(', ')}
  <url>           any base URL, e.g. a running veomock's http://127.0.0.1:4010/kie

Options:
  --vendor <id>           ${VENDOR_IDS.join(', ')} (a comma-separated list runs several; all = every vendor)
  --target <t>            mock, live or a base URL (required)
  --time-scale <N|manual> the target runs N vendor seconds per real second (a veomock or replay started
                          with --time-scale N): every wait of the probes is divided by N. manual (mock
                          target only) moves the in-process clock instead of waiting. Default: manual for
                          mock, 1 otherwise
  --spend <n>             allow n paid generations (live and URL targets; a veomock is free). The
                          lifecycle probe gets them first, then probes a vendor might bill.
                          Default 0: only free probes run
  --via-prism             send the probes through Prism's validation proxy and fold its violations in
  --record <dir>          record every exchange (secrets redacted) for veomock serve --replay
  --probe <ids>           only these probes (comma-separated), e.g. missing-key,lifecycle
  --report <formats>      junit,json,html
  --out <dir>             where reports go. Default ./veomock-reports
  -h, --help              this text

Keys come only from the environment: ${Object.values(KEY_ENV_VARS).join(', ')} (the vendor's variable is
used for live and URL targets). They are never printed or written: reports, recordings and logs are
scrubbed. Probes that need a key are skipped without one, each with its reason in the summary and
every report, except against a URL that is a veomock (or a replay), where a dummy key is sent. A
run in which every probe of a vendor was skipped fails.

Drift classes: schema (a status or body the spec does not allow; JSON pointer, rule, value),
behaviour (another status, envelope code or state sequence than documented), timing (a task far
slower than documented). A field that every documented example of an answer carries and the answer
lacks is schema drift too, even where the spec makes it optional. Exit code 1 on any drift, 2 on a usage error.
`

export interface VerifyIo {
  stdout(text: string): void
  stderr(text: string): void
  env: NodeJS.ProcessEnv
}

const processIo: VerifyIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
}

function parseScale(raw: string | undefined, isMock: boolean): number | 'manual' {
  if (raw === undefined) return isMock ? 'manual' : 1
  if (raw === 'manual') {
    if (!isMock) throw new UsageError('--time-scale manual needs --target mock; give the N the target runs at')
    return 'manual'
  }
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--time-scale must be a positive number or "manual", got "${raw}"`)
  return n
}

const VERIFY_FLAGS = {
  vendor: { type: 'string' },
  target: { type: 'string' },
  'time-scale': { type: 'string' },
  spend: { type: 'string' },
  'via-prism': { type: 'boolean' },
  record: { type: 'string' },
  probe: { type: 'string' },
  report: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

type VerifyFlags = FlagValues<typeof VERIFY_FLAGS>

/** What can be checked before any probe runs: vendors, target, formats, spend, probe ids. */
function checkVerifyFlags(values: VerifyFlags): { vendors: VendorId[]; target: string; formats: ReportFormat[]; spend: number } {
  const vendors = parseVendorList(values.vendor)
  if (!values.target) throw new UsageError('--target is required: mock, live or a base URL')
  // A target that is neither mock, live nor a fetchable URL is a usage error (exit 2), found before any probe runs.
  if (values.target !== 'mock' && values.target !== 'live') {
    const problem = urlProblem(values.target, '--target')
    if (problem) throw new UsageError(`${problem}; use mock, live or a base URL`)
  }
  const formats = parseReportFormats(values.report)
  const spend = parseSpend(values.spend)
  const ids = parseIdList(values.probe)
  for (const id of ids ?? []) {
    if (!vendors.some((v) => PROBES[v].some((p) => p.id === id))) throw new UsageError(`--probe: no probe "${id}" for ${vendors.join(', ')}`)
  }
  return { vendors, target: values.target, formats, spend }
}

/** Probes each vendor in turn; the cases and a label per vendor. */
async function probeVendors(values: VerifyFlags, checked: ReturnType<typeof checkVerifyFlags>, io: VerifyIo, say: (text: string) => void) {
  const cases: ReportCase[] = []
  const labels: string[] = []
  for (const vendor of checked.vendors) {
    const target = parseTarget(checked.target, vendor)
    const timeScale = parseScale(values['time-scale'], target.kind === 'mock')
    if (target.kind === 'live' && timeScale !== 1) throw new UsageError('--time-scale: live vendors run in real time (N = 1)')
    const apiKey = target.kind === 'mock' ? undefined : io.env[KEY_ENV_VARS[vendor]] || undefined
    if (target.kind !== 'mock' && !apiKey)
      say(
        `veomock verify: ${KEY_ENV_VARS[vendor]} is not set; probes that need a key are skipped${target.kind === 'url' ? ' unless the target is a veomock' : ''}\n`,
      )
    const result = await verifyVendor({
      vendor,
      target,
      timeScale,
      apiKey,
      spend: checked.spend,
      viaPrism: values['via-prism'] ?? false,
      recordDir: values.record,
      only: parseIdList(values.probe),
      log: (line) => say(`${line}\n`),
    })
    cases.push(...result.cases)
    labels.push(`${vendor} against ${result.targetLabel}`)
  }
  return { cases, labels }
}

export async function verifyCommand(argv: string[], io: VerifyIo = processIo): Promise<number> {
  let values: VerifyFlags
  let checked: ReturnType<typeof checkVerifyFlags>
  try {
    values = parseFlags(argv, VERIFY_FLAGS)
    if (values.help) {
      io.stdout(VERIFY_HELP)
      return 0
    }
    checked = checkVerifyFlags(values)
  } catch (error) {
    io.stderr(usageLine('verify', (error as Error).message))
    return 2
  }

  // Every key any vendor might use is scrubbed from everything this command prints or writes.
  const secrets = Object.values(KEY_ENV_VARS)
    .map((name) => io.env[name])
    .filter((k): k is string => Boolean(k))
  const say = (text: string) => io.stderr(redactSecrets(text, secrets))
  const started = performance.now()
  const startedAt = new Date().toISOString()
  let probed: Awaited<ReturnType<typeof probeVendors>>
  try {
    probed = await probeVendors(values, checked, io, say)
  } catch (error) {
    const usage = error instanceof UsageError
    say(usage ? usageLine('verify', (error as Error).message) : `veomock verify: ${(error as Error).message}\n`)
    return usage ? 2 : 1
  }
  const { cases, labels } = probed
  const report: Report = redactSecrets({ title: `veomock verify: ${labels.join('; ')}`, startedAt, durationMs: performance.now() - started, cases }, secrets)
  // Files first, so the summary's `N passed, N failed` is the last thing on the console.
  let writeFailed = false
  try {
    const written = await writeReports(report, checked.formats, values.out ?? 'veomock-reports', 'verify')
    for (const file of written) say(`wrote ${file}\n`)
  } catch (error) {
    say(`veomock verify: Failed to write reports: ${(error as Error).message}\n`)
    writeFailed = true
  }
  io.stdout(redactSecrets(formatSummary(report), secrets))
  if (writeFailed) return 1
  return cases.some((c) => !c.passed && !c.skipped) ? 1 : 0
}
