// Xenodia errors: real HTTP statuses and a flat body `{error, message, type, code}` (X-CVG, X-TR),
// or the house style `{error, message}` of Xenodia's public Go handlers and proxy (HACK).
// Every `error`/`type`/`code` string is invented unless a comment says otherwise.
// @see https://docs.xenodia.xyz/docs/api/reference/createVideoGeneration (docs/vendors/xenodia.md §3.5, §8)
import type { components } from '../../../../generated/xenodia.js'
import type { CoreError, CoreErrorKind, WireResponse } from '../../core/dialect.js'

type ErrorResponse = components['schemas']['ErrorResponse']

/** `Retry-After` on a 429, in seconds, when no real window says otherwise (INFER, §8). */
export const DEFAULT_RETRY_AFTER_SECONDS = 10

interface Rendering {
  status: number
  body: ErrorResponse
}

/** The failing field first, so a client can show which parameter was wrong (`field` from the core). */
export function validationMessage(error: Pick<CoreError, 'field' | 'message'>): string {
  return error.field ? `Invalid parameter ${error.field}: ${error.message}` : error.message
}

/** The status and body for each kind; pure, table-tested. */
export function errorRendering(error: Pick<CoreError, 'kind' | 'message' | 'field'>): Rendering {
  const kind: CoreErrorKind = error.kind
  switch (kind) {
    // 401 "missing/malformed/expired/invalid credentials" (S000, X-AUTH); strings invented.
    case 'unauthorized':
      return { status: 401, body: { error: 'unauthorized', message: 'Invalid or missing API key', type: 'authentication_error', code: 'invalid_api_key' } }
    // 402 "billing boundaries" (S000, X-AUTH); the current flat form, not the older x402 `payment` (§7.7).
    case 'insufficient_credits':
      return { status: 402, body: { error: 'insufficient_balance', message: 'Insufficient balance', type: 'billing_error', code: 'insufficient_balance' } }
    // 429 "rate limit or quota boundary" (X-AUTH); strings invented.
    case 'rate_limited':
      return { status: 429, body: { error: 'rate_limited', message: 'Rate limit exceeded', type: 'rate_limit_error', code: 'rate_limited' } }
    // 500 is not documented by Xenodia (INFER).
    case 'server_error':
      return { status: 500, body: { error: 'internal_error', message: 'Internal server error', type: 'server_error', code: 'internal_error' } }
    // 503 is not documented by Xenodia (INFER, §9 "whether 503 is ever returned").
    case 'maintenance':
      return {
        status: 503,
        body: { error: 'service_unavailable', message: 'Service temporarily unavailable', type: 'server_error', code: 'service_unavailable' },
      }
    // 502 "upstream task creation failures" (S000); body in HACK style (INFER).
    case 'upstream_error':
      return { status: 502, body: { error: 'upstream_error', message: 'Upstream task creation failed', type: 'upstream_error', code: 'upstream_error' } }
    // Transient poll failure: the Next.js proxy's 502 `bad_gateway` body (HACK api-proxy.ts).
    case 'flaky_poll':
      return { status: 502, body: { error: 'bad_gateway', message: 'Failed to reach upstream' } }
    // 400 "invalid model-specific parameter combinations" (S000); `bad_request` is X-CVG's example.
    case 'invalid_request':
      return { status: 400, body: { error: 'bad_request', message: validationMessage(error), type: 'invalid_request_error', code: 'invalid_parameter' } }
    case 'malformed_json':
      return { status: 400, body: { error: 'bad_request', message: error.message, type: 'invalid_request_error', code: 'invalid_json' } }
    // The spec declares no 415 on any operation: an unreadable body is a 400 like any bad request (INFER).
    case 'unsupported_media_type':
      return { status: 400, body: { error: 'bad_request', message: error.message, type: 'invalid_request_error', code: 'unsupported_content_type' } }
    // 413 is veomock's (INFER), declared on both create paths, the only operations that read a body.
    case 'payload_too_large':
      return {
        status: 413,
        body: { error: 'payload_too_large', message: 'Request body exceeds 1 MB', type: 'invalid_request_error', code: 'payload_too_large' },
      }
    // House style 404 `{error: "not_found", message}` (HACK gateway-svc handlers).
    case 'route_not_found':
      return { status: 404, body: { error: 'not_found', message: error.message } }
    case 'method_not_allowed':
      return { status: 405, body: { error: 'method_not_allowed', message: error.message, type: 'invalid_request_error', code: 'method_not_allowed' } }
    // Unknown task: 404 in house style (INFER, §8).
    case 'task_not_found':
      return { status: 404, body: { error: 'not_found', message: 'Task not found' } }
  }
}

export function renderXenodiaError(error: CoreError): WireResponse {
  const { status, body } = errorRendering(error)
  const headers: Record<string, string> = {}
  // "retry per response headers or own backoff" (X-AUTH): veomock sends Retry-After (INFER, §8),
  // the real window's remainder when the core measured one.
  if (error.kind === 'rate_limited') {
    headers['retry-after'] = String(error.retryAfterMs !== undefined ? Math.max(1, Math.ceil(error.retryAfterMs / 1000)) : DEFAULT_RETRY_AFTER_SECONDS)
  }
  if (error.kind === 'method_not_allowed' && error.allow?.length) headers.allow = error.allow.join(', ')
  return Object.keys(headers).length > 0 ? { status, body, headers } : { status, body }
}
