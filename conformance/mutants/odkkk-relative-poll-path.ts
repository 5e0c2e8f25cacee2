// Mutant of the odkkk reference client: it resolves the poll path as a relative reference
// (`new URL('v1/tasks/{id}', base)`) against a base URL without a trailing slash, which replaces
// the base URL's last segment: `https://ai.odkkk.com/apiv1` becomes `https://ai.odkkk.com/v1/…`
// (docs/vendors/odkkk.md §1), so every production poll misses. On the mock the same mistake lands
// on the shorter `/odkkk/v1/…` form, which still answers (docs/contract.md §1): only the journal
// shows that the client left the base URL it was given.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol } from '../clients/odkkk-client.js'
import { callVendor } from '../clients/vendor-call.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-relative-poll-path',
  vendor: 'odkkk',
  bug: "Resolves the poll path as a relative URL against the base URL, which replaces the base URL's last segment (/apiv1).",
  exposedBy: ['success'],
  judge: 'base-path',
}

const call: typeof callVendor = (env, method, path, body) =>
  // BUG: `new URL('.', base)` is where a relative reference resolves: the base without its last segment.
  method === 'GET' ? callVendor({ ...env, baseUrl: new URL('.', env.baseUrl).href }, method, path, body) : callVendor(env, method, path, body)

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(odkkkProtocol, request, env, { call })
}
