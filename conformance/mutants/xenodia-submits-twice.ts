// Mutant of the Xenodia reference client: it treats the create call as idempotent and calls it a
// second time to learn the task id to poll, so every request creates two paid tasks (Xenodia bills
// per accepted video task, S000; docs/vendors/xenodia.md §3.3).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { Budget } from '../clients/budget.js'
import { failed, pollTask, submitTask } from '../clients/generation-run.js'
import { xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-submits-twice',
  vendor: 'xenodia',
  bug: 'Sends the create request twice (once to check it is accepted, once to get the task id), creating two tasks.',
  exposedBy: ['success'],
  judge: 'one-task-per-request',
}

// runGeneration (clients/generation-run.ts) with its submit duplicated.
export async function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  const budget = new Budget(request.timeoutMs, env.timeScale)
  const mapped = xenodiaProtocol.submitBody(request)
  if ('error' in mapped) return failed(null, mapped.error)
  const checked = await submitTask(xenodiaProtocol, mapped.body, env, budget)
  if (checked.kind === 'rejected') return failed(null, checked.error)
  // BUG: a second create; the reference client polls the task it already has.
  const submitted = await submitTask(xenodiaProtocol, mapped.body, env, budget)
  if (submitted.kind === 'rejected') return failed(null, submitted.error)
  return pollTask(xenodiaProtocol, submitted.taskId, submitted.hints, env, budget)
}
