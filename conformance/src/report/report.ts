// Reports shared by `veomock conformance` and `veomock verify` (contract §5.1, §7): a human summary
// whose last lines are `N warnings` and `N passed, N failed`, and JUnit XML, JSON and HTML files on
// request. Every report lists failures first, then warnings, then passes, then skipped cases.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { toHtml } from './html-report.js'
import { toJUnit } from './junit-report.js'
import { type CaseStatus, counts, findingLines, lastLines, orderedCases, type Report, type ReportFormat, statusOf, warningsOf } from './report-model.js'

export * from './report-model.js'

const MARK: Record<CaseStatus, string> = { failed: '✗', warned: '!', passed: '✓', skipped: '-' }

/**
 * The human summary; its last lines are `N skipped` (when any), `N warnings` and, last, exactly
 * `N passed, N failed` (contract §5.1 and §7: CI jobs read that line as it is).
 */
export function formatSummary(report: Report, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [report.title, '']
  const many = new Set(report.cases.map((c) => c.suite)).size > 1
  for (const c of orderedCases(report)) {
    const status = statusOf(c)
    const suite = many ? `[${c.suite}] ` : ''
    lines.push(
      c.skipped
        ? `  ${MARK[status]} ${suite}${c.name} (skipped: ${c.skipReason ?? 'no reason given'})`
        : `  ${MARK[status]} ${suite}${c.name} (${Math.round(c.durationMs)} ms)`,
    )
    const shown = status === 'failed' || options.verbose ? c.findings : warningsOf(c)
    for (const f of shown) for (const line of findingLines(f)) lines.push(`      ${line}`)
    if (c.stderr && status === 'failed') {
      lines.push('      client stderr (last lines):')
      for (const line of lastLines(c.stderr)) lines.push(`        | ${line}`)
    }
    if (c.hint && status === 'failed') lines.push(`      hint: ${c.hint}`)
  }
  const { passed, failed, skipped, warnings } = counts(report)
  lines.push('', `finished in ${(report.durationMs / 1000).toFixed(1)} s`)
  if (skipped) lines.push(`${skipped} skipped`)
  lines.push(`${warnings} warning${warnings === 1 ? '' : 's'}`)
  lines.push(`${passed} passed, ${failed} failed`)
  return lines.join('\n') + '\n'
}

export function toJson(report: Report): string {
  return JSON.stringify({ ...report, cases: orderedCases(report), summary: counts(report) }, null, 2) + '\n'
}

export { toHtml, toJUnit }

/** Writes the requested report files into a directory; returns their paths. */
export async function writeReports(report: Report, formats: readonly ReportFormat[], outDir: string, basename = 'report'): Promise<string[]> {
  if (formats.length === 0) return []
  await mkdir(outDir, { recursive: true })
  const written: string[] = []
  for (const format of formats) {
    const file = path.join(outDir, `${basename}.${format === 'junit' ? 'junit.xml' : format}`)
    await writeFile(file, format === 'junit' ? toJUnit(report) : format === 'json' ? toJson(report) : toHtml(report))
    written.push(file)
  }
  return written
}
