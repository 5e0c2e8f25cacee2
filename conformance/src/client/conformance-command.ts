// `veomock conformance`: judge a client implementation through every scenario (contract §5, §7).
// Prints the summary (last line `N passed, N failed`), writes reports on request, and returns the
// exit code: 0 all passed, 1 any failure, 2 a usage error.
import { urlProblem } from '../../../mock-server/src/ports.js'
import { VENDOR_IDS, type VendorId } from '../../../vendors/index.js'
import {
  type FlagValues,
  parsedOrExit,
  parseFlags,
  parseIdList,
  parseReportFormats,
  parseSpend,
  parseVendorList,
  positiveNumber,
  UsageError,
} from '../command-args.js'
import { exitCodeOf, formatSummary, type ReportFormat, writeReports } from '../report/report.js'
import { catalogFor } from './catalog.js'
import { type ClientSpec, DEFAULT_CONCURRENCY, runConformance, unknownCaseIds } from './conformance-run.js'
import { killRunningClients } from './command-runner.js'
import { liveCases } from './live-target.js'
import { callbackCases } from './callback-cases.js'
import { callbackCaseIds, signsCallbacks } from './callback-run.js'

export { runConformance, type ConformanceOptions } from './conformance-run.js'

export const CONFORMANCE_HELP = `veomock conformance: run a client implementation through every scenario against the mock.

Usage:
  veomock conformance --vendor <id|all> --client "<command>" [options]
  veomock conformance --vendor <id|all> --module <path> [options]

The client (any language) is started once per case with VEO_VENDOR, VEO_BASE_URL, VEO_API_KEY and
VEO_TIME_SCALE in its environment, reads one JSON request on standard input and writes one JSON
outcome to standard output, exit 0 (contract §5). The command runs through "sh -c".

Options:
  --vendor <id|all>        ${VENDOR_IDS.join(', ')}, a comma-separated list, or all (required)
  --client "<command>"     the client as a shell command, e.g. "python3 client.py"
  --module <path>          a JavaScript/TypeScript module exporting generate(request, env) (in-process)
  --mode poll|callback     callback: the client receives callbacks (contract §5.2). Each case adds
                           VEO_CALLBACK_HOST and VEO_CALLBACK_PORT (where the client starts its receiver)
                           and, for KIE, VEO_WEBHOOK_SECRET (the key the mock signs with); the cases are every
                           scenario that creates a task plus callback_lost, callback_delayed, callback_forged,
                           judged also on the callback URL, acknowledgements within the vendor's timeout,
                           refusing forgeries and falling back to polling. Default poll
  --time-scale <N>         virtual seconds per real second for every case. Default: each case its own
                           (60 where a judge times short intervals, 30 for retries, up to 600 for long cases)
  --cases <ids>            comma-separated case ids to run (see --list). Default all
  --concurrency <n>        cases run side by side; each has its own API key. Default from the cores:
                           ${DEFAULT_CONCURRENCY} here for --client (6 per core), 8 per core for --module
  --mock-url <url>         use a running veomock (its own time scale) instead of starting one
  --target mock|live       live: the success path, a wrong key and an invalid request against the real
                           vendor, keys from KIE_API_KEY, APIXO_API_KEY, XENODIA_API_KEY, ODKKK_API_KEY
                           (never printed); journal judges are skipped. Default mock
  --base-url <url>         live only: instead of the vendor's base URL (one vendor)
  --spend <n>              live only: allow n paid generations (the success cases). Default 0
  --report <formats>       junit, json, html (comma-separated)
  --out <dir>              where reports go. Default conformance-report
  --list                   list the cases of the selected vendors and exit
  --warnings-as-errors     exit 1 when any case has a warning (advice the vendor does not make a rule)
  --verbose                show findings of passing cases too
  -h, --help               this text

Findings are fail (a documented vendor rule or a contract rule broken: the case fails) or warn
(advice, or a reading the suite prefers where the docs allow several: counted on the line
"N warnings" before "N passed, N failed"). Every documented reading passes; the ambiguity
register, cited in the reports, lists them with their sources.

Exit code: 0 when every case passed, 1 when any failed (or warned, with --warnings-as-errors),
2 on a usage error.
`

