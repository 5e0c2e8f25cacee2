// The Xenodia task resource: `GET /v1/tasks/{task_id}`, also the create response and the callback
// body. Canonical queued → running → succeeded | failed maps to waiting → queuing → generating →
// success | fail.
// @see https://docs.xenodia.xyz/docs/api/task-retrieval (docs/vendors/xenodia.md §3.2, §4)
import type { components } from '../../../../generated/xenodia.js'
import type { DialectContext, PollRoute } from '../../core/dialect.js'
import { STUCK_PROGRESS, type Task, type TaskView } from '../../core/task.js'
import { DEFAULT_MODEL, DEFAULT_RESOLUTION } from './pricing.js'
import { TASK_FAILURE_ERRORS } from './task-failures.js'
import { TYPICAL_RUNNING_MS } from './timings.js'

type TaskEnvelope = components['schemas']['Task']
type TaskState = components['schemas']['TaskState']
type TaskBilling = components['schemas']['TaskBilling']

/** Server poll hint: `"recommended_poll_interval_ms": 5000` (S000). */
export const RECOMMENDED_POLL_INTERVAL_MS = 5000

/**
 * The hint while generating grows with progress, 5 s → 10 s → 20 s: the value is the server's to
 * change (X-ASYNC: honour it), and a client that reads it once, or never, must show (INFER;
 * docs/vendors/xenodia.md §3.1, §6). The last step is four times the first, so such a client polls
 * at a quarter of the hint, well under the half the conformance judge allows even when load
 * stretches its waits.
 */
export function pollHintMs(state: string, progress: number): number {
  return state === 'generating' ? RECOMMENDED_POLL_INTERVAL_MS * 2 ** Math.min(2, Math.floor(progress / 34)) : RECOMMENDED_POLL_INTERVAL_MS
}

/**
 * Below this progress a running task reports `queuing` (queued by the upstream worker), from it on
 * `generating`: the early part of the running span is the upstream queue (X-TR states; split INFER).
 */
export const QUEUING_BELOW_PROGRESS = 10

// Values of fields X-CVG / X-TR name without documenting their values (INFER, spec example).
export const CAPABILITY_SLUG = 'veo3.1-video'
export const CAPABILITY_VERSION = '1'

/** What the submit route keeps on the task (`task.wire`). */
export interface XenodiaWire {
  /** The model as sent, or the default when absent: echoed exactly (docs/vendors/xenodia.md §7.1). */
  model: string
  resolution: string
  requestId: string
  /** Normalized copy of the request, defaults applied (X-TR `request`). */
  request: Record<string, unknown>
}

export function wireOf(task: Task): XenodiaWire {
  const wire = task.wire as Partial<XenodiaWire>
  return {
    model: typeof wire.model === 'string' ? wire.model : DEFAULT_MODEL,
    resolution: typeof wire.resolution === 'string' ? wire.resolution : DEFAULT_RESOLUTION,
    requestId: typeof wire.requestId === 'string' ? wire.requestId : `req_${task.id.replace(/-/g, '').slice(0, 24)}`,
    request: wire.request && typeof wire.request === 'object' ? wire.request : {},
  }
}

/** The vendor's `state` for a canonical view (X-TR state list). */
export function xenodiaState(view: TaskView): TaskState {
  switch (view.state) {
    case 'queued':
      return 'waiting'
    case 'running':
      return view.progress < QUEUING_BELOW_PROGRESS ? 'queuing' : 'generating'
    case 'succeeded':
      return 'success'
    case 'failed':
      return 'fail'
  }
}

/** Unix seconds, as every Xenodia timestamp (S000, X-TR). */
export function unixSeconds(ms: number): number {
  return Math.floor(ms / 1000)
}

/**
 * Billing in micro-USDC (X-TR example `committed`): reserved at create, committed on success,
 * released on failure. `reserved` / `released` are invented status words (INFER).
 */
export function billingOf(task: Task, view: TaskView): TaskBilling {
  const reserve = task.charged
  if (view.state === 'succeeded')
    return { status: 'committed', reserve_amount_micro_usdc: reserve, actual_amount_micro_usdc: reserve, released_amount_micro_usdc: 0 }
  if (view.state === 'failed')
    return { status: 'released', reserve_amount_micro_usdc: reserve, actual_amount_micro_usdc: 0, released_amount_micro_usdc: reserve }
  return { status: 'reserved', reserve_amount_micro_usdc: reserve, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 0 }
}

/** Seconds until the task settles, from `now`; a stuck task keeps promising a typical remainder. */
export function etaHintSeconds(task: Task, view: TaskView, now: number, typicalMs: number): number {
  if (view.state === 'succeeded' || view.state === 'failed') return 0
  const end = task.completesAt ?? Math.max(now, task.queuedUntil + typicalMs)
  return Math.max(0, Math.ceil((end - now) / 1000))
}

/** When the envelope last changed: creation, the end of waiting, each progress step, settling. */
export function updatedAt(task: Task, view: TaskView, now: number): number {
  if (view.settledAt !== null) return view.settledAt
  if (view.state === 'queued') return task.createdAt
  // A stuck task's progress freezes, and so does its update time (core: one step per 3 s).
  if (task.completesAt === null && view.progress >= STUCK_PROGRESS) return task.queuedUntil + (STUCK_PROGRESS - 1) * 3000
  return now
}

/** The poll URL exactly as documented: host-absolute `/v1/tasks/<id>` (S000, X-CVG). */
export function pollUrl(taskId: string): string {
  return `/v1/tasks/${taskId}`
}

/** The full Xenodia task envelope at virtual time `now` (create response, poll, callback). */
export function renderTask(task: Task, view: TaskView, now: number, ctx: DialectContext): TaskEnvelope {
  const wire = wireOf(task)
  const state = xenodiaState(view)
  // `result` is `{}` until success, `error` is `{}` unless failed (X-TR).
  const result: TaskEnvelope['result'] =
    view.state === 'succeeded'
      ? { created: unixSeconds(view.settledAt ?? now), data: ctx.fileUrls(task).map((url) => ({ url })), resolution: wire.resolution }
      : {}
  const error: TaskEnvelope['error'] = view.state === 'failed' && view.failure ? { ...TASK_FAILURE_ERRORS[view.failure] } : {}
  const envelope: TaskEnvelope = {
    task_id: task.id,
    object: 'task',
    request_id: wire.requestId,
    model: wire.model,
    type: 'video',
    state,
    request: wire.request,
    result,
    error,
    progress: view.progress,
    poll_url: pollUrl(task.id),
    capability_slug: CAPABILITY_SLUG,
    capability_version: CAPABILITY_VERSION,
    recommended_poll_interval_ms: pollHintMs(state, view.progress),
    eta_hint_seconds: etaHintSeconds(task, view, now, TYPICAL_RUNNING_MS),
    billing: billingOf(task, view),
    created_at: unixSeconds(task.createdAt),
    updated_at: unixSeconds(updatedAt(task, view, now)),
    // `completed_at` only after a terminal state (X-TR).
    completed_at: view.settledAt === null ? null : unixSeconds(view.settledAt),
  }
  // The task carries a `webhook_delivery` object of undocumented shape (X-TR); sent only when a
  // callBackUrl was given, empty (INFER).
  if (task.callbackUrl) envelope.webhook_delivery = {}
  return envelope
}

export const retrieveTaskRoute: PollRoute = {
  kind: 'poll',
  method: 'get',
  path: '/v1/tasks/{task_id}',
  taskId: (request) => request.params.task_id,
  render: (task, view, ctx) => ({ status: 200, body: renderTask(task, view, ctx.now, ctx), taskId: task.id }),
}
