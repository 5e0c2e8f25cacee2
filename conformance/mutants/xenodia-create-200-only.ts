// Mutant of the Xenodia reference client: it takes only HTTP 200 as an accepted create, so a 202
// Accepted — which Xenodia's docs leave open (docs/vendors/xenodia.md §7.3) — is reported as an error
// and the paid task is abandoned.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import { readXenodiaSubmit, xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-create-200-only',
  vendor: 'xenodia',
  bug: 'Treats a create answered 202 Accepted as a failure.',
  exposedBy: ['create_202'],
  judge: 'outcome',
}

function readSubmit(reply: VendorReply): SubmitReading {
  // BUG: the reference accepts any 2xx.
  if (reply.status !== 200)
    return { kind: 'rejected', error: { kind: 'server_error', vendorCode: String(reply.status), message: `HTTP ${reply.status}` }, retryable: false }
  return readXenodiaSubmit(reply)
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...xenodiaProtocol, readSubmit }, request, env)
}
