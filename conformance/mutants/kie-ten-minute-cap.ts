// Mutant of the KIE reference client: it gives up after 10 minutes, the cap of KIE's sample code
// (K-QS; docs/vendors/kie.md §7), instead of the caller's `timeoutMs`, so a slow task that would
// finish within the caller's budget is abandoned.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol } from '../clients/kie-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-ten-minute-cap',
  vendor: 'kie',
  bug: "Gives up after the 10-minute cap of KIE's sample code instead of the caller's timeoutMs, abandoning slow tasks.",
  exposedBy: ['slow'],
  judge: 'outcome',
}

// BUG: copied from the sample code; the reference client uses request.timeoutMs.
const MAX_WAIT_MS = 10 * 60_000

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(kieProtocol, { ...request, timeoutMs: MAX_WAIT_MS }, env)
}
