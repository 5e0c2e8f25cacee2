// POST /api/v1/veo/extend: extends a finished KIE generation; results via record-info, where
// `response.fullResultUrls` is the stitched video and `resultUrls` the segment.
// @see https://docs.kie.ai/veo3-api/extend-video (K-EXT; docs/vendors/kie.md §4.5)
import type { components } from '../../../../generated/kie.js'
import type { SubmitRoute } from '../../core/dialect.js'
import { businessError } from './errors.js'
import { promptOf, renderTaskCreated } from './generate.js'
import { EXTEND_PRICES } from './pricing.js'
import { isPastRetention, KIE_FILES, kieWire, type KieWire } from './task-wire.js'
import { UPGRADE_1080P_DELAY } from './timings.js'

type ExtendRequest = components['schemas']['ExtendVideoRequest']

// Body 404 = "original task not found" in K-EXT's code list; the text is illustrative (INFER, spec example).
export const ORIGINAL_NOT_FOUND = 'Not Found - The original task does not exist'

export const extendRoute: SubmitRoute = {
  kind: 'submit',
  method: 'post',
  path: '/api/v1/veo/extend',
  prompt: promptOf,
  accept(request, ctx) {
    const body = request.body as ExtendRequest
    const parent = ctx.findTask(body.taskId)
    // Only a finished KIE generation within its 14-day retention can be extended ("original Veo task", K-EXT); anything else is 404.
    if (!parent || parent.operation !== 'generate' || ctx.view(parent).state !== 'succeeded' || isPastRetention(parent, ctx.now)) {
      return businessError(ctx, 404, ORIGINAL_NOT_FOUND)
    }
    const model = body.model ?? 'fast'
    const wire: KieWire = {
      model,
      aspectRatio: kieWire(parent).aspectRatio,
      resolution: kieWire(parent).resolution,
      fourKIndex: null,
      upgrade1080pMs: ctx.random.int(UPGRADE_1080P_DELAY.minMs, UPGRADE_1080P_DELAY.maxMs),
    }
    return {
      operation: 'extend',
      parentId: parent.id,
      callbackUrl: body.callBackUrl ?? null,
      price: EXTEND_PRICES[model],
      wire: { ...wire },
      files: [KIE_FILES.video, KIE_FILES.full, KIE_FILES.video1080p],
    }
  },
  render: (task) => renderTaskCreated(task),
}
