// Callbacks scheduled from data: a settled task with a callback URL gets its deliveries per scenario
// (callback-plan.ts: one genuine callback, a duplicate, none, a late one, forgeries first); the
// outbox renders each attempt through renderCallback, which reads the task's state at that moment,
// signs where the dialect signs (wall clock, contract §5.2) and, in strict mode, checks the body
// against the spec's webhook.
import { forgedView, planCallbacks, signCallback, signingKey } from '../callback-plan.js'
import type { CallbackMessage, Delivery } from '../outbox.js'
import { type Task, viewTask } from '../task.js'
import { type CompiledVendor, type EngineState, reportViolation } from './engine-state.js'
import { dialectContext } from './dialect-context.js'

export { DUPLICATE_CALLBACK_GAP_MS } from '../callback-plan.js'

function keyOf(state: EngineState, vendor: CompiledVendor): ReturnType<typeof signingKey> {
  return signingKey(vendor.dialect.callbacks, state.options.get(vendor.dialect.id) ?? {})
}

/** The deliveries of a task that settles at `at`, as data. */
export function deliveriesOf(state: EngineState, vendor: CompiledVendor, task: Task, at: number): Delivery[] {
  const url = task.callbackUrl
  if (!url) return []
  return planCallbacks(task, at, keyOf(state, vendor) !== undefined).map((p) => ({
    taskId: task.id,
    vendor: vendor.dialect.id,
    url,
    at: p.at,
    kind: p.kind,
    ...(p.forgery ? { forgery: p.forgery } : {}),
    policy: vendor.dialect.callbacks.policy,
  }))
}

export function scheduleCallbacks(state: EngineState, vendor: CompiledVendor, task: Task, at: number): void {
  for (const delivery of deliveriesOf(state, vendor, task, at)) state.outbox.enqueue(delivery)
}

/** The message of one attempt, rendered from the task as it is at `attemptAt` (a forgery: as it is not). */
export function renderCallback(state: EngineState, delivery: Delivery, attemptAt: number): CallbackMessage {
  const vendor = state.config.vendors.get(delivery.vendor)
  const task = state.tasks.get(delivery.taskId)
  // The task was evicted or the vendor is gone: nothing left to say but that it happened.
  if (!vendor || !task) return { event: 'unknown', body: { taskId: delivery.taskId }, headers: {} }
  const { dialect } = vendor
  const ctx = dialectContext(state, vendor, state.random.stream(`${dialect.id}:callback`), state.clock.now())
  const view = delivery.forgery ? forgedView(attemptAt) : viewTask(task, attemptAt)
  const message = dialect.callbacks.render(task, view, ctx, attemptAt)
  if (state.config.strict) {
    const webhook = dialect.callbacks.webhook(task)
    for (const issue of vendor.spec.validateWebhook(webhook, message.body).issues) {
      reportViolation(state, `${dialect.id} callback for ${task.id}: webhook ${webhook}: ${issue.message}`)
    }
  }
  const event = delivery.forgery ? `forged:${delivery.forgery}` : message.event
  return signCallback({ event, body: message.body, headers: message.headers ?? {} }, keyOf(state, vendor), state.clock.wallNow(), delivery.forgery)
}
