// Mutant of the KIE reference client: a connection cut before any answer is reported as the final
// outcome instead of being retried, though a cut submit created nothing (docs/contract.md §3
// connection_reset).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol } from '../clients/kie-client.js'
import { callVendor } from '../clients/vendor-call.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-reset-is-final',
  vendor: 'kie',
  bug: 'Gives up on a submit whose connection was cut, instead of retrying it.',
  exposedBy: ['connection_reset'],
  judge: 'request-timeout',
}

// BUG: the cause is dropped, so the reset looks like any other network failure and is never retried.
const call: typeof callVendor = async (env, method, path, body) => {
  const result = await callVendor(env, method, path, body)
  return result.ok ? result : { ok: false, message: result.message }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(kieProtocol, request, env, { call })
}
