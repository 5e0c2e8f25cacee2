// The HTML conformance report as people see it: a real run (one mutant with a known bug, so the
// report has failures with evidence beside passes) rendered in headless Chromium. The screenshot in
// test-results/screenshots/conformance-report.png is for review; the content belongs to report.ts.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'
import { launchChromium, screenshotPath } from '../../../mock-server/src/test-support/browser.js'
import { MUTANTS } from '../../mutants/index.js'
import { runConformance } from '../client/conformance-command.js'
import { writeReports } from './report.js'

it('renders a run with failures and passes as a readable page without script errors', async () => {
  const mutant = MUTANTS.find((m) => m.mutant.name === 'odkkk-retries-402')
  if (!mutant) throw new Error('Failed to find the mutant odkkk-retries-402 in conformance/mutants')
  const report = await runConformance({
    vendors: ['odkkk'],
    client: { generate: mutant.generate, describe: mutant.mutant.name },
    cases: ['success', 'unauthorized', 'invalid_request', ...mutant.mutant.exposedBy],
  })
  const dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-report-'))
  const browser = await launchChromium()
  try {
    const [file] = await writeReports(report, ['html'], dir)
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(pathToFileURL(file as string).href)
    const text = await page.locator('body').innerText()
    expect(text).toMatch(/\b2 failed\b/)
    expect(text).toMatch(/\b3 passed\b/)
    for (const id of mutant.mutant.exposedBy) expect(text).toContain(report.cases.find((c) => c.details?.caseId === id)?.name)
    expect(text).toContain(mutant.mutant.judge)
    await page.screenshot({ path: await screenshotPath('conformance-report.png'), fullPage: true })
    expect(errors).toEqual([])
  } finally {
    await browser.close()
    await rm(dir, { recursive: true, force: true })
  }
}, 60_000)
