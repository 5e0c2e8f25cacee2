// Reference client for KIE.ai Veo 3.1: POST /api/v1/veo/generate, then GET
// /api/v1/veo/record-info?taskId= every 30 s. KIE answers most errors with HTTP 200 and the real
// code in the body, so only body `code === 200` is success.
// @see https://docs.kie.ai/veo3-api/generate-veo-3-video (docs/vendors/kie.md)
import type { components } from '../../generated/kie.js'
import type { ClientEnv, ClientOutcome, ClientRequest, ErrorKind, Tier } from '../src/client/protocol.js'
import { runGeneration } from './generation-run.js'
import { CLIENT_SIDE, foldSeed, imageProblem, KIE_IMAGE_LIMITS } from './request-rules.js'
import { field, isStringArray, type VendorReply } from './vendor-call.js'
import { clientError, type PollReading, type SubmitReading, type VendorProtocol } from './vendor-protocol.js'

type Schemas = components['schemas']
export type KieGenerateRequest = Schemas['GenerateVideoRequest']
type RecordInfoData = Schemas['RecordInfoData']

export const KIE_SUBMIT_PATH = '/api/v1/veo/generate'
/** "Poll every 30 s" (K-CB, K-QS). */
export const KIE_POLL_INTERVAL_MS = 30_000

// `veo3` Quality, `veo3_fast` Fast, `veo3_lite` Lite (K-GEN; docs/vendors/kie.md §4.1).
export const KIE_MODELS: Record<Tier, Schemas['GenerateModel']> = { quality: 'veo3', fast: 'veo3_fast', lite: 'veo3_lite' }

// KIE spells it `Auto` with a capital A (K-GEN; docs/vendors/kie.md §4.1).
export const KIE_ASPECT_RATIOS: Record<ClientRequest['aspectRatio'], Schemas['AspectRatio']> = { '16:9': '16:9', '9:16': '9:16', auto: 'Auto' }

export function kieSubmitBody(request: ClientRequest): { body: KieGenerateRequest } | { error: ReturnType<typeof clientError> } {
  const images = imageProblem(request, KIE_IMAGE_LIMITS, 'KIE')
  if (images) return { error: images }
  // REFERENCE_2_VIDEO needs `veo3_fast` and a fixed ratio (K-GEN; S002; docs/vendors/kie.md §8.5).
  if (request.generationType === 'REFERENCE_2_VIDEO' && request.tier !== 'fast') {
    return { error: clientError('invalid_request', CLIENT_SIDE, 'KIE REFERENCE_2_VIDEO needs the fast tier (veo3_fast)') }
  }
  if (request.generationType === 'REFERENCE_2_VIDEO' && request.aspectRatio === 'auto') {
    return { error: clientError('invalid_request', CLIENT_SIDE, 'KIE REFERENCE_2_VIDEO needs 16:9 or 9:16, not Auto') }
  }
  const body: KieGenerateRequest = {
    prompt: request.prompt,
    model: KIE_MODELS[request.tier],
    generationType: request.generationType,
    // The current EN schema names it `aspect_ratio`; the mock and KIE accept `aspectRatio` too (docs/vendors/kie.md §8.2).
    aspect_ratio: KIE_ASPECT_RATIOS[request.aspectRatio],
    resolution: request.resolution,
  }
  if (request.imageUrls && request.imageUrls.length > 0) body.imageUrls = request.imageUrls
  // `seeds` takes 10000–99999 only (S002; docs/vendors/kie.md §8.3).
  if (request.seed !== undefined) body.seeds = foldSeed(request.seed)
  return { body }
}

/**
 * A body `code` other than 200, at submit or on a poll, to an error kind (docs/vendors/kie.md §4.8,
 * §5): 422 "rejected by Flow" is a content-policy refusal, 408 the upstream going silent.
 */
export function kieCodeKind(code: number, msg: string): ErrorKind {
  switch (code) {
    case 401:
      return 'unauthorized'
    case 402:
      return 'insufficient_credits'
    case 429:
    case 433:
      return 'rate_limited'
    case 422:
      return /rejected by Flow/i.test(msg) ? 'content_policy' : 'invalid_request'
    case 400:
    case 404:
      return 'invalid_request'
    case 451:
      return 'invalid_image'
    case 408:
      return 'upstream_error'
    case 501:
      return 'generation_failed'
    // 455 maintenance, 500 server error, 505 feature disabled (K-GEN).
    case 455:
    case 500:
    case 505:
      return 'server_error'
    default:
      return code >= 500 ? 'server_error' : 'invalid_request'
  }
}

/**
 * `errorCode`/`errorMessage` of a task with successFlag 2 or 3 to an error kind (K-REC, K-CB;
 * docs/vendors/kie.md §5). Code 400 covers several refusals told apart only by their text.
 */
export function kieFailureKind(errorCode: number | null | undefined, errorMessage: string): ErrorKind {
  if (errorCode === 400) {
    if (/fetch the image/i.test(errorMessage)) return 'invalid_image'
    if (/only english/i.test(errorMessage)) return 'invalid_request'
    return 'content_policy'
  }
  if (errorCode === 451) return 'invalid_image'
  if (errorCode === 500) return 'server_error'
  if (errorCode === 422) return /rejected by Flow/i.test(errorMessage) ? 'content_policy' : 'invalid_request'
  return 'generation_failed'
}

