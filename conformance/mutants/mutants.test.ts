// The conformance suite fails every mutant on the cases in its `exposedBy` (or warns, for a mutant of
// level warn), and the finding comes from the judge that can see its bug. The reference clients pass
// the same cases (reference-clients.test.ts runs them all).
import { beforeAll, describe, expect, it } from 'vitest'
import { catalogFor } from '../src/client/catalog.js'
import { runConformance } from '../src/client/conformance-command.js'
import { JUDGE_NAMES } from '../src/client/conformance-case.js'
import { warmValidators } from '../src/client/conformance-run.js'
import { MUTANTS, type MutantModule } from './index.js'

async function judge(m: MutantModule) {
  const report = await runConformance({ vendors: [m.mutant.vendor], client: { generate: m.generate, describe: m.mutant.name }, cases: m.mutant.exposedBy })
  return report.cases.map((c) => ({
    id: String(c.details?.caseId ?? c.name),
    passed: c.passed,
    fails: c.findings.filter((f) => (f.level ?? 'fail') === 'fail').map((f) => f.check),
    warns: c.findings.filter((f) => f.level === 'warn').map((f) => f.check),
  }))
}

function expectExposed(m: MutantModule, results: Awaited<ReturnType<typeof judge>>): void {
  expect(results.map((r) => r.id)).toEqual([...m.mutant.exposedBy])
  for (const r of results) {
    if (m.mutant.level === 'warn') {
      expect(r.passed, `${m.mutant.name} failed ${r.id}: ${r.fails.join(', ')}`).toBe(true)
      expect(r.warns, `${m.mutant.name} on ${r.id}`).toContain(m.mutant.judge)
    } else {
      expect(r.passed, `${m.mutant.name} passed ${r.id}`).toBe(false)
      expect(r.fails, `${m.mutant.name} on ${r.id}`).toContain(m.mutant.judge)
    }
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

describe('every mutant', () => {
  // All mutants run at once, started here rather than in their tests (vitest runs at most five
  // concurrent tests at a time, and the cases mostly wait on the virtual clock). Running from the
  // sources, the mock compiles each validator on first use, which stalls the event loop: they are
  // all compiled first (the built package ships them precompiled).
  const runs = new Map<string, Promise<Awaited<ReturnType<typeof judge>>>>()
  beforeAll(() => {
    warmValidators(['kie', 'apixo', 'xenodia', 'odkkk'])
    for (const m of MUTANTS) {
      const run = judge(m)
      run.catch(() => undefined)
      runs.set(m.mutant.name, run)
    }
  }, 60_000)

  for (const m of MUTANTS) {
    it(`${m.mutant.name} ${m.mutant.level === 'warn' ? 'is warned on' : 'fails'} ${m.mutant.exposedBy.join(', ')} through ${m.mutant.judge}: ${m.mutant.bug}`, async () => {
      expectExposed(m, await (runs.get(m.mutant.name) as ReturnType<typeof judge>))
    }, 60_000)
  }
})
