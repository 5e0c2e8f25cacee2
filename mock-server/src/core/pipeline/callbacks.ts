// Callbacks scheduled from data: a settled task with a callback URL gets one outbox delivery (two
// for `duplicate_callback`); the outbox renders each attempt through renderCallback, which reads
// the task's state at that moment and, in strict mode, checks the body against the spec's webhook.
import type { CallbackMessage, Delivery } from '../outbox.js'
import { type Task, viewTask } from '../task.js'
import { type CompiledVendor, type EngineState, reportViolation } from './engine-state.js'
import { dialectContext } from './dialect-context.js'

/** The second delivery of a `duplicate_callback` task follows the first by this much. */
export const DUPLICATE_CALLBACK_GAP_MS = 1000

/** The deliveries of a task that settles at `at`, as data. */
export function deliveriesOf(vendor: CompiledVendor, task: Task, at: number): Delivery[] {
  const url = task.callbackUrl
  if (!url) return []
  const times = task.scenario === 'duplicate_callback' ? [at, at + DUPLICATE_CALLBACK_GAP_MS] : [at]
  return times.map((when) => ({ taskId: task.id, vendor: vendor.dialect.id, url, at: when, policy: vendor.dialect.callbacks.policy }))
}

export function scheduleCallbacks(state: EngineState, vendor: CompiledVendor, task: Task, at: number): void {
  for (const delivery of deliveriesOf(vendor, task, at)) state.outbox.enqueue(delivery)
}

/** The message of one attempt, rendered from the task as it is at `attemptAt`. */
export function renderCallback(state: EngineState, delivery: Delivery, attemptAt: number): CallbackMessage {
  const vendor = state.config.vendors.get(delivery.vendor)
  const task = state.tasks.get(delivery.taskId)
  // The task was evicted or the vendor is gone: nothing left to say but that it happened.
  if (!vendor || !task) return { event: 'unknown', body: { taskId: delivery.taskId }, headers: {} }
  const { dialect } = vendor
  const ctx = dialectContext(state, vendor, state.random.stream(`${dialect.id}:callback`), state.clock.now())
  const message = dialect.callbacks.render(task, viewTask(task, attemptAt), ctx, attemptAt)
  if (state.config.strict) {
    const webhook = dialect.callbacks.webhook(task)
    for (const issue of vendor.spec.validateWebhook(webhook, message.body).issues) {
      reportViolation(state, `${dialect.id} callback for ${task.id}: webhook ${webhook}: ${issue.message}`)
    }
  }
  return { event: message.event, body: message.body, headers: message.headers ?? {} }
}