/**
 * Result URLs of a finished record: `response.resultUrls`, which some KIE pages show as a JSON string
 * rather than an array (K-QS sample; docs/vendors/kie.md §8.8); `fullResultUrls` when it is empty.
 */
export function kieResultUrls(response: unknown): string[] {
  for (const name of ['resultUrls', 'fullResultUrls']) {
    let value = field(response, name)
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value)
      } catch {
        value = undefined
      }
    }
    if (isStringArray(value) && value.length > 0) return value
  }
  return []
}

/** An HTTP status without a KIE envelope (a Cloudflare 403, a proxy 502) to an error kind. */
function httpKind(status: number): ErrorKind {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 402) return 'insufficient_credits'
  if (status === 429) return 'rate_limited'
  if (status === 502) return 'upstream_error'
  return status >= 500 ? 'server_error' : 'invalid_request'
}

function message(body: unknown, fallback: string): string {
  const msg = field(body, 'msg')
  return typeof msg === 'string' && msg !== '' ? msg : fallback
}

export function readKieSubmit(reply: VendorReply): SubmitReading {
  const code = field(reply.body, 'code')
  if (typeof code !== 'number') {
    const kind = httpKind(reply.status)
    return {
      kind: 'rejected',
      error: clientError(kind, String(reply.status), `KIE answered HTTP ${reply.status} without its envelope`),
      retryable: reply.status === 429,
      ...retryAfter(reply),
    }
  }
  // Success is body code 200, whatever the HTTP status says (LIVE PH; CODE FE; docs/vendors/kie.md §3).
  if (code === 200) {
    const taskId = field(field(reply.body, 'data'), 'taskId')
    if (typeof taskId === 'string' && taskId !== '') return { kind: 'accepted', taskId, hints: {} }
    return { kind: 'rejected', error: clientError('server_error', '200', 'KIE accepted the task without a data.taskId'), retryable: false }
  }
  const msg = message(reply.body, `KIE body code ${code}`)
  // Rate limits come as HTTP 429 (K-GS) or HTTP 200 + body 429 (K-GEN); both may be retried later.
  return { kind: 'rejected', error: clientError(kieCodeKind(code, msg), String(code), msg), retryable: code === 429 || code === 433, ...retryAfter(reply) }
}

function retryAfter(reply: VendorReply): { retryAfterMs?: number } {
  return reply.retryAfterMs === undefined ? {} : { retryAfterMs: reply.retryAfterMs }
}

export function readKiePoll(reply: VendorReply): PollReading {
  const code = field(reply.body, 'code')
  const vendorCode = String(typeof code === 'number' ? code : reply.status)
  const msg = message(reply.body, `KIE answered HTTP ${reply.status}`)
  // HTTP 5xx, 429, and body code 500 ("Server Error", K-GEN '500') are passing trouble: poll again.
  if (reply.status >= 500 || reply.status === 429 || code === 500 || code === 429) {
    return {
      kind: 'transient',
      error: clientError(typeof code === 'number' ? kieCodeKind(code, msg) : httpKind(reply.status), vendorCode, msg),
      ...retryAfter(reply),
    }
  }
  if (typeof code !== 'number') return { kind: 'final', error: clientError(httpKind(reply.status), vendorCode, msg) }
  if (code !== 200) return { kind: 'final', error: clientError(kieCodeKind(code, msg), vendorCode, msg) }
  const data = field(reply.body, 'data') as Partial<RecordInfoData> | undefined
  const flag = data?.successFlag
  // successFlag 0 generating, 1 success, 2 failed, 3 generation failed (K-REC; docs/vendors/kie.md §5).
  if (flag === 0) return { kind: 'running', state: '0' }
  if (flag === 1) return { kind: 'succeeded', videoUrls: kieResultUrls(data?.response) }
  if (flag === 2 || flag === 3) {
    const errorMessage = typeof data?.errorMessage === 'string' ? data.errorMessage : ''
    const errorCode = data?.errorCode
    return {
      kind: 'failed',
      error: clientError(kieFailureKind(errorCode, errorMessage), String(errorCode ?? flag), errorMessage || `KIE task failed with successFlag ${flag}`),
    }
  }
  return { kind: 'failed', error: clientError('generation_failed', String(flag), `KIE returned an unknown successFlag ${String(flag)}`) }
}

export const kieProtocol: VendorProtocol = {
  vendor: 'kie',
  submitPath: KIE_SUBMIT_PATH,
  submitBody: kieSubmitBody,
  readSubmit: readKieSubmit,
  pollPath: (taskId) => `/api/v1/veo/record-info?taskId=${encodeURIComponent(taskId)}`,
  readPoll: readKiePoll,
  firstPollDelayMs: () => KIE_POLL_INTERVAL_MS,
  pollIntervalMs: () => KIE_POLL_INTERVAL_MS,
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(kieProtocol, request, env)
}
