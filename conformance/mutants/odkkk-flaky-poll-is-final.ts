// Mutant of the odkkk reference client: it gives up on the first 5xx of a task poll. EvoLink's own
// clients retry 502/503 (CLI; docs/vendors/odkkk.md §3.3), and a passing 503 says nothing about the
// task, which goes on to succeed.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol, readOdkkkPoll } from '../clients/odkkk-client.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-flaky-poll-is-final',
  vendor: 'odkkk',
  bug: 'Treats a transient 503 on a task poll as the final answer and reports server_error for a task that succeeds.',
  exposedBy: ['flaky_poll'],
  judge: 'outcome',
}

function readPoll(reply: VendorReply): PollReading {
  const reading = readOdkkkPoll(reply)
  // BUG: the reference client polls again after a transient error.
  return reading.kind === 'transient' ? { kind: 'final', error: reading.error } : reading
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...odkkkProtocol, readPoll }, request, env)
}
