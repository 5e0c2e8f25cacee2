// Every callback-mode mutant (callback-mutants.test.ts runs each through `--mode callback`).
import * as apixoDuplicateIs500 from './callback-apixo-duplicate-is-500.js'
import * as kieHardcodedHost from './callback-kie-hardcoded-host.js'
import * as kieSkipsSignature from './callback-kie-skips-signature.js'
import * as kieTrustsUnsigned from './callback-kie-trusts-unsigned.js'
import type { CallbackMutantModule } from './callback-mutant.js'
import * as odkkkAcksAfterDownload from './callback-odkkk-acks-after-download.js'
import * as odkkkTrustsForgedFailure from './callback-odkkk-trusts-forged-failure.js'
import * as xenodiaNoPollingFallback from './callback-xenodia-no-polling-fallback.js'

export const CALLBACK_MUTANTS: readonly CallbackMutantModule[] = [
  kieSkipsSignature,
  kieTrustsUnsigned,
  kieHardcodedHost,
  apixoDuplicateIs500,
  xenodiaNoPollingFallback,
  odkkkAcksAfterDownload,
  odkkkTrustsForgedFailure,
]
