// The reference clients pass every callback-mode case (contract §5.2): in-process for all four
// vendors, and through the command protocol (VEO_CALLBACK_HOST, VEO_CALLBACK_PORT, VEO_WEBHOOK_SECRET).
import { beforeAll, describe, expect, it } from 'vitest'
import { callbackCases } from '../src/client/callback-cases.js'
import { signsCallbacks } from '../src/client/callback-run.js'
import { runConformance } from '../src/client/conformance-run.js'
import { formatSummary, type Report } from '../src/report/report.js'
import { builtClientCommand, ROOT as root } from './built-command.js'
import { generate } from './index.js'

function failures(report: Report): string {
  return formatSummary({ ...report, cases: report.cases.filter((c) => !c.passed || c.findings.length > 0) })
}

describe('the reference clients in callback mode', () => {
  it('pass every callback case of every vendor in-process, without a warning', async () => {
    const vendors = ['kie', 'apixo', 'xenodia', 'odkkk'] as const
    const report = await runConformance({ vendors, client: { generate, describe: 'reference clients' }, mode: 'callback' })
    expect(report.cases).toHaveLength(vendors.reduce((n, v) => n + callbackCases(v, signsCallbacks).length, 0))
    expect(failures(report)).toMatch(/\n0 passed, 0 failed\n$/)
  }, 120_000)

  let command = ''
  beforeAll(() => {
    command = builtClientCommand()
  }, 240_000)

  it('pass every KIE callback case through the command form, signature checks included', async () => {
    const report = await runConformance({
      vendors: ['kie'],
      client: { command, cwd: root },
      mode: 'callback',
      concurrency: 6,
    })
    expect(report.cases).toHaveLength(callbackCases('kie', signsCallbacks).length)
    expect(failures(report)).toMatch(/\n0 passed, 0 failed\n$/)
  }, 120_000)
})
