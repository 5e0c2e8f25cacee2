// A callback-mode mutant: a reference client with one realistic callback bug. `veomock conformance
// --mode callback` must flag it on the cases in `exposedBy`, through `judge` (callback-mutants.test.ts).
import type { VendorId } from '../../vendors/index.js'
import type { CallbackJudgeName } from '../src/client/callback-cases.js'
import type { JudgeName } from '../src/client/conformance-case.js'
import type { InProcessClient } from '../src/client/protocol.js'

export interface CallbackMutant {
  /** kebab-case, `callback-<vendor>-<bug>`; also the file name. */
  name: string
  vendor: VendorId
  bug: string
  /** Callback-mode case ids that must show the bug. */
  exposedBy: readonly string[]
  judge: CallbackJudgeName | JudgeName
  /** `warn` where contract §5.2 makes the departure a warning (an unsigned forgery acted on). */
  level: 'fail' | 'warn'
}

export type CallbackMutantModule = InProcessClient & { mutant: CallbackMutant }
