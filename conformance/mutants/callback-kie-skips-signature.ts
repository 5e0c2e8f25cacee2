// Mutant of the KIE callback client: it never checks X-Webhook-Signature, so forged callbacks are
// acknowledged (it still confirms through record-info, so its outcome stays right).
import { PROTOCOLS } from '../clients/callback-protocols.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-kie-skips-signature',
  vendor: 'kie',
  bug: 'Never verifies the HMAC signature of KIE callbacks, so forged ones are answered 200.',
  exposedBy: ['callback_forged'],
  judge: 'callback-forged-refused',
  level: 'fail',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference answers 401 when kieSignatureValid() is false.
  return runCallbackGeneration(PROTOCOLS.kie, request, env, { answer: () => 200 })
}
