// Mutant of the KIE reference client: its tier table is shifted, so a `fast` request is sent as
// `veo3` (Quality) and billed at the Quality price (K-GEN models; kie.md §4.1).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol, kieSubmitBody } from '../clients/kie-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-quality-for-fast',
  vendor: 'kie',
  bug: 'Sends model veo3 (Quality) for a fast request, billing the quality model.',
  exposedBy: ['success'],
  judge: 'request-fidelity',
}

function submitBody(request: ClientRequest): ReturnType<typeof kieSubmitBody> {
  const mapped = kieSubmitBody(request)
  // BUG: the reference maps fast to veo3_fast.
  return 'body' in mapped && request.tier === 'fast' ? { body: { ...mapped.body, model: 'veo3' } } : mapped
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, submitBody }, request, env)
}
