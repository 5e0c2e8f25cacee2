// Mutant of the odkkk reference client: on a 429 it backs off on its own schedule (5 s first) and
// never reads `Retry-After`, which odkkk sends with "retry after 60 seconds" (S004; EvoLink's CLI
// honours the header, docs/vendors/odkkk.md §3.3, §8).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol, readOdkkkSubmit } from '../clients/odkkk-client.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-ignores-retry-after',
  vendor: 'odkkk',
  bug: 'Retries a 429 after its own 5 s backoff, ignoring the Retry-After: 60 header.',
  exposedBy: ['rate_limited'],
  judge: 'retry-after-honoured',
  // The wait is advice, not a rule (register odkkk.retry-after).
  level: 'warn',
}

function readSubmit(reply: VendorReply): SubmitReading {
  // BUG: the header is dropped; the reference client passes reply.retryAfterMs on.
  return readOdkkkSubmit({ ...reply, retryAfterMs: undefined })
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...odkkkProtocol, readSubmit }, request, env)
}
