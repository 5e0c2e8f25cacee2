// How KIE echoes a request back: record-info `paramJson` (K-REC) and callback `promptJson` (K-CB).
import type { components } from '../../../../generated/kie.js'

type Schemas = components['schemas']

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * record-info `paramJson`: the request as sent, with `watermark` spelled `waterMark` as in the doc
 * example `{"prompt":"...","waterMark":"KieAI"}`. @see https://docs.kie.ai/veo3-api/get-veo-3-video-details (K-REC)
 */
export function paramJson(body: unknown): string {
  if (!isObject(body)) return JSON.stringify(body ?? {})
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) out[key === 'watermark' ? 'waterMark' : key] = value
  return JSON.stringify(out)
}

function sortedJson(fields: Record<string, unknown>): string {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(fields).sort()) if (fields[key] !== undefined) out[key] = fields[key]
  return JSON.stringify(out)
}

/**
 * Generation callback `promptJson`: keys sorted, defaults filled in and the ratio spelled
 * `aspectRatio`, as the K-CB example `{"aspectRatio":"16:9","callBackUrl":"...","enableFallback":false,
 * "enableTranslation":true,"model":"veo3_fast","prompt":"cat"}`. @see https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks (K-CB)
 */
export function generatePromptJson(body: Schemas['GenerateVideoRequest'], aspectRatio: Schemas['AspectRatio'], model: Schemas['GenerateModel']): string {
  const { aspect_ratio: _snake, ...rest } = body
  return sortedJson({ ...rest, aspectRatio, enableFallback: body.enableFallback ?? false, enableTranslation: body.enableTranslation ?? true, model })
}

/** Extend callback `promptJson`, the K-EXT example `{"model":"fast","prompt":"…","taskId":"…"}`. @see https://docs.kie.ai/veo3-api/extend-video (K-EXT) */
export function extendPromptJson(body: Schemas['ExtendVideoRequest'], model: NonNullable<Schemas['ExtendVideoRequest']['model']>): string {
  return sortedJson({ ...body, model })
}
