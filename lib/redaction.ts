// Secrets out of everything written down: request headers (credentials by name) and any JSON
// value (known secret values). Used by the mock's journal and by the suite's reports and recordings.
import { copyJson } from './json-body.js'

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie'])
/**
 * Header names that carry credentials by convention (`x-api-key`, `apikey`, `x-goog-api-key`,
 * `x-auth-token`, `x-access-token`, `x-client-secret`, …): redacted whatever the vendor.
 */
const SECRET_HEADER_NAME = /api[-_]?key|token|secret|passw(or)?d|credential|session|auth/
export const REDACTED = '[redacted]'

/** Whether a header (lower-case name) holds a credential and is kept redacted. */
export function isSecretHeader(lowerName: string): boolean {
  return SECRET_HEADERS.has(lowerName) || SECRET_HEADER_NAME.test(lowerName)
}

/** Request headers with every credential replaced; the scheme of Authorization is kept. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    const lower = name.toLowerCase()
    out[lower] = redactHeaderValue(lower, Array.isArray(raw) ? raw.join(', ') : raw)
  }
  return out
}

/** One header's value with its credential replaced; the scheme of Authorization is kept. */
export function redactHeaderValue(lowerName: string, value: string): string {
  if (lowerName === 'authorization' || lowerName === 'proxy-authorization') {
    const scheme = /^(\S+)\s/.exec(value)?.[1]
    return scheme ? `${scheme} ${REDACTED}` : REDACTED
  }
  return isSecretHeader(lowerName) ? REDACTED : value
}

/**
 * Secrets shorter than this are redacted only where a whole string equals them: a short key such
 * as `veo3` must not turn `"veo3_fast"` into `"[redacted]_fast"`.
 */
export const MIN_EMBEDDED_SECRET = 8
/** Characters that continue a token: a secret embedded in a longer token is not that secret. */
const TOKEN_CHAR = '[A-Za-z0-9_\\-]'

/**
 * Removes known secrets from any JSON value: a string equal to a secret is replaced, and a secret
 * of MIN_EMBEDDED_SECRET characters or more is replaced wherever it stands as a whole token (a key
 * echoed in a body, a URL query, a header). Iterative, so any nesting is safe.
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length > 0)
  if (live.length === 0) return value
  const exact = new Set(live)
  const embedded = live.filter((s) => s.length >= MIN_EMBEDDED_SECRET).sort((a, b) => b.length - a.length)
  const pattern = embedded.length ? new RegExp(`(?<!${TOKEN_CHAR})(?:${embedded.map(escapeRegExp).join('|')})(?!${TOKEN_CHAR})`, 'g') : undefined
  const scrub = (s: string): string => (exact.has(s) ? REDACTED : pattern && embedded.some((e) => s.includes(e)) ? s.replace(pattern, REDACTED) : s)
  if (typeof value === 'string') return scrub(value) as T
  return copyJson(value, scrub) as T
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
