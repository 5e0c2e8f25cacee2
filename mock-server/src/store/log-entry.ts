// What a replica writes to a namespace's log for a vendor request, and how every replica reads it
// back. Credentials never reach the store: a bearer key is replaced by its fingerprint in a form
// no HTTP client can send (a leading NUL), which keyFingerprint passes through, so every replica
// derives the same key id, balances and journal entries as a single process would.
import { bearerToken, type IncomingRequest } from '../core/engine.js'
import { keyFingerprint, PRE_FINGERPRINTED } from '../core/ids.js'
import { redactRawHeaders } from '../core/journal.js'
import { isSecretHeader, REDACTED } from '../../../lib/redaction.js'
import { API_KEY_PREFIX } from '../../../lib/scenarios.js'
import { isVendorId, VENDORS } from '../../../vendors/index.js'

export interface VendorEntry {
  /** vendor, method, path, full path */
  v: string
  m: string
  p: string
  f: string
  q: Record<string, string>
  h: Record<string, string | string[] | undefined>
  r: string[]
  /** Body, base64. */
  b?: string
  /** Body was over the size limit. */
  t?: 1
}

/** The key in the form the store may hold: scenario keys as they are, real keys as fingerprints. */
function storedCredential(value: string): string {
  const token = bearerToken(value)
  if (!token) return /^(\S+)\s/.test(value) ? `${/^(\S+)\s/.exec(value)?.[1]} [redacted]` : '[redacted]'
  if (token.startsWith(API_KEY_PREFIX)) return value
  return `Bearer ${PRE_FINGERPRINTED}${keyFingerprint(token)}`
}

export function encodeVendorRequest(req: IncomingRequest): VendorEntry {
  const headers: Record<string, string | string[] | undefined> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    // Other secret headers (cookies, API key headers) are read by no vendor route: the store never holds them.
    headers[name] = name === 'authorization' ? storedCredential(Array.isArray(value) ? (value[0] ?? '') : value) : isSecretHeader(name) ? REDACTED : value
  }
  const raw = req.rawHeaders ?? []
  const rawHeaders: string[] = []
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    const value = raw[i + 1] as string
    rawHeaders.push(name, name.toLowerCase() === 'authorization' ? storedCredential(value) : value)
  }
  const entry: VendorEntry = {
    v: req.vendor,
    m: req.method,
    p: req.path,
    f: req.fullPath,
    q: req.query,
    h: headers,
    // Other secret headers (cookies, API key headers) are not read by any vendor route.
    r: redactRawHeaders(rawHeaders).map((v, i) =>
      i % 2 === 1 && (rawHeaders[i - 1] as string).toLowerCase() === 'authorization' ? (rawHeaders[i] as string) : v,
    ),
  }
  if (req.rawBody) entry.b = req.rawBody.toString('base64')
  if (req.bodyTooLarge) entry.t = 1
  return entry
}

/**
 * True when a vendor request's body names the vendor's callback field (vendors/<vendor>.ts
 * callbackField), so it may schedule a callback: the log lists the namespace as watched in the same
 * step (redis-scripts.ts APPEND, callback-watch.ts). A false alarm only costs a watch that lapses.
 */
export function carriesCallbackUrl(req: IncomingRequest): boolean {
  if (!req.rawBody || !isVendorId(req.vendor)) return false
  return req.rawBody.includes(`"${VENDORS[req.vendor].callbackField}"`)
}

export function decodeVendorRequest(entry: VendorEntry): IncomingRequest {
  return {
    vendor: entry.v as IncomingRequest['vendor'],
    method: entry.m,
    path: entry.p,
    fullPath: entry.f,
    query: entry.q,
    headers: entry.h,
    rawHeaders: entry.r,
    rawBody: entry.b === undefined ? undefined : Buffer.from(entry.b, 'base64'),
    bodyTooLarge: entry.t === 1,
  }
}

/** An admin write as the log holds it; key-bearing parts in fingerprint form. */
export interface AdminEntry {
  m: string
  /** URL inside the namespace, e.g. /__admin/scenarios */
  u: string
  b?: string
}

export function encodeAdminWrite(method: string, url: string, body: unknown): AdminEntry {
  let u = url
  // PUT /__admin/accounts/{apiKey}: the key is in the path.
  const account = /^\/__admin\/accounts\/([^/?]+)(.*)$/.exec(url)
  if (account?.[1]) u = `/__admin/accounts/${encodeURIComponent(PRE_FINGERPRINTED + keyFingerprint(decodeURIComponent(account[1])))}${account[2] ?? ''}`
  let b = body
  const match = (body as { match?: { apiKey?: unknown } } | undefined)?.match
  if (match && typeof match.apiKey === 'string') b = { ...(body as object), match: { ...match, apiKey: PRE_FINGERPRINTED + keyFingerprint(match.apiKey) } }
  return { m: method, u, ...(b === undefined ? {} : { b: JSON.stringify(b) }) }
}
