// Reference client for Xenodia Veo 3.1: POST /v1/videos/generations, then GET /v1/tasks/{task_id}
// at the server's `recommended_poll_interval_ms`. Real HTTP statuses, flat error bodies.
// @see https://docs.xenodia.xyz/docs/api/video-generation-veo31 (docs/vendors/xenodia.md)
import type { components } from '../../generated/xenodia.js'
import type { ClientEnv, ClientOutcome, ClientRequest, ErrorKind, Tier } from '../src/client/protocol.js'
import { runGeneration } from './generation-run.js'
import { CLIENT_SIDE, foldSeed, imageProblem, KIE_IMAGE_LIMITS } from './request-rules.js'
import { field, type VendorReply } from './vendor-call.js'
import { clientError, type PollHints, type PollReading, type SubmitReading, type VendorProtocol } from './vendor-protocol.js'

type Schemas = components['schemas']
export type XenodiaGenerateRequest = Schemas['VideoGenerationRequest']
type Task = Schemas['Task']

export const XENODIA_SUBMIT_PATH = '/v1/videos/generations'
/** The server's hint when a response carries none: `recommended_poll_interval_ms: 5000` (S000). */
export const XENODIA_DEFAULT_POLL_MS = 5_000
/** A floor under the server's hint, so a zero or missing value never turns into a tight loop. */
export const XENODIA_MIN_POLL_MS = 1_000

// The current page's ids (X-VEO); S000's `veo3*` ids still validate (docs/vendors/xenodia.md §7.1).
export const XENODIA_MODELS: Record<Tier, Schemas['VideoModel']> = { quality: 'veo3.1', fast: 'veo3.1_fast', lite: 'veo3.1_lite' }

// KIE's `Auto` with a capital A, passed through (S000; GEE sends `Auto`).
export const XENODIA_ASPECT_RATIOS: Record<ClientRequest['aspectRatio'], Schemas['AspectRatio']> = { '16:9': '16:9', '9:16': '9:16', auto: 'Auto' }

export function xenodiaSubmitBody(request: ClientRequest): { body: XenodiaGenerateRequest } | { error: ReturnType<typeof clientError> } {
  const images = imageProblem(request, KIE_IMAGE_LIMITS, 'Xenodia')
  if (images) return { error: images }
  // REFERENCE_2_VIDEO takes the fast model only (S000, X-VEO; docs/vendors/xenodia.md §7.2).
  if (request.generationType === 'REFERENCE_2_VIDEO' && request.tier !== 'fast') {
    return { error: clientError('invalid_request', CLIENT_SIDE, 'Xenodia REFERENCE_2_VIDEO needs the fast tier (veo3.1_fast)') }
  }
  const body: XenodiaGenerateRequest = {
    model: XENODIA_MODELS[request.tier],
    prompt: request.prompt,
    generationType: request.generationType,
    aspect_ratio: XENODIA_ASPECT_RATIOS[request.aspectRatio],
    resolution: request.resolution,
  }
  if (request.imageUrls && request.imageUrls.length > 0) body.imageUrls = request.imageUrls
  // `seeds`, 10000–99999 (S000).
  if (request.seed !== undefined) body.seeds = foldSeed(request.seed)
  return { body }
}

/** An HTTP status to an error kind (X-AUTH, S000; docs/vendors/xenodia.md §4): 502 is the upstream failing. */
export function xenodiaHttpKind(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 402) return 'insufficient_credits'
  if (status === 429) return 'rate_limited'
  if (status === 502) return 'upstream_error'
  return status >= 500 ? 'server_error' : 'invalid_request'
}

/** A failed task's `error.code` (codes undocumented; the mock's invented ones, docs/vendors/xenodia.md §8) to an error kind. */
export function xenodiaFailureKind(code: string, message: string): ErrorKind {
  if (code === 'content_policy_violation' || /content polic/i.test(message)) return 'content_policy'
  if (code === 'image_fetch_failed' || /fetch the image/i.test(message)) return 'invalid_image'
  return 'generation_failed'
}

