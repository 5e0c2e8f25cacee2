// Reference client for odkkk (a white-label of EvoLink) Veo 3.1 Pro: POST /v1/videos/generations,
// then GET /v1/tasks/{task_id}. Paths are joined to the base URL, which itself has a path
// (`https://ai.odkkk.com/apiv1`). Errors are `{"error":{code,message,type,…}}` with real statuses.
// @see https://ai.odkkk.com/apiv1, https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md (docs/vendors/odkkk.md)
import type { components } from '../../generated/odkkk.js'
import type { ClientEnv, ClientOutcome, ClientRequest, ErrorKind, GenerationType } from '../src/client/protocol.js'
import { runGeneration } from './generation-run.js'
import { imageProblem } from './request-rules.js'
import { field, isStringArray, type VendorReply } from './vendor-call.js'
import { clientError, type PollHints, type PollReading, type SubmitReading, type VendorProtocol } from './vendor-protocol.js'

type Schemas = components['schemas']
export type OdkkkGenerateRequest = Schemas['VideoGenerationRequest']
type TaskDetail = Schemas['TaskDetailResponse']

export const ODKKK_SUBMIT_PATH = '/v1/videos/generations'
/** No poll guidance is documented; every 5 s (INFER, docs/vendors/odkkk.md §6). */
export const ODKKK_POLL_INTERVAL_MS = 5_000
/** The first poll waits half of `task_info.estimated_time`, but never more than this, to stay responsive to early failures. */
export const ODKKK_MAX_FIRST_POLL_MS = 60_000

// odkkk serves one model, `veo3.1-pro`, whatever the tier (S004); the resolution goes to `quality` (E-LITE).
export const ODKKK_MODEL: Schemas['VideoGenerationRequest']['model'] = 'veo3.1-pro'

// `TEXT` and `FIRST&LAST` (S004); there is no reference mode.
export const ODKKK_GENERATION_TYPES: Partial<Record<GenerationType, NonNullable<OdkkkGenerateRequest['generation_type']>>> = {
  TEXT_2_VIDEO: 'TEXT',
  FIRST_AND_LAST_FRAMES_2_VIDEO: 'FIRST&LAST',
}

export function odkkkSubmitBody(request: ClientRequest): { body: OdkkkGenerateRequest } | { error: ReturnType<typeof clientError> } {
  const images = imageProblem(request, { TEXT_2_VIDEO: { min: 0, max: 0 }, FIRST_AND_LAST_FRAMES_2_VIDEO: { min: 1, max: 2 } }, 'odkkk')
  if (images) return { error: images }
  const generationType = ODKKK_GENERATION_TYPES[request.generationType]
  const body: OdkkkGenerateRequest = {
    model: ODKKK_MODEL,
    prompt: request.prompt,
    // Lowercase `auto` is odkkk's default; KIE's `Auto` is not accepted (S004).
    aspect_ratio: request.aspectRatio,
    quality: request.resolution,
  }
  // Manual selection is recommended over matching by image count (S004).
  if (generationType) body.generation_type = generationType
  if (request.imageUrls && request.imageUrls.length > 0) body.image_urls = request.imageUrls
  // odkkk has no seed field (S004): the seed is dropped.
  return { body }
}

/** An HTTP status to an error kind (S004, E-LITE; docs/vendors/odkkk.md §4). */
export function odkkkHttpKind(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 402) return 'insufficient_credits'
  if (status === 429) return 'rate_limited'
  if (status === 502) return 'upstream_error'
  return status >= 500 ? 'server_error' : 'invalid_request'
}

/** A failed task's string `error.code` (E-ERR; docs/vendors/odkkk.md §4) to an error kind. */
export function odkkkFailureKind(code: string): ErrorKind {
  switch (code) {
    case 'content_policy_violation':
      return 'content_policy'
    case 'image_processing_error':
    case 'image_dimension_mismatch':
      return 'invalid_image'
    case 'invalid_parameters':
      return 'invalid_request'
    case 'service_error':
    case 'service_unavailable':
    case 'resource_exhausted':
      return 'upstream_error'
    case 'quota_exceeded':
      return 'insufficient_credits'
    default:
      return 'generation_failed'
  }
}

/** An error answer: `vendorCode` is `error.type` (S004), else the status. */
function httpError(reply: VendorReply): ReturnType<typeof clientError> {
  const error = field(reply.body, 'error')
  const type = field(error, 'type')
  const text = field(error, 'message')
  return clientError(
    odkkkHttpKind(reply.status),
    typeof type === 'string' && type !== '' ? type : String(reply.status),
    typeof text === 'string' && text !== '' ? text : `odkkk answered HTTP ${reply.status}`,
  )
}

export function readOdkkkSubmit(reply: VendorReply): SubmitReading {
  if (reply.status === 200) {
    const id = field(reply.body, 'id')
    if (typeof id !== 'string' || id === '')
      return { kind: 'rejected', error: clientError('server_error', '200', 'odkkk accepted the task without an id'), retryable: false }
    const estimated = field(field(reply.body, 'task_info'), 'estimated_time')
    return { kind: 'accepted', taskId: id, hints: typeof estimated === 'number' && estimated >= 0 ? { estimatedMs: estimated * 1000 } : {} }
  }
  return {
    kind: 'rejected',
    error: httpError(reply),
    retryable: reply.status === 429,
    ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }),
  }
}

export function readOdkkkPoll(reply: VendorReply): PollReading {
  // EvoLink's own clients retry 429, 502 and 503 (CLI; docs/vendors/odkkk.md §3.3); any 5xx here.
  if (reply.status >= 500 || reply.status === 429) {
    return { kind: 'transient', error: httpError(reply), ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }) }
  }
  if (reply.status !== 200) return { kind: 'final', error: httpError(reply) }
  const task = reply.body as Partial<TaskDetail> | undefined
  switch (task?.status) {
    case 'pending':
    case 'processing':
      return { kind: 'running', state: task.status }
    case 'completed':
      return { kind: 'succeeded', videoUrls: isStringArray(task.results) ? task.results : [] }
    case 'failed': {
      const code = typeof task.error?.code === 'string' && task.error.code !== '' ? task.error.code : 'failed'
      const message = typeof task.error?.message === 'string' && task.error.message !== '' ? task.error.message : 'odkkk task failed'
      return { kind: 'failed', error: clientError(odkkkFailureKind(code), code, message) }
    }
    default:
      // FOX, another EvoLink white-label, has `cancelled`; unknown statuses count as failed (docs/vendors/odkkk.md §7.8).
      return { kind: 'failed', error: clientError('generation_failed', String(task?.status), `odkkk returned status ${String(task?.status)}`) }
  }
}

/** Half the estimate, between one poll interval and a minute (INFER, docs/vendors/odkkk.md §6). */
export function odkkkFirstPollDelayMs(hints: PollHints): number {
  const half = (hints.estimatedMs ?? 0) / 2
  return Math.min(ODKKK_MAX_FIRST_POLL_MS, Math.max(ODKKK_POLL_INTERVAL_MS, half))
}

export const odkkkProtocol: VendorProtocol = {
  vendor: 'odkkk',
  submitPath: ODKKK_SUBMIT_PATH,
  submitBody: odkkkSubmitBody,
  readSubmit: readOdkkkSubmit,
  pollPath: (taskId) => `/v1/tasks/${encodeURIComponent(taskId)}`,
  readPoll: readOdkkkPoll,
  firstPollDelayMs: odkkkFirstPollDelayMs,
  pollIntervalMs: () => ODKKK_POLL_INTERVAL_MS,
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(odkkkProtocol, request, env)
}
