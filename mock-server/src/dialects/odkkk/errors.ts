// odkkk's HTTP errors: `{"error": {code, message, type, param?, fallback_suggestion?}}` with `code` =
// the HTTP status as an integer, for every problem the core detects.
// @see https://ai.odkkk.com/apiv1 (docs/vendors/odkkk.md §3.1, §8)
import type { components } from '../../../../generated/odkkk.js'
import type { CoreError, WireResponse } from '../../core/dialect.js'
import { MODEL } from './task-detail.js'

export type ErrorResponse = components['schemas']['ErrorResponse']
type ErrorDetail = ErrorResponse['error']

/** The poll route's template; it declares no 413, so a too-large body there is a 400. */
export const TASK_DETAIL_PATH = '/v1/tasks/{task_id}'

export const DEFAULT_RETRY_AFTER_SECONDS = { rateLimited: 60, unavailable: 30 } as const

/** An odkkk error body; `code` repeats the HTTP status (S004; EvoLink MCP client, MCPE). */
export function errorBody(status: number, type: string, message: string, extra: Pick<ErrorDetail, 'param' | 'fallback_suggestion'> = {}): ErrorResponse {
  const error: ErrorDetail = { code: status, message, type }
  if (extra.param !== undefined) error.param = extra.param
  if (extra.fallback_suggestion !== undefined) error.fallback_suggestion = extra.fallback_suggestion
  return { error }
}

function reply(status: number, body: ErrorResponse, headers?: Record<string, string>): WireResponse {
  return headers ? { status, body, headers } : { status, body }
}

// The documented S004 error table, one entry per status the submit operation declares.
export const unauthorized = (): WireResponse => reply(401, errorBody(401, 'authentication_error', 'Invalid or expired token'))

// odkkk's own billing URL, not EvoLink's (S004; docs/vendors/odkkk.md §7.9).
export const insufficientQuota = (): WireResponse =>
  reply(402, errorBody(402, 'insufficient_quota_error', 'Insufficient quota', { fallback_suggestion: 'https://ai.odkkk.com/apiv1/dashboard/billing' }))

// No rate limits are documented; the body says "retry after 60 seconds" (S004) and EvoLink's CLI
// honours `Retry-After` on 429 (CLI, value INFER).
// @see https://github.com/deeplearning-goethe/evolink-cli/blob/main/packages/cli/src/platform/core/src/services/api-client.js (docs/vendors/odkkk.md §8)
export function rateLimited(retryAfterSeconds: number = DEFAULT_RETRY_AFTER_SECONDS.rateLimited): WireResponse {
  return reply(429, errorBody(429, 'rate_limit_error', 'Rate limit exceeded', { fallback_suggestion: `retry after ${retryAfterSeconds} seconds` }), {
    'retry-after': String(retryAfterSeconds),
  })
}

export const internalServerError = (): WireResponse =>
  reply(500, errorBody(500, 'internal_server_error', 'Internal server error', { fallback_suggestion: 'try again later' }))

export const upstreamError = (): WireResponse =>
  reply(502, errorBody(502, 'upstream_error', 'Upstream AI service unavailable', { fallback_suggestion: 'try different model' }))

// 503 says "retry after 30 seconds" (S004); the `Retry-After: 30` header is INFER (docs/vendors/odkkk.md §8).
export function serviceUnavailable(withRetryAfter: boolean): WireResponse {
  const body = errorBody(503, 'service_unavailable_error', 'Service temporarily unavailable', {
    fallback_suggestion: `retry after ${DEFAULT_RETRY_AFTER_SECONDS.unavailable} seconds`,
  })
  return withRetryAfter ? reply(503, body, { 'retry-after': String(DEFAULT_RETRY_AFTER_SECONDS.unavailable) }) : reply(503, body)
}

// Any model other than veo3.1-pro (including E-PRO's `veo3.1-pro-beta`) is a 404 naming the model (S004 example; notes §7.7).
export const modelNotFound = (): WireResponse =>
  reply(404, errorBody(404, 'not_found_error', 'Specified model not found', { param: 'model', fallback_suggestion: MODEL }))

// Unknown or expired task (E-LITE get-task-detail).
// @see https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md (docs/vendors/odkkk.md §3.2)
export const taskNotFound = (): WireResponse => reply(404, errorBody(404, 'not_found_error', 'Task not found or expired', { param: 'task_id' }))

// An id without the `task-unified-` prefix (E-LITE integer form; E-TASK cn has the string code `invalid_task_id`).
export const invalidTaskId = (): WireResponse => reply(400, errorBody(400, 'invalid_request_error', 'Invalid task ID format', { param: 'task_id' }))

