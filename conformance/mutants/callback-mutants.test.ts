// `veomock conformance --mode callback` flags every callback mutant on the cases in its
// `exposedBy`, through the judge that can see its bug, at the judge's level.
import { beforeAll, describe, expect, it } from 'vitest'
import { callbackCases } from '../src/client/callback-cases.js'
import { signsCallbacks } from '../src/client/callback-run.js'
import { runConformance } from '../src/client/conformance-run.js'
import { CALLBACK_MUTANTS } from './callback-index.js'

describe('the callback mutant list', () => {
  it('has at least six mutants, each naming callback cases of its vendor', () => {
    expect(CALLBACK_MUTANTS.length).toBeGreaterThanOrEqual(6)
    for (const { mutant } of CALLBACK_MUTANTS) {
      expect(mutant.name.startsWith(`callback-${mutant.vendor}-`), mutant.name).toBe(true)
      const ids = callbackCases(mutant.vendor, signsCallbacks).map((c) => c.id)
      for (const id of mutant.exposedBy) expect(ids, mutant.name).toContain(id)
    }
  })
})

const runMutant = (m: (typeof CALLBACK_MUTANTS)[number]) =>
  runConformance({
    vendors: [m.mutant.vendor],
    client: { generate: m.generate, describe: m.mutant.name },
    cases: m.mutant.exposedBy,
    mode: 'callback',
  })

describe('callback mutants', () => {
  // All at once, started here rather than in their tests (vitest runs at most five concurrent tests).
  const runs = new Map<string, ReturnType<typeof runMutant>>()
  beforeAll(() => {
    for (const m of CALLBACK_MUTANTS) {
      const run = runMutant(m)
      run.catch(() => undefined)
      runs.set(m.mutant.name, run)
    }
  })

  for (const m of CALLBACK_MUTANTS) {
    it(`${m.mutant.name} is flagged on ${m.mutant.exposedBy.join(', ')} by ${m.mutant.judge} (${m.mutant.level}): ${m.mutant.bug}`, async () => {
      const report = await (runs.get(m.mutant.name) as ReturnType<typeof runMutant>)
      expect(report.cases.map((c) => c.details?.caseId)).toEqual([...m.mutant.exposedBy])
      for (const c of report.cases) {
        const findings = c.findings.filter((f) => f.check === m.mutant.judge)
        expect(findings.length, `${m.mutant.name} on ${String(c.details?.caseId)}: ${JSON.stringify(c.findings)}`).toBeGreaterThan(0)
        if (m.mutant.level === 'warn') {
          expect(findings.every((f) => f.level === 'warn')).toBe(true)
          expect(c.passed).toBe(true)
        } else expect(c.passed).toBe(false)
      }
    }, 60_000)
  }
})
