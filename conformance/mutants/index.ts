// Every mutant: a reference client with one known bug. `veomock conformance` must fail each of them
// on the cases in its `exposedBy`, through its `judge` (mutants.test.ts).
import type { InProcessClient } from '../src/client/protocol.js'
import * as apixoNoInitialWait from './apixo-no-initial-wait.js'
import * as apixoOmitsAuthorization from './apixo-omits-authorization.js'
import * as apixoResultJsonObject from './apixo-result-json-object.js'
import * as kieAspectAutoLowercase from './kie-aspect-auto-lowercase.js'
import * as kieFlag3StillRunning from './kie-flag-3-still-running.js'
import * as kieHttp200IsSuccess from './kie-http-200-is-success.js'
import * as kieTenMinuteCap from './kie-ten-minute-cap.js'
import * as kieTightPollLoop from './kie-tight-poll-loop.js'
import type { Mutant } from './mutant.js'
import * as odkkkFlakyPollIsFinal from './odkkk-flaky-poll-is-final.js'
import * as odkkkIgnoresRetryAfter from './odkkk-ignores-retry-after.js'
import * as odkkkRetries402 from './odkkk-retries-402.js'
import * as odkkkStatusAsVendorCode from './odkkk-status-as-vendor-code.js'
import * as xenodiaContentPolicyAsGenerationFailed from './xenodia-content-policy-as-generation-failed.js'
import * as xenodiaNeverTimesOut from './xenodia-never-times-out.js'
import * as xenodiaSubmitsTwice from './xenodia-submits-twice.js'

export type MutantModule = InProcessClient & { mutant: Mutant }

export const MUTANTS: readonly MutantModule[] = [
  kieHttp200IsSuccess,
  kieFlag3StillRunning,
  kieTightPollLoop,
  kieAspectAutoLowercase,
  kieTenMinuteCap,
  apixoResultJsonObject,
  apixoNoInitialWait,
  apixoOmitsAuthorization,
  xenodiaContentPolicyAsGenerationFailed,
  xenodiaSubmitsTwice,
  xenodiaNeverTimesOut,
  odkkkRetries402,
  odkkkFlakyPollIsFinal,
  odkkkIgnoresRetryAfter,
  odkkkStatusAsVendorCode,
]

export type { Mutant }
