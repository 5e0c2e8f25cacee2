// Mutant of the Apixo reference client: it polls every 5 s from the start and skips the documented
// 90 s wait before the first poll (S003; docs/vendors/apixo.md §6), so the first minute and a half
// of a task is a stream of needless status calls.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { APIXO_POLL_INTERVAL_MS, apixoProtocol } from '../clients/apixo-client.js'
import { runGeneration } from '../clients/generation-run.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'apixo-no-initial-wait',
  vendor: 'apixo',
  bug: 'Polls statusTask every 5 s right after the submit instead of waiting the documented 90 s first.',
  exposedBy: ['success'],
  judge: 'poll-interval',
  // The wait is advice, not a rule (register apixo.poll-schedule).
  level: 'warn',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference client's first wait is APIXO_FIRST_POLL_MS (90 s).
  return runGeneration({ ...apixoProtocol, firstPollDelayMs: () => APIXO_POLL_INTERVAL_MS }, request, env)
}
