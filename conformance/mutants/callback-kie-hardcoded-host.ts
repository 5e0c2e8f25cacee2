// Mutant of the KIE callback client: its callback URL is a fixed host from its configuration, as in
// public clients that send every task's callback to one third-party URL by default.
import { PROTOCOLS } from '../clients/callback-protocols.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-kie-hardcoded-host',
  vendor: 'kie',
  bug: 'Puts a hard-coded host in callBackUrl instead of its own receiver on VEO_CALLBACK_HOST:VEO_CALLBACK_PORT.',
  exposedBy: ['success'],
  judge: 'callback-url',
  level: 'fail',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference uses the URL of the receiver it started.
  return runCallbackGeneration(PROTOCOLS.kie, request, env, { callbackUrl: () => 'https://hooks.example.com/veo/callback' })
}
