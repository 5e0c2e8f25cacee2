// Mutant of the KIE reference client: it takes HTTP 200 for an accepted task, whatever body `code`
// says. KIE answers business errors with HTTP 200 and the real code in the body (LIVE PH;
// docs/vendors/kie.md §3), so an empty balance or a bad key looks like a created task.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol, readKieSubmit } from '../clients/kie-client.js'
import { field, type VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-http-200-is-success',
  vendor: 'kie',
  bug: 'Treats any HTTP 200 submit answer as an accepted task, ignoring KIE body codes 401/402/455.',
  exposedBy: ['unauthorized', 'insufficient_credits', 'maintenance'],
  judge: 'outcome',
}

function readSubmit(reply: VendorReply): SubmitReading {
  // BUG: the HTTP status decides; the reference client checks body `code === 200`.
  if (reply.status === 200) return { kind: 'accepted', taskId: String(field(field(reply.body, 'data'), 'taskId')), hints: {} }
  return readKieSubmit(reply)
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, readSubmit }, request, env)
}
