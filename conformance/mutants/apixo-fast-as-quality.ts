// Mutant of the Apixo reference client: it leaves out `input.mode`, and Apixo's default mode is
// `quality` (S001, S003; apixo.md §3.1), so every fast request runs (and is billed) as quality.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { apixoProtocol, apixoSubmitBody } from '../clients/apixo-client.js'
import { runGeneration } from '../clients/generation-run.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'apixo-fast-as-quality',
  vendor: 'apixo',
  bug: 'Omits input.mode, so the vendor default quality replaces the fast mode asked for.',
  exposedBy: ['success'],
  judge: 'request-fidelity',
}

function submitBody(request: ClientRequest): ReturnType<typeof apixoSubmitBody> {
  const mapped = apixoSubmitBody(request)
  if (!('body' in mapped)) return mapped
  // BUG: the reference always sends input.mode.
  const { mode: _dropped, ...input } = mapped.body.input
  return { body: { ...mapped.body, input: input as typeof mapped.body.input } }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...apixoProtocol, submitBody }, request, env)
}
