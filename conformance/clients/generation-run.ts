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

/** Where a poll loop stands between answers: the task's last state word, the hints so far, transient errors in a row. */
export interface PollProgress {
  state: string
  hints: PollHints
  errors: number
}

/** One poll of the task; a connection that fails is a transient answer like a 5xx. */
export async function pollOnce(protocol: VendorProtocol, taskId: string, hints: PollHints, env: ClientEnv, options: RunOptions = {}): Promise<PollReading> {
  const result = await (options.call ?? callVendor)(env, 'GET', protocol.pollPath(taskId, hints))
  return result.ok ? protocol.readPoll(result.reply) : { kind: 'transient', error: clientError('server_error', 'network_error', result.message) }
}

/**
 * What one poll answer means: the outcome to return, or the progress to go on with and how long
 * until the next poll (a transient answer waits at least its Retry-After).
 */
export function nextPollStep(
  protocol: VendorProtocol,
  taskId: string,
  reading: PollReading,
  progress: PollProgress,
): { outcome: ClientOutcome } | { kind: 'running' | 'transient'; progress: PollProgress; waitMs: number } {
  switch (reading.kind) {
    case 'succeeded':
      if (!Array.isArray(reading.videoUrls) || reading.videoUrls.length === 0) {
        return { outcome: failed(taskId, clientError('generation_failed', progress.state, 'The vendor reported success without result URLs')) }
      }
      return { outcome: { status: 'succeeded', taskId, videoUrls: reading.videoUrls } }
    case 'failed':
    case 'final':
      return { outcome: failed(taskId, reading.error) }
    case 'transient': {
      const errors = progress.errors + 1
      if (errors > MAX_POLL_ERRORS) return { outcome: failed(taskId, reading.error) }
      return { kind: 'transient', progress: { ...progress, errors }, waitMs: Math.max(protocol.pollIntervalMs(progress.hints), reading.retryAfterMs ?? 0) }
    }
    case 'running': {
      const hints = reading.hints ? { ...progress.hints, ...reading.hints } : progress.hints
      return { kind: 'running', progress: { state: reading.state, hints, errors: 0 }, waitMs: protocol.pollIntervalMs(hints) }
    }
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
  let progress: PollProgress = { state: 'submitted', hints: initial, errors: 0 }
  let delay = protocol.firstPollDelayMs(initial)
  for (;;) {
    if (!(await budget.wait(delay))) {
      return failed(taskId, clientError('timeout', progress.state, `Gave up after the time budget ran out; the task was still ${progress.state}`))
    }
    const step = nextPollStep(protocol, taskId, await pollOnce(protocol, taskId, progress.hints, env, options), progress)
    if ('outcome' in step) return step.outcome
    progress = step.progress
    delay = step.waitMs
  }
}
