// KIE's error envelope `{code, msg, data}` and how every error the core detects is rendered.
// KIE answers business errors with HTTP 200 and the real code in the body; HTTP 429 and HTTP 500
// are the documented exceptions. @see https://docs.kie.ai/veo3-api/generate-veo-3-video (docs/vendors/kie.md §3, §8.1, §9)
import type { components } from '../../../../generated/kie.js'
import type { CoreError, DialectContext, WireResponse } from '../../core/dialect.js'
import { kieOptions } from './options.js'
import { kieIssueText } from './validation-text.js'

type Schemas = components['schemas']
export type KieErrorBody = Schemas['ErrorEnvelope']

/** Documented texts, one per body code the mock sends. */
export const KIE_MESSAGES = {
  // @see https://docs.kie.ai/1973359m0 (K-GS; §8.10 doc text, not the live one)
  unauthorized: 'You do not have access permissions',
  // Code from K-GEN/S002; text = the doc's description of 402 (INFER).
  insufficientCredits: 'Insufficient Credits - Account does not have enough credits to perform the operation',
  rateLimited: 'Rate Limited - Request limit has been exceeded for this resource',
  // The K-GEN '500' response example.
  serverError: 'Server Error - An unexpected error occurred while processing the request',
  maintenance: 'Service Unavailable - System is currently undergoing maintenance',
  // 408 is the only documented "upstream" code, and only in K-GEN's HTTP-500 schema (§9, choice INFER).
  upstream: 'Upstream is currently experiencing service issues. No result has been returned for over 10 minutes.',
  validation: 'Validation Error',
  payloadTooLarge: 'Payload Too Large - Request body exceeds 1 MB',
  notFound: 'Not Found - The requested resource or endpoint does not exist',
  methodNotAllowed: 'Method Not Allowed',
  // record-* messages of K-REC / K-1080 / K-4K.
  recordIsNull: 'record is null',
  recordTooOld: 'Temporarily supports records within 14 days',
  recordNotSuccess: 'record status is not success',
} as const

/**
 * The HTTP status a business error travels with: 200 by default (KIE puts the verdict in body
 * `code`, LIVE PH), or the body code itself with `errorTransport: http-status` (K-CQS sample code
 * branches on HTTP 401/402/422).
 */
export function carried<T extends { code: number }>(
  ctx: Pick<DialectContext, 'options'>,
  body: T,
  extra: Omit<WireResponse, 'status' | 'body'> = {},
): WireResponse {
  const status = kieOptions(ctx.options).errorTransport === 'http-status' ? body.code : 200
  return { ...extra, status, body }
}

/** A business error `{code, msg, data: null}` with the configured transport. */
export function businessError(ctx: Pick<DialectContext, 'options'>, code: number, msg: string): WireResponse {
  return carried(ctx, { code, msg, data: null } satisfies KieErrorBody)
}

// The spec declares HTTP 413 only on operations that take a body (specs/kie.openapi.yaml PayloadTooLarge).
const BODYLESS_ROUTES: ReadonlySet<string> = new Set(['/api/v1/veo/record-info', '/api/v1/veo/get-1080p-video', '/api/v1/chat/credit'])

/**
 * `Validation Error - prompt: This field is required`: each failing field in KIE's plain wording, not
 * the validator's (docs/vendors/kie.md §8.14).
 */
export function validationMessage(error: Pick<CoreError, 'field' | 'message' | 'issues'>): string {
  if (error.issues && error.issues.length > 0) return `${KIE_MESSAGES.validation} - ${error.issues.map(kieIssueText).join('; ')}`
  // Not a schema issue (an unknown scenario header…): the core's own sentence, after the field.
  return error.field ? `${KIE_MESSAGES.validation} - ${error.field}: ${error.message}` : `${KIE_MESSAGES.validation} - ${error.message}`
}

export function renderKieError(error: CoreError, ctx: Pick<DialectContext, 'options'>): WireResponse {
  switch (error.kind) {
    case 'unauthorized':
      // The documented 401 body has no `data`. @see https://docs.kie.ai/1973359m0 (K-GS; HTTP 200 per LIVE PH)
      return carried(ctx, { code: 401, msg: KIE_MESSAGES.unauthorized } satisfies KieErrorBody)
    case 'insufficient_credits':
      return businessError(ctx, 402, KIE_MESSAGES.insufficientCredits)
    case 'rate_limited':
      // "rejected with HTTP 429", not queued; KIE documents no Retry-After, so none is sent. @see https://docs.kie.ai/1973359m0 (K-GS; §9)
      return { status: 429, body: { code: 429, msg: KIE_MESSAGES.rateLimited, data: null } satisfies Schemas['RateLimitedResponse'] }
    case 'server_error':
    case 'flaky_poll':
      // K-GEN/K-REC declare one HTTP 500 "request failed" response with body code 500 (§9; flaky_poll INFER).
      return { status: 500, body: { code: 500, msg: KIE_MESSAGES.serverError, data: null } satisfies Schemas['ServerErrorResponse'] }
    case 'upstream_error':
      // Body 408 exists only inside K-GEN's HTTP-500 schema, so it stays HTTP 500 in either transport (§9, INFER).
      return { status: 500, body: { code: 408, msg: KIE_MESSAGES.upstream, data: null } satisfies Schemas['ServerErrorResponse'] }
    case 'maintenance':
      // Body 455 with HTTP 200 (code DOC S002/K-GEN; HTTP INFER, §9).
      return businessError(ctx, 455, KIE_MESSAGES.maintenance)
    case 'invalid_request':
      // "validation failures → HTTP 200 body 422" (§9; S002 422 = "Validation Error").
      return businessError(ctx, 422, validationMessage(error))
    case 'malformed_json':
    case 'unsupported_media_type':
      // KIE documents no separate parse error; a body it cannot read is a validation failure (§9, INFER).
      return businessError(ctx, 422, `${KIE_MESSAGES.validation} - ${error.message}`)
    case 'payload_too_large':
      if (error.route !== null && BODYLESS_ROUTES.has(error.route)) return businessError(ctx, 422, `${KIE_MESSAGES.validation} - ${error.message}`)
      // veomock (INFER): HTTP 413 in KIE's envelope, as the spec's PayloadTooLarge response declares.
      return { status: 413, body: { code: 413, msg: KIE_MESSAGES.payloadTooLarge, data: null } satisfies KieErrorBody }
    case 'route_not_found':
      // No operation, so nothing to validate against: a real HTTP 404 in the envelope (S002 404 text; INFER).
      return { status: 404, body: { code: 404, msg: KIE_MESSAGES.notFound, data: null } satisfies KieErrorBody }
    case 'method_not_allowed':
      return {
        status: 405,
        body: { code: 405, msg: `${KIE_MESSAGES.methodNotAllowed} - ${error.message}`, data: null } satisfies KieErrorBody,
        headers: { allow: (error.allow ?? []).join(', ') },
      }
    case 'task_not_found':
      // Unknown task → HTTP 200 body 422 `record is null` (K-REC; PH maps it to not-found; §9).
      return businessError(ctx, 422, KIE_MESSAGES.recordIsNull)
  }
}
