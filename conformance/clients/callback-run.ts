// The callback-mode flow every reference client shares (contract §5.2): start a receiver on the
// given host and port, submit with its URL in the vendor's callback field, then wait. A callback
// (signature checked where the vendor signs) wakes the client, which reads the task's state from
// the poll API, so a forged, duplicate or late callback cannot change the outcome. While no
// callback comes it still polls, at twice the vendor's poll guidance, so a lost or late callback
// ends no later than polling would (KIE and odkkk document that callbacks can fail).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { Budget } from './budget.js'
import { withCallbackUrl } from './callback-fields.js'
import { type CallbackAnswer, type CallbackReceiver, type ReceivedCallback, startCallbackReceiver } from './callback-receiver.js'
import { failed, nextPollStep, pollOnce, type PollProgress, type RunOptions, runGeneration, submitTask } from './generation-run.js'
import { clientError, type PollHints, type PollReading, type VendorProtocol } from './vendor-protocol.js'

/** Fallback polls come at this multiple of the vendor's poll guidance while a callback is awaited. */
export const FALLBACK_POLL_FACTOR = 2

export interface CallbackRunOptions extends RunOptions {
  /** How the receiver answers a readable callback; default: verify the signature where the vendor signs, else 200. */
  answer?: CallbackAnswer
  /** The URL put in the submit, from the receiver's own; default that URL. */
  callbackUrl?(receiverUrl: string): string
  /** Poll while no callback has come; default true. */
  fallbackPolling?: boolean
  /** Read the outcome from a callback's body instead of confirming through the poll API; default false. */
  trustCallbackBody?(callback: ReceivedCallback): PollReading | undefined
}

export async function runCallbackGeneration(
  protocol: VendorProtocol,
  request: ClientRequest,
  env: ClientEnv,
  options: CallbackRunOptions = {},
): Promise<ClientOutcome> {
  if (!env.callback) return runGeneration(protocol, request, env, options)
  const budget = new Budget(request.timeoutMs, env.timeScale)
  const mapped = protocol.submitBody(request)
  if ('error' in mapped) return failed(null, mapped.error)
  // Listening before the submit: a fast task may call back before the submit's answer is read.
  const receiver = await startCallbackReceiver(protocol.vendor, env.callback, options.answer)
  try {
    const url = options.callbackUrl ? options.callbackUrl(receiver.url) : receiver.url
    const submitted = await submitTask(protocol, withCallbackUrl(protocol.vendor, mapped.body, url), env, budget, options)
    if (submitted.kind === 'rejected') return failed(null, submitted.error)
    return await awaitTask(protocol, submitted.taskId, submitted.hints, env, budget, receiver, options)
  } finally {
    await receiver.close()
  }
}

/** Waits up to `ms` vendor ms for a callback of the task; 'callback', 'timer' or 'expired'. */
async function waitForCallback(
  receiver: CallbackReceiver,
  taskId: string,
  ms: number,
  budget: Budget,
): Promise<{ kind: 'callback'; callback: ReceivedCallback } | { kind: 'timer' | 'expired' }> {
  const left = budget.remainingMs()
  const realMs = Math.min(ms, left) / budget.timeScale + 1
  let cancel = () => undefined as void
  const timer = new Promise<{ kind: 'timer' | 'expired' }>((resolve) => {
    const handle = setTimeout(() => resolve({ kind: ms >= left ? 'expired' : 'timer' }), realMs)
    cancel = () => clearTimeout(handle)
  })
  const next = receiver.next(taskId)
  const result = await Promise.race([next.callback.then((callback) => ({ kind: 'callback' as const, callback })), timer])
  cancel()
  next.cancel(result.kind === 'callback')
  return result
}

async function awaitTask(
  protocol: VendorProtocol,
  taskId: string,
  hints: PollHints,
  env: ClientEnv,
  budget: Budget,
  receiver: CallbackReceiver,
  options: CallbackRunOptions,
): Promise<ClientOutcome> {
  const fallback = options.fallbackPolling ?? true
  let progress: PollProgress = { state: 'submitted', hints, errors: 0 }
  let wait = protocol.firstPollDelayMs(hints) * FALLBACK_POLL_FACTOR
  for (;;) {
    const event = await waitForCallback(receiver, taskId, fallback ? wait : Number.POSITIVE_INFINITY, budget)
    if (event.kind === 'expired') {
      return failed(
        taskId,
        clientError('timeout', progress.state, `Gave up after the time budget ran out; no final callback, the task was still ${progress.state}`),
      )
    }
    if (event.kind === 'callback' && options.trustCallbackBody) {
      const reading = options.trustCallbackBody(event.callback)
      if (reading?.kind === 'succeeded') return { status: 'succeeded', taskId, videoUrls: reading.videoUrls }
      if (reading?.kind === 'failed') return failed(taskId, reading.error)
    }
    const step = nextPollStep(protocol, taskId, await pollOnce(protocol, taskId, progress.hints, env, options), progress)
    if ('outcome' in step) return step.outcome
    progress = step.progress
    wait = step.kind === 'running' ? step.waitMs * FALLBACK_POLL_FACTOR : step.waitMs
  }
}
