// Routing and the checks every operation shares, in the order a vendor applies them: the spec path
// and method, the body limit, the bearer key, the JSON body. Each step answers either the next
// step's input or a core error for the dialect to render.
import type { CoreError, WireRequest } from '../dialect.js'
import { keyFingerprint } from '../ids.js'
import { API_KEY_PREFIX } from '../../../../lib/scenarios.js'
import { stripTokens } from '../scenario.js'
import type { HttpMethod } from '../../../../lib/spec/validation.js'
import type { CompiledVendor, RouteEntry } from './engine-state.js'
import { parseJsonBody } from './wire-body.js'

/** A request as the HTTP layer hands it over. */
export interface IncomingRequest {
  vendor: string
  method: string
  /** Path after the vendor prefix. */
  path: string
  /** Path as received, for the journal. */
  fullPath: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  /** Node's flat [name, value, …] list, when the HTTP layer has it (cheaper to keep than a copy). */
  rawHeaders?: string[]
  rawBody: Buffer | undefined
  bodyTooLarge: boolean
}

export type StepError = Omit<CoreError, 'route' | 'fromScenario'> & { fromScenario?: boolean }

export interface Routed {
  template: string
  entry: RouteEntry
  params: Record<string, string>
}

export function routeOf(vendor: CompiledVendor, req: IncomingRequest): { template: string | null } & ({ routed: Routed } | { error: StepError }) {
  const { dialect, spec } = vendor
  const method = req.method.toLowerCase() as HttpMethod
  const match = spec.matchPath(req.path)
  const notFound: StepError = { kind: 'route_not_found', message: `No ${dialect.title} operation at ${req.method} ${req.path}` }
  if (!match) return { template: null, error: notFound }
  const entry = vendor.routes.get(`${method} ${match.template}`)
  if (entry) return { template: match.template, routed: { template: match.template, entry, params: match.params } }
  const allow = [...vendor.routes.values()].filter((r) => r.route.path === match.template).map((r) => r.route.method.toUpperCase())
  if (allow.length === 0) return { template: match.template, error: notFound }
  return {
    template: match.template,
    error: { kind: 'method_not_allowed', message: `${req.method} is not allowed on ${match.template}; use ${allow.join(', ')}`, allow },
  }
}

export interface Credentials {
  apiKey: string | undefined
  keyId: string | null
}

export function credentialsOf(req: IncomingRequest): Credentials {
  const apiKey = bearerToken(req.headers.authorization)
  return { apiKey, keyId: apiKey ? keyFingerprint(apiKey) : null }
}

export function authError(entry: RouteEntry, apiKey: string | undefined): StepError | undefined {
  if (!entry.requiresAuth) return undefined
  // The key `veomock:unauthorized` refuses at once, except on a submit: there it is one of four
  // ways of choosing a scenario, and a header, rule or prompt token wins over it (contract §3).
  if (apiKey && (apiKey !== `${API_KEY_PREFIX}unauthorized` || entry.route.kind === 'submit')) return undefined
  return {
    kind: 'unauthorized',
    message: apiKey ? 'The API key is not valid' : 'Missing bearer token in the Authorization header',
    fromScenario: Boolean(apiKey),
  }
}

/**
 * Only operations that declare a request body read one; a body sent with a GET is ignored, as HTTP
 * servers generally do. Only JSON is understood; anything else is the vendor's own 4xx.
 */
export function bodyOf(entry: RouteEntry, req: IncomingRequest): { body: unknown } | StepError {
  if (!entry.requestBody) return { body: undefined }
  const parsed = parseJsonBody(req.rawBody, req.bodyTooLarge, headerValue(req.headers['content-type']))
  return parsed
}

/** The request as a dialect sees it: parsed, tokens stripped, credentials reduced to a fingerprint. */
export function wireRequestOf(req: IncomingRequest, routed: Routed, body: unknown, keyId: string | null): WireRequest {
  return {
    method: req.method,
    path: req.path,
    query: req.query,
    params: routed.params,
    headers: publicHeaders(req.headers),
    body: body === undefined ? undefined : stripTokens(body),
    keyId,
  }
}

export function headerValue(raw: string | string[] | undefined): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw
}

/** `Authorization: Bearer <token>` → token; anything else → undefined. */
export function bearerToken(raw: string | string[] | undefined): string | undefined {
  const value = headerValue(raw)
  if (!value) return undefined
  const m = /^Bearer\s+(.+)$/i.exec(value.trim())
  const token = m?.[1]?.trim()
  return token ? token : undefined
}

function publicHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (raw === undefined || lower === 'authorization' || lower === 'cookie' || lower === 'proxy-authorization') continue
    out[lower] = Array.isArray(raw) ? raw.join(', ') : raw
  }
  return out
}
