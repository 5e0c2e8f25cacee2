// Mutant of the KIE reference client: written before KIE sold Lite (S002 lists only veo3 and
// veo3_fast), it sends `lite` as `veo3_fast`, a dearer model than asked (K-GEN; kie.md §4.1, §8.4).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol, kieSubmitBody } from '../clients/kie-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-lite-as-fast',
  vendor: 'kie',
  bug: 'Sends tier lite as veo3_fast instead of veo3_lite.',
  exposedBy: ['lite'],
  judge: 'request-fidelity',
}

function submitBody(request: ClientRequest): ReturnType<typeof kieSubmitBody> {
  // BUG: the reference maps lite to veo3_lite.
  return kieSubmitBody(request.tier === 'lite' ? { ...request, tier: 'fast' } : request)
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, submitBody }, request, env)
}
