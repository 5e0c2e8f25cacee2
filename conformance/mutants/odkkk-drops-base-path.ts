// Mutant of the odkkk reference client: it resolves the poll path `/v1/tasks/{id}` against the base
// URL with `new URL(path, base)`, which keeps only the host and drops `/apiv1` from
// `https://ai.odkkk.com/apiv1` (odkkk.md §1), so every production poll misses.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol } from '../clients/odkkk-client.js'
import { callVendor } from '../clients/vendor-call.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-drops-base-path',
  vendor: 'odkkk',
  bug: 'Resolves the path-absolute poll path against the host, dropping the base path of the base URL.',
  exposedBy: ['success'],
  judge: 'base-path',
}

const call: typeof callVendor = (env, method, path, body) =>
  // BUG: the reference joins base URL + path (clients/vendor-call.ts joinUrl).
  method === 'GET' ? callVendor({ ...env, baseUrl: new URL(path, env.baseUrl).origin }, method, path, body) : callVendor(env, method, path, body)

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(odkkkProtocol, request, env, { call })
}
