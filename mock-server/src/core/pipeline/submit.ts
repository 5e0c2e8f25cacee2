// Submit: the dialect accepts the request (or answers it), the key is charged, a task is created
// with a timeline planned from the dialect's timing and the scenario (or fixed by the intent's
// timeline hook), and its callbacks are scheduled.
import type { SubmitRoute, TaskIntent, WireRequest, WireResponse } from '../dialect.js'
import { type Random, seededRandom } from '../../../../lib/seeded-random.js'
import { API_KEY_PREFIX, isSubmitRejection, type ScenarioName } from '../../../../lib/scenarios.js'
import { type ResolvedScenario } from '../scenario.js'
import { planTimeline, type Task, taskBytes, type Timeline } from '../task.js'
import { scheduleCallbacks } from './callbacks.js'
import { dialectContext } from './dialect-context.js'
import type { CompiledVendor, EngineState } from './engine-state.js'

export interface SubmitInput {
  route: SubmitRoute
  wire: WireRequest
  scenario: ResolvedScenario
  apiKey: string | undefined
  now: number
}

export function submit(state: EngineState, vendor: CompiledVendor, input: SubmitInput): WireResponse {
  const { dialect } = vendor
  const { route, wire, now } = input
  const n = (state.submits.get(dialect.id) ?? 0) + 1
  // A fresh stream per task (not cached: 100k tasks must not keep 100k generators alive).
  const random = seededRandom(state.random.seed, `${dialect.id}:task:${n}`)
  const ctx = dialectContext(state, vendor, random, now)
  const intent = route.accept(wire, ctx)
  if (!isIntent(intent)) return intent
  // A callback URL is chosen by the client: the mock must never be made to call itself or
  // anything but http(s) (core/callback-address.ts). Refused like any invalid field.
  const refused = intent.callbackUrl ? state.config.callbackPolicy?.checkUrl(intent.callbackUrl) : undefined
  if (refused) {
    return dialect.renderError(
      { kind: 'invalid_request', message: `Failed to accept the callback URL: ${refused}`, route: route.path, fromScenario: false },
      ctx,
    )
  }
  // A `veomock:insufficient_credits` key that got this far was overruled by a header, rule or
  // prompt token (contract §3): its account starts like any other, not empty.
  if (wire.keyId) settleRefunds(state, vendor, wire.keyId, now)
  if (wire.keyId && !state.accounts.charge(dialect.id, wire.keyId, intent.price, dialect.initialCredits)) {
    return dialect.renderError(
      { kind: 'insufficient_credits', message: `Balance is below the price of ${intent.price}`, route: route.path, fromScenario: false },
      ctx,
    )
  }
  state.submits.set(dialect.id, n)
  const task = createTask(state, vendor, {
    intent,
    scenario: input.scenario.scenario,
    source: input.scenario.source,
    request: wire.body,
    keyId: wire.keyId,
    random,
    now,
  })
  if (dialect.refundsFailedTasks) state.refunds.track(task)
  return { ...route.render(task, ctx), taskId: task.id }
}

export interface NewTask {
  intent: TaskIntent
  scenario: ScenarioName
  source: Task['scenarioSource']
  request: unknown
  keyId: string | null
  random: Random
  now: number
}

function timelineOf(vendor: CompiledVendor, spec: NewTask): Timeline {
  const { intent, scenario, now, random } = spec
  if (intent.timeline) {
    const t = intent.timeline
    return { queuedUntil: now + t.queuedMs, completesAt: t.completesMs === null ? null : now + t.completesMs, outcome: t.outcome }
  }
  const timing = vendor.dialect.timings[intent.operation] ?? vendor.dialect.timings.generate
  if (!timing) throw new Error(`Failed to create a ${vendor.dialect.id} task: the dialect has no timing for ${intent.operation}`)
  // A dialect may know at submit that the task will fail (an unusable extend source).
  return planTimeline(now, timing, intent.failure && !isSubmitRejection(scenario) && scenario !== 'stuck' ? intent.failure : scenario, random)
}

function taskIdFor(state: EngineState, vendor: CompiledVendor, spec: NewTask): string {
  const wanted = spec.intent.timeline?.taskId
  if (wanted && !state.tasks.has(wanted)) return wanted
  let id = vendor.dialect.taskId(spec.random, spec.now)
  while (state.tasks.has(id)) id = vendor.dialect.taskId(spec.random, spec.now)
  return id
}

export function createTask(state: EngineState, vendor: CompiledVendor, spec: NewTask): Task {
  const { intent, now } = spec
  const id = taskIdFor(state, vendor, spec)
  const timeline = timelineOf(vendor, spec)
  const task: Task = {
    id,
    vendor: vendor.dialect.id,
    operation: intent.operation,
    parentId: intent.parentId ?? null,
    seq: state.tasks.nextSeq(),
    scenario: spec.scenario,
    scenarioSource: spec.source,
    keyId: spec.keyId,
    createdAt: now,
    queuedUntil: timeline.queuedUntil,
    completesAt: timeline.completesAt,
    outcome: timeline.outcome,
    settledByAdmin: false,
    request: spec.request,
    wire: intent.wire,
    callbackUrl: intent.callbackUrl,
    files: intent.files ?? ['video.mp4'],
    polls: 0,
    charged: intent.price,
  }
  // Counted in bytes too: a few huge prompts must not fill the heap (TaskStore, taskBytes).
  state.tasks.add(task, taskBytes(jsonLength(spec.request)))
  if (task.callbackUrl && task.completesAt !== null) scheduleCallbacks(state, vendor, task, task.completesAt)
  return task
}

/** Gives back the price of the key's tasks that have failed since the last look (core/refunds.ts). */
export function settleRefunds(state: EngineState, vendor: CompiledVendor, keyId: string, now: number): void {
  const { dialect } = vendor
  if (!dialect.refundsFailedTasks) return
  const refund = state.refunds.settle(dialect.id, keyId, now)
  if (refund > 0) state.accounts.credit(dialect.id, keyId, refund, dialect.initialCredits)
}

function jsonLength(value: unknown): number {
  return value === undefined ? 0 : (JSON.stringify(value)?.length ?? 0)
}

export function accountBalance(state: EngineState, vendor: CompiledVendor, keyId: string | null, now: number): number {
  const { dialect } = vendor
  if (!keyId) return dialect.initialCredits
  settleRefunds(state, vendor, keyId, now)
  return state.accounts.balance(dialect.id, keyId, dialect.initialCredits)
}

function isIntent(value: TaskIntent | WireResponse): value is TaskIntent {
  return (value as TaskIntent).operation !== undefined
}
