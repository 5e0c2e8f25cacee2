// Callbacks to `callBackUrl`. Xenodia documents only the field ("optional upstream callback URL";
// polling stays supported); payload, signature, retries and timeout are undocumented (S000, X-TR).
// veomock POSTs the current task envelope, as `GET /v1/tasks/{task_id}` returns it (INFER,
// docs/vendors/xenodia.md §5, §7.8), unsigned.
import type { CallbackVariant } from '../../../../lib/callbacks.js'
import type { DialectCallbacks } from '../../core/dialect.js'
import { renderTask, xenodiaState } from './tasks.js'

/** The spec's `webhooks:` entry the payload is validated against. */
export const TASK_CALLBACK_WEBHOOK = 'taskCallback'

// INFER: no Xenodia source gives a policy. 15 s receiver timeout; three retries after 10 s, 30 s
// and 90 s; any 2xx counts as delivered (the spec's webhook: "Any 2xx acknowledges").
/**
 * The other reading of the sources: Xenodia forwards `callBackUrl` upstream, so a KIE-shaped
 * generation callback arrives, carrying Xenodia's task id (INFER, docs/vendors/xenodia.md §5, §7.8).
 */
export function xenodiaCallbackVariants(body: unknown): CallbackVariant[] {
  const task = body as { task_id?: unknown; state?: unknown; result?: { data?: Array<{ url?: unknown }>; resolution?: unknown }; error?: { message?: unknown } }
  if (!task || typeof task.task_id !== 'string') return []
  const source = 'INFER: "optional upstream callback URL" (docs/vendors/xenodia.md §5, §7.8)'
  if (task.state === 'success') {
    const urls = (task.result?.data ?? []).map((d) => d.url).filter((u): u is string => typeof u === 'string')
    const info = { resultUrls: urls, originUrls: null, resolution: task.result?.resolution ?? '720p' }
    return [
      {
        form: 'kie-pass-through',
        body: { code: 200, msg: 'Veo3.1 video generated successfully.', data: { taskId: task.task_id, info, fallbackFlag: false } },
        source,
      },
    ]
  }
  if (task.state === 'fail') {
    const msg = typeof task.error?.message === 'string' ? task.error.message : 'Video generation task failed'
    return [{ form: 'kie-pass-through', body: { code: 501, msg, data: { taskId: task.task_id, fallbackFlag: false } }, source }]
  }
  return []
}

export const xenodiaCallbacks: DialectCallbacks = {
  policy: {
    timeoutMs: 15_000,
    retryDelaysMs: [10_000, 30_000, 90_000],
    isDelivered: (status) => status >= 200 && status < 300,
    source: 'no Xenodia source documents a callback policy (docs/vendors/xenodia.md §5)',
    inferred: ['timeoutMs', 'retryDelaysMs', 'isDelivered'],
  },
  variants: xenodiaCallbackVariants,
  webhook: () => TASK_CALLBACK_WEBHOOK,
  render: (task, view, ctx, attemptAt) => ({ event: `task.${xenodiaState(view)}`, body: renderTask(task, view, attemptAt, ctx) }),
}
