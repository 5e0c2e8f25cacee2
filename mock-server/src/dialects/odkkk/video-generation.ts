// `POST /v1/videos/generations` (operationId createVideoGeneration): submit a veo3.1-pro task.
// @see https://ai.odkkk.com/apiv1 (docs/vendors/odkkk.md §3.1)
import type { components } from '../../../../generated/odkkk.js'
import type { SubmitRoute, TaskIntent, WireRequest, WireResponse } from '../../core/dialect.js'
import type { Task } from '../../core/task.js'
import { priceOf, usageOf } from './billing.js'
import { callbackUrlProblem } from './callbacks.js'
import { invalidRequest } from './errors.js'
import { MODEL } from './task-detail.js'
import { estimatedSeconds, VIDEO_DURATION_SECONDS } from './timings.js'

type VideoGenerationRequest = components['schemas']['VideoGenerationRequest']
export type VideoGenerationResponse = components['schemas']['VideoGenerationResponse']

/** The submit body after spec validation (the core validated it before `accept`). */
function requestOf(request: WireRequest): Partial<VideoGenerationRequest> {
  return request.body && typeof request.body === 'object' ? (request.body as Partial<VideoGenerationRequest>) : {}
}

export function acceptVideoGeneration(request: WireRequest, strictCallbacks: boolean): TaskIntent | WireResponse {
  const body = requestOf(request)
  const callbackUrl = typeof body.callback_url === 'string' && body.callback_url !== '' ? body.callback_url : null
  if (callbackUrl && strictCallbacks) {
    // "HTTPS only", no internal IPs, ≤ 2048 characters (S004, E-FAST); refused as 400 with `param` (notes §7.10, INFER).
    const problem = callbackUrlProblem(callbackUrl)
    if (problem) return invalidRequest(problem, 'callback_url')
  }
  const images = Array.isArray(body.image_urls) ? body.image_urls : []
  return {
    operation: 'generate',
    parentId: null,
    callbackUrl,
    price: priceOf(body.quality),
    wire: {
      model: body.model ?? MODEL,
      quality: body.quality ?? '720p',
      aspectRatio: body.aspect_ratio ?? 'auto',
      // Without `generation_type` the vendor matches the mode from the image count (S004).
      generationType: body.generation_type ?? (images.length > 0 ? 'FIRST&LAST' : 'TEXT'),
      imageCount: images.length,
    },
  }
}

/** The submit answer: the task in `pending` (S004 field examples assembled). */
export function renderVideoGeneration(task: Task): VideoGenerationResponse {
  return {
    created: Math.floor(task.createdAt / 1000),
    id: task.id,
    model: typeof task.wire.model === 'string' ? task.wire.model : MODEL,
    object: 'video.generation.task',
    progress: 0,
    status: 'pending',
    // `estimated_time` is the task's planned duration; `slow` scales it ×10 with the timeline (INFER).
    task_info: { can_cancel: true, estimated_time: estimatedSeconds(task), video_duration: VIDEO_DURATION_SECONDS },
    type: 'video',
    usage: usageOf(task.charged),
  }
}

export const videoGenerationRoute = {
  kind: 'submit',
  method: 'post',
  path: '/v1/videos/generations',
  prompt: (body) => {
    const prompt = body && typeof body === 'object' ? (body as { prompt?: unknown }).prompt : undefined
    return typeof prompt === 'string' ? prompt : undefined
  },
  accept: (request, ctx) => acceptVideoGeneration(request, ctx.options.strictCallbacks === true),
  render: (task) => ({ status: 200, body: renderVideoGeneration(task) }),
} satisfies SubmitRoute
