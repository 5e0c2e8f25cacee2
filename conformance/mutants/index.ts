// Every mutant: a reference client with one known bug. `veomock conformance` must fail each of them
// on the cases in its `exposedBy`, through its `judge` (or warn, for a mutant of level warn), and
// the reference clients must pass those cases (mutants.test.ts).
import type { InProcessClient } from '../src/client/protocol.js'
import * as apixoFastAsQuality from './apixo-fast-as-quality.js'
import * as apixoNoInitialWait from './apixo-no-initial-wait.js'
import * as apixoOmitsAuthorization from './apixo-omits-authorization.js'
import * as apixoResultJsonObject from './apixo-result-json-object.js'
import * as apixoRetries500AtOnce from './apixo-retries-500-at-once.js'
import * as kieAspectAutoLowercase from './kie-aspect-auto-lowercase.js'
import * as kieFlag3StillRunning from './kie-flag-3-still-running.js'
import * as kieHttp200IsSuccess from './kie-http-200-is-success.js'
import * as kieLiteAsFast from './kie-lite-as-fast.js'
import * as kieQualityForFast from './kie-quality-for-fast.js'
import * as kieRetries429AtOnce from './kie-retries-429-at-once.js'
import * as kieReportsOriginUrls from './kie-reports-origin-urls.js'
import * as kieResetIsFinal from './kie-reset-is-final.js'
import * as kieRetries429TwelveTimes from './kie-retries-429-twelve-times.js'
import * as kieTenMinuteCap from './kie-ten-minute-cap.js'
import * as kieTightPollLoop from './kie-tight-poll-loop.js'
import type { Mutant } from './mutant.js'
import * as odkkkDropsBasePath from './odkkk-drops-base-path.js'
import * as odkkkFlakyPollIsFinal from './odkkk-flaky-poll-is-final.js'
import * as odkkkIgnoresRetryAfter from './odkkk-ignores-retry-after.js'
import * as odkkkNoRequestTimeout from './odkkk-no-request-timeout.js'
import * as odkkkOmitsAspectRatio from './odkkk-omits-aspect-ratio.js'
import * as odkkkPollsAfterSuccess from './odkkk-polls-after-success.js'
import * as odkkkRelativePollPath from './odkkk-relative-poll-path.js'
import * as odkkkRetries402 from './odkkk-retries-402.js'
import * as xenodiaAutoAs169 from './xenodia-auto-as-16-9.js'
import * as xenodiaCreate200Only from './xenodia-create-200-only.js'
import * as xenodiaHardcodedKey from './xenodia-hardcoded-key.js'
import * as xenodiaContentPolicyAsGenerationFailed from './xenodia-content-policy-as-generation-failed.js'
import * as xenodiaIgnoresPollHint from './xenodia-ignores-poll-hint.js'
import * as xenodiaWaitingIsFailure from './xenodia-waiting-is-failure.js'
import * as xenodiaNeverTimesOut from './xenodia-never-times-out.js'
import * as xenodiaSubmitsTwice from './xenodia-submits-twice.js'

export type MutantModule = InProcessClient & { mutant: Mutant }

export const MUTANTS: readonly MutantModule[] = [
  kieHttp200IsSuccess,
  kieFlag3StillRunning,
  kieTightPollLoop,
  kieAspectAutoLowercase,
  kieTenMinuteCap,
  kieQualityForFast,
  kieLiteAsFast,
  kieRetries429AtOnce,
  kieResetIsFinal,
  kieRetries429TwelveTimes,
  kieReportsOriginUrls,
  apixoResultJsonObject,
  apixoNoInitialWait,
  apixoOmitsAuthorization,
  apixoFastAsQuality,
  apixoRetries500AtOnce,
  xenodiaContentPolicyAsGenerationFailed,
  xenodiaSubmitsTwice,
  xenodiaNeverTimesOut,
  xenodiaAutoAs169,
  xenodiaCreate200Only,
  xenodiaIgnoresPollHint,
  xenodiaWaitingIsFailure,
  xenodiaHardcodedKey,
  odkkkRetries402,
  odkkkFlakyPollIsFinal,
  odkkkIgnoresRetryAfter,
  odkkkOmitsAspectRatio,
  odkkkDropsBasePath,
  odkkkRelativePollPath,
  odkkkPollsAfterSuccess,
  odkkkNoRequestTimeout,
]

export type { Mutant }
