// Mutant of the odkkk reference client: it sends `aspect_ratio` only when it differs from 16:9, the
// default of the other vendors. odkkk's default is `auto` (S004; odkkk.md §3.1), so a 16:9 request
// comes back in whatever ratio the prompt suggests.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol, odkkkSubmitBody } from '../clients/odkkk-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-omits-aspect-ratio',
  vendor: 'odkkk',
  bug: 'Leaves out aspect_ratio for 16:9, where odkkk defaults to auto.',
  exposedBy: ['success'],
  judge: 'request-fidelity',
}

function submitBody(request: ClientRequest): ReturnType<typeof odkkkSubmitBody> {
  const mapped = odkkkSubmitBody(request)
  if (!('body' in mapped) || request.aspectRatio !== '16:9') return mapped
  // BUG: the reference always sends aspect_ratio.
  const { aspect_ratio: _dropped, ...body } = mapped.body
  return { body }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...odkkkProtocol, submitBody }, request, env)
}