/** An error answer: `vendorCode` is the flat body's `error` string (X-CVG), else the status. */
function httpError(reply: VendorReply): ReturnType<typeof clientError> {
  const error = field(reply.body, 'error')
  const text = field(reply.body, 'message')
  return clientError(
    xenodiaHttpKind(reply.status),
    typeof error === 'string' && error !== '' ? error : String(reply.status),
    typeof text === 'string' && text !== '' ? text : `Xenodia answered HTTP ${reply.status}`,
  )
}

function hintsOf(body: unknown): PollHints {
  const hints: PollHints = {}
  const interval = field(body, 'recommended_poll_interval_ms')
  if (typeof interval === 'number' && Number.isFinite(interval)) hints.pollIntervalMs = interval
  const pollUrl = field(body, 'poll_url')
  if (typeof pollUrl === 'string' && pollUrl.startsWith('/')) hints.pollPath = pollUrl
  return hints
}

export function readXenodiaSubmit(reply: VendorReply): SubmitReading {
  // Create answers 200 or 202 (undocumented, docs/vendors/xenodia.md §7.3): accept any 2xx.
  if (reply.status >= 200 && reply.status < 300) {
    const taskId = field(reply.body, 'task_id')
    if (typeof taskId === 'string' && taskId !== '') return { kind: 'accepted', taskId, hints: hintsOf(reply.body) }
    return { kind: 'rejected', error: clientError('server_error', String(reply.status), 'Xenodia accepted the task without a task_id'), retryable: false }
  }
  return {
    kind: 'rejected',
    error: httpError(reply),
    retryable: reply.status === 429,
    ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }),
  }
}

export function readXenodiaPoll(reply: VendorReply): PollReading {
  if (reply.status >= 500 || reply.status === 429) {
    return { kind: 'transient', error: httpError(reply), ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }) }
  }
  if (reply.status !== 200) return { kind: 'final', error: httpError(reply) }
  const task = reply.body as Partial<Task> | undefined
  switch (task?.state) {
    case 'waiting':
    case 'queuing':
    case 'generating':
      return { kind: 'running', state: task.state, hints: hintsOf(task) }
    case 'success': {
      // `result.data[].url` (S000).
      const urls = (task.result?.data ?? []).map((item) => item?.url).filter((url): url is string => typeof url === 'string' && url !== '')
      return { kind: 'succeeded', videoUrls: urls }
    }
    case 'fail': {
      const code = typeof task.error?.code === 'string' && task.error.code !== '' ? task.error.code : 'fail'
      const message = typeof task.error?.message === 'string' && task.error.message !== '' ? task.error.message : 'Xenodia task failed'
      return { kind: 'failed', error: clientError(xenodiaFailureKind(code, message), code, message) }
    }
    default:
      return { kind: 'failed', error: clientError('generation_failed', String(task?.state), `Xenodia returned an unknown state ${String(task?.state)}`) }
  }
}

function pollInterval(hints: PollHints): number {
  return Math.max(XENODIA_MIN_POLL_MS, hints.pollIntervalMs ?? XENODIA_DEFAULT_POLL_MS)
}

export const xenodiaProtocol: VendorProtocol = {
  vendor: 'xenodia',
  submitPath: XENODIA_SUBMIT_PATH,
  submitBody: xenodiaSubmitBody,
  readSubmit: readXenodiaSubmit,
  // `poll_url` is path-absolute: join it to the base URL, never resolve it against the host (docs/vendors/xenodia.md §8).
  pollPath: (taskId, hints) => hints.pollPath ?? `/v1/tasks/${encodeURIComponent(taskId)}`,
  readPoll: readXenodiaPoll,
  firstPollDelayMs: pollInterval,
  pollIntervalMs: pollInterval,
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(xenodiaProtocol, request, env)
}
