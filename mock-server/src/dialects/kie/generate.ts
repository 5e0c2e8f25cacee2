// POST /api/v1/veo/generate: a flat JSON body, `{"code":200,"msg":"success","data":{"taskId":…}}` on
// success. A body code 200 only means the task was created. @see https://docs.kie.ai/veo3-api/generate-veo-3-video (K-GEN; docs/vendors/kie.md §4.1)
import type { components } from '../../../../generated/kie.js'
import type { SubmitRoute, TaskIntent } from '../../core/dialect.js'
import type { Task } from '../../core/task.js'
import { GENERATE_PRICES } from './pricing.js'
import { KIE_FILES, type KieWire } from './task-wire.js'
import { UPGRADE_1080P_DELAY } from './timings.js'

type Schemas = components['schemas']
type GenerateRequest = Schemas['GenerateVideoRequest']

/** Both spellings are accepted; when both are sent `aspect_ratio` wins; default 16:9 (§8.2, INFER). */
export function aspectRatioOf(body: Pick<GenerateRequest, 'aspect_ratio' | 'aspectRatio'>): Schemas['AspectRatio'] {
  return body.aspect_ratio ?? body.aspectRatio ?? '16:9'
}

/** The prompt, for scenario tokens and admin rules. */
export function promptOf(body: unknown): string | undefined {
  const prompt = (body as { prompt?: unknown } | null | undefined)?.prompt
  return typeof prompt === 'string' ? prompt : undefined
}

/** The answer to an accepted submit (generate and extend share it, K-GEN; K-EXT). */
export function renderTaskCreated(task: Task) {
  return { status: 200, body: { code: 200, msg: 'success', data: { taskId: task.id } } satisfies Schemas['TaskCreatedResponse'] }
}

export const generateRoute: SubmitRoute = {
  kind: 'submit',
  method: 'post',
  path: '/api/v1/veo/generate',
  prompt: promptOf,
  accept(request, ctx): TaskIntent {
    // The spec (validated before accept) guarantees the shape, cross-field rules included.
    const body = request.body as GenerateRequest
    const model = body.model ?? 'veo3_fast'
    const aspectRatio = aspectRatioOf(body)
    const wire: KieWire = {
      model,
      aspectRatio,
      resolution: body.resolution ?? '720p',
      fourKIndex: null,
      // Drawn now so the same seed and requests give the same 1080P readiness (K-1080: ~1–3 min).
      upgrade1080pMs: ctx.random.int(UPGRADE_1080P_DELAY.minMs, UPGRADE_1080P_DELAY.maxMs),
    }
    // `seeds` is validated by the spec and otherwise ignored (removed from the June 2026 schema, §8.3).
    return {
      operation: 'generate',
      parentId: null,
      callbackUrl: body.callBackUrl ?? null,
      price: GENERATE_PRICES[model],
      wire: { ...wire },
      // originUrls exist "only when the ratio is not 16:9" (K-REC).
      files: [KIE_FILES.video, KIE_FILES.video1080p, ...(aspectRatio === '16:9' ? [] : [KIE_FILES.origin])],
    }
  },
  render: (task) => renderTaskCreated(task),
}
