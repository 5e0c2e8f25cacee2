// Reference client for Apixo Veo 3.1: POST /api/v1/generateTask/veo-3-1, then GET
// /api/v1/statusTask/veo-3-1?taskId=. HTTP status and body `code` agree; a found task is always
// HTTP 200, its failure is `data.state`.
// @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md)
import type { components } from '../../generated/apixo.js'
import type { ClientEnv, ClientOutcome, ClientRequest, ErrorKind } from '../src/client/protocol.js'
import { runGeneration } from './generation-run.js'
import { CLIENT_SIDE, imageProblem, KIE_IMAGE_LIMITS } from './request-rules.js'
import { field, isStringArray, type VendorReply } from './vendor-call.js'
import { clientError, type PollReading, type SubmitReading, type VendorProtocol } from './vendor-protocol.js'

type Schemas = components['schemas']
export type ApixoGenerateRequest = Schemas['GenerateTaskRequest']
type TaskStatusData = Schemas['TaskStatusData']

export const APIXO_SUBMIT_PATH = '/api/v1/generateTask/veo-3-1'
/** "Wait 90 s, then poll every 5 s" (S003; the older S001 said 120 s then 10 s; docs/vendors/apixo.md §6, §7.8). */
export const APIXO_FIRST_POLL_MS = 90_000
export const APIXO_POLL_INTERVAL_MS = 5_000

// Apixo has `quality` and `fast` only; there is no lite mode (S001, S003; docs/vendors/apixo.md §4).
export const APIXO_MODES: Record<'quality' | 'fast', Schemas['Mode']> = { quality: 'quality', fast: 'fast' }

// Lowercase `auto`, unlike KIE (S001, S003 page; docs/vendors/apixo.md §3.1).
export const APIXO_ASPECT_RATIOS: Record<ClientRequest['aspectRatio'], Schemas['AspectRatio']> = { '16:9': '16:9', '9:16': '9:16', auto: 'auto' }

export function apixoSubmitBody(request: ClientRequest): { body: ApixoGenerateRequest } | { error: ReturnType<typeof clientError> } {
  if (request.tier === 'lite') return { error: clientError('invalid_request', CLIENT_SIDE, 'Apixo has no lite mode; use quality or fast') }
  const images = imageProblem(request, KIE_IMAGE_LIMITS, 'Apixo')
  if (images) return { error: images }
  // REFERENCE_2_VIDEO requires mode fast and 16:9 (S001, S003; docs/vendors/apixo.md §3.1).
  if (request.generationType === 'REFERENCE_2_VIDEO' && (request.tier !== 'fast' || request.aspectRatio !== '16:9')) {
    return { error: clientError('invalid_request', CLIENT_SIDE, 'Apixo REFERENCE_2_VIDEO needs the fast tier and 16:9') }
  }
  const input: ApixoGenerateRequest['input'] = {
    mode: APIXO_MODES[request.tier],
    prompt: request.prompt,
    // Mixed casing inside `input`: `generationType` camelCase, `image_urls`/`aspect_ratio` snake_case (docs/vendors/apixo.md §3.1).
    generationType: request.generationType,
    aspect_ratio: APIXO_ASPECT_RATIOS[request.aspectRatio],
  }
  if (request.imageUrls && request.imageUrls.length > 0) input.image_urls = request.imageUrls
  // Singular `seed` in `input`, no documented range (S001).
  if (request.seed !== undefined) input.seed = request.seed
  // `request_type` was required in S001 and defaults to async in S003: always send it (docs/vendors/apixo.md §7.2).
  return { body: { request_type: 'async', input } }
}

/** `failCode` (UPPER_SNAKE S003/A-EC, CamelCase A-ERR) to an error kind (docs/vendors/apixo.md §4). */
export function apixoFailCodeKind(failCode: string): ErrorKind | undefined {
  if (/^(CONTENT_VIOLATION|NSFW_DETECTED|NSFW|ProhibitedContentDetected)$/.test(failCode) || /Sensitive/.test(failCode)) return 'content_policy'
  if (/^(INVALID_IMAGE_URL|IMAGE_DOWNLOAD_FAILED|IMAGE_TOO_LARGE|UNSUPPORTED_FORMAT)$/.test(failCode)) return 'invalid_image'
  if (/^(PROMPT_TOO_LONG|INVALID_PROMPT|PromptLengthExceeded|TASKID_ERROR)$/.test(failCode)) return 'invalid_request'
  if (/^(GENERATION_FAILED|PROCESSING_TIMEOUT)$/.test(failCode)) return 'generation_failed'
  if (failCode === 'MODEL_UNAVAILABLE') return 'upstream_error'
  if (failCode === 'INSUFFICIENT_CREDITS') return 'insufficient_credits'
  return undefined
}

