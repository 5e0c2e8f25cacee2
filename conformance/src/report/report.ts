// Reports shared by `veomock conformance` and `veomock verify` (contract §7): a human summary whose
// last line is `N passed, N failed`, and JUnit XML, JSON and HTML files on request.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

export interface Finding {
  /** Which judge or check failed, e.g. `no-retry-after-final-4xx`, `schema-drift`. */
  check: string
  message: string
  /** What shows it: offending requests, a JSON pointer with expected/actual… */
  evidence?: unknown
  /** For drift reports: schema | behaviour | timing. */
  category?: string
}

export interface ReportCase {
  /** Suite name, e.g. `kie` or `conformance kie`. */
  suite: string
  /** Case name, a sentence. */
  name: string
  passed: boolean
  skipped?: boolean
  /** Why a skipped case did not run; shown by every report format (contract §6). */
  skipReason?: string
  durationMs: number
  findings: Finding[]
  /** Anything else worth keeping in the JSON report (outcome, task id…). */
  details?: Record<string, unknown>
}

export interface Report {
  title: string
  startedAt: string
  durationMs: number
  cases: ReportCase[]
}

export type ReportFormat = 'junit' | 'json' | 'html'

export function parseFormats(raw: string | undefined): ReportFormat[] {
  if (!raw) return []
  const formats = raw
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
  for (const f of formats) if (!['junit', 'json', 'html'].includes(f)) throw new Error(`Failed to read --report: unknown format "${f}"; use junit, json, html`)
  return formats as ReportFormat[]
}

export function counts(report: Report): { passed: number; failed: number; skipped: number } {
  let passed = 0
  let failed = 0
  let skipped = 0
  for (const c of report.cases) {
    if (c.skipped) skipped++
    else if (c.passed) passed++
    else failed++
  }
  return { passed, failed, skipped }
}

function short(value: unknown, max = 600): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** The human summary; its last line is exactly `N passed, N failed` (plus `, N skipped`). */
export function formatSummary(report: Report, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [report.title, '']
  let suite = ''
  for (const c of report.cases) {
    if (c.suite !== suite) {
      suite = c.suite
      lines.push(suite)
    }
    const mark = c.skipped ? '-' : c.passed ? '✓' : '✗'
    lines.push(c.skipped ? `  ${mark} ${c.name} (skipped: ${c.skipReason ?? 'no reason given'})` : `  ${mark} ${c.name} (${Math.round(c.durationMs)} ms)`)
    if (!c.passed || options.verbose) {
      for (const f of c.findings) {
        lines.push(`      ${f.category ? `[${f.category}] ` : ''}${f.check}: ${f.message}`)
        if (f.evidence !== undefined) lines.push(`        evidence: ${short(f.evidence)}`)
      }
    }
  }
  const { passed, failed, skipped } = counts(report)
  lines.push('', `finished in ${(report.durationMs / 1000).toFixed(1)} s`)
  lines.push(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
  return lines.join('\n') + '\n'
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

export function toJUnit(report: Report): string {
  const suites = new Map<string, ReportCase[]>()
  for (const c of report.cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c])
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  const { failed } = counts(report)
  out.push(`<testsuites name="${xml(report.title)}" tests="${report.cases.length}" failures="${failed}" time="${(report.durationMs / 1000).toFixed(3)}">`)
  for (const [name, cases] of suites) {
    const f = cases.filter((c) => !c.passed && !c.skipped).length
    const s = cases.filter((c) => c.skipped).length
    const time = cases.reduce((t, c) => t + c.durationMs, 0) / 1000
    out.push(
      `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${f}" skipped="${s}" time="${time.toFixed(3)}" timestamp="${xml(report.startedAt)}">`,
    )
    for (const c of cases) {
      out.push(`    <testcase classname="${xml(name)}" name="${xml(c.name)}" time="${(c.durationMs / 1000).toFixed(3)}">`)
      if (c.skipped) out.push(c.skipReason ? `      <skipped message="${xml(c.skipReason)}"/>` : '      <skipped/>')
      else if (!c.passed) {
        const message = c.findings.map((x) => `${x.check}: ${x.message}`).join('; ')
        const body = c.findings
          .map(
            (x) =>
              `${x.category ? `[${x.category}] ` : ''}${x.check}: ${x.message}${x.evidence === undefined ? '' : `\n  evidence: ${short(x.evidence, 4000)}`}`,
          )
          .join('\n')
        out.push(`      <failure message="${xml(message)}" type="${xml(c.findings[0]?.check ?? 'failure')}">${xml(body)}</failure>`)
      }
      out.push('    </testcase>')
    }
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return out.join('\n') + '\n'
}

export function toJson(report: Report): string {
  return JSON.stringify({ ...report, summary: counts(report) }, null, 2) + '\n'
}

export function toHtml(report: Report): string {
  const { passed, failed, skipped } = counts(report)
  const rows = report.cases
    .map((c) => {
      const status = c.skipped ? 'skipped' : c.passed ? 'passed' : 'failed'
      const shown = c.skipped && c.skipReason ? `skipped: ${c.skipReason}` : status
      const findings = c.findings
        .map(
          (f) =>
            `<li><b>${xml(f.check)}</b>${f.category ? ` <i>${xml(f.category)}</i>` : ''}: ${xml(f.message)}${f.evidence === undefined ? '' : `<pre>${xml(short(f.evidence, 4000))}</pre>`}</li>`,
        )
        .join('')
      return `<tr class="${status}"><td>${xml(c.suite)}</td><td>${xml(c.name)}${findings ? `<ul>${findings}</ul>` : ''}</td><td>${xml(shown)}</td><td>${Math.round(c.durationMs)} ms</td></tr>`
    })
    .join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${xml(report.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
tr.failed td:nth-child(3){color:#b00;font-weight:bold}tr.passed td:nth-child(3){color:#070}pre{white-space:pre-wrap;background:#f6f6f6;padding:4px}</style></head>
<body><h1>${xml(report.title)}</h1><p>${xml(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s</p>
<p><b>${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}</b></p>
<table><thead><tr><th>suite</th><th>case</th><th>result</th><th>time</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>
`
}

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
