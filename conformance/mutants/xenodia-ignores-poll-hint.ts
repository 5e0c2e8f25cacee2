// Mutant of the Xenodia reference client: it reads `recommended_poll_interval_ms` once, from the
// create answer, and keeps that pace while the server asks for longer waits as the task generates
// (S000, X-ASYNC "honour recommended_poll_interval_ms"; docs/vendors/xenodia.md §6).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import { readXenodiaPoll, xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-ignores-poll-hint',
  vendor: 'xenodia',
  bug: 'Keeps the first poll hint and ignores the longer recommended_poll_interval_ms of later answers.',
  exposedBy: ['success'],
  judge: 'poll-interval',
}

function readPoll(reply: VendorReply): PollReading {
  const reading = readXenodiaPoll(reply)
  // BUG: the reference takes the hint of every answer.
  return reading.kind === 'running' ? { kind: 'running', state: reading.state } : reading
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...xenodiaProtocol, readPoll }, request, env)
}
