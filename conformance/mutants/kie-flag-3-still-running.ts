// Mutant of the KIE reference client: it reads `successFlag: 3` ("generation failed", described in
// K-REC but missing from its schema enum; docs/vendors/kie.md §5, §8.6) as still generating, so a
// task that failed upstream is polled until the budget runs out.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol, readKiePoll } from '../clients/kie-client.js'
import { field, type VendorReply } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-flag-3-still-running',
  vendor: 'kie',
  bug: 'Treats successFlag 3 as still running, so an upstream generation failure ends as a timeout.',
  exposedBy: ['generation_failed'],
  judge: 'outcome',
}

function readPoll(reply: VendorReply): PollReading {
  // BUG: only the flags of the schema enum (0, 1, 2) are known; 3 falls into "still generating".
  if (field(field(reply.body, 'data'), 'successFlag') === 3) return { kind: 'running', state: '3' }
  return readKiePoll(reply)
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, readPoll }, request, env)
}
