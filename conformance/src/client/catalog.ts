// The scenario catalog of `veomock conformance` (contract §3, §5): per vendor, every shared
// scenario plus vendor-specific cases (kie-cases.ts, apixo-cases.ts, xenodia-cases.ts, odkkk-cases.ts).
import type { VendorId } from '../../../vendors/index.js'
import { apixoCatalog } from './apixo-cases.js'
import type { ConformanceCase, VendorCatalog } from './conformance-case.js'
import { kieCatalog } from './kie-cases.js'
import { odkkkCatalog } from './odkkk-cases.js'
import { xenodiaCatalog } from './xenodia-cases.js'

export const CATALOGS: Readonly<Record<VendorId, VendorCatalog>> = {
  kie: kieCatalog,
  apixo: apixoCatalog,
  xenodia: xenodiaCatalog,
  odkkk: odkkkCatalog,
}

export function catalogFor(vendor: VendorId): VendorCatalog {
  return CATALOGS[vendor]
}

/** The cases of a vendor, filtered by id when ids are given (unknown ids are the caller's concern). */
export function selectCases(vendor: VendorId, ids?: readonly string[]): ConformanceCase[] {
  const all = catalogFor(vendor).cases
  return ids && ids.length > 0 ? all.filter((c) => ids.includes(c.id)) : [...all]
}

export type { AcceptedFailure, CaseArm, ConformanceCase, ExpectedOutcome, JudgeName, PollGuidance, VendorCatalog, VendorProfile } from './conformance-case.js'
export { JOURNAL_JUDGES, JUDGE_NAMES } from './conformance-case.js'
