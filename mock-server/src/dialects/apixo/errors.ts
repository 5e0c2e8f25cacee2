// Every error the core detects, in Apixo's envelope: body `code` = HTTP status, `message`, and
// `data.error` where there is a detail. @see https://apixo.ai/docs/api-reference/response-format (docs/vendors/apixo.md §3.5)
import type { components } from '../../../../generated/apixo.js'
import type { CoreError, WireResponse } from '../../core/dialect.js'

type Schemas = components['schemas']

/** A-EC's 400 shape: `{"code":400,"message":"Invalid request","data":{"error":"…"}}`. @see https://apixo.ai/docs/api-reference/error-codes (docs/vendors/apixo.md §3.1) */
export function invalidRequest(detail: string): WireResponse {
  const body = { code: 400, message: 'Invalid request', data: { error: detail } } satisfies Schemas['ValidationErrorBody']
  return { status: 400, body }
}

/**
 * `data.error` for a validation failure, in A-EC's wording for a missing field
 * (`Missing required field: input.prompt`), else the failing field and what is wrong with it.
 */
export function validationDetail(error: Pick<CoreError, 'message' | 'field' | 'issues'>): string {
  const first = error.issues?.[0]
  if (first === undefined) return error.message
  if (error.field && /must have required property/.test(first)) return `Missing required field: ${error.field}`
  // An empty body or a JSON array/scalar fails the root object schema.
  if (/^\(root\) must be object/.test(first) || /^request body is required/.test(first)) return 'Request body must be a JSON object'
  const problem = first.replace(/^(\(root\)|\/\S*)\s+/, '')
  return error.field && problem !== first ? `${error.field} ${problem}` : first
}

export function renderApixoError(error: CoreError): WireResponse {
  switch (error.kind) {
    case 'unauthorized':
      // A-AUTH's exact body, without `data`. @see https://apixo.ai/docs/concepts/authentication (docs/vendors/apixo.md §2)
      return { status: 401, body: { code: 401, message: 'Invalid or missing API key' } satisfies Schemas['UnauthorizedError'] }
    case 'insufficient_credits':
      // 402 exists only on the newer errors page; the text is INFER. @see https://apixo.ai/docs/api-reference/errors (docs/vendors/apixo.md §7.10)
      return { status: 402, body: { code: 402, message: 'Insufficient balance' } satisfies Schemas['PaymentRequiredError'] }
    case 'rate_limited':
      // 429 "Wait and retry"; Apixo documents no Retry-After header, so none is sent. @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md §8, S003)
      return { status: 429, body: { code: 429, message: 'Rate limit exceeded' } satisfies Schemas['RateLimitError'] }
    case 'server_error':
    case 'flaky_poll':
      // A-ERR lists 500 with no example body; the transient poll failure reuses it (INFER). @see https://apixo.ai/docs/api-reference/errors (docs/vendors/apixo.md §8)
      return { status: 500, body: { code: 500, message: 'Internal server error' } satisfies Schemas['ServerError'] }
    case 'maintenance':
      // A-ERR's 503 "service unavailable"; text INFER. @see https://apixo.ai/docs/api-reference/errors (docs/vendors/apixo.md §8)
      return { status: 503, body: { code: 503, message: 'Service unavailable' } satisfies Schemas['ServiceUnavailableError'] }
    case 'upstream_error':
      // No documented upstream response: 503 with A-EC's MODEL_UNAVAILABLE as the "provider error identifier" in `data.error` (INFER). @see https://apixo.ai/docs/api-reference/errors (docs/vendors/apixo.md §8)
      return {
        status: 503,
        body: { code: 503, message: 'Model unavailable', data: { error: 'MODEL_UNAVAILABLE' } } satisfies Schemas['ServiceUnavailableError'],
      }
    case 'invalid_request':
      return invalidRequest(validationDetail(error))
    case 'malformed_json':
    case 'unsupported_media_type':
      // Apixo documents no 415 and no JSON-parse error: both are its catch-all 400 "request error" (INFER). @see https://apixo.ai/docs/api-reference/errors (docs/vendors/apixo.md §3.5)
      return invalidRequest(error.message)
    case 'payload_too_large':
      return {
        status: 413,
        body: { code: 413, message: 'Request body too large', data: { error: 'Request body exceeds 1 MB' } } satisfies Schemas['PayloadTooLargeError'],
      }
    case 'route_not_found':
      // A-RF's 404 for an unknown model path. @see https://apixo.ai/docs/api-reference/response-format (docs/vendors/apixo.md §3.2)
      return { status: 404, body: { code: 404, message: 'Task or model not found', data: { error: error.message } } satisfies Schemas['NotFoundError'] }
    case 'method_not_allowed': {
      // Undocumented; HTTP's 405 with `Allow`, still in Apixo's envelope (INFER).
      const body = { code: 405, message: 'Method not allowed', data: { error: error.message } } satisfies Schemas['ErrorBody']
      return { status: 405, body, headers: { allow: (error.allow ?? []).join(', ') } }
    }
    case 'task_not_found':
      // Unknown task (or a task of another model): 404, text INFER. @see https://apixo.ai/docs/api-reference/response-format (docs/vendors/apixo.md §8)
      return { status: 404, body: { code: 404, message: 'Task not found' } satisfies Schemas['NotFoundError'] }
  }
}
