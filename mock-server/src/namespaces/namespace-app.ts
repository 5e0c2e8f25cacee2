// One namespace's HTTP surface: its engine behind the vendor prefixes, its admin API, and the
// fallbacks. server.ts picks the namespace from the URL (contract §4.1) and hands the request on
// with the `/ns/<name>` prefix removed.
import http from 'node:http'
import { parse as parseQueryString } from 'node:querystring'
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import { type AdminContext, createAdminRouter } from '../admin/admin-routes.js'
import type { Dialect } from '../core/dialect.js'
import type { EngineResponse, IncomingRequest, MockEngine } from '../core/engine.js'
import { isClientGone, readBody, writeResponse } from '../core/pipeline/wire-body.js'
import { answeredFacts } from '../request-log-http.js'
import { isVendorId, VENDORS } from '../../../vendors/index.js'

export type UnroutedRequest = Pick<IncomingRequest, 'method' | 'fullPath' | 'query' | 'headers' | 'rawHeaders'>

/** How a namespace answers a vendor request: the engine directly, or through a shared store. */
export type VendorDispatch = (req: IncomingRequest) => EngineResponse | Promise<EngineResponse>

export interface NamespaceAppOptions {
  engine: MockEngine
  dialects: readonly Dialect[]
  dispatch?: VendorDispatch
  /** Brings the engine up to date with a shared store before a local read (Redis mode). */
  sync?(): Promise<void>
  /** Runs inside the admin router once a request is validated: a shared store replicates writes here. */
  adminGate?: RequestHandler
  /** Journals a request outside every vendor prefix through a shared store (default: the engine directly). */
  journalUnrouted?(req: UnroutedRequest, status: number, text: string): Promise<void>
  admin: AdminContext
  /** Checks every admin call first (token, Host/Origin): admin/admin-guard.ts. */
  adminGuard: RequestHandler
  portPerVendor: boolean
}

export interface NamespaceApp {
  app: express.Express
  handler: http.RequestListener
  vendorHandlers: Map<string, http.RequestListener>
}

/** `?a=1&a=2&b` → { a: '1', b: '' }: the first value of each name, as vendors read them. */
export function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {}
  if (!search) return query
  for (const [k, v] of Object.entries(parseQueryString(search))) query[k] = Array.isArray(v) ? String(v[0]) : String(v ?? '')
  return query
}

export function splitUrl(url: string): [string, string] {
  const q = url.indexOf('?')
  return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)]
}

/** Serves one vendor request: `path` is what follows the vendor's prefix. */
async function serveVendor(
  dispatch: VendorDispatch,
  vendor: string,
  prefix: string,
  path: string,
  search: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const { raw, tooLarge } = await readBody(req)
    const response = await dispatch({
      vendor,
      method: req.method ?? 'GET',
      path: path || '/',
      fullPath: prefix + (path || '/'),
      query: parseQuery(search),
      headers: req.headers,
      rawHeaders: req.rawHeaders,
      rawBody: raw,
      bodyTooLarge: tooLarge,
    })
    if (response.journal) answeredFacts.set(res, response.journal)
    writeResponse(res, response)
  } catch (error) {
    // A disconnect is the client's choice: no stack trace, no answer (there is nobody to read it).
    if (isClientGone(error, req)) return void res.destroy()
    internalError(error, res)
  }
}

/**
 * The vendor's real base path, when its real base URL has one (odkkk `https://ai.odkkk.com/apiv1`,
 * docs/vendors/odkkk.md §1): the mock serves the vendor's paths under it too, after the vendor
 * prefix (`/odkkk/apiv1/v1/tasks/{id}`) or at the root of the vendor's own port (`/apiv1/v1/…`).
 * The shorter form (`/odkkk/v1/…`, docs/contract.md §1) keeps working; the journal keeps the path
 * as received, so a client given the real layout that drops the base path is seen there.
 */
export function realBasePathOf(vendor: string): string {
  return isVendorId(vendor) ? VENDORS[vendor].basePath : ''
}

/** `[prefix, path]` with the vendor's real base path moved from the path to the prefix, when the path starts with it. */
export function underRealBasePath(vendor: string, prefix: string, path: string): [string, string] {
  const base = realBasePathOf(vendor)
  if (base === '' || !(path === base || path.startsWith(`${base}/`))) return [prefix, path]
  return [prefix + base, path.slice(base.length) || '/']
}

