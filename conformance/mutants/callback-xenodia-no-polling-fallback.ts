// Mutant of the Xenodia callback client: once it has submitted with a callback URL it only waits
// for the callback, so a lost or late callback leaves it waiting until its budget runs out.
import { PROTOCOLS } from '../clients/callback-protocols.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-xenodia-no-polling-fallback',
  vendor: 'xenodia',
  bug: 'Never polls while it waits for the callback, so a lost or late callback ends in a timeout.',
  exposedBy: ['callback_lost', 'callback_delayed'],
  judge: 'callback-fallback',
  level: 'fail',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference polls at twice the guidance while no callback has come.
  return runCallbackGeneration(PROTOCOLS.xenodia, request, env, { fallbackPolling: false })
}
