// A stand-in for a vendor, for the drift tests: a local HTTP server that forwards every request to
// an in-process mock's vendor base URL and lets a test rewrite the answer (one deliberate drift per
// test), or answers by itself when a test hand-writes the vendor.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ImitatedRequest {
  method: string
  /** Path after the imitation's base URL, with the query string. */
  url: string
  path: string
  headers: http.IncomingHttpHeaders
  body: unknown
}

export interface ImitatedResponse {
  status: number
  headers: Record<string, string>
  body: unknown
}

export interface ImitationOptions {
  /** The mock's base URL for the vendor (`http://127.0.0.1:<port>/kie`); omit to hand-write every answer. */
  upstream?: string
  /** Answer without the upstream (return undefined to forward). */
  answer?(request: ImitatedRequest): ImitatedResponse | undefined
  /** Change the upstream's answer; the deliberate drift. */
  rewrite?(response: ImitatedResponse, request: ImitatedRequest): ImitatedResponse
}

export interface Imitation {
  /** The imitation's base URL, for `--target`. */
  url: string
  /** Every request it received, for assertions. */
  requests: ImitatedRequest[]
  close(): Promise<void>
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parse(text: string): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function startImitation(options: ImitationOptions): Promise<Imitation> {
  const requests: ImitatedRequest[] = []
  const server = http.createServer(async (req, res) => {
    try {
      const raw = await readBody(req)
      const url = req.url ?? '/'
      const request: ImitatedRequest = { method: req.method ?? 'GET', url, path: url.split('?')[0] ?? '/', headers: req.headers, body: parse(raw) }
      requests.push(request)
      let response = options.answer?.(request)
      if (!response) {
        if (!options.upstream) throw new Error(`Failed to imitate ${request.method} ${url}: no answer and no upstream`)
        const headers: Record<string, string> = {}
        for (const name of ['authorization', 'content-type', 'accept', 'user-agent']) {
          const value = req.headers[name]
          if (typeof value === 'string') headers[name] = value
        }
        const upstream = await fetch(`${options.upstream}${url}`, { method: request.method, headers, body: raw || undefined })
        const text = await upstream.text()
        const responseHeaders: Record<string, string> = {}
        upstream.headers.forEach((value, name) => {
          if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding', 'date'].includes(name)) responseHeaders[name] = value
        })
        response = { status: upstream.status, headers: responseHeaders, body: parse(text) }
        if (options.rewrite) response = options.rewrite(response, request)
      }
      res.statusCode = response.status
      for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value)
      if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8')
      res.end(typeof response.body === 'string' ? response.body : response.body === undefined ? '' : JSON.stringify(response.body))
    } catch (error) {
      res.statusCode = 599
      res.end(`imitation failure: ${(error as Error).message}`)
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** The bearer token of a request, for imitations that echo or check it. */
export function bearerOf(request: ImitatedRequest): string | undefined {
  const header = request.headers.authorization
  return typeof header === 'string' ? /^Bearer\s+(.+)$/i.exec(header)?.[1] : undefined
}
