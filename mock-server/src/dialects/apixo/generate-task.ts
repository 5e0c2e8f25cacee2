// `POST /api/v1/generateTask/{model}`: the veo-3-1 and veo-3-1-extend submits. The spec has already
// validated the body when `accept` runs; these are the checks and defaults it cannot express.
import type { components } from '../../../../generated/apixo.js'
import type { DialectContext, SubmitRoute, TaskIntent, WireResponse } from '../../core/dialect.js'
import type { Task } from '../../core/task.js'
import { invalidRequest } from './errors.js'
import { apixoOptions } from './options.js'
import { EXTEND_PRICE_USD, PRICE_USD } from './pricing.js'

type Schemas = components['schemas']
type GenerationType = Schemas['GenerationType']

export const GENERATE_PATH = '/api/v1/generateTask/veo-3-1'
export const EXTEND_PATH = '/api/v1/generateTask/veo-3-1-extend'

/** Facts kept on the task (`task.wire`). */
export interface ApixoWire extends Record<string, unknown> {
  model: 'veo-3-1' | 'veo-3-1-extend'
  mode: Schemas['Mode']
  requestType: Schemas['RequestType']
  generationType?: GenerationType
  aspectRatio?: Schemas['AspectRatio']
  /** Extend only: the source task id as sent. */
  sourceTaskId?: string
  /** Extend only: the source is not a finished veo-3-1 task of this key, so the task fails with TASKID_ERROR. */
  sourceError?: boolean
}

/**
 * A missing `generationType` is inferred from the images (INFER): none → text, 1–2 → first/last
 * frames, 3 → reference (only REFERENCE_2_VIDEO takes three). S003 defaults it to TEXT_2_VIDEO;
 * S001 requires it. @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md §7.3)
 */
export function inferGenerationType(imageCount: number): GenerationType {
  if (imageCount === 0) return 'TEXT_2_VIDEO'
  return imageCount <= 2 ? 'FIRST_AND_LAST_FRAMES_2_VIDEO' : 'REFERENCE_2_VIDEO'
}

function inputOf(body: unknown): Record<string, unknown> | undefined {
  const input = body && typeof body === 'object' ? (body as { input?: unknown }).input : undefined
  return input && typeof input === 'object' ? (input as Record<string, unknown>) : undefined
}

export function promptOf(body: unknown): string | undefined {
  const prompt = inputOf(body)?.prompt
  return typeof prompt === 'string' ? prompt : undefined
}

/**
 * The callback target: only with `request_type: "callback"`; a missing `request_type` means
 * `async` (S003's default; S001 and A-GT call it required). @see https://apixo.ai/docs/api-reference/generate-task (docs/vendors/apixo.md §7.2)
 */
export function callbackUrlOf(body: { request_type?: Schemas['RequestType']; callback_url?: string }): string | null {
  return body.request_type === 'callback' && body.callback_url ? body.callback_url : null
}

export function renderSubmitted(task: Task): WireResponse {
  // S001: `{"code":200,"message":"success","data":{"taskId":"…"}}`. @see https://apixo.ai/en/docs/models/veo-3-1 (docs/vendors/apixo.md §3.1)
  const body = { code: 200, message: 'success', data: { taskId: task.id } } satisfies Schemas['GenerateTaskResponse']
  return { status: 200, body, taskId: task.id }
}

export function acceptGenerate(body: Schemas['GenerateTaskRequest']): TaskIntent | WireResponse {
  const input = body.input
  const images = input.image_urls ?? []
  const generationType = input.generationType ?? inferGenerationType(images.length)
  // "Required" yet documented with default `quality` in both generations. @see https://apixo.ai/en/docs/models/veo-3-1 (docs/vendors/apixo.md §7.4)
  const mode = input.mode ?? 'quality'
  const aspectRatio = input.aspect_ratio ?? '16:9'
  // REFERENCE_2_VIDEO only in fast mode at 16:9; the spec checks it when the type is explicit, here also when inferred. @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md §3.1, S001 and S003)
  if (generationType === 'REFERENCE_2_VIDEO' && (mode !== 'fast' || aspectRatio !== '16:9')) {
    return invalidRequest('REFERENCE_2_VIDEO only supports fast mode and aspect_ratio 16:9')
  }
  // `provider` (S003), `enableTranslation` (S001), `watermark`, `seed` and `source` are accepted and ignored (docs/vendors/apixo.md §7.5, §7.6).
  const wire: ApixoWire = { model: 'veo-3-1', mode, requestType: body.request_type ?? 'async', generationType, aspectRatio }
  return { operation: 'generate', parentId: null, callbackUrl: callbackUrlOf(body), price: PRICE_USD[mode], wire }
}

/** Whether a task can be extended by this key now: a succeeded veo-3-1 task whose result has not expired. */
export function isExtendable(source: Task | undefined, keyId: string | null, ctx: Pick<DialectContext, 'now' | 'options' | 'view'>): source is Task {
  if (!source || source.operation !== 'generate' || source.keyId !== keyId) return false
  const view = ctx.view(source)
  if (view.state !== 'succeeded' || view.settledAt === null) return false
  return ctx.now <= view.settledAt + apixoOptions(ctx.options).urlLifetimeMs
}

export function acceptExtend(
  body: Schemas['GenerateExtendTaskRequest'],
  keyId: string | null,
  ctx: Pick<DialectContext, 'now' | 'options' | 'view' | 'findTask'>,
): TaskIntent {
  const input = body.input
  // Extend defaults to fast. @see https://apixo.ai/docs/models/video/veo-3-1-extend (docs/vendors/apixo.md §3.4)
  const mode = input.mode ?? 'fast'
  const source = ctx.findTask(input.taskId)
  const usable = isExtendable(source, keyId, ctx)
  // An invalid, expired or non-veo-3-1 source is not refused at submit: the task is accepted and fails later with TASKID_ERROR. @see https://apixo.ai/docs/models/video/veo-3-1-extend (docs/vendors/apixo.md §3.4)
  const wire: ApixoWire = { model: 'veo-3-1-extend', mode, requestType: body.request_type ?? 'async', sourceTaskId: input.taskId, sourceError: !usable }
  return {
    operation: 'extend',
    parentId: usable ? source.id : null,
    callbackUrl: callbackUrlOf(body),
    price: EXTEND_PRICE_USD[mode],
    wire,
    ...(usable ? {} : { failure: 'generation_failed' as const }),
  }
}

export const generateTaskRoute: SubmitRoute = {
  kind: 'submit',
  method: 'post',
  path: GENERATE_PATH,
  prompt: promptOf,
  accept: (request) => acceptGenerate(request.body as Schemas['GenerateTaskRequest']),
  render: renderSubmitted,
}

export const extendTaskRoute: SubmitRoute = {
  kind: 'submit',
  method: 'post',
  path: EXTEND_PATH,
  prompt: promptOf,
  accept: (request, ctx) => acceptExtend(request.body as Schemas['GenerateExtendTaskRequest'], request.keyId, ctx),
  render: renderSubmitted,
}
