// Feeds the console request log from the HTTP layer: every request the mock answers (vendor,
// admin, page, unknown path, in any namespace) is reported once its response has been sent, with
// what the journal recorded for vendor requests (scenario, task id, virtual time).
import type http from 'node:http'
import type { RequestLogEntry } from './request-log.js'

type Facts = { scenario: string | null; taskId: string | null; at: number }

/** Set by the vendor path for each answered response; read here when it finishes. */
export const answeredFacts = new WeakMap<http.ServerResponse, Facts>()

export interface RequestLogSource {
  /** Vendor ids served, to name the vendor of a prefixed path. */
  vendors: ReadonlySet<string>
  /** The vendor of every request on this listener (a --port-per-vendor port). */
  vendor?: string
  /** Virtual now, for requests that are not journalled. */
  now(): number
}

/** `/ns/job-1/kie/api/…` → kie; `/__admin/…` → admin; anything else → "-". */
function vendorOfPath(path: string, vendors: ReadonlySet<string>): string {
  const rest = path.startsWith('/ns/') ? path.slice(path.indexOf('/', 4)) : path
  const first = rest.split('/')[1] ?? ''
  if (vendors.has(first)) return first
  return first === '__admin' ? 'admin' : '-'
}

export function withRequestLog(onRequest: (entry: RequestLogEntry) => void, listener: http.RequestListener, source: RequestLogSource): http.RequestListener {
  return (req, res) => {
    const started = performance.now()
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    const path = q < 0 ? url : url.slice(0, q)
    const at = source.now()
    res.once('finish', () => {
      const facts = answeredFacts.get(res)
      onRequest({
        vendor: source.vendor ?? vendorOfPath(path, source.vendors),
        method: req.method ?? 'GET',
        path,
        status: res.statusCode,
        scenario: facts?.scenario ?? null,
        taskId: facts?.taskId ?? null,
        virtualTime: facts?.at ?? at,
        durationMs: performance.now() - started,
      })
    })
    listener(req, res)
  }
}
