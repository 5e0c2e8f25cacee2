// The reference clients pass the whole conformance suite against the mock: in-process for all four
// vendors, and through the command protocol (the TypeScript command, and a Python client) for one
// vendor each.
import { beforeAll, describe, expect, it } from 'vitest'
import { catalogFor } from '../src/client/catalog.js'
import { runConformance } from '../src/client/conformance-command.js'
import { formatSummary, type Report } from '../src/report/report.js'
import { builtClientCommand, ROOT as root } from './built-command.js'
import { generate } from './index.js'

/** The summary of the cases that failed or warned: empty of them, it ends `0 warnings` / `0 passed, 0 failed`. */
function failures(report: Report): string {
  return formatSummary({ ...report, cases: report.cases.filter((c) => !c.passed || c.findings.length > 0) })
}

describe('the reference clients', () => {
  it('pass every case of every vendor in-process', async () => {
    const report = await runConformance({ vendors: ['kie', 'apixo', 'xenodia', 'odkkk'], client: { generate, describe: 'reference clients' } })
    const expected = (['kie', 'apixo', 'xenodia', 'odkkk'] as const).reduce((n, v) => n + catalogFor(v).cases.length, 0)
    expect(report.cases).toHaveLength(expected)
    expect(failures(report)).toMatch(/\n0 warnings\n0 passed, 0 failed\n$/)
  }, 120_000)

  let command = ''
  beforeAll(() => {
    command = builtClientCommand()
  }, 240_000)

  it('pass every xenodia case through the command form (the built command.js)', async () => {
    const report = await runConformance({ vendors: ['xenodia'], client: { command, cwd: root } })
    expect(report.cases).toHaveLength(catalogFor('xenodia').cases.length)
    expect(failures(report)).toMatch(/\n0 warnings\n0 passed, 0 failed\n$/)
  }, 120_000)
})

describe('a standard-library Python client (fixtures/python_client.py)', () => {
  it('passes every odkkk case through the command protocol', async () => {
    const report = await runConformance({
      vendors: ['odkkk'],
      client: { command: 'python3 conformance/clients/fixtures/python_client.py', cwd: root },
    })
    expect(report.cases).toHaveLength(catalogFor('odkkk').cases.length)
    expect(failures(report)).toMatch(/\n0 warnings\n0 passed, 0 failed\n$/)
  }, 120_000)
})
