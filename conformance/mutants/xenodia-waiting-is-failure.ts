// Mutant of the Xenodia reference client: it knows `queuing`, `generating`, `success` and `fail`,
// and treats any other state as a failure — including `waiting`, the state of a task not yet
// scheduled, which a busy gateway reports for a while (X-TR; docs/vendors/xenodia.md §4).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import { readXenodiaPoll, xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-waiting-is-failure',
  vendor: 'xenodia',
  bug: 'Reports a task still waiting in the queue as a failed generation.',
  exposedBy: ['queue_long'],
  judge: 'outcome',
}

function readPoll(reply: VendorReply): PollReading {
  const reading = readXenodiaPoll(reply)
  // BUG: the reference reads waiting as running.
  return reading.kind === 'running' && reading.state === 'waiting'
    ? { kind: 'failed', error: { kind: 'generation_failed', vendorCode: 'waiting', message: 'unexpected state waiting' } }
    : reading
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...xenodiaProtocol, readPoll }, request, env)
}
