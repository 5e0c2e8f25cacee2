// Callbacks POSTed to `callBackUrl`: generation and extend share one shape (K-CB; K-EXT "same
// format"), 4K has its own (K-4KCB camelCase + `info`, the mock default of §8.9).
// @see https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks (K-CB; docs/vendors/kie.md §6)
import type { components } from '../../../../generated/kie.js'
import type { CallbackSigning, CallbackVariant } from '../../../../lib/callbacks.js'
import type { DialectCallbacks, DialectContext } from '../../core/dialect.js'
import type { CallbackPolicy } from '../../../../lib/callbacks.js'
import type { Task, TaskView } from '../../core/task.js'
import { UNAVAILABLE_4K } from './get-4k-video.js'
import { kieOptions } from './options.js'
import { KIE_FAILURES } from './task-states.js'
import { fileUrl, KIE_FILES, type KieFile, kieWire, promptJsonOf } from './task-wire.js'
import { SIGNATURE_HEADER, signatureHeaders, signedTaskId, TIMESTAMP_HEADER } from './webhook-signature.js'

type Schemas = components['schemas']

export const KIE_CALLBACK_POLICY: CallbackPolicy = {
  // "15 s timeout" (K-CB).
  timeoutMs: 15_000,
  // "After 3 consecutive retry failures, the system will stop" → 3 retries; the intervals are undocumented (INFER).
  retryDelaysMs: [30_000, 60_000, 120_000],
  // "reply HTTP 200" is the only documented acknowledgement (K-CB).
  isDelivered: (status) => status === 200,
  source: 'https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks (docs/vendors/kie.md §6.1)',
  inferred: ['retryDelaysMs'],
}

/** A signature timestamp further than this from the receiver's clock is stale; KIE documents no window (INFER ±300 s, docs/vendors/kie.md §6.4). */
export const KIE_SIGNATURE_FRESHNESS_MS = 300_000

export const KIE_SIGNING: CallbackSigning = {
  keyOption: 'webhookHmacKey',
  headerNames: [TIMESTAMP_HEADER, SIGNATURE_HEADER],
  headers: (body, wallMs, key) => {
    const taskId = signedTaskId(body)
    return taskId === undefined ? undefined : signatureHeaders(taskId, wallMs, key)
  },
  freshnessMs: KIE_SIGNATURE_FRESHNESS_MS,
}

const K_CB = 'https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks (docs/vendors/kie.md §6.2)'

/** The failure codes and texts K-CB lists for generation and extend callbacks (docs/vendors/kie.md §6.2). */
export const KIE_CALLBACK_FAILURES: ReadonlyArray<{ form: string; code: number; msg: string }> = [
  { form: 'content-policy', code: 400, msg: 'Your prompt was flagged by Website as violating content policies.' },
  { form: 'english-only', code: 400, msg: 'Only English prompts are supported at this time.' },
  { form: 'image-fetch', code: 400, msg: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.' },
  { form: 'unsafe-image', code: 400, msg: 'public error unsafe image upload.' },
  {
    form: 'fallback-rejected',
    code: 422,
    msg: 'Your request was rejected by Flow(original error message). You may consider using our other fallback channels, which are likely to succeed. Please refer to the documentation.',
  },
  { form: 'internal-error', code: 500, msg: 'Internal Error, Please try again later.' },
  { form: 'internal-timeout', code: 500, msg: 'Internal Error - Timeout' },
  { form: 'generation-failed', code: 501, msg: 'Video generation task failed' },
]

/**
 * The other documented forms of a KIE callback: every K-CB failure text for a failure, and the K-4K
 * OpenAPI `on4KVideoGenerated` snake_case shape for a 4K result (docs/vendors/kie.md §6.3, §8.9).
 */
export function kieCallbackVariants(body: unknown): CallbackVariant[] {
  const b = body as { code?: unknown; msg?: unknown; data?: Record<string, unknown> } | null
  const data = b?.data
  if (!b || !data || typeof data.taskId !== 'string') return []
  const info = data.info as { resultUrls?: unknown; imageUrls?: unknown } | undefined
  if (b.msg === GENERATED_4K_MSG && info) {
    const snake = { code: 200, msg: GENERATED_4K_MSG, data: { task_id: data.taskId, result_urls: info.resultUrls, image_urls: info.imageUrls, media_ids: [] } }
    return [{ form: '4k-snake-case', body: snake, source: 'https://docs.kie.ai/veo3-api/get-veo-3-4k-video (docs/vendors/kie.md §6.3)' }]
  }
  if (b.code === 200 || b.msg === UNAVAILABLE_4K) return []
  return KIE_CALLBACK_FAILURES.filter((f) => f.code !== b.code || f.msg !== b.msg).map((f) => ({
    form: f.form,
    body: { code: f.code, msg: f.msg, data: { taskId: data.taskId, fallbackFlag: false } },
    source: K_CB,
  }))
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
  signing: KIE_SIGNING,
  variants: kieCallbackVariants,
  webhook: kieWebhook,
  render(task, view, ctx) {
    const options = kieOptions(ctx.options)
    const payload = task.operation === 'upgrade-4k' ? fourKCallbackBody(task, view, ctx) : generationCallbackBody(task, view, ctx)
    // Opt-in duplicates of the id where the K-HMAC sample code looks for it (`data.task_id`, top-level `taskId`, §8.12).
    const body = options.callbackTaskIdFields ? { ...payload, taskId: task.id, data: { ...payload.data, task_id: task.id } } : payload
    const event = task.operation === 'upgrade-4k' ? '4k' : view.state === 'succeeded' ? 'completed' : 'failed'
    // Signed by the core through KIE_SIGNING over `data.taskId` when the account has a webhookHmacKey, with the wall clock (K-HMAC; §8.12).
    return { event, body }
  },
}
