// The last steps of every request: strict-mode response validation, serialisation (once, for the
// socket and the journal alike) and the journal entry.
import { headerBytes, type JournalEntry, keptBody, MAX_KEPT_BODY_BYTES, redactRawHeaders } from '../journal.js'
import type { ScenarioName } from '../../../../lib/scenarios.js'
import type { HttpMethod } from '../../../../lib/spec/validation.js'
import { type CompiledVendor, type EngineState, reportViolation } from './engine-state.js'
import { headerValue, type IncomingRequest } from './request-route.js'
import { type EngineResponse, serializeBody } from './wire-body.js'

/** What the steps learned about a request, for its journal entry. */
export interface RequestFacts {
  route: string | null
  operationId: string | null
  valid: boolean
  issues: string[]
  taskId: string | null
  keyId: string | null
  scenario: ScenarioName | null
  requestBody: unknown
}

export const NO_FACTS: RequestFacts = {
  route: null,
  operationId: null,
  valid: true,
  issues: [],
  taskId: null,
  keyId: null,
  scenario: null,
  requestBody: undefined,
}

/** In strict mode, a response that breaks the vendor's spec becomes a loud 500 problem. */
export function enforceStrict(state: EngineState, vendor: CompiledVendor, req: IncomingRequest, facts: RequestFacts, response: EngineResponse): EngineResponse {
  if (!state.config.strict || !facts.route || response.bytes) return response
  const method = req.method.toLowerCase() as HttpMethod
  if (!vendor.routes.has(`${method} ${facts.route}`)) return response
  const contentType = response.headers?.['content-type'] ?? 'application/json'
  const result = vendor.spec.validateResponse(facts.route, method, response.status, response.body, contentType)
  if (result.valid) return response
  const { dialect } = vendor
  const message = `${dialect.id} ${req.method} ${facts.route} → ${response.status} violates specs/${dialect.spec}.openapi.yaml: ${result.issues.map((i) => i.message).join('; ')}`
  reportViolation(state, message)
  return {
    ...response,
    status: 500,
    body: { type: 'https://veomock.dev/problems/strict-response', title: 'veomock --strict: response violates the spec', status: 500, detail: message },
    headers: { ...response.headers, 'content-type': 'application/problem+json' },
  }
}

export function serialized(response: EngineResponse): EngineResponse {
  return response.bytes ? response : { ...response, text: serializeBody(response) }
}

const NO_ISSUES: string[] = []

export function journalEntry(
  req: IncomingRequest,
  facts: RequestFacts,
  response: EngineResponse,
  at: number,
  timing: { seq: number; durationMs: number },
): JournalEntry {
  const authorization = headerValue(req.headers.authorization)
  return {
    seq: timing.seq,
    vendor: req.vendor,
    method: req.method,
    path: req.fullPath,
    route: facts.route,
    operationId: facts.operationId,
    query: req.query,
    status: response.status,
    at,
    durationMs: timing.durationMs,
    valid: facts.valid,
    issues: facts.issues.length > 0 ? facts.issues : NO_ISSUES,
    taskId: facts.taskId,
    keyId: facts.keyId,
    authorization: !authorization ? 'missing' : /^bearer\s/i.test(authorization) ? 'bearer' : 'other',
    scenario: facts.scenario,
    // Bounded per entry: a huge body or reply is kept as a note of its size, headers are cut.
    requestBody: keptBody(facts.requestBody, req.rawBody?.length ?? 0),
    responseText: response.bytes ? `[${response.bytes.length} bytes]` : response.cut ? '' : keptText(response.text as string),
    headers: redactRawHeaders(req.rawHeaders ?? flatten(req.headers)),
  }
}

/**
 * The journal entry of a request that matched no vendor prefix and no admin route (answered 404 by
 * the HTTP layer), so a client that drops the base path can see why it fails (contract §1, §4).
 */
export function unroutedEntry(
  req: Pick<IncomingRequest, 'method' | 'fullPath' | 'query' | 'headers' | 'rawHeaders'>,
  status: number,
  responseText: string,
  at: number,
  seq: number,
): JournalEntry {
  const authorization = headerValue(req.headers.authorization)
  return {
    seq,
    vendor: null,
    method: req.method,
    path: req.fullPath,
    route: null,
    operationId: null,
    query: req.query,
    status,
    at,
    durationMs: 0,
    valid: false,
    issues: [`no vendor is served at ${req.fullPath}`],
    taskId: null,
    keyId: null,
    authorization: !authorization ? 'missing' : /^bearer\s/i.test(authorization) ? 'bearer' : 'other',
    scenario: null,
    requestBody: undefined,
    responseText,
    headers: redactRawHeaders(req.rawHeaders ?? flatten(req.headers)),
  }
}

function keptText(text: string): string {
  return text.length > MAX_KEPT_BODY_BYTES ? `[${text.length} characters, not kept: over ${MAX_KEPT_BODY_BYTES}]` : text
}

/** Approximate bytes of a journal entry, for the journal's byte bound. */
export function entryBytes(entry: JournalEntry, rawBodyBytes: number): number {
  const body = typeof entry.requestBody === 'string' ? entry.requestBody.length : Math.min(rawBodyBytes, MAX_KEPT_BODY_BYTES) * 2
  return 512 + entry.path.length + body + entry.responseText.length + headerBytes(entry.headers)
}

function flatten(headers: Record<string, string | string[] | undefined>): string[] {
  const out: string[] = []
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out.push(name, Array.isArray(value) ? value.join(', ') : value)
  return out
}
