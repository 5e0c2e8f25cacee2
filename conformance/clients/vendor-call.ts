// One HTTP call to a vendor: base URL + vendor path, bearer auth, JSON in and out.
import http from 'node:http'
import https from 'node:https'
import type { ClientEnv } from '../src/client/protocol.js'

export interface VendorReply {
  status: number
  /** Parsed JSON, or the raw text when the body is not JSON (e.g. a Cloudflare page), or undefined when empty. */
  body: unknown
  /** `Retry-After` in vendor milliseconds, when the vendor sent one. */
  retryAfterMs: number | undefined
}

/** Why a call got no answer: the connection was cut (`reset`), it timed out, or anything else. */
export type NoAnswer = 'reset' | 'timeout' | 'other'

export type VendorCallResult = { ok: true; reply: VendorReply } | { ok: false; message: string; cause?: NoAnswer }

/**
 * The limit of one HTTP exchange, in vendor time: a hung request must not eat the budget (the mock's
 * `hang` scenario). Divided by the time scale like every wait, with a real-time floor well above a
 * loaded machine's latency, so a slow answer is never mistaken for a hung one.
 */
export const REQUEST_TIMEOUT_MS = 120_000
export const MIN_REQUEST_TIMEOUT_REAL_MS = 2_000

export function requestTimeoutRealMs(timeScale: number): number {
  return Math.max(MIN_REQUEST_TIMEOUT_REAL_MS, REQUEST_TIMEOUT_MS / (timeScale > 0 ? timeScale : 1))
}

/** A cut connection (ECONNRESET, "socket hang up", undici's "other side closed") or a timeout, from the exchange's (or fetch's) error. */
export function noAnswerCause(error: unknown): NoAnswer {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return 'timeout'
  const code = err?.cause?.code ?? ''
  const text = `${err?.message ?? ''} ${err?.cause?.message ?? ''}`
  return ['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE'].includes(code) || /other side closed|socket hang up/i.test(text) ? 'reset' : 'other'
}

/**
 * Joins the base URL and a vendor path by concatenation. Xenodia's `poll_url` and odkkk's `/v1/...`
 * paths are path-absolute; resolving them against the host (`new URL(path, base)`) would drop a
 * base path such as odkkk's `/apiv1` or the mock's `/xenodia` prefix.
 * @see docs/vendors/odkkk.md §1; docs/vendors/xenodia.md §8
 */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`
}

/** `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds. */
export function retryAfterMs(header: string | null | undefined, now = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/** Reply bytes read at most: a vendor answer is a few kilobytes. */
const MAX_REPLY_BYTES = 8 * 1024 * 1024

/** A failed exchange, named the way noAnswerCause reads it. */
class ExchangeError extends Error {
  constructor(
    message: string,
    override readonly cause?: { code?: string; message?: string },
    name?: string,
  ) {
    super(message)
    if (name) this.name = name
  }
}

/**
 * One HTTP exchange over node:http(s). Not fetch: a command client is a process per case, and
 * loading fetch's implementation costs more CPU than the rest of the client's start-up (bench:
 * the `--vendor all` reference run starts 88 of them). Redirects are not followed.
 */
function exchange(
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
  timeoutMs: number,
): Promise<{ status: number; text: string; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const transport = target.protocol === 'https:' ? https : http
    const req = transport.request(target, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } })
    const timer = setTimeout(() => req.destroy(new ExchangeError(`no answer within ${Math.round(timeoutMs)} ms`, undefined, 'TimeoutError')), timeoutMs)
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(error instanceof ExchangeError ? error : new ExchangeError(error.message, { code: error.code ?? '', message: error.message }))
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size <= MAX_REPLY_BYTES) chunks.push(chunk)
      })
      res.on('error', (error: NodeJS.ErrnoException) => req.emit('error', error))
      res.on('end', () => {
        clearTimeout(timer)
        const retryAfter = res.headers['retry-after']
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
        })
      })
    })
    req.end(body)
  })
}

export async function callVendor(env: ClientEnv, method: 'GET' | 'POST', path: string, body?: unknown): Promise<VendorCallResult> {
  const headers: Record<string, string> = {
    // Every vendor documents `Authorization: Bearer <key>` (KIE K-GS, Apixo A-AUTH, Xenodia X-AUTH, odkkk S004).
    authorization: `Bearer ${env.apiKey}`,
    accept: 'application/json',
    // Cloudflare in front of KIE answers 403 "error code: 1010" to a missing or odd User-Agent (docs/vendors/kie.md §2, CODE BG).
    'user-agent': 'veomock-reference-client/0.1',
  }
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    const reply = await exchange(
      joinUrl(env.baseUrl, path),
      method,
      headers,
      body === undefined ? undefined : JSON.stringify(body),
      requestTimeoutRealMs(env.timeScale),
    )
    return { ok: true, reply: { status: reply.status, body: parseBody(reply.text), retryAfterMs: retryAfterMs(reply.retryAfter) } }
  } catch (error) {
    return { ok: false, message: `Failed to ${method} ${path}: ${(error as Error).message}`, cause: noAnswerCause(error) }
  }
}

/** A field of a JSON object, or undefined when the value is not an object. */
export function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[name] : undefined
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string')
}
