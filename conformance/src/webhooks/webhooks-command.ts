// `veomock webhooks`: judge a long-running service's webhook endpoint (contract §8). Prints the
// mock's URL, then the summary (last line `N passed, N failed`), writes reports on request and
// returns the exit code: 0 all passed, 1 any failure, 2 a usage error (contract §7).
import { VENDOR_IDS } from '../../../vendors/index.js'
import { parsedOrExit, parseFlags, parseReportFormats, parseVendorList, positiveNumber, UsageError } from '../command-args.js'
import { formatSummary, type ReportFormat, writeReports } from '../report/report.js'
import { runWebhooks, type WebhooksOptions } from './webhooks-run.js'

export const WEBHOOKS_HELP = `veomock webhooks: judge your service's webhook endpoint as each vendor would call it.

Usage:
  veomock webhooks --vendor <id|all> --to <url> [--secret <key>] [options]

Delivers, as the vendor would, every documented callback body (success, each failure form, KIE
1080p / extend / 4K, both forms where sources conflict), duplicates, a late redelivery, a failure
after a success for the same task, a task the receiver never saw, malformed bodies and, where the
vendor signs (KIE) and --secret is given, forged signatures (wrong key, missing, an hour old).
Result URLs point at a mock this command runs, so what the service does next (downloads, new
submits) is seen in the mock's journal.

Judged: every genuine delivery acknowledged the way the vendor counts it (KIE and Apixo: HTTP 200;
Xenodia and odkkk: any 2xx) within the vendor's callback timeout; every forged or malformed delivery
refused (non-2xx) when a secret is configured; no result downloaded twice, no second task, nothing
done on a forged delivery.

Options:
  --vendor <id|all>     ${VENDOR_IDS.join(', ')}, a comma-separated list, or all (required)
  --to <url>            the receiver; {vendor} in it is replaced by the vendor id, e.g.
                        http://127.0.0.1:3000/webhooks/{vendor} (required)
  --secret <key>        the signing key the service verifies (KIE webhookHmacKey); also read from
                        VEO_WEBHOOK_SECRET. Never printed or written
  --mock-port <n>       port of the mock that serves the result URLs. Default any free port
  --time-scale <N>      divide each vendor's callback timeout by N (a service under test on a scaled
                        clock); floors at 0.5 s. Default 1: the vendors' real timeouts
  --report <formats>    junit, json, html (comma-separated)
  --out <dir>           where reports go. Default webhooks-report
  --verbose             show findings of passing deliveries too
  -h, --help            this text

Exit code: 0 when every delivery passed, 1 when any failed, 2 on a usage error.
`

interface ParsedWebhooks {
  options: Omit<WebhooksOptions, 'onMock' | 'onCase'>
  formats: ReportFormat[]
  out: string
  verbose: boolean
  help: boolean
}

export function parseWebhooksArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedWebhooks {
  const v = parseFlags(argv, {
    vendor: { type: 'string' },
    to: { type: 'string' },
    secret: { type: 'string' },
    'mock-port': { type: 'string' },
    'time-scale': { type: 'string' },
    report: { type: 'string' },
    out: { type: 'string' },
    verbose: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  })
  if (v.help) return { options: { vendors: [], to: '' }, formats: [], out: '', verbose: false, help: true }
  const vendors = parseVendorList(v.vendor)
  if (!v.to) throw new UsageError('--to <url> is required (the receiver; {vendor} is replaced by the vendor id)')
  try {
    const url = new URL(v.to.split('{vendor}').join('kie'))
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
  } catch {
    throw new UsageError(`--to must be an http(s) URL, got "${v.to}"`)
  }
  const mockPort = v['mock-port'] === undefined ? undefined : Number(v['mock-port'])
  if (mockPort !== undefined && (!Number.isInteger(mockPort) || mockPort < 0 || mockPort > 65535))
    throw new UsageError(`--mock-port must be a port number, got "${v['mock-port']}"`)
  const timeScale = positiveNumber('time-scale', v['time-scale'], false)
  const formats = parseReportFormats(v.report)
  const secret = v.secret ?? (env.VEO_WEBHOOK_SECRET || undefined)
  return {
    options: {
      vendors,
      to: v.to,
      ...(secret ? { secret } : {}),
      ...(mockPort !== undefined ? { mockPort } : {}),
      ...(timeScale !== undefined ? { timeScale } : {}),
    },
    formats,
    out: v.out ?? 'webhooks-report',
    verbose: v.verbose ?? false,
    help: false,
  }
}

export async function webhooksCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const command = parsedOrExit('webhooks', WEBHOOKS_HELP, () => parseWebhooksArgs(argv, env))
  if (typeof command === 'number') return command
  try {
    const report = await runWebhooks({
      ...command.options,
      onMock: (mock) => {
        process.stdout.write(`veomock webhooks: result URLs are served by the mock at ${mock.url}\n`)
        for (const [vendor, url] of Object.entries(mock.baseUrls)) process.stdout.write(`  ${vendor.padEnd(8)} ${url}\n`)
      },
    })
    for (const file of await writeReports(report, command.formats, command.out, 'webhooks')) process.stdout.write(`wrote ${file}\n`)
    process.stdout.write(formatSummary(report, { verbose: command.verbose }))
    return report.cases.some((c) => !c.passed && !c.skipped) ? 1 : 0
  } catch (error) {
    const message =
      (error as Error & { code?: string }).code === 'EADDRINUSE'
        ? `the mock port is busy (${(error as Error).message}); pick another --mock-port`
        : (error as Error).message
    process.stderr.write(`veomock webhooks: ${message}\n`)
    return 1
  }
}
