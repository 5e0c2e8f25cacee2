// Mutant of the KIE reference client: the 30 s poll guidance (K-CB, K-QS) is written as 30, read as
// milliseconds, so the client polls record-info in a tight loop.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol } from '../clients/kie-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-tight-poll-loop',
  vendor: 'kie',
  bug: 'Polls every 30 ms instead of every 30 s (seconds taken for milliseconds), a tight loop on record-info.',
  exposedBy: ['success'],
  judge: 'poll-interval',
}

// BUG: the reference client waits KIE_POLL_INTERVAL_MS = 30_000.
const POLL_INTERVAL_MS = 30

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, firstPollDelayMs: () => POLL_INTERVAL_MS, pollIntervalMs: () => POLL_INTERVAL_MS }, request, env)
}
