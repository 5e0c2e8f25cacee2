// The conformance suite fails every mutant on the cases in its `exposedBy`, and the finding that
// fails it comes from the judge that can see its bug.
import { describe, expect, it } from 'vitest'
import { catalogFor } from '../src/client/catalog.js'
import { runConformance } from '../src/client/conformance-command.js'
import { JUDGE_NAMES } from '../src/client/conformance-case.js'
import { generate as referenceGenerate } from '../clients/index.js'
import { MUTANTS, type MutantModule } from './index.js'

/**
 * Judges of short virtual intervals run at N = 100: at the suite's default 500, a 5 s interval is
 * 10 ms of real time, and on a busy machine request latency alone can pad it past the judge's floor.
 */
const TIMING_JUDGES = new Set(['poll-interval', 'retry-after-honoured'])

async function judge(m: MutantModule) {
  const report = await runConformance({
    vendors: [m.mutant.vendor],
    client: { generate: m.generate, describe: m.mutant.name },
    cases: m.mutant.exposedBy,
    ...(TIMING_JUDGES.has(m.mutant.judge) ? { timeScale: 100 } : {}),
  })
  return report.cases.map((c) => ({ id: String(c.details?.caseId ?? c.name), passed: c.passed, checks: c.findings.map((f) => f.check) }))
}

function expectExposed(m: MutantModule, results: Awaited<ReturnType<typeof judge>>): void {
  expect(results.map((r) => r.id)).toEqual([...m.mutant.exposedBy])
  for (const r of results) {
    expect(r.passed, `${m.mutant.name} passed ${r.id}`).toBe(false)
    expect(r.checks, `${m.mutant.name} on ${r.id}`).toContain(m.mutant.judge)
  }
}

describe('the mutant list', () => {
  it('has at least twelve mutants with unique names, each naming cases of its vendor and a known judge', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(12)
    expect(new Set(MUTANTS.map((m) => m.mutant.name)).size).toBe(MUTANTS.length)
    for (const { mutant } of MUTANTS) {
      expect(mutant.name.startsWith(`${mutant.vendor}-`), mutant.name).toBe(true)
      expect(mutant.bug).toMatch(/^[A-Z].*\.$/)
      const ids = catalogFor(mutant.vendor).cases.map((c) => c.id)
      expect(mutant.exposedBy.length, mutant.name).toBeGreaterThan(0)
      for (const id of mutant.exposedBy) expect(ids, mutant.name).toContain(id)
      expect(JUDGE_NAMES as readonly string[]).toContain(mutant.judge)
    }
  })
})

describe('mutants judged on time (one at a time)', () => {
  for (const m of MUTANTS.filter((x) => TIMING_JUDGES.has(x.mutant.judge))) {
    it(`${m.mutant.name} fails ${m.mutant.exposedBy.join(', ')} through ${m.mutant.judge}: ${m.mutant.bug}`, async () => {
      // The first requests of a route compile its validators; let the reference client pay for that.
      await runConformance({ vendors: [m.mutant.vendor], client: { generate: referenceGenerate }, cases: ['content_violation'] })
      expectExposed(m, await judge(m))
    }, 60_000)
  }
})

describe.concurrent('mutants judged on what they send and report', () => {
  for (const m of MUTANTS.filter((x) => !TIMING_JUDGES.has(x.mutant.judge))) {
    it(`${m.mutant.name} fails ${m.mutant.exposedBy.join(', ')} through ${m.mutant.judge}: ${m.mutant.bug}`, async () => {
      expectExposed(m, await judge(m))
    }, 60_000)
  }
})
