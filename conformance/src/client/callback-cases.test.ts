// The callback-mode catalog: every task-creating case of the poll catalog, plus the callback
// scenarios, with judges that exist; a signing vendor's forged case checks refusals, the others
// confirmation.
import { describe, expect, it } from 'vitest'
import { VENDOR_IDS } from '../../../vendors/index.js'
import { CALLBACK_SCENARIOS } from '../../../lib/scenarios.js'
import { CALLBACK_JUDGE_NAMES, callbackCases } from './callback-cases.js'
import { signsCallbacks } from './callback-run.js'
import { catalogFor } from './catalog.js'
import { JUDGE_NAMES } from './conformance-case.js'

describe('the callback-mode catalog', () => {
  it.each(VENDOR_IDS)('holds every case that creates a task and every callback scenario (%s)', (vendor) => {
    const cases = callbackCases(vendor, signsCallbacks)
    const ids = cases.map((c) => c.id)
    for (const c of catalogFor(vendor).cases.filter((x) => x.tasks === 1)) expect(ids).toContain(c.id)
    for (const scenario of CALLBACK_SCENARIOS) expect(cases.some((c) => c.arm.scenario === scenario)).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
    for (const c of cases) {
      expect(c.callbackJudges).toEqual(expect.arrayContaining(['callback-url', 'callback-ack']))
      for (const j of c.callbackJudges) expect(CALLBACK_JUDGE_NAMES).toContain(j)
      for (const j of c.judges) expect(JUDGE_NAMES).toContain(j)
    }
  })

  it('judges refusals of forgeries where the vendor signs (KIE) and confirmation elsewhere', () => {
    const forged = (vendor: (typeof VENDOR_IDS)[number]) => callbackCases(vendor, signsCallbacks).find((c) => c.id === 'callback_forged')
    expect(forged('kie')?.callbackJudges).toContain('callback-forged-refused')
    for (const vendor of ['apixo', 'xenodia', 'odkkk'] as const) {
      expect(forged(vendor)?.callbackJudges).toContain('callback-confirmed')
      expect(forged(vendor)?.judges).not.toContain('outcome')
    }
  })
})
