// What a replay sends back: recorded bodies with the recorded ids, callback URLs and vendor CDN
// URLs swapped for this mock's, and only the recorded headers that are the vendor's own.
import type { RecordedExchange } from './recording-format.js'
import type { WireResponse } from '../core/dialect.js'

export function lowerKeys(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(record)) out[k.toLowerCase()] = v
  return out
}

/** Replaces every `from` in every string of a JSON value in one pass (longest first, no cascades). */
export function rewriteStrings<T>(value: T, replacements: ReadonlyMap<string, string>): T {
  const froms = [...replacements.keys()].filter((k) => k && replacements.get(k) !== k).sort((a, b) => b.length - a.length)
  if (froms.length === 0) return value
  const pattern = new RegExp(froms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (m) => replacements.get(m) ?? m)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) out[k] = walk(x)
      return out
    }
    return v
  }
  return walk(value) as T
}

/** Headers worth replaying: rate-limit hints; a content type only for non-JSON bodies (the server sets JSON's). */
export function replayedHeaders(recorded: Record<string, string>, body: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(lowerKeys(recorded))) {
    if (name === 'retry-after' || name.startsWith('x-ratelimit-') || name.startsWith('ratelimit')) out[name] = value
  }
  if (typeof body === 'string') out['content-type'] = lowerKeys(recorded)['content-type'] ?? 'text/plain; charset=utf-8'
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * Signature headers of a recorded callback (KIE's X-Webhook-Timestamp / X-Webhook-Signature sign
 * `taskId.timestamp`, not the body, so they still verify while the task id is the recorded one;
 * K-HMAC, docs/vendors/kie.md §6.4). Transport and proxy headers are not the vendor's.
 */
export function replayedCallbackHeaders(recorded: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(lowerKeys(recorded))) {
    if (!name.startsWith('x-') || name.startsWith('x-forwarded-') || name === 'x-real-ip' || value.includes('[redacted]')) continue
    out[name] = value
  }
  return out
}

/** A recorded answer, its strings rewritten. */
export function recordedResponse(exchange: RecordedExchange, replacements: ReadonlyMap<string, string> = new Map()): WireResponse {
  const body = rewriteStrings(exchange.responseBody, replacements)
  const headers = replayedHeaders(exchange.responseHeaders, body)
  return headers ? { status: exchange.status, body, headers } : { status: exchange.status, body }
}
