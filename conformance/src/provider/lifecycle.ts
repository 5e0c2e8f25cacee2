// The paid probe: one text-to-video task from submit to result, polled as politely as the vendor
// asks. It checks the states seen form a documented path, the task finishes within the documented
// time (with generous slack), and the result URL answers.
import { type DriftEvidence, short, valueAt } from './drift.js'
import { type ProbeRequest, type ProbeResponse, type ProbeSession, ProbeStop } from './probe.js'
import { formatDuration } from './probe-clock.js'

export interface LifecycleTiming {
  /** The documented duration, in words, for messages: `2–5 min`. */
  documented: string
  /** Finishing later than this (virtual ms) is timing drift; the probe gives up soon after. */
  driftAfterMs: number
  source: string
}

export interface LifecyclePlan {
  submit: ProbeRequest
  submitStatuses: readonly number[]
  submitSource: string
  /** Vendor checks of the submit answer (envelope code…); the task id, or undefined to stop. */
  acceptSubmit(session: ProbeSession, response: ProbeResponse): string | undefined
  poll(taskId: string): ProbeRequest
  /** Vendor checks of a poll answer other than its state (KIE's body code); false stops the probe. */
  acceptPoll?(session: ProbeSession, response: ProbeResponse): boolean
  /** Where the state is in a poll answer: `/data/successFlag`, `/status`. */
  statePointer: string
  /** Where it is in the submit answer, for vendors that return the task there (Xenodia, odkkk). */
  submitStatePointer?: string
  /** Documented running states, in the order a task moves through them. */
  runningStates: readonly string[]
  successState: string
  failedStates: readonly string[]
  statesSource: string
  /** Virtual ms before the first poll. */
  firstWaitMs(submit: ProbeResponse): number
  /** Virtual ms between polls, given the last answer (Xenodia hints its own interval). */
  nextWaitMs(last: ProbeResponse): number
  /** The result URLs of a successful answer; may add findings (Apixo's embedded resultJson). */
  resultUrls(session: ProbeSession, response: ProbeResponse): string[]
  timing: LifecycleTiming
}

/** Consecutive transient answers (5xx, 429) tolerated while polling; vendors blip. */
const TRANSIENT_POLLS = 3
/** A progress line at least this often (real ms) while a task runs, besides every state change. */
const HEARTBEAT_MS = 15_000

function stateOf(body: unknown, pointer: string): string | undefined {
  const value = valueAt(body, pointer)
  return value === undefined || value === null ? undefined : String(value)
}

