// Mutant of the odkkk reference client: it retries a 402 "Insufficient quota" as if the quota
// refilled by itself. A 402 is final until the user recharges (S004 fallback_suggestion is the
// billing page; docs/vendors/odkkk.md §3.1).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol, readOdkkkSubmit } from '../clients/odkkk-client.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-retries-402',
  vendor: 'odkkk',
  bug: 'Retries a submit answered 402 Insufficient quota, a final rejection, with backoff.',
  exposedBy: ['insufficient_credits', 'no_credits'],
  judge: 'no-retry-after-final-4xx',
}

function readSubmit(reply: VendorReply): SubmitReading {
  const reading = readOdkkkSubmit(reply)
  // BUG: 402 joins 429 among the retryable answers.
  if (reading.kind === 'rejected' && reply.status === 402) return { ...reading, retryable: true }
  return reading
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...odkkkProtocol, readSubmit }, request, env)
}
