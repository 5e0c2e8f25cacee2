// `POST /v1/videos/generations` and its registered alias `POST /v1/video/generations`: create an
// asynchronous KIE Veo task and answer with Xenodia's task envelope in state `waiting`.
// @see https://docs.xenodia.xyz/docs/api/video-generation-veo31, https://docs.xenodia.xyz/docs/api/reference/createVideoGeneration (docs/vendors/xenodia.md §3.1)
import type { components } from '../../../../generated/xenodia.js'
import type { DialectContext, SubmitRoute, TaskIntent, WireRequest } from '../../core/dialect.js'
import type { Task } from '../../core/task.js'
import { DEFAULT_MODEL, DEFAULT_RESOLUTION, taskPrice } from './pricing.js'
import { renderTask, type XenodiaWire } from './tasks.js'

type VideoGenerationRequest = components['schemas']['VideoGenerationRequest']
type TaskEnvelope = components['schemas']['Task']

/** The documented request fields, in the order the normalized copy lists them (S000, X-VEO). */
const REQUEST_FIELDS = [
  'model',
  'prompt',
  'generationType',
  'imageUrls',
  'aspect_ratio',
  'resolution',
  'seeds',
  'enableFallback',
  'enableTranslation',
  'watermark',
  'callBackUrl',
  'channel_id',
] as const

/**
 * The alternate-route "-t" ids take their own smaller field set, and the `*-4k-t` ones "default to
 * the 4k pricing tier when resolution is omitted".
 * @see https://docs.xenodia.xyz/docs/api/video-generation-veo-t (docs/vendors/xenodia.md §7.9)
 */
export function isAltRouteModel(model: string | undefined): boolean {
  return model !== undefined && model.endsWith('-t')
}

function defaultResolution(model: string | undefined): NonNullable<VideoGenerationRequest['resolution']> {
  return isAltRouteModel(model) && model?.endsWith('-4k-t') ? '4k' : DEFAULT_RESOLUTION
}

/**
 * X-TR's `request`: "normalized copy of the request". Documented fields only, with the documented
 * defaults applied (model fast, aspect_ratio 16:9, resolution 720p, enableTranslation on — S000, X-VEO).
 */
export function normalizeRequest(body: VideoGenerationRequest): Record<string, unknown> {
  const withDefaults: Record<string, unknown> = {
    ...body,
    model: body.model ?? DEFAULT_MODEL,
    aspect_ratio: body.aspect_ratio ?? '16:9',
    resolution: body.resolution ?? defaultResolution(body.model),
    // enableTranslation is a base-model field; the "-t" models must not receive it (X-VEOT).
    ...(isAltRouteModel(body.model) ? {} : { enableTranslation: body.enableTranslation ?? true }),
  }
  const out: Record<string, unknown> = {}
  // `duration` is documented for the "-t" models only; on a base model it is an unknown field.
  const fields: readonly string[] = isAltRouteModel(body.model) ? [...REQUEST_FIELDS, 'duration'] : REQUEST_FIELDS
  for (const field of fields) if (withDefaults[field] !== undefined) out[field] = withDefaults[field]
  return out
}

export function promptOf(body: unknown): string | undefined {
  const prompt = (body as { prompt?: unknown } | null | undefined)?.prompt
  return typeof prompt === 'string' ? prompt : undefined
}

/** The spec has already checked the body (enum, seeds range, image counts per generationType). */
export function acceptGeneration(request: WireRequest, ctx: DialectContext): TaskIntent {
  const body = (request.body ?? {}) as VideoGenerationRequest
  // The model is echoed exactly as sent, `veo3*` or `veo3.1*` (docs/vendors/xenodia.md §7.1).
  const model = body.model ?? DEFAULT_MODEL
  const resolution = body.resolution ?? defaultResolution(body.model)
  const wire: XenodiaWire = {
    model,
    resolution,
    requestId: `req_${ctx.random.alnum(24)}`,
    request: normalizeRequest(body),
  }
  return {
    operation: 'generate',
    parentId: null,
    // "Optional upstream callback URL"; veomock POSTs its own task envelope there (INFER, §5/§7.8).
    callbackUrl: typeof body.callBackUrl === 'string' ? body.callBackUrl : null,
    // "-t" prices are undocumented: they fall back to the fast tier by resolution (INFER, pricing.ts).
    // "one fixed amount per accepted video task, selected by the request resolution" (S000).
    price: taskPrice(model, resolution),
    wire: { ...wire },
  }
}

/** 200 by default; option `createStatus: 202` for the other side of an undocumented choice (§7.3). */
export function createStatus(ctx: DialectContext): 200 | 202 {
  return ctx.options.createStatus === 202 ? 202 : 200
}

export function renderCreated(task: Task, ctx: DialectContext): { status: number; body: TaskEnvelope; taskId: string } {
  return { status: createStatus(ctx), body: renderTask(task, ctx.view(task), ctx.now, ctx), taskId: task.id }
}

function createRoute(path: '/v1/videos/generations' | '/v1/video/generations'): SubmitRoute {
  return { kind: 'submit', method: 'post', path, prompt: promptOf, accept: acceptGeneration, render: renderCreated }
}

/** The preferred path (S000). */
export const createVideoGenerationRoute = createRoute('/v1/videos/generations')
// "POST /v1/video/generations is also registered as a compatibility alias." (S000)
export const createVideoGenerationAliasRoute = createRoute('/v1/video/generations')
