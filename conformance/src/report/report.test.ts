import { describe, expect, it } from 'vitest'
import { exitCodeOf, formatSummary, orderedCases, type Report, type ReportCase, toHtml, toJson, toJUnit } from './report.js'

const base = { durationMs: 12, findings: [] as ReportCase['findings'] }
const cases: ReportCase[] = [
  { ...base, suite: 'conformance kie', name: 'success: passes', passed: true },
  {
    ...base,
    suite: 'conformance kie',
    name: 'rate_limited: warns',
    passed: true,
    findings: [{ check: 'backoff', level: 'warn', message: 'delays do not grow', register: [{ id: 'all.backoff', text: 'fixed or growing' }] }],
  },
  { ...base, suite: 'conformance odkkk', name: 'live: skipped', passed: true, skipped: true, skipReason: 'ODKKK_API_KEY is not set' },
  {
    ...base,
    suite: 'conformance odkkk',
    name: 'stuck: killed',
    passed: false,
    findings: [{ check: 'client-protocol', message: 'the client did not finish within 9000 ms of real time' }],
    stderr: 'Error: boom\n    at poll (client.js:1:1)',
    hint: 'rerun with a lower --time-scale or --concurrency',
  },
  {
    ...base,
    suite: 'conformance kie',
    name: 'unauthorized: fails',
    passed: false,
    startedAt: '2026-01-01T00:00:01.000Z',
    properties: { vendor: 'kie' },
    findings: [
      { check: 'no-retry-after-final-4xx', message: 'retried a 401', evidence: [{ method: 'POST', status: 200, code: 401 }] },
      { check: 'poll-interval', level: 'warn', message: 'under the 30 s of the samples' },
    ],
  },
]
const report: Report = { title: 'veomock conformance (kie, odkkk): reference', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1500, cases }

describe('reports', () => {
  it('list failures first, then cases with warnings, then passes, then skipped cases', () => {
    expect(orderedCases(report).map((c) => c.name)).toEqual(['stuck: killed', 'unauthorized: fails', 'rate_limited: warns', 'success: passes', 'live: skipped'])
  })

  it('end the summary with the warnings line just before `N passed, N failed`', () => {
    const text = formatSummary(report)
    expect(text).toMatch(/\n1 skipped\n2 warnings\n2 passed, 2 failed\n$/)
    expect(text.indexOf('stuck: killed')).toBeLessThan(text.indexOf('rate_limited: warns'))
    expect(text).toContain('WARN backoff: delays do not grow')
    expect(text).toContain('register all.backoff: fixed or growing')
    expect(text).toContain('| Error: boom')
    expect(text).toContain('hint: rerun with a lower --time-scale or --concurrency')
    expect(text).toContain('live: skipped (skipped: ODKKK_API_KEY is not set)')
  })

  it('exit 1 on a failure, and on a warning only with --warnings-as-errors', () => {
    const warnedOnly: Report = { ...report, cases: cases.filter((c) => c.passed) }
    expect(exitCodeOf(report)).toBe(1)
    expect(exitCodeOf(warnedOnly)).toBe(0)
    expect(exitCodeOf(warnedOnly, { warningsAsErrors: true })).toBe(1)
    expect(exitCodeOf({ ...report, cases: [cases[0] as ReportCase] }, { warningsAsErrors: true })).toBe(0)
  })

  it('write JUnit with errors for broken-down clients, failures for broken rules, skip reasons, timestamps, properties and warnings outside failures', () => {
    const xml = toJUnit(report)
    expect(xml).toMatch(/<testsuites [^>]*tests="5" failures="1" errors="1" skipped="1"[^>]*timestamp="2026-01-01T00:00:00.000Z">/)
    expect(xml).toContain('<error message="client-protocol: the client did not finish')
    expect(xml).toContain('<system-err>Error: boom')
    expect(xml).toContain('<skipped message="ODKKK_API_KEY is not set"/>')
    expect(xml).toContain('timestamp="2026-01-01T00:00:01.000Z"')
    expect(xml).toContain('<property name="vendor" value="kie"/>')
    expect(xml).toContain('<property name="warning" value="backoff: delays do not grow"/>')
    expect(xml).toContain('<system-out>WARN backoff: delays do not grow')
    // The warning of a passing case is no failure.
    const warned = xml.slice(xml.indexOf('name="rate_limited: warns"'))
    expect(warned.slice(0, warned.indexOf('</testcase>'))).not.toContain('<failure')
  })

  it('write HTML with one section per status and each suite once per section, no suite column', () => {
    const html = toHtml(report)
    expect(html.indexOf('Failures (2)')).toBeLessThan(html.indexOf('Warnings (1)'))
    expect(html.indexOf('Warnings (1)')).toBeLessThan(html.indexOf('Passed (1)'))
    expect(html).toContain('<th>case</th><th>result</th><th>time</th>')
    expect(html).not.toContain('<th>suite</th>')
    expect(html).toContain('client stderr')
    expect(html).toContain('<span class="level warn">warn</span>')
    expect(html).toContain('2 warnings')
  })

  it('write JSON with the cases in report order and the counts', () => {
    const json = JSON.parse(toJson(report)) as { cases: ReportCase[]; summary: Record<string, number> }
    expect(json.cases[0]?.name).toBe('stuck: killed')
    expect(json.summary).toEqual({ passed: 2, failed: 2, skipped: 1, warnings: 2 })
  })
})