/** Express middleware form of serveVendor, for the host-absolute task path below. */
function vendorHandler(dispatch: VendorDispatch, vendor: string, prefix: string) {
  return (req: Request, res: Response) => {
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : ''
    void serveVendor(dispatch, vendor, prefix, req.path, search, req, res)
  }
}

/** Builds a namespace's Express app and its fast vendor handler. */
export function createNamespaceApp(options: NamespaceAppOptions): NamespaceApp {
  const { engine, dialects } = options
  const dispatch: VendorDispatch = options.dispatch ?? ((req) => engine.handle(req))
  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.set('query parser', 'simple')
  app.use('/__admin', options.adminGuard, createAdminRouter(engine, { ...options.admin, ...(options.adminGate ? { gate: options.adminGate } : {}) }))
  // Xenodia's poll_url (and odkkk's paths) are host-absolute (`/v1/tasks/<id>`). A client that
  // resolves them against the host lands here, without the vendor prefix: route by the task id.
  app.get('/v1/tasks/:id', async (req, res, next) => {
    const id = req.params.id as string
    if (!engine.tasks.get(id) && options.sync) await options.sync()
    const task = engine.tasks.get(id)
    const owner = task?.vendor ?? dialects.find((d) => d.routes.some((r) => r.path === '/v1/tasks/{task_id}'))?.id
    if (!owner || !engine.dialect(owner)) return next()
    return vendorHandler(dispatch, owner, '')(req, res)
  })
  app.use((req: Request, res: Response) => {
    const text = JSON.stringify({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: `No vendor is served at ${req.path}. Vendor base URLs: ${dialects.map((d) => `/${d.id}`).join(', ')}; admin: /__admin`,
    })
    // Journalled too: a client that cannot take a path prefix shows up in GET /__admin/requests
    // (docs/contract.md §1, §4).
    const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)]))
    const unrouted: UnroutedRequest = {
      method: req.method,
      fullPath: req.originalUrl.split('?')[0] ?? req.path,
      query,
      headers: req.headers,
      rawHeaders: req.rawHeaders,
    }
    const answer = () => void res.status(404).type('application/problem+json').send(text)
    if (!options.journalUnrouted) {
      engine.journalUnrouted(unrouted, 404, text)
      return answer()
    }
    void options.journalUnrouted(unrouted, 404, text).then(answer, answer)
  })
  app.use(errorHandler)

  const served = new Set<string>(dialects.map((d) => d.id))
  const handler: http.RequestListener = (req, res) => {
    const [pathname, search] = splitUrl(req.url ?? '/')
    const slash = pathname.indexOf('/', 1)
    const first = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash)
    if (served.has(first)) {
      const [prefix, path] = underRealBasePath(first, `/${first}`, slash < 0 ? '/' : pathname.slice(slash))
      void serveVendor(dispatch, first, prefix, path, search, req, res)
      return
    }
    app(req, res)
  }
  const vendorHandlers = new Map<string, http.RequestListener>()
  if (options.portPerVendor) {
    for (const dialect of dialects) {
      vendorHandlers.set(dialect.id, (req, res) => {
        const [pathname, search] = splitUrl(req.url ?? '/')
        const [prefix, path] = underRealBasePath(dialect.id, '', pathname)
        void serveVendor(dispatch, dialect.id, prefix, path, search, req, res)
      })
    }
  }
  return { app, handler, vendorHandlers }
}

export function internalError(error: unknown, res: http.ServerResponse): void {
  process.stderr.write(`veomock internal error: ${(error as Error)?.stack ?? String(error)}\n`)
  if (res.headersSent) return void res.end()
  res.statusCode = 500
  res.setHeader('content-type', 'application/problem+json')
  res.end(JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'veomock failed to handle this request; see its stderr' }))
}

// Last resort: a bug must still answer JSON, never an HTML page or a stack trace.
function errorHandler(error: unknown, _req: Request, res: Response, _next: NextFunction): void {
  internalError(error, res)
}

/** A problem+json answer outside any namespace's app (bad namespace name, too many namespaces). */
export function problemResponse(res: http.ServerResponse, status: number, title: string, detail: string): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/problem+json')
  res.end(JSON.stringify({ type: 'about:blank', title, status, detail }))
}
