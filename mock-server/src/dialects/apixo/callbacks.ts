// Completion callbacks to `callback_url` (only with `request_type: "callback"`): the status
// envelope, POSTed on completion. @see https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §5)
import type { components } from '../../../../generated/apixo.js'
import type { CallbackVariant } from '../../../../lib/callbacks.js'
import type { DialectCallbacks, DialectContext } from '../../core/dialect.js'
import type { CallbackPolicy } from '../../../../lib/callbacks.js'
import type { Task, TaskView } from '../../core/task.js'
import { apixoOptions } from './options.js'
import { failReasonOf, taskStatusData } from './status-task.js'

type TaskCallback = components['schemas']['TaskCallback']
type TaskStatusData = components['schemas']['TaskStatusData']

/** A callback only ever carries a final state; the outbox renders it once the task has settled. */
function settled(data: TaskStatusData): TaskCallback['data'] {
  if (data.state !== 'success' && data.state !== 'failed')
    throw new Error(`Failed to render the apixo callback for ${data.taskId}: the task is still ${data.state}`)
  return { ...data, state: data.state }
}

export const CALLBACK_POLICY: CallbackPolicy = {
  // The receiver must answer HTTP 200 within 30 s. @see https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §5)
  timeoutMs: 30_000,
  // Up to 3 retries; A-WH's table starts "1st retry | 30" (s); 60 s and 120 s after it are INFER (doubling). @see https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §5)
  retryDelaysMs: [30_000, 60_000, 120_000],
  // Only HTTP 200 counts as delivered (A-WH: "answer HTTP 200"). @see https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §5)
  isDelivered: (status) => status === 200,
  source: 'https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §5)',
  inferred: ['retryDelaysMs'],
}

/** The payload for a settled task; no signature header is documented (A-WH). */
export function callbackBody(task: Task, view: TaskView, ctx: Pick<DialectContext, 'options' | 'fileUrls'>): TaskCallback {
  const urls = ctx.fileUrls(task)
  if (!failReasonOf(task, view)) return { code: 200, message: 'success', data: settled(taskStatusData(task, view, urls)) }
  // Failure: S001 sent `code: 400, message: "failed"` with costTime; the later webhooks page `code: 200` without it (default). @see https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §7.1)
  if (apixoOptions(ctx.options).failureCallbackForm === 'code400') {
    return { code: 400, message: 'failed', data: settled(taskStatusData(task, view, urls, { costOnFailure: true })) }
  }
  return { code: 200, message: 'success', data: settled(taskStatusData(task, view, urls)) }
}

/**
 * The other documented failure form: S001's `code: 400, message: "failed"` (with costTime) against the
 * webhooks page's `code: 200` (docs/vendors/apixo.md §5, §7.1). Success has one form.
 */
export function apixoCallbackVariants(body: unknown): CallbackVariant[] {
  const b = body as TaskCallback | null
  if (!b || !b.data || b.data.state !== 'failed') return []
  const source = 'https://apixo.ai/docs/api-reference/webhooks and seed S001 (docs/vendors/apixo.md §7.1)'
  if (b.code === 400) {
    const { costTime: _cost, ...data } = b.data
    return [{ form: 'failure-code-200', body: { code: 200, message: 'success', data }, source }]
  }
  const costTime = b.data.completeTime !== undefined && b.data.createTime !== undefined ? Number(b.data.completeTime) - Number(b.data.createTime) : 0
  return [{ form: 'failure-code-400', body: { code: 400, message: 'failed', data: { ...b.data, costTime } }, source }]
}

export const apixoCallbacks: DialectCallbacks = {
  policy: CALLBACK_POLICY,
  variants: apixoCallbackVariants,
  webhook: () => 'taskCallback',
  render: (task, view, ctx) => {
    const body = callbackBody(task, view, ctx)
    return { event: `${String(task.wire.model ?? 'veo-3-1')}.${body.data.state}`, body, headers: {} }
  },
}
