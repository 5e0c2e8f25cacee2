// Mutant of the KIE callback client: it checks a signature only when the headers are there, and
// takes the outcome from the callback body; a forged failure without signature headers ends it.
import type { IncomingHttpHeaders } from 'node:http'
import { PROTOCOLS, readCallback } from '../clients/callback-protocols.js'
import { kieSignatureValid } from '../clients/callback-receiver.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-kie-trusts-unsigned',
  vendor: 'kie',
  bug: 'Accepts a KIE callback without signature headers and trusts its failure without confirming through record-info.',
  exposedBy: ['callback_forged'],
  judge: 'callback-forged-refused',
  level: 'fail',
}

const signed = (headers: IncomingHttpHeaders) => headers['x-webhook-signature'] !== undefined

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  const secret = env.callback?.secret
  return runCallbackGeneration(PROTOCOLS.kie, request, env, {
    // BUG: an unsigned callback skips the check instead of being refused.
    answer: (cb) => (secret && signed(cb.headers) && !kieSignatureValid(cb.headers, cb.taskId, secret) ? 401 : 200),
    trustCallbackBody: (cb) => readCallback('kie', cb.body),
  })
}
