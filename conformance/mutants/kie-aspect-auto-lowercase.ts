// Mutant of the KIE reference client: it sends `aspect_ratio: "auto"` as Apixo and odkkk spell it,
// but KIE only knows `Auto` with a capital A (K-GEN; docs/vendors/kie.md §4.1), so the request is
// invalid and KIE refuses it with body code 422.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { type KieGenerateRequest, kieProtocol, kieSubmitBody } from '../clients/kie-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-aspect-auto-lowercase',
  vendor: 'kie',
  bug: 'Sends aspect_ratio "auto" in lowercase; KIE accepts only "Auto", so the submit is invalid against the spec.',
  exposedBy: ['image_to_video'],
  judge: 'requests-valid',
}

function submitBody(request: ClientRequest): ReturnType<typeof kieSubmitBody> {
  const mapped = kieSubmitBody(request)
  if ('error' in mapped) return mapped
  // BUG: the protocol's value is passed through; the reference client maps auto → Auto.
  return { body: { ...mapped.body, aspect_ratio: request.aspectRatio as KieGenerateRequest['aspect_ratio'] } }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, submitBody }, request, env)
}
