// Mutant of the Apixo callback client: it answers 500 to a callback for a task it has already
// heard about, so of two deliveries of one completion the second is refused and Apixo retries it.
import { PROTOCOLS } from '../clients/callback-protocols.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-apixo-duplicate-is-500',
  vendor: 'apixo',
  bug: 'Answers HTTP 500 to a second callback for the same task instead of acknowledging it idempotently.',
  exposedBy: ['duplicate_callback'],
  judge: 'callback-ack',
  level: 'fail',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: "already seen" is treated as an error; the reference answers 200 to every readable callback.
  return runCallbackGeneration(PROTOCOLS.apixo, request, env, { answer: (cb, receiver) => (receiver.seen.includes(cb.taskId) ? 500 : 200) })
}