/** A 400 `invalid_request_error`; S004 names the failing field in `param` (its `duration` example is template text, notes §7.4). */
export function invalidRequest(message: string, param?: string): WireResponse {
  return reply(400, errorBody(400, 'invalid_request_error', message, param === undefined ? {} : { param }))
}

const REQUIRED = /must have required property '([^']+)'/

/** `/prompt must NOT have …` → `must NOT have …`: an Ajv issue without its leading JSON pointer. */
function issueText(issue: string): string {
  return issue.replace(/^\S+\s/, '')
}

/**
 * A readable message for the first failing field, in the style of S004's examples
 * ("Invalid duration parameter") and the spec's veomock examples ("model is required",
 * "Prompt must be at most 2000 characters", "At most 2 images are supported").
 */
export function validationMessage(param: string | undefined, issue: string): string {
  const missing = REQUIRED.exec(issue)?.[1]
  if (missing) return `${missing} is required`
  const text = issueText(issue)
  const tooLong = /^must NOT have more than (\d+) characters$/.exec(text)?.[1]
  if (param === 'prompt' && tooLong) return `Prompt must be at most ${tooLong} characters`
  const tooMany = /^must NOT have more than (\d+) items$/.exec(text)?.[1]
  if (param === 'image_urls' && tooMany) return tooMany === '0' ? 'generation_type TEXT takes no image_urls' : `At most ${tooMany} images are supported`
  if (!param) return text.charAt(0).toUpperCase() + text.slice(1)
  return `Invalid ${param} parameter: ${text}`
}

/** The top-level request field of a dotted path (`image_urls.0` → `image_urls`). */
export function paramOf(field: string | undefined): string | undefined {
  if (!field) return undefined
  return field.split('.')[0] || undefined
}

/** A spec-validation failure, rendered as odkkk answers it. */
export function renderInvalidRequest(error: CoreError): WireResponse {
  const issues = error.issues ?? []
  // The model is checked first: a wrong id is 404 `not_found_error`, whatever else is wrong (S004).
  if (issues.some((i) => i.startsWith('/model '))) return modelNotFound()
  const param = paramOf(error.field)
  if (param === 'task_id') return invalidTaskId()
  if (param === 'x-veomock-scenario') return invalidRequest(error.message, param)
  const first = issues[0] ?? error.message
  return invalidRequest(validationMessage(param, first), param)
}

/** Every core error, in odkkk's shape and a status the spec declares for the operation. */
export function renderOdkkkError(error: CoreError): WireResponse {
  const onTaskDetail = error.route === TASK_DETAIL_PATH
  switch (error.kind) {
    case 'unauthorized':
      return unauthorized()
    case 'insufficient_credits':
      return insufficientQuota()
    case 'rate_limited':
      return rateLimited(error.retryAfterMs === undefined ? DEFAULT_RETRY_AFTER_SECONDS.rateLimited : Math.max(1, Math.ceil(error.retryAfterMs / 1000)))
    case 'server_error':
      return internalServerError()
    case 'maintenance':
      return serviceUnavailable(true)
    case 'upstream_error':
      return upstreamError()
    case 'flaky_poll':
      // A transient blip: the 503 body clients already retry (EvoLink CLI retries 502/503, CLI); no
      // Retry-After so a client's own short backoff applies (INFER).
      return serviceUnavailable(false)
    case 'invalid_request':
      return renderInvalidRequest(error)
    case 'malformed_json':
      // The spec's `invalid_json` example (INFER): 400 without `param`.
      return invalidRequest('Request body is not valid JSON')
    case 'unsupported_media_type':
      // Neither operation declares 415; a non-JSON body is an invalid request (INFER).
      return invalidRequest(error.message)
    case 'payload_too_large':
      // 413 `request_too_large_error` as on the submit (S004, spec `body_too_large` example); the task
      // query declares no 413, so there it is a 400 (INFER).
      if (onTaskDetail) return invalidRequest('Request body too large (limit 1 MB)')
      return reply(413, errorBody(413, 'request_too_large_error', 'Request body too large (limit 1 MB)'))
    case 'route_not_found':
      // An unknown path under the prefix: the same not-found shape (INFER; not validated, no operation).
      return reply(404, errorBody(404, 'not_found_error', error.message))
    case 'method_not_allowed':
      // INFER: OpenAI-style gateways answer a wrong method with 405 and an Allow header.
      return reply(405, errorBody(405, 'invalid_request_error', error.message), { allow: (error.allow ?? []).join(', ') })
    case 'task_not_found':
      return taskNotFound()
  }
}
