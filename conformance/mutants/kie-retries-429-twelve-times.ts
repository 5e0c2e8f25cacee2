// Mutant of the KIE reference client: it resends a rate-limited submit up to twelve times, 6 s apart.
// Each retry is spaced (KIE sends no Retry-After, docs/vendors/kie.md §9), but a rejection that keeps
// coming is retried far past a small bound: KIE rejects the excess rather than queueing it (K-GS;
// kie.md §7), and a client that keeps knocking only prolongs the limit.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { Budget } from '../clients/budget.js'
import { failed, pollTask } from '../clients/generation-run.js'
import { kieProtocol } from '../clients/kie-client.js'
import { callVendor } from '../clients/vendor-call.js'
import { clientError } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-retries-429-twelve-times',
  vendor: 'kie',
  bug: 'Resends a rate-limited submit twelve times, 6 s apart, instead of giving up after a few spaced retries.',
  exposedBy: ['rate_limited'],
  judge: 'bounded-submit-retries',
}

// BUG: the reference resends at most three times (clients/generation-run.ts MAX_SUBMIT_RETRIES).
const ATTEMPTS = 12
const SPACING_MS = 6_000

export async function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  const budget = new Budget(request.timeoutMs, env.timeScale)
  const mapped = kieProtocol.submitBody(request)
  if ('error' in mapped) return failed(null, mapped.error)
  for (let attempt = 1; ; attempt++) {
    const result = await callVendor(env, 'POST', kieProtocol.submitPath, mapped.body)
    if (!result.ok) return failed(null, clientError('server_error', 'network_error', result.message))
    const reading = kieProtocol.readSubmit(result.reply)
    if (reading.kind === 'accepted') return pollTask(kieProtocol, reading.taskId, reading.hints, env, budget)
    if (!reading.retryable || attempt >= ATTEMPTS || !(await budget.wait(SPACING_MS))) return failed(null, reading.error)
  }
}
