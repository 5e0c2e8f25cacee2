// Mutant of the odkkk reference client: it reports the HTTP status as `vendorCode` for HTTP errors.
// odkkk's own code for those is `error.type` (`authentication_error`, `insufficient_quota_error`…;
// S004; vendor-notes/odkkk.md §4); the status only repeats `error.code`.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol, readOdkkkSubmit } from '../clients/odkkk-client.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-status-as-vendor-code',
  vendor: 'odkkk',
  bug: 'Reports the HTTP status ("401") as vendorCode instead of odkkk\'s error.type ("authentication_error").',
  exposedBy: ['unauthorized', 'insufficient_credits'],
  judge: 'outcome',
}

function readSubmit(reply: VendorReply): SubmitReading {
  const reading = readOdkkkSubmit(reply)
  if (reading.kind !== 'rejected') return reading
  // BUG: the reference client keeps error.type.
  return { ...reading, error: { ...reading.error, vendorCode: String(reply.status) } }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...odkkkProtocol, readSubmit }, request, env)
}
