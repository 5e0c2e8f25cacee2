// The report model shared by `veomock conformance` and `veomock verify` (contract §5.1, §7): cases,
// findings with their level (fail or warn), the order every report lists them in, and counts.
/**
 * fail: a documented vendor rule or a contract rule is broken; the case fails. warn: advice or a
 * reading the suite prefers where the docs allow several (contract §5.1); the case still passes.
 */
export type FindingLevel = 'fail' | 'warn'

/** An ambiguity-register entry a finding rests on, as the reports cite it. */
export interface RegisterCitation {
  /** e.g. `kie.poll-cadence` */
  id: string
  /** The readings the suite accepts, with their sources. */
  text: string
}

export interface Finding {
  /** Which judge or check found it, e.g. `no-retry-after-final-4xx`, `schema-drift`. */
  check: string
  message: string
  /** Default `fail`. */
  level?: FindingLevel
  /** What shows it: offending requests, a JSON pointer with expected/actual… */
  evidence?: unknown
  /** For drift reports: schema | behaviour | timing. */
  category?: string
  /** The ambiguity-register entries behind the judgement. */
  register?: readonly RegisterCitation[]
}

export interface ReportCase {
  /** Suite name, e.g. `kie` or `conformance kie`. */
  suite: string
  /** Case name, a sentence. */
  name: string
  /** No finding of level fail. */
  passed: boolean
  skipped?: boolean
  /** Why a skipped case did not run. */
  skipReason?: string
  /** ISO time the case started. */
  startedAt?: string
  durationMs: number
  findings: Finding[]
  /** The end of the client's standard error, kept when the client crashed, was killed or failed. */
  stderr?: string
  /** Advice for the reader, e.g. how to rerun a case killed on real time. */
  hint?: string
  /** Short facts for JUnit properties (vendor, case id, time scale…). */
  properties?: Record<string, string>
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

export const levelOf = (finding: Finding): FindingLevel => finding.level ?? 'fail'
export const failsOf = (c: ReportCase): Finding[] => c.findings.filter((f) => levelOf(f) === 'fail')
export const warningsOf = (c: ReportCase): Finding[] => c.findings.filter((f) => levelOf(f) === 'warn')

/** Whether a case passes: nothing of level fail. */
export function passes(findings: readonly Finding[]): boolean {
  return findings.every((f) => levelOf(f) !== 'fail')
}

export type CaseStatus = 'failed' | 'warned' | 'passed' | 'skipped'

export function statusOf(c: ReportCase): CaseStatus {
  if (c.skipped) return 'skipped'
  if (!c.passed) return 'failed'
  return warningsOf(c).length > 0 ? 'warned' : 'passed'
}

const STATUS_ORDER: Record<CaseStatus, number> = { failed: 0, warned: 1, passed: 2, skipped: 3 }

/** Failures first, then cases with warnings, then passes, then skipped; stable within each group. */
export function orderedCases(report: Report): ReportCase[] {
  return report.cases
    .map((c, i) => ({ c, i }))
    .sort((a, b) => STATUS_ORDER[statusOf(a.c)] - STATUS_ORDER[statusOf(b.c)] || a.i - b.i)
    .map(({ c }) => c)
}

export interface Counts {
  passed: number
  failed: number
  skipped: number
  /** Findings of level warn in cases that ran. */
  warnings: number
}

export function counts(report: Report): Counts {
  const out: Counts = { passed: 0, failed: 0, skipped: 0, warnings: 0 }
  for (const c of report.cases) {
    if (c.skipped) out.skipped++
    else if (c.passed) out.passed++
    else out.failed++
    if (!c.skipped) out.warnings += warningsOf(c).length
  }
  return out
}

/** The exit code of a run: 1 on any failure, or on any warning with `--warnings-as-errors`. */
export function exitCodeOf(report: Report, options: { warningsAsErrors?: boolean } = {}): 0 | 1 {
  const { failed, warnings } = counts(report)
  return failed > 0 || (options.warningsAsErrors && warnings > 0) ? 1 : 0
}

export function short(value: unknown, max = 600): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > max ? `${text.slice(0, max)}…` : text
}

/** The last lines of a text, for standard error in the console. */
export function lastLines(text: string, lines = 12): string[] {
  return text.trimEnd().split('\n').slice(-lines)
}

/** One finding as text lines (console and JUnit bodies). */
export function findingLines(f: Finding, evidenceChars = 600): string[] {
  const lines = [`${levelOf(f).toUpperCase()} ${f.category ? `[${f.category}] ` : ''}${f.check}: ${f.message}`]
  if (f.evidence !== undefined) lines.push(`  evidence: ${short(f.evidence, evidenceChars)}`)
  for (const r of f.register ?? []) lines.push(`  register ${r.id}: ${r.text}`)
  return lines
}
