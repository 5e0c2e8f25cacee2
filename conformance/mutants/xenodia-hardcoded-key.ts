// Mutant of the Xenodia reference client: it sends a key written into its own configuration (a
// development key) instead of the key it was given (VEO_API_KEY, contract §5), so a deployment that
// injects the key the documented way still sends the wrong one.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-hardcoded-key',
  vendor: 'xenodia',
  bug: 'Sends a hard-coded development key instead of the key it was given (VEO_API_KEY).',
  exposedBy: ['success'],
  judge: 'case-api-key',
}

const DEVELOPMENT_KEY = 'sk-dev-xenodia-0000'

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  // BUG: the reference sends env.apiKey.
  return runGeneration(xenodiaProtocol, request, { ...env, apiKey: DEVELOPMENT_KEY })
}
