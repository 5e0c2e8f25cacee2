// For every entry of the ambiguity register, a client that takes another documented reading passes:
// with no warning where the reading is allowed outright, with the entry's warning (and no fail) where
// the entry records advice.
import { beforeAll, describe, expect, it } from 'vitest'
import { REGISTER } from '../../src/client/ambiguity-register.js'
import { catalogFor } from '../../src/client/catalog.js'
import { runConformance } from '../../src/client/conformance-command.js'
import { generate as referenceGenerate } from '../index.js'
import { VARIANTS } from './index.js'

describe('the register variants', () => {
  it('cover every entry of the ambiguity register, each on cases of its vendor', () => {
    const covered = new Set(VARIANTS.map((v) => v.register))
    expect(REGISTER.map((e) => e.id).filter((id) => !covered.has(id))).toEqual([])
    for (const v of VARIANTS)
      for (const id of v.cases)
        expect(
          catalogFor(v.vendor).cases.map((c) => c.id),
          v.name,
        ).toContain(id)
  })
})

describe.concurrent('each register variant', () => {
  // From the sources, the first request of each route compiles its validators: pay for it once.
  beforeAll(async () => {
    await runConformance({
      vendors: ['kie', 'apixo', 'xenodia', 'odkkk'],
      client: { generate: referenceGenerate },
      cases: ['content_violation', 'unauthorized'],
    })
  }, 60_000)

  for (const v of VARIANTS) {
    it(`${v.name} (${v.register}: ${v.reading}) ${v.expect === 'warn' ? 'passes with a warning' : 'passes'} on ${v.cases.join(', ')}`, async () => {
      const report = await runConformance({ vendors: [v.vendor], client: { generate: v.generate, describe: v.name }, cases: v.cases })
      for (const c of report.cases) {
        const fails = c.findings.filter((f) => (f.level ?? 'fail') === 'fail')
        const warns = c.findings.filter((f) => f.level === 'warn')
        expect(
          fails.map((f) => `${f.check}: ${f.message}`),
          `${v.name} on ${c.name}`,
        ).toEqual([])
        if (v.expect === 'pass')
          expect(
            warns.map((f) => `${f.check}: ${f.message}`),
            `${v.name} on ${c.name}`,
          ).toEqual([])
        else expect(warns.length, `${v.name} on ${c.name}: expected a warning`).toBeGreaterThan(0)
      }
    }, 60_000)
  }
})
