// Mutant of the odkkk callback client: it takes the outcome from the callback body. odkkk does not
// sign callbacks, so a well-formed forged failure ends the task as failed (contract §5.2: a warn).
import { PROTOCOLS, readCallback } from '../clients/callback-protocols.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-odkkk-trusts-forged-failure',
  vendor: 'odkkk',
  bug: 'Acts on an unsigned callback that reports a failure without confirming it through GET /v1/tasks/{id}.',
  exposedBy: ['callback_forged'],
  judge: 'callback-confirmed',
  level: 'warn',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference only wakes up on a callback and reads the state from the poll API.
  return runCallbackGeneration(PROTOCOLS.odkkk, request, env, { trustCallbackBody: (cb) => readCallback('odkkk', cb.body) })
}
