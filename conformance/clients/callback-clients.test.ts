// The reference clients pass every callback-mode case (contract §5.2): in-process for all four
// vendors, and through the command protocol (VEO_CALLBACK_HOST, VEO_CALLBACK_PORT, VEO_WEBHOOK_SECRET).
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { callbackCases } from '../src/client/callback-cases.js'
import { signsCallbacks } from '../src/client/callback-run.js'
import { runConformance } from '../src/client/conformance-run.js'
import { formatSummary, type Report } from '../src/report/report.js'
import { generate } from './index.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const COMMAND = path.join(root, 'dist/conformance/clients/command.js')

/** The built command starts in a fraction of tsx's time; rebuilt when a client source is newer. */
function ensureBuilt(): void {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const newest = Math.max(...readdirSync(here).map((f) => statSync(path.join(here, f)).mtimeMs))
  if (!existsSync(COMMAND) || statSync(COMMAND).mtimeMs < newest) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })
}

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

  beforeAll(ensureBuilt, 120_000)

  it('pass every KIE callback case through the command form, signature checks included', async () => {
    const report = await runConformance({
      vendors: ['kie'],
      client: { command: `node ${COMMAND}`, cwd: root },
      mode: 'callback',
      concurrency: 6,
    })
    expect(report.cases).toHaveLength(callbackCases('kie', signsCallbacks).length)
    expect(failures(report)).toMatch(/\n0 passed, 0 failed\n$/)
  }, 120_000)
})
