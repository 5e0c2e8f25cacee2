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

/** One probe run: what every step reads and the sequence of states seen so far. */
interface LifecycleRun {
  session: ProbeSession
  plan: LifecyclePlan
  taskId: string
  submittedAt: number
  seen: Array<{ state: string; at: number }>
}

const knownStates = (plan: LifecyclePlan) => [...plan.runningStates, plan.successState, ...plan.failedStates]

/** Sends the submit; the task id, or a stop when the vendor refused it. */
async function submitTask(session: ProbeSession, plan: LifecyclePlan): Promise<{ submitted: ProbeResponse; taskId: string }> {
  const submitted = await session.send(plan.submit)
  if (!session.expectStatus(submitted, plan.submitStatuses, plan.submitSource)) throw new ProbeStop('submit rejected')
  const taskId = plan.acceptSubmit(session, submitted)
  if (!taskId) throw new ProbeStop('no task id')
  session.details.taskId = taskId
  return { submitted, taskId }
}

/** Adds the answer's state to the sequence; undefined (after a finding) once it is no documented path. */
function observe(run: LifecycleRun, response: ProbeResponse, pointer: string): string | undefined {
  const { session, plan, seen } = run
  const known = knownStates(plan)
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
    seen.push({ state, at: Math.round(response.at - run.submittedAt) })
    session.log(
      `${session.vendor} lifecycle: task ${run.taskId} ${pointer.split('/').pop()}=${state} after ${formatDuration(response.at - run.submittedAt)} (vendor time)`,
    )
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
    const documentedPath = `${plan.runningStates.join('/')} → ${plan.successState}`
    session.behaviour(
      'state-sequence',
      `${response.operation} ${pointer} went back from ${last.state} to ${state}; documented path ${documentedPath} (${plan.statesSource})`,
      evidence(documentedPath, seen.map((s) => s.state).join(' → ')),
    )
    return undefined
  }
  return state
}

/** Vendors blip: a few transient poll answers (5xx, 429) in a row are polled through; more stop the probe. */
function checkTransient(run: LifecycleRun, response: ProbeResponse, transient: number): void {
  if (transient <= TRANSIENT_POLLS) return
  run.session.behaviour('poll', `${response.operation} answered HTTP ${response.status} ${transient} times in a row`, {
    request: response.operation,
    location: 'status',
    expected: 200,
    actual: response.status,
    source: run.plan.statesSource,
  })
  throw new ProbeStop('polls keep failing')
}

/** Polls as the vendor asks until the task ends or runs past the drift threshold; the last answer and its state. */
async function pollToTheEnd(run: LifecycleRun, submitted: ProbeResponse): Promise<{ response: ProbeResponse; state: string; polls: number }> {
  const { session, plan, taskId } = run
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
      checkTransient(run, response, ++transient)
      continue
    }
    transient = 0
    if (!session.expectStatus(response, [200], plan.statesSource)) throw new ProbeStop('poll rejected')
    if (plan.acceptPoll && !plan.acceptPoll(session, response)) throw new ProbeStop('poll rejected')
    const state = observe(run, response, plan.statePointer)
    if (state === undefined) throw new ProbeStop('undocumented state')
    if (Date.now() - heartbeat > HEARTBEAT_MS) {
      heartbeat = Date.now()
      session.log(`${session.vendor} lifecycle: task ${taskId} ${state} after ${formatDuration(response.at - run.submittedAt)} (vendor time), ${polls} polls`)
    }
    // Give up at the first poll past the drift threshold: late enough to tell "slow" from "never".
    const running = state !== plan.successState && !plan.failedStates.includes(state)
    if (running && response.at - run.submittedAt <= plan.timing.driftAfterMs) continue
    return { response, state, polls }
  }
}

/** A finding when the task took (or is still running) past the documented time. */
function reportDuration(run: LifecycleRun, response: ProbeResponse, state: string): void {
  const { plan, taskId } = run
  const after = response.at - run.submittedAt
  const running = state !== plan.successState
  if (after <= plan.timing.driftAfterMs) return
  const what = running ? `still ${state} after ${formatDuration(after)}` : `took ${formatDuration(after)}`
  run.session.timing(
    'lifecycle-duration',
    `task ${taskId} ${what} of vendor time; documented ${plan.timing.documented}, drift threshold ${formatDuration(plan.timing.driftAfterMs)} (${plan.timing.source})`,
    {
      request: response.operation,
      location: plan.statePointer,
      expected: `${plan.successState} within ${formatDuration(plan.timing.driftAfterMs)}`,
      actual: `${state} after ${formatDuration(after)}`,
      source: plan.timing.source,
      elapsedMs: Math.round(after),
    },
  )
}

/** A succeeded task must carry a result URL, and the first one must answer. */
async function checkResult(run: LifecycleRun, response: ProbeResponse): Promise<void> {
  const { session, plan } = run
  const urls = plan.resultUrls(session, response)
  session.details.resultUrls = urls.length
  if (urls.length > 0) return checkDownload(session, response.operation, urls[0] as string)
  session.behaviour('result', `task ${run.taskId} succeeded without a result URL`, {
    request: response.operation,
    location: plan.statePointer,
    expected: 'at least one result URL',
    actual: [],
    source: plan.statesSource,
  })
}

export async function runLifecycle(session: ProbeSession, plan: LifecyclePlan): Promise<void> {
  const seen: LifecycleRun['seen'] = []
  session.details.states = seen
  const { submitted, taskId } = await submitTask(session, plan)
  const run: LifecycleRun = { session, plan, taskId, submittedAt: submitted.at, seen }
  session.log(`${session.vendor} lifecycle: task ${taskId} submitted; polling (documented ${plan.timing.documented})`)
  if (plan.submitStatePointer && observe(run, submitted, plan.submitStatePointer) === undefined) throw new ProbeStop('undocumented state')

  const { response, state, polls } = await pollToTheEnd(run, submitted)
  if (plan.failedStates.includes(state)) {
    session.behaviour('lifecycle', `task ${taskId} ended in ${state}; a plain text-to-video prompt should succeed (${plan.statesSource})`, {
      request: response.operation,
      location: plan.statePointer,
      expected: plan.successState,
      actual: state,
      source: plan.statesSource,
      body: response.body,
    })
  } else {
    if (state === plan.successState) session.details.durationMs = Math.round(response.at - run.submittedAt)
    reportDuration(run, response, state)
    if (state === plan.successState) await checkResult(run, response)
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
