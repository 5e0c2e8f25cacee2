// The flow every reference client shares: map the request, submit once (retrying only rate
// limits), wait, poll at the vendor's pace (retrying only transient errors, a bounded number of
// times), and give up when the caller's budget runs out.
import type { ClientEnv, ClientError, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { Budget } from './budget.js'
import { callVendor } from './vendor-call.js'
import { clientError, type PollHints, type PollReading, type SubmitReading, type VendorProtocol } from './vendor-protocol.js'

/** Rate-limited submits are resent at most this many times. */
export const MAX_SUBMIT_RETRIES = 3
/** Consecutive transient poll errors tolerated before giving up. */
export const MAX_POLL_ERRORS = 5

/** Backoff for a 429 without `Retry-After`, in vendor ms: 5 s, 10 s, 20 s. */
export function backoffMs(attempt: number): number {
  return 5_000 * 2 ** attempt
}

export interface RunOptions {
  /** The HTTP call; replaceable so tests and mutants can observe or alter the wire. */
  call?: typeof callVendor
}

export function failed(taskId: string | null, error: ClientError): ClientOutcome {
  return { status: 'failed', taskId, error }
}

export async function runGeneration(protocol: VendorProtocol, request: ClientRequest, env: ClientEnv, options: RunOptions = {}): Promise<ClientOutcome> {
  const budget = new Budget(request.timeoutMs, env.timeScale)
  const mapped = protocol.submitBody(request)
  if ('error' in mapped) return failed(null, mapped.error)
  const submitted = await submitTask(protocol, mapped.body, env, budget, options)
  if (submitted.kind === 'rejected') return failed(null, submitted.error)
  return pollTask(protocol, submitted.taskId, submitted.hints, env, budget, options)
}

export async function submitTask(protocol: VendorProtocol, body: unknown, env: ClientEnv, budget: Budget, options: RunOptions = {}): Promise<SubmitReading> {
  const call = options.call ?? callVendor
  for (let attempt = 0; ; attempt++) {
    const result = await call(env, 'POST', protocol.submitPath, body)
    if (!result.ok) {
      // A connection cut before any answer (docs/contract.md §3 connection_reset) is retried once the
      // backoff allows. A timeout is not: the request may have reached the vendor, and a second
      // submit could create a second paid task.
      if (result.cause === 'reset' && attempt < MAX_SUBMIT_RETRIES && backoffMs(attempt) < budget.remainingMs()) {
        await budget.wait(backoffMs(attempt))
        continue
      }
      return { kind: 'rejected', error: clientError('server_error', 'network_error', result.message), retryable: false }
    }
    const reading = protocol.readSubmit(result.reply)
    if (reading.kind === 'accepted' || !reading.retryable || attempt >= MAX_SUBMIT_RETRIES) return reading
    const delay = reading.retryAfterMs ?? backoffMs(attempt)
    // No point waiting for a retry the budget cannot afford.
    if (delay >= budget.remainingMs()) return reading
    await budget.wait(delay)
  }
}

export async function pollTask(
  protocol: VendorProtocol,
  taskId: string,
  initial: PollHints,
  env: ClientEnv,
  budget: Budget,
  options: RunOptions = {},
): Promise<ClientOutcome> {
  const call = options.call ?? callVendor
  let hints = initial
  let state = 'submitted'
  let errors = 0
  let delay = protocol.firstPollDelayMs(hints)
  for (;;) {
    if (!(await budget.wait(delay))) {
      return failed(taskId, clientError('timeout', state, `Gave up after the time budget ran out; the task was still ${state}`))
    }
    const result = await call(env, 'GET', protocol.pollPath(taskId, hints))
    const reading: PollReading = result.ok
      ? protocol.readPoll(result.reply)
      : { kind: 'transient', error: clientError('server_error', 'network_error', result.message) }
    switch (reading.kind) {
      case 'succeeded':
        if (!Array.isArray(reading.videoUrls) || reading.videoUrls.length === 0) {
          return failed(taskId, clientError('generation_failed', state, 'The vendor reported success without result URLs'))
        }
        return { status: 'succeeded', taskId, videoUrls: reading.videoUrls }
      case 'failed':
      case 'final':
        return failed(taskId, reading.error)
      case 'transient':
        errors += 1
        if (errors > MAX_POLL_ERRORS) return failed(taskId, reading.error)
        delay = Math.max(protocol.pollIntervalMs(hints), reading.retryAfterMs ?? 0)
        break
      case 'running':
        errors = 0
        state = reading.state
        if (reading.hints) hints = { ...hints, ...reading.hints }
        delay = protocol.pollIntervalMs(hints)
        break
    }
  }
}
