// Mutant of the KIE reference client: KIE sends no Retry-After (kie.md §9), and this client reads the
// missing header as "retry now", resending a rate-limited submit back to back — the excess KIE
// rejects, not queues (K-GS; kie.md §7).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol, readKieSubmit } from '../clients/kie-client.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { SubmitReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-retries-429-at-once',
  vendor: 'kie',
  bug: 'Retries a 429 without Retry-After immediately instead of backing off.',
  exposedBy: ['rate_limited'],
  judge: 'backoff',
}

function readSubmit(reply: VendorReply): SubmitReading {
  const reading = readKieSubmit(reply)
  // BUG: the reference backs off 5 s, 10 s, 20 s when no Retry-After comes.
  return reading.kind === 'rejected' && reading.retryable ? { ...reading, retryAfterMs: reading.retryAfterMs ?? 0 } : reading
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, readSubmit }, request, env)
}
