// Mutant of the odkkk reference client: once a poll shows the task completed, it polls twice more
// "to be sure" before it reports the result. Every extra GET /v1/tasks/{id} counts against odkkk's
// rate limits for nothing (docs/vendors/odkkk.md §4), and contract §5 asks for polling that stops.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol } from '../clients/odkkk-client.js'
import { callVendor } from '../clients/vendor-call.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-polls-after-success',
  vendor: 'odkkk',
  bug: 'Polls the task twice more after a poll has shown it completed.',
  exposedBy: ['success'],
  judge: 'poll-count',
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  const call: typeof callVendor = async (callEnv, method, path, body) => {
    const result = await callVendor(callEnv, method, path, body)
    if (method === 'GET' && result.ok && odkkkProtocol.readPoll(result.reply).kind === 'succeeded') {
      // BUG: the reference returns at the first poll that shows the task settled.
      for (let i = 0; i < 2; i++) await callVendor(callEnv, method, path, body)
    }
    return result
  }
  return runGeneration(odkkkProtocol, request, env, { call })
}
