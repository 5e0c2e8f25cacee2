// Callbacks POSTed to `callBackUrl`: generation and extend share one shape (K-CB; K-EXT "same
// format"), 4K has its own (K-4KCB camelCase + `info`, the mock default of §8.9).
// @see https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks (K-CB; vendor-notes/kie.md §6)
import type { components } from '../../../../generated/kie.js'
import type { DialectCallbacks, DialectContext } from '../../core/dialect.js'
import type { CallbackPolicy } from '../../core/outbox.js'
import type { Task, TaskView } from '../../core/task.js'
import { UNAVAILABLE_4K } from './get-4k-video.js'
import { kieOptions } from './options.js'
import { KIE_FAILURES } from './task-states.js'
import { fileUrl, KIE_FILES, type KieFile, kieWire, promptJsonOf } from './task-wire.js'
import { signatureHeaders } from './webhook-signature.js'

type Schemas = components['schemas']

export const KIE_CALLBACK_POLICY: CallbackPolicy = {
  // "15 s timeout" (K-CB).
  timeoutMs: 15_000,
  // "After 3 consecutive retry failures, the system will stop" → 3 retries; the intervals are undocumented (INFER).
  retryDelaysMs: [30_000, 60_000, 120_000],
  // "reply HTTP 200" is the only documented acknowledgement (K-CB).
  isDelivered: (status) => status === 200,
}

export const GENERATED_MSG = 'Veo3.1 video generated successfully.'
export const EXTENDED_MSG = 'Veo3.1 video extension successful.'
export const GENERATED_4K_MSG = '4K Video generated successfully.'

export function kieWebhook(task: Task): 'veoGenerationCallback' | 'veo4kCallback' {
  return task.operation === 'upgrade-4k' ? 'veo4kCallback' : 'veoGenerationCallback'
}

/** Generation / extend payload (K-CB §6.2): success with `data.info`, failure with only the task id. */
export function generationCallbackBody(task: Task, view: TaskView, ctx: Pick<DialectContext, 'fileUrls'>): Schemas['VeoGenerationCallback'] {
  const wire = kieWire(task)
  const promptJson = promptJsonOf(task)
  if (view.state === 'succeeded') {
    const url = (name: KieFile) => fileUrl(ctx, task, name)
    return {
      code: 200,
      msg: task.operation === 'extend' ? EXTENDED_MSG : GENERATED_MSG,
      data: {
        taskId: task.id,
        ...(promptJson === null ? {} : { promptJson }),
        // Arrays, as the K-CB page text shows (§8.8); for extends `resultUrls` is the segment, as in record-info.
        info: {
          resultUrls: [url(KIE_FILES.video)],
          originUrls: task.files.includes(KIE_FILES.origin) ? [url(KIE_FILES.origin)] : null,
          resolution: wire.resolution,
        },
        fallbackFlag: false,
      },
    }
  }
  // The outbox renders at completion, so the view is settled; a failure without a kind is "generation failed".
  const failure = KIE_FAILURES[view.failure ?? 'generation_failed']
  return { code: failure.errorCode, msg: failure.errorMessage, data: { taskId: task.id, fallbackFlag: false } }
}

/** 4K payload in the K-4KCB shape: success with `data.info.{resultUrls, imageUrls}`, failure code 500 (§6.3). */
export function fourKCallbackBody(task: Task, view: TaskView, ctx: Pick<DialectContext, 'fileUrls'>): Schemas['Veo4kCallback'] {
  if (view.state === 'succeeded') {
    return {
      code: 200,
      msg: GENERATED_4K_MSG,
      data: { taskId: task.id, info: { resultUrls: [fileUrl(ctx, task, KIE_FILES.video4k)], imageUrls: [fileUrl(ctx, task, KIE_FILES.cover4k)] } },
    }
  }
  return { code: 500, msg: UNAVAILABLE_4K, data: { taskId: task.id } }
}

export const kieCallbacks: DialectCallbacks = {
  policy: KIE_CALLBACK_POLICY,
  webhook: kieWebhook,
  render(task, view, ctx, attemptAt) {
    const options = kieOptions(ctx.options)
    const payload = task.operation === 'upgrade-4k' ? fourKCallbackBody(task, view, ctx) : generationCallbackBody(task, view, ctx)
    // Opt-in duplicates of the id where the K-HMAC sample code looks for it (`data.task_id`, top-level `taskId`, §8.12).
    const body = options.callbackTaskIdFields ? { ...payload, taskId: task.id, data: { ...payload.data, task_id: task.id } } : payload
    const event = task.operation === 'upgrade-4k' ? '4k' : view.state === 'succeeded' ? 'completed' : 'failed'
    // Signed over the Veo `data.taskId` when the account has a webhookHmacKey (K-HMAC; §8.12).
    const headers = options.webhookHmacKey === null ? {} : signatureHeaders(task.id, attemptAt, options.webhookHmacKey)
    return { event, body, headers }
  },
}
