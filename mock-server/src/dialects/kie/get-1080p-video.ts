// GET /api/v1/veo/get-1080p-video?taskId=&index=: the 1080P version of a finished video, ready ~1–3
// min after it; before then body 400 "1080P is processing…" (what clients treat as pending).
// @see https://docs.kie.ai/veo3-api/get-veo-3-1080-p-video (K-1080; PC ×3; docs/vendors/kie.md §4.3)
import type { components } from '../../../../generated/kie.js'
import type { CustomRoute } from '../../core/dialect.js'
import { businessError, carried, KIE_MESSAGES } from './errors.js'
import { fileUrl, isPastRetention, KIE_FILES, kieWire } from './task-wire.js'

type Schemas = components['schemas']

export const PROCESSING_1080P = '1080P is processing. It should be ready in 1-2 minutes. Please check back shortly.'

export const get1080pVideoRoute: CustomRoute = {
  kind: 'custom',
  method: 'get',
  path: '/api/v1/veo/get-1080p-video',
  // `index` ("video index") is validated by the spec; every task has one video, so it is ignored.
  handle(request, ctx) {
    const id = request.query.taskId ?? ''
    const task = ctx.findTask(id)
    // Only generations and extensions have a 1080P version; anything else is an unknown record (K-1080 record-* messages).
    if (!task || (task.operation !== 'generate' && task.operation !== 'extend')) return businessError(ctx, 422, KIE_MESSAGES.recordIsNull)
    const answer = (response: ReturnType<typeof businessError>) => ({ ...response, taskId: task.id })
    if (isPastRetention(task, ctx.now)) return answer(businessError(ctx, 422, KIE_MESSAGES.recordTooOld))
    const view = ctx.view(task)
    // A failed task will never have a 1080P version: "record status is not success" (K-1080).
    if (view.state === 'failed') return answer(businessError(ctx, 422, KIE_MESSAGES.recordNotSuccess))
    const readyAt = view.settledAt === null ? null : view.settledAt + (kieWire(task).upgrade1080pMs ?? 0)
    if (readyAt === null || ctx.now < readyAt) return answer(businessError(ctx, 400, PROCESSING_1080P))
    const body = { code: 200, msg: 'success', data: { resultUrl: fileUrl(ctx, task, KIE_FILES.video1080p) } } satisfies Schemas['Get1080pVideoSuccessResponse']
    return answer(carried(ctx, body))
  },
}
