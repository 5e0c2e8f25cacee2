// The one place that owns request-body limits, body parsing and response serialisation: the HTTP
// layer reads bodies through readBody and writes answers through writeResponse; the pipeline parses
// with parseJsonBody and serialises with serializeBody, so the journal records the exact bytes sent.
import type http from 'node:http'
import type { CoreErrorKind, WireResponse } from '../dialect.js'
import { JsonBodyError, parseJsonBody as parseUntrustedJson } from '../../../../lib/json-body.js'

/** Request bodies above this are refused (contract: bodies over 1 MB). */
export const MAX_BODY_BYTES = 1024 * 1024

export interface RawBody {
  raw: Buffer | undefined
  tooLarge: boolean
}

export interface EngineResponse extends WireResponse {
  /** Raw bytes (result files) instead of a JSON body. */
  bytes?: Buffer
  /** The body as it goes on the wire, serialized once for both the socket and the journal. */
  text?: string
  /** What the journal recorded with this answer (never sent): the console request log prints it. */
  journal?: { scenario: string | null; taskId: string | null; at: number }
  /**
   * No answer at all (docs/contract.md §3): `reset` closes the connection without a response
   * (`connection_reset`), `hang` keeps it open and never answers (`hang`). Journalled with status 0.
   */
  cut?: 'reset' | 'hang'
}

const NO_BODY: Promise<RawBody> = Promise.resolve({ raw: undefined, tooLarge: false })

/** Reads a request body up to MAX_BODY_BYTES; beyond that it is drained and flagged, never buffered. */
export function readBody(req: http.IncomingMessage): Promise<RawBody> {
  // Most polls carry no body at all: answer without waiting for the stream's end event.
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    req.resume()
    return NO_BODY
  }
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > MAX_BODY_BYTES) {
      // Do not buffer what will be refused; discard it so the socket stays usable.
      req.resume()
      req.on('end', () => resolve({ raw: undefined, tooLarge: true }))
      req.on('error', reject)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve({ raw: chunks.length ? Buffer.concat(chunks) : undefined, tooLarge }))
    req.on('error', reject)
    // A client that goes away mid-body ends here (no 'end'): nothing to answer.
    req.on('close', () => {
      if (!req.complete) reject(new ClientGone())
    })
  })
}

/** The client closed its connection before its request was read: not an error of the mock. */
export class ClientGone extends Error {
  constructor() {
    super('Failed to read the request: the client closed the connection')
  }
}

export function isClientGone(error: unknown, req: http.IncomingMessage): boolean {
  const code = (error as { code?: string } | undefined)?.code
  return error instanceof ClientGone || code === 'ECONNRESET' || code === 'ECONNABORTED' || (req.destroyed && !req.complete)
}

export interface BodyProblem {
  kind: Extract<CoreErrorKind, 'payload_too_large' | 'unsupported_media_type' | 'malformed_json'>
  message: string
}

/** The JSON body of a request to an operation that declares one; anything but JSON is a problem. */
export function parseJsonBody(raw: Buffer | undefined, tooLarge: boolean, contentType: string | undefined): { body: unknown } | BodyProblem {
  if (tooLarge) return { kind: 'payload_too_large', message: `Request body is larger than ${MAX_BODY_BYTES} bytes` }
  if (!raw || raw.length === 0) return { body: undefined }
  const type = contentType ?? ''
  if (type && !/json/i.test(type)) return { kind: 'unsupported_media_type', message: `Content-Type ${type} is not supported; send application/json` }
  // Depth-limited, null-prototype parsing (lib/json-body.ts): a deep body is the vendor's own 400.
  try {
    return { body: parseUntrustedJson(raw) }
  } catch (e) {
    const detail = e instanceof JsonBodyError ? e.detail : `it is not valid JSON: ${(e as Error).message}`
    return { kind: 'malformed_json', message: `Request body ${detail.replace(/^it /, '')}` }
  }
}

/** A string body with its own content type is sent as it is; anything else as JSON. */
export function serializeBody(response: WireResponse): string {
  if (typeof response.body === 'string' && response.headers?.['content-type']) return response.body
  return response.body === undefined ? '' : JSON.stringify(response.body)
}

export function writeResponse(res: http.ServerResponse, response: EngineResponse): void {
  if (response.cut === 'reset') return void res.socket?.destroy()
  // A hung request is left open; the client's own timeout ends it (or the server's close does).
  if (response.cut === 'hang') return
  res.statusCode = response.status
  const headers = response.headers ?? {}
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
  if (response.bytes) {
    res.setHeader('content-length', response.bytes.length)
    res.end(response.bytes)
    return
  }
  if (!headers['content-type']) res.setHeader('content-type', 'application/json; charset=utf-8')
  res.end(response.text ?? serializeBody(response))
}
