// Mutant of the Apixo reference client: it retries a submit answered HTTP 500 at once, three times
// in a row, with no wait (Apixo documents no Retry-After; a 5xx is passing trouble at best,
// apixo.md §3.5).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { apixoProtocol, readApixoSubmit } from '../clients/apixo-client.js'
import { runGeneration } from '../clients/generation-run.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'apixo-retries-500-at-once',
  vendor: 'apixo',
  bug: 'Resends a submit answered 500 immediately, with no backoff.',
  exposedBy: ['server_error'],
  judge: 'backoff',
}

function readSubmit(reply: VendorReply): SubmitReading {
  const reading = readApixoSubmit(reply)
  // BUG: the reference does not resend a 5xx submit; this one does, at once.
  return reading.kind === 'rejected' && reply.status >= 500 ? { ...reading, retryable: true, retryAfterMs: 0 } : reading
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...apixoProtocol, readSubmit }, request, env)
}
