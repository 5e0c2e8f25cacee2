// POST /api/v1/veo/get-4k-video: the first call for a finished video starts a 4K task (body 200,
// `data.taskId` works with record-info); repeats answer body 422 "4k is processing…" and, once it is
// done, 422 "The video has been generated successfully" with the URLs. A `callBackUrl` receives the
// 4K callback. @see https://docs.kie.ai/veo3-api/get-veo-3-4k-video (K-4K; docs/vendors/kie.md §4.4)
import type { components } from '../../../../generated/kie.js'
import type { CustomRoute, DialectContext, WireResponse } from '../../core/dialect.js'
import type { Task } from '../../core/task.js'
import { businessError, carried, KIE_MESSAGES } from './errors.js'
import { UPGRADE_4K_PRICE } from './pricing.js'
import { fileUrl, isPastRetention, KIE_FILES, type KieWire } from './task-wire.js'

type Schemas = components['schemas']
type Get4kRequest = Schemas['Get4kVideoRequest']

export const PROCESSING_4K = '4k is processing. It should be ready in 5-10 minutes. Please check back shortly.'
export const DONE_4K = 'The video has been generated successfully'
// The K-4KCB failure text; KIE documents no repeat-call body for a failed 4K task (INFER).
export const UNAVAILABLE_4K = 'The 4K version of this video is unavailable. Please try a different video.'

function fourKData(task: Task, ctx: Pick<DialectContext, 'fileUrls' | 'view'>): Schemas['Get4kVideoData'] {
  if (ctx.view(task).state !== 'succeeded') return { taskId: task.id, resultUrls: null, imageUrls: null }
  return { taskId: task.id, resultUrls: [fileUrl(ctx, task, KIE_FILES.video4k)], imageUrls: [fileUrl(ctx, task, KIE_FILES.cover4k)] }
}

/** A repeat call: 422 with data, "processing" until the 4K task is done (K-4K). */
function repeatAnswer(upgrade: Task, ctx: DialectContext): WireResponse {
  const state = ctx.view(upgrade).state
  const msg = state === 'succeeded' ? DONE_4K : state === 'failed' ? UNAVAILABLE_4K : PROCESSING_4K
  const body = { code: 422, msg, data: fourKData(upgrade, ctx) } satisfies Schemas['Get4kVideoRepeatResponse']
  return { ...carried(ctx, body), taskId: upgrade.id }
}

export const get4kVideoRoute: CustomRoute = {
  kind: 'custom',
  method: 'post',
  path: '/api/v1/veo/get-4k-video',
  handle(request, ctx) {
    const body = request.body as Get4kRequest
    const parent = ctx.findTask(body.taskId)
    // The "original generation task" (K-4K); extensions qualify too (INFER), upgrades do not.
    if (!parent || (parent.operation !== 'generate' && parent.operation !== 'extend')) return businessError(ctx, 422, KIE_MESSAGES.recordIsNull)
    if (isPastRetention(parent, ctx.now)) return { ...businessError(ctx, 422, KIE_MESSAGES.recordTooOld), taskId: parent.id }
    const upgrade = ctx.childrenOf(parent.id).find((t) => t.operation === 'upgrade-4k')
    if (upgrade) return repeatAnswer(upgrade, ctx)
    if (ctx.view(parent).state !== 'succeeded') return { ...businessError(ctx, 422, KIE_MESSAGES.recordNotSuccess), taskId: parent.id }
    const wire: KieWire = {
      model: '4k',
      aspectRatio: null,
      resolution: '4k',
      fourKIndex: body.index ?? 0,
      upgrade1080pMs: null,
    }
    // 4K costs about twice a Fast video (K-GEN). K-4K lists no 402, so an uncovered price is
    // answered with its 422 validation code and the 402 text (INFER).
    if (!ctx.charge(request.keyId, UPGRADE_4K_PRICE)) return { ...businessError(ctx, 422, KIE_MESSAGES.insufficientCredits), taskId: parent.id }
    const created = ctx.createTask(
      {
        operation: 'upgrade-4k',
        parentId: parent.id,
        callbackUrl: body.callBackUrl ?? null,
        price: UPGRADE_4K_PRICE,
        wire: { ...wire },
        files: [KIE_FILES.video4k, KIE_FILES.cover4k],
      },
      parent,
    )
    const answer = { code: 200, msg: 'success', data: { taskId: created.id, resultUrls: null, imageUrls: null } } satisfies Schemas['Get4kVideoSuccessResponse']
    return { status: 200, body: answer, taskId: created.id }
  },
}
