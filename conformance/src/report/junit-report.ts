// JUnit XML in the shape CI systems read (Jenkins, GitLab, GitHub test reporters): `failures` for
// broken rules, `errors` for clients that crashed, were killed or broke the protocol (and for
// veomock's own bugs), `skipped` with its reason, timestamps and properties. Warnings are not
// failures (contract §5.1): they go to properties and `<system-out>`.
import { type Finding, findingLines, orderedCases, type Report, type ReportCase, short, warningsOf, failsOf } from './report-model.js'

/** Checks that mean the case could not be judged normally: the client (or the mock) broke down. */
export const ERROR_CHECKS: ReadonlySet<string> = new Set(['client-protocol', 'mock-strict'])

export function xml(text: string): string {
  // Characters XML 1.0 cannot carry at all (control characters from a client's stderr) are dropped.
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  return clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

/** A failed case counts as an error when any of its fail findings is a breakdown rather than a broken rule. */
export function isError(c: ReportCase): boolean {
  return !c.skipped && !c.passed && failsOf(c).some((f) => ERROR_CHECKS.has(f.check))
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3)
const body = (findings: readonly Finding[]): string => findings.flatMap((f) => findingLines(f, 4000)).join('\n')

function properties(c: ReportCase): string[] {
  const props: Array<[string, string]> = Object.entries(c.properties ?? {})
  for (const w of warningsOf(c)) props.push(['warning', `${w.check}: ${w.message}`])
  for (const f of c.findings) for (const r of f.register ?? []) props.push([`register ${r.id}`, r.text])
  if (c.hint) props.push(['hint', c.hint])
  if (props.length === 0) return []
  return ['      <properties>', ...props.map(([n, v]) => `        <property name="${xml(n)}" value="${xml(short(v, 2000))}"/>`), '      </properties>']
}

function testcase(suite: string, c: ReportCase): string[] {
  const out = [
    `    <testcase classname="${xml(suite)}" name="${xml(c.name)}" time="${seconds(c.durationMs)}"${c.startedAt ? ` timestamp="${xml(c.startedAt)}"` : ''}>`,
  ]
  out.push(...properties(c))
  if (c.skipped) out.push(`      <skipped message="${xml(c.skipReason ?? 'skipped')}"/>`)
  else if (!c.passed) {
    const fails = failsOf(c)
    const tag = isError(c) ? 'error' : 'failure'
    const message = fails.map((x) => `${x.check}: ${x.message}`).join('; ')
    out.push(`      <${tag} message="${xml(short(message, 2000))}" type="${xml(fails[0]?.check ?? tag)}">${xml(body(fails))}</${tag}>`)
  }
  const warnings = warningsOf(c)
  if (warnings.length > 0) out.push(`      <system-out>${xml(body(warnings))}</system-out>`)
  if (c.stderr && !c.passed) out.push(`      <system-err>${xml(c.stderr)}</system-err>`)
  out.push('    </testcase>')
  return out
}

export function toJUnit(report: Report): string {
  const suites = new Map<string, ReportCase[]>()
  for (const c of orderedCases(report)) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c])
  const tally = (cases: readonly ReportCase[]) => ({
    tests: cases.length,
    failures: cases.filter((c) => !c.passed && !c.skipped && !isError(c)).length,
    errors: cases.filter(isError).length,
    skipped: cases.filter((c) => c.skipped).length,
  })
  const all = tally(report.cases)
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>']
  out.push(
    `<testsuites name="${xml(report.title)}" tests="${all.tests}" failures="${all.failures}" errors="${all.errors}" skipped="${all.skipped}" time="${seconds(report.durationMs)}" timestamp="${xml(report.startedAt)}">`,
  )
  for (const [name, cases] of suites) {
    const t = tally(cases)
    const time = cases.reduce((sum, c) => sum + c.durationMs, 0)
    const warnings = cases.reduce((n, c) => n + (c.skipped ? 0 : warningsOf(c).length), 0)
    out.push(
      `  <testsuite name="${xml(name)}" tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}" time="${seconds(time)}" timestamp="${xml(report.startedAt)}">`,
    )
    out.push('    <properties>', `      <property name="warnings" value="${warnings}"/>`, '    </properties>')
    for (const c of cases) out.push(...testcase(name, c))
    out.push('  </testsuite>')
  }
  out.push('</testsuites>')
  return out.join('\n') + '\n'
}
