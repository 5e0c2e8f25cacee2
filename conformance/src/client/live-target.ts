// `--target live`: the cases that need no fault injection, against the real vendor — the success
// path (paid), a deliberately wrong key, and a request the vendor must reject. Keys come from the
// environment (contract §6: KIE_API_KEY, APIXO_API_KEY, XENODIA_API_KEY, ODKKK_API_KEY) and are
// never printed or written: every text that reaches the report is scrubbed of them. Paid cases run
// only within `--spend <n>`, counted before the paid call. Time scale 1. Judges that read the mock's
// journal cannot run here and are listed as skipped in each case; the outcome judge still applies.
import { performance } from 'node:perf_hooks'
import type { VendorId } from '../../../vendors/index.js'
import { redactSecrets } from '../../../lib/redaction.js'
import { passes, type ReportCase } from '../report/report.js'
import { catalogFor } from './catalog.js'
import type { ClientRunner } from './client-run.js'
import { type ConformanceCase, JOURNAL_JUDGES } from './conformance-case.js'
import { judgeCase } from './judges.js'
import { caseTitle, runFindings, STARTUP_MARGIN_MS, suiteName } from './mock-target.js'

export const LIVE_NOTE = 'live target: judges that read the mock journal are skipped; outcome judges apply'

export interface LiveOptions {
  vendors: readonly VendorId[]
  caseIds?: readonly string[]
  runner: ClientRunner
  /** Instead of the vendor's real base URL (tests point it at a local imitation). */
  baseUrl?: string
  /** Paid generations allowed in all (contract §6 `--spend`); 0 runs only free cases. */
  spend: number
  /** Where the vendor keys are read from. */
  environment: NodeJS.ProcessEnv
  runId: string
  onCase?(result: ReportCase): void
}

/** The cases `--target live` can run for a vendor. */
export function liveCases(vendor: VendorId, ids?: readonly string[]): ConformanceCase[] {
  return catalogFor(vendor).cases.filter((c) => c.live !== undefined && (!ids || ids.length === 0 || ids.includes(c.id)))
}

/** A key no vendor accepts, for the auth-rejection case. */
export function wrongKey(runId: string): string {
  return `veomock-conformance-invalid-key-${runId}`
}

function skipped(vendor: VendorId, testCase: ConformanceCase, reason: string): ReportCase {
  return {
    suite: suiteName(vendor),
    name: caseTitle(testCase),
    passed: true,
    skipped: true,
    skipReason: reason,
    durationMs: 0,
    findings: [],
    details: { caseId: testCase.id, vendor, target: 'live', skippedBecause: reason },
  }
}

export async function runLiveCases(options: LiveOptions): Promise<ReportCase[]> {
  const results: ReportCase[] = []
  let spent = 0
  const record = (result: ReportCase) => {
    results.push(result)
    options.onCase?.(result)
  }
  for (const vendor of options.vendors) {
    const { profile } = catalogFor(vendor)
    const baseUrl = (options.baseUrl ?? profile.liveBaseUrl).replace(/\/$/, '')
    const realKey = options.environment[profile.liveKeyEnv]
    for (const testCase of liveCases(vendor, options.caseIds)) {
      const usesRealKey = testCase.id !== 'unauthorized'
      if (usesRealKey && !realKey) {
        record(skipped(vendor, testCase, `${profile.liveKeyEnv} is not set`))
        continue
      }
      if (testCase.live === 'paid') {
        // Counted before the call: a paid case that fails or crashes has still spent its generation.
        if (spent + 1 > options.spend) {
          record(skipped(vendor, testCase, `a paid generation; allowed only with --spend <n> (spent ${spent} of ${options.spend})`))
          continue
        }
        spent += 1
      }
      const apiKey = usesRealKey ? (realKey as string) : wrongKey(options.runId)
      const secrets = realKey ? [realKey] : []
      const started = performance.now()
      const run = await options.runner.run(
        testCase.request,
        { vendor, baseUrl, apiKey, timeScale: 1 },
        { realTimeoutMs: testCase.request.timeoutMs + STARTUP_MARGIN_MS },
      )
      const skippedJudges = testCase.judges.filter((j) => JOURNAL_JUDGES.includes(j))
      const findings = [
        ...runFindings(run),
        ...judgeCase({ testCase, profile, outcome: run.outcome, entries: null, unattributed: null, tasks: null, timeScale: 1 }, JOURNAL_JUDGES),
      ]
      const result: ReportCase = {
        suite: suiteName(vendor),
        name: caseTitle(testCase),
        passed: passes(findings),
        durationMs: performance.now() - started,
        findings,
        ...(!passes(findings) && run.stderrTail ? { stderr: run.stderrTail } : {}),
        details: {
          caseId: testCase.id,
          vendor,
          target: 'live',
          baseUrl,
          paid: testCase.live === 'paid',
          expected: testCase.expect,
          outcome: run.outcome,
          skippedJudges,
          note: LIVE_NOTE,
          clientMs: Math.round(run.durationMs),
        },
      }
      record(redactSecrets(result, secrets))
    }
  }
  return results
}