function listCases(vendors: readonly VendorId[], target: 'mock' | 'live'): string {
  const lines: string[] = []
  for (const vendor of vendors) {
    lines.push(vendor)
    const cases = target === 'live' ? liveCases(vendor) : catalogFor(vendor).cases
    for (const c of cases) lines.push(`  ${c.id.padEnd(22)} ${c.name}${c.live ? ` [live: ${c.live}]` : ''}`)
  }
  return lines.join('\n') + '\n'
}

function listCallbackCases(vendors: readonly VendorId[]): string {
  const lines: string[] = []
  for (const vendor of vendors) {
    lines.push(`${vendor} (callback mode)`)
    for (const c of callbackCases(vendor, signsCallbacks)) lines.push(`  ${c.id.padEnd(22)} ${c.name}`)
  }
  return lines.join('\n') + '\n'
}

interface ParsedCommand {
  vendors: VendorId[]
  mode: 'poll' | 'callback'
  client?: ClientSpec
  timeScale?: number
  cases?: string[]
  concurrency?: number
  mockUrl?: string
  target: 'mock' | 'live'
  baseUrl?: string
  spend: number
  formats: ReportFormat[]
  out: string
  list: boolean
  verbose: boolean
  warningsAsErrors: boolean
  help: boolean
}

const CONFORMANCE_FLAGS = {
  vendor: { type: 'string' },
  client: { type: 'string' },
  module: { type: 'string' },
  mode: { type: 'string' },
  'time-scale': { type: 'string' },
  cases: { type: 'string' },
  concurrency: { type: 'string' },
  'mock-url': { type: 'string' },
  target: { type: 'string' },
  'base-url': { type: 'string' },
  spend: { type: 'string' },
  report: { type: 'string' },
  out: { type: 'string' },
  list: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'warnings-as-errors': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

type ConformanceFlags = FlagValues<typeof CONFORMANCE_FLAGS>

/** Target, mode and the flags that only make sense with some of them. */
function checkCombinations(v: ConformanceFlags, vendors: readonly VendorId[]): { target: 'mock' | 'live'; mode: 'poll' | 'callback' } {
  const target = v.target ?? 'mock'
  if (target !== 'mock' && target !== 'live') throw new UsageError(`--target must be mock or live, got "${target}"`)
  const mode = v.mode ?? 'poll'
  if (mode !== 'poll' && mode !== 'callback') throw new UsageError(`--mode must be poll or callback, got "${mode}"`)
  if (mode === 'callback' && target === 'live') throw new UsageError('--mode callback needs the mock: a live vendor cannot reach a local receiver')
  if (v.client !== undefined && v.module !== undefined) throw new UsageError('give either --client or --module, not both')
  if (!v.list && v.client === undefined && v.module === undefined) throw new UsageError('--client "<command>" or --module <path> is required')
  if (target === 'live' && v['mock-url']) throw new UsageError('--mock-url makes no sense with --target live')
  const mockUrlProblem = v['mock-url'] === undefined ? null : urlProblem(v['mock-url'], '--mock-url')
  if (mockUrlProblem) throw new UsageError(mockUrlProblem)
  if (target === 'mock' && (v['base-url'] !== undefined || v.spend !== undefined)) throw new UsageError('--base-url and --spend apply to --target live only')
  if (v['base-url'] !== undefined && vendors.length !== 1) throw new UsageError('--base-url needs exactly one --vendor')
  if (v['time-scale'] !== undefined && v['mock-url'] !== undefined)
    throw new UsageError('--time-scale applies to a mock started here; a running mock (--mock-url) keeps its own')
  if (v['time-scale'] !== undefined && target === 'live') throw new UsageError('--time-scale does not apply to --target live (always 1)')
  return { target, mode }
}

/** `--cases`: every id must be a case of the selected vendors in the selected mode and target. */
function checkCaseIds(raw: string | undefined, vendors: readonly VendorId[], mode: 'poll' | 'callback', target: 'mock' | 'live'): string[] | undefined {
  const cases = parseIdList(raw)
  if (!cases?.length) return undefined
  const known = mode === 'callback' ? callbackCaseIds(vendors) : undefined
  const unknown = known ? cases.filter((c) => !known.has(c)) : unknownCaseIds(vendors, cases, target)
  if (unknown.length > 0) throw new UsageError(`--cases: unknown case id(s) ${unknown.join(', ')}; run with --list to see them`)
  return cases
}

export function parseConformanceArgs(argv: string[]): ParsedCommand {
  const v = parseFlags(argv, CONFORMANCE_FLAGS)
  if (v.help)
    return { vendors: [], mode: 'poll', target: 'mock', spend: 0, formats: [], out: '', list: false, verbose: false, warningsAsErrors: false, help: true }
  const vendors = parseVendorList(v.vendor)
  const { target, mode } = checkCombinations(v, vendors)
  const formats = parseReportFormats(v.report)
  const cases = checkCaseIds(v.cases, vendors, mode, target)
  const spend = parseSpend(v.spend)
  const client: ClientSpec | undefined = v.client !== undefined ? { command: v.client } : v.module !== undefined ? { module: v.module } : undefined
  return {
    vendors,
    mode,
    ...(client ? { client } : {}),
    ...(v['time-scale'] !== undefined ? { timeScale: positiveNumber('time-scale', v['time-scale'], false) } : {}),
    ...(cases ? { cases } : {}),
    ...(v.concurrency !== undefined ? { concurrency: positiveNumber('concurrency', v.concurrency, true) } : {}),
    ...(v['mock-url'] ? { mockUrl: v['mock-url'] } : {}),
    target,
    ...(v['base-url'] ? { baseUrl: v['base-url'] } : {}),
    spend,
    formats,
    out: v.out ?? 'conformance-report',
    list: v.list ?? false,
    verbose: v.verbose ?? false,
    warningsAsErrors: v['warnings-as-errors'] ?? false,
    help: false,
  }
}

export async function conformanceCommand(argv: string[]): Promise<number> {
  const command = parsedOrExit('conformance', CONFORMANCE_HELP, () => parseConformanceArgs(argv))
  if (typeof command === 'number') return command
  if (command.list) {
    process.stdout.write(command.mode === 'callback' ? listCallbackCases(command.vendors) : listCases(command.vendors, command.target))
    return 0
  }
  // Clients run in process groups of their own; an interrupted run must not leave them behind.
  const interrupted = (signal: NodeJS.Signals) => {
    killRunningClients()
    process.stderr.write(`veomock conformance: interrupted by ${signal}\n`)
    process.exit(signal === 'SIGINT' ? 130 : 143)
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    const report = await runConformance({
      vendors: command.vendors,
      client: command.client as ClientSpec,
      target: command.target,
      mode: command.mode,
      spend: command.spend,
      ...(command.timeScale !== undefined ? { timeScale: command.timeScale } : {}),
      ...(command.cases ? { cases: command.cases } : {}),
      ...(command.concurrency !== undefined ? { concurrency: command.concurrency } : {}),
      ...(command.mockUrl ? { mockUrl: command.mockUrl } : {}),
      ...(command.baseUrl ? { baseUrl: command.baseUrl } : {}),
    })
    for (const file of await writeReports(report, command.formats, command.out, 'conformance')) process.stdout.write(`wrote ${file}\n`)
    process.stdout.write(formatSummary(report, { verbose: command.verbose }))
    return exitCodeOf(report, { warningsAsErrors: command.warningsAsErrors })
  } catch (error) {
    process.stderr.write(`veomock conformance: ${(error as Error).message}\n`)
    return 1
  } finally {
    process.off('SIGINT', interrupted)
    process.off('SIGTERM', interrupted)
  }
}
