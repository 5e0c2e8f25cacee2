// Runs `veomock verify` in-process for tests: the exit code, what it printed, and its JSON report.
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Report } from '../report/report.js'
import type { DriftFinding } from './drift.js'
import { verifyCommand } from './verify-command.js'

export interface VerifyRun {
  code: number
  stdout: string
  stderr: string
  /** The JSON report (`--report json` is always added). */
  report: Report
  outDir: string
  /** Every finding of every case. */
  findings: DriftFinding[]
}

export async function runVerify(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<VerifyRun> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'veomock-verify-'))
  let stdout = ''
  let stderr = ''
  const hasReport = argv.includes('--report')
  const args = hasReport ? [...argv, '--out', outDir] : [...argv, '--report', 'json', '--out', outDir]
  const code = await verifyCommand(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env })
  const report = JSON.parse(await readFile(path.join(outDir, 'verify.json'), 'utf8')) as Report
  const findings = report.cases.flatMap((c) => c.findings) as DriftFinding[]
  return { code, stdout, stderr, report, outDir, findings }
}
