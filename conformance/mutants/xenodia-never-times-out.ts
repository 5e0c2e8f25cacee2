// Mutant of the Xenodia reference client: it has no give-up budget and polls until the task
// settles, so a stuck task (`generating` forever, docs/vendors/xenodia.md §8) keeps it polling for
// as long as it runs.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-never-times-out',
  vendor: 'xenodia',
  bug: "Ignores the caller's timeoutMs and polls a stuck task forever.",
  exposedBy: ['stuck'],
  judge: 'gives-up-within-budget',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference client passes request.timeoutMs through.
  return runGeneration(xenodiaProtocol, { ...request, timeoutMs: Number.POSITIVE_INFINITY }, env)
}
