// A mutant: a reference client with one realistic bug. The conformance suite must fail it, on the
// cases in `exposedBy`, through the judge that can see that bug.
import type { VendorId } from '../../vendors/index.js'
import type { JudgeName } from '../src/client/conformance-case.js'
import type { FindingLevel } from '../src/report/report.js'

export interface Mutant {
  /** kebab-case, `<vendor>-<bug>`; also the file name. */
  name: string
  vendor: VendorId
  /** One sentence: what the client does wrong. */
  bug: string
  /** Case ids of the vendor's catalog that must fail. */
  exposedBy: readonly string[]
  /** The judge whose finding shows the bug on those cases. */
  judge: JudgeName
  /**
   * Default fail: the cases fail. warn: the bug departs from advice, not a rule (ambiguity register),
   * so the cases pass with that judge's warning and fail only under --warnings-as-errors.
   */
  level?: FindingLevel
}
