// The HTML report: one self-contained page, failures first, then warnings, then passes, then
// skipped cases. Each suite appears once as a group heading inside each section (no repeated suite
// column); each finding shows its level, judge, evidence and register entries; a killed or crashed
// client shows its standard error and a hint.
import { xml } from './junit-report.js'
import { type CaseStatus, counts, type Finding, levelOf, orderedCases, type Report, type ReportCase, short, statusOf, warningsOf } from './report-model.js'

const SECTION: Record<CaseStatus, string> = { failed: 'Failures', warned: 'Warnings', passed: 'Passed', skipped: 'Skipped' }

function findingHtml(f: Finding): string {
  const level = levelOf(f)
  const evidence = f.evidence === undefined ? '' : `<pre class="evidence">${xml(short(f.evidence, 4000))}</pre>`
  const register = (f.register ?? []).map((r) => `<div class="register">register <code>${xml(r.id)}</code>: ${xml(r.text)}</div>`).join('')
  return `<li class="${level}"><span class="level ${level}">${level}</span> <b>${xml(f.check)}</b>${f.category ? ` <i>${xml(f.category)}</i>` : ''}: ${xml(f.message)}${evidence}${register}</li>`
}

function caseRow(c: ReportCase, status: CaseStatus): string {
  const shown = status === 'passed' || status === 'skipped' ? [] : status === 'warned' ? warningsOf(c) : c.findings
  const findings = shown.length ? `<ul>${shown.map(findingHtml).join('')}</ul>` : ''
  const skip = c.skipped && c.skipReason ? `<div class="reason">skipped: ${xml(c.skipReason)}</div>` : ''
  const stderr = c.stderr && status === 'failed' ? `<details open><summary>client stderr</summary><pre class="stderr">${xml(c.stderr)}</pre></details>` : ''
  const hint = c.hint && status === 'failed' ? `<div class="hint">hint: ${xml(c.hint)}</div>` : ''
  return `<tr class="${status}"><td>${xml(c.name)}${skip}${findings}${stderr}${hint}</td><td class="result">${status === 'warned' ? 'passed with warnings' : status}</td><td class="time">${Math.round(c.durationMs)} ms</td></tr>`
}

function section(status: CaseStatus, cases: readonly ReportCase[]): string {
  if (cases.length === 0) return ''
  const rows: string[] = []
  let suite: string | undefined
  for (const c of cases) {
    if (c.suite !== suite) {
      suite = c.suite
      rows.push(`<tr class="suite"><th colspan="3">${xml(suite)}</th></tr>`)
    }
    rows.push(caseRow(c, status))
  }
  return `<h2 class="${status}">${SECTION[status]} (${cases.length})</h2>
<table><thead><tr><th>case</th><th>result</th><th>time</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;width:100%;margin-bottom:1.5em}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}tr.suite th{background:#eef;font-weight:600}
td.result,td.time{white-space:nowrap}tr.failed td.result{color:#b00;font-weight:bold}tr.warned td.result{color:#a60;font-weight:bold}
tr.passed td.result{color:#070}tr.skipped td.result{color:#666}h2.failed{color:#b00}h2.warned{color:#a60}h2.passed{color:#070}
.level{display:inline-block;padding:0 4px;border-radius:3px;font-size:12px;text-transform:uppercase;color:#fff}.level.fail{background:#b00}.level.warn{background:#a60}
pre{white-space:pre-wrap;background:#f6f6f6;padding:4px;margin:4px 0}pre.stderr{background:#fff4f4}.register,.hint,.reason{color:#555;font-size:13px}`

export function toHtml(report: Report): string {
  const { passed, failed, skipped, warnings } = counts(report)
  const groups: Record<CaseStatus, ReportCase[]> = { failed: [], warned: [], passed: [], skipped: [] }
  for (const c of orderedCases(report)) groups[statusOf(c)].push(c)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${xml(report.title)}</title>
<style>${STYLE}</style></head>
<body><h1>${xml(report.title)}</h1><p>${xml(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s</p>
<p class="summary"><b>${warnings} warning${warnings === 1 ? '' : 's'}</b><br><b>${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}</b></p>
${(['failed', 'warned', 'passed', 'skipped'] as const).map((s) => section(s, groups[s])).join('\n')}
</body></html>
`
}