export async function runLifecycle(session: ProbeSession, plan: LifecyclePlan): Promise<void> {
  const vendor = session.vendor
  const known = [...plan.runningStates, plan.successState, ...plan.failedStates]
  const documentedPath = `${plan.runningStates.join('/')} → ${plan.successState}`
  const seen: Array<{ state: string; at: number }> = []
  session.details.states = seen

  const submitted = await session.send(plan.submit)
  if (!session.expectStatus(submitted, plan.submitStatuses, plan.submitSource)) throw new ProbeStop('submit rejected')
  const taskId = plan.acceptSubmit(session, submitted)
  if (!taskId) throw new ProbeStop('no task id')
  session.details.taskId = taskId
  const submittedAt = submitted.at
  session.log(`${vendor} lifecycle: task ${taskId} submitted; polling (documented ${plan.timing.documented})`)

  /** Adds the state to the sequence; false once the sequence is no documented path. */
  const observe = (response: ProbeResponse, pointer: string): string | undefined => {
    const state = stateOf(response.body, pointer)
    const evidence = (expected: unknown, actual: unknown): DriftEvidence => ({
      request: response.operation,
      location: pointer,
      expected,
      actual,
      source: plan.statesSource,
      sequence: seen.map((s) => s.state),
    })
    if (state === undefined) {
      session.behaviour(
        'state-sequence',
        `${response.operation} carries no state at ${pointer}; documented: ${known.join(', ')} (${plan.statesSource})`,
        evidence(known, '(absent)'),
      )
      return undefined
    }
    const last = seen[seen.length - 1]
    if (last?.state !== state) {
      seen.push({ state, at: Math.round(response.at - submittedAt) })
      session.log(`${vendor} lifecycle: task ${taskId} ${pointer.split('/').pop()}=${state} after ${formatDuration(response.at - submittedAt)} (vendor time)`)
    }
    if (!known.includes(state)) {
      session.behaviour(
        'state-sequence',
        `${response.operation} ${pointer} is ${short(state)}, not a documented state (${known.join(', ')}) (${plan.statesSource})`,
        evidence(known, state),
      )
      return undefined
    }
    const rank = (s: string) => (s === plan.successState || plan.failedStates.includes(s) ? plan.runningStates.length : plan.runningStates.indexOf(s))
    if (last && rank(state) < rank(last.state)) {
      session.behaviour(
        'state-sequence',
        `${response.operation} ${pointer} went back from ${last.state} to ${state}; documented path ${documentedPath} (${plan.statesSource})`,
        evidence(documentedPath, seen.map((s) => s.state).join(' → ')),
      )
      return undefined
    }
    return state
  }

  let state: string | undefined
  if (plan.submitStatePointer) {
    state = observe(submitted, plan.submitStatePointer)
    if (state === undefined) throw new ProbeStop('undocumented state')
  }

  let wait = plan.firstWaitMs(submitted)
  let transient = 0
  let polls = 0
  let heartbeat = Date.now()
  for (;;) {
    await session.clock.sleep(wait)
    const response = await session.send(plan.poll(taskId))
    polls++
    wait = plan.nextWaitMs(response)
    if (response.status >= 500 || response.status === 429) {
      transient++
      if (transient <= TRANSIENT_POLLS) continue
      session.behaviour('poll', `${response.operation} answered HTTP ${response.status} ${transient} times in a row`, {
        request: response.operation,
        location: 'status',
        expected: 200,
        actual: response.status,
        source: plan.statesSource,
      })
      throw new ProbeStop('polls keep failing')
    }
    transient = 0
    if (!session.expectStatus(response, [200], plan.statesSource)) throw new ProbeStop('poll rejected')
    if (plan.acceptPoll && !plan.acceptPoll(session, response)) throw new ProbeStop('poll rejected')
    state = observe(response, plan.statePointer)
    if (state === undefined) throw new ProbeStop('undocumented state')
    if (Date.now() - heartbeat > HEARTBEAT_MS) {
      heartbeat = Date.now()
      session.log(`${vendor} lifecycle: task ${taskId} ${state} after ${formatDuration(response.at - submittedAt)} (vendor time), ${polls} polls`)
    }
    if (plan.failedStates.includes(state)) {
      session.behaviour('lifecycle', `task ${taskId} ended in ${state}; a plain text-to-video prompt should succeed (${plan.statesSource})`, {
        request: response.operation,
        location: plan.statePointer,
        expected: plan.successState,
        actual: state,
        source: plan.statesSource,
        body: response.body,
      })
      break
    }
    if (state !== plan.successState) {
      // Give up at the first poll past the drift threshold: late enough to tell "slow" from "never".
      const after = response.at - submittedAt
      if (after <= plan.timing.driftAfterMs) continue
      session.timing(
        'lifecycle-duration',
        `task ${taskId} still ${state} after ${formatDuration(after)} of vendor time; documented ${plan.timing.documented}, drift threshold ${formatDuration(plan.timing.driftAfterMs)} (${plan.timing.source})`,
        {
          request: response.operation,
          location: plan.statePointer,
          expected: `${plan.successState} within ${formatDuration(plan.timing.driftAfterMs)}`,
          actual: `${state} after ${formatDuration(after)}`,
          source: plan.timing.source,
          elapsedMs: Math.round(after),
        },
      )
      break
    }

    const took = response.at - submittedAt
    session.details.durationMs = Math.round(took)
    if (took > plan.timing.driftAfterMs) {
      session.timing(
        'lifecycle-duration',
        `task ${taskId} took ${formatDuration(took)} of vendor time; documented ${plan.timing.documented}, drift threshold ${formatDuration(plan.timing.driftAfterMs)} (${plan.timing.source})`,
        {
          request: response.operation,
          location: plan.statePointer,
          expected: `${plan.successState} within ${formatDuration(plan.timing.driftAfterMs)}`,
          actual: `${plan.successState} after ${formatDuration(took)}`,
          source: plan.timing.source,
          elapsedMs: Math.round(took),
        },
      )
    }
    const urls = plan.resultUrls(session, response)
    session.details.resultUrls = urls.length
    if (urls.length === 0) {
      session.behaviour('result', `task ${taskId} succeeded without a result URL`, {
        request: response.operation,
        location: plan.statePointer,
        expected: 'at least one result URL',
        actual: [],
        source: plan.statesSource,
      })
    } else {
      await checkDownload(session, response.operation, urls[0] as string)
    }
    break
  }
  session.details.polls = polls
}

/** The first result URL must answer 200; only the headers are read, the video is not downloaded. */
async function checkDownload(session: ProbeSession, operation: string, url: string): Promise<void> {
  try {
    const response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) })
    await response.body?.cancel()
    session.details.resultStatus = response.status
    if (response.status !== 200) {
      session.behaviour('result', `the result URL answered HTTP ${response.status}`, {
        request: operation,
        location: 'result URL',
        expected: 200,
        actual: response.status,
      })
    }
  } catch (error) {
    session.behaviour('result', `the result URL could not be fetched: ${(error as Error).message}`, {
      request: operation,
      location: 'result URL',
      expected: 200,
      actual: (error as Error).message,
    })
  }
}