/** An HTTP status (= body `code`) to an error kind (A-ERR, A-EC; docs/vendors/apixo.md §3.5, §4). */
export function apixoHttpKind(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 402) return 'insufficient_credits'
  if (status === 429) return 'rate_limited'
  return status >= 500 ? 'server_error' : 'invalid_request'
}

/** `resultJson` is a JSON-encoded string `{"resultUrls":[…]}`, not an object (S001, S003). */
export function apixoResultUrls(resultJson: unknown): string[] {
  if (typeof resultJson !== 'string') return []
  try {
    const urls = field(JSON.parse(resultJson), 'resultUrls')
    return isStringArray(urls) ? urls : []
  } catch {
    return []
  }
}

function message(body: unknown, fallback: string): string {
  const text = field(body, 'message')
  const detail = field(field(body, 'data'), 'error')
  if (typeof text === 'string' && text !== '') return typeof detail === 'string' && detail !== '' ? `${text}: ${detail}` : text
  return fallback
}

/**
 * An error answer: a provider identifier in `data.error` (A-ERR; the mock's upstream_error sends
 * `MODEL_UNAVAILABLE`) is the more precise code; otherwise the HTTP status.
 */
function httpError(reply: VendorReply): ReturnType<typeof clientError> {
  const detail = field(field(reply.body, 'data'), 'error')
  const known = typeof detail === 'string' ? apixoFailCodeKind(detail) : undefined
  const text = message(reply.body, `Apixo answered HTTP ${reply.status}`)
  if (known && typeof detail === 'string') return clientError(known, detail, text)
  return clientError(apixoHttpKind(reply.status), String(reply.status), text)
}

export function readApixoSubmit(reply: VendorReply): SubmitReading {
  const taskId = field(field(reply.body, 'data'), 'taskId')
  // Clients check both the HTTP status and `code === 200` (CODE PC; docs/vendors/apixo.md §3.5).
  if (reply.status === 200 && field(reply.body, 'code') === 200 && typeof taskId === 'string' && taskId !== '') return { kind: 'accepted', taskId, hints: {} }
  if (reply.status === 200)
    return {
      kind: 'rejected',
      error: clientError('server_error', String(field(reply.body, 'code') ?? 200), message(reply.body, 'Apixo accepted the task without a data.taskId')),
      retryable: false,
    }
  return {
    kind: 'rejected',
    error: httpError(reply),
    retryable: reply.status === 429,
    ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }),
  }
}

export function readApixoPoll(reply: VendorReply): PollReading {
  if (reply.status >= 500 || reply.status === 429) {
    return { kind: 'transient', error: httpError(reply), ...(reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }) }
  }
  if (reply.status !== 200) return { kind: 'final', error: httpError(reply) }
  const data = field(reply.body, 'data') as Partial<TaskStatusData> | undefined
  switch (data?.state) {
    case 'pending':
    case 'processing':
      return { kind: 'running', state: data.state }
    case 'success':
      return { kind: 'succeeded', videoUrls: apixoResultUrls(data.resultJson) }
    case 'failed': {
      const failCode = typeof data.failCode === 'string' && data.failCode !== '' ? data.failCode : 'failed'
      const failMsg = typeof data.failMsg === 'string' && data.failMsg !== '' ? data.failMsg : `Apixo task failed with ${failCode}`
      return { kind: 'failed', error: clientError(apixoFailCodeKind(failCode) ?? 'generation_failed', failCode, failMsg) }
    }
    default:
      return { kind: 'failed', error: clientError('generation_failed', String(data?.state), `Apixo returned an unknown state ${String(data?.state)}`) }
  }
}

export const apixoProtocol: VendorProtocol = {
  vendor: 'apixo',
  submitPath: APIXO_SUBMIT_PATH,
  submitBody: apixoSubmitBody,
  readSubmit: readApixoSubmit,
  // Status must use the submit's model segment; there is no model-agnostic status endpoint (A-ST).
  pollPath: (taskId) => `/api/v1/statusTask/veo-3-1?taskId=${encodeURIComponent(taskId)}`,
  readPoll: readApixoPoll,
  firstPollDelayMs: () => APIXO_FIRST_POLL_MS,
  pollIntervalMs: () => APIXO_POLL_INTERVAL_MS,
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(apixoProtocol, request, env)
}
