// Mutant of the Xenodia reference client: its aspect table has no `auto`, so `auto` falls back to
// 16:9 and portrait images are cropped (S000 aspect_ratio 16:9 | 9:16 | Auto; xenodia.md §3.1).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { xenodiaProtocol, xenodiaSubmitBody } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-auto-as-16-9',
  vendor: 'xenodia',
  bug: 'Sends aspect_ratio 16:9 when the request asks for auto.',
  exposedBy: ['image_to_video'],
  judge: 'request-fidelity',
}

function submitBody(request: ClientRequest): ReturnType<typeof xenodiaSubmitBody> {
  // BUG: the reference sends Auto.
  return xenodiaSubmitBody(request.aspectRatio === 'auto' ? { ...request, aspectRatio: '16:9' } : request)
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...xenodiaProtocol, submitBody }, request, env)
}
