// createMockServer / startMockServer: Express wiring only. Vendors are mounted under their
// prefixes (contract §1), the admin API under /__admin (contract §4); everything else lives in
// the engine and the dialects.
import type { AddressInfo } from 'node:net'
import http from 'node:http'
import { networkInterfaces } from 'node:os'
import { parse as parseQueryString } from 'node:querystring'
import express, { type NextFunction, type Request, type Response } from 'express'
import { adminGuard } from './admin/admin-guard.js'
import { createAdminRouter } from './admin/admin-routes.js'
import { AdminClient } from './admin/admin-client.js'
import { httpCallbackSender } from './callback-sender.js'
import { CallbackAddressPolicy } from './core/callback-address.js'
import { type RealTime, type TimeScale, VirtualClock } from './core/clock.js'
import type { VendorId } from '../../vendors/index.js'
import type { Dialect, VendorOptions } from './core/dialect.js'
import { type EngineLimits, MockEngine } from './core/engine.js'
import { isClientGone, readBody, writeResponse } from './core/pipeline/wire-body.js'
import type { CallbackSender } from './core/outbox.js'
import { allDialects } from './dialects/index.js'
import { type CorsOption, withCors } from './cors.js'

export interface MockServerOptions {
  /** Main port (admin, and every vendor under its prefix). 0 picks a free port. Default 4010. */
  port?: number
  host?: string
  /** Vendors to serve; default all four. */
  vendors?: readonly VendorId[]
  /** Virtual seconds per real second, or 'manual'. Default 60: a 2–5 minute KIE task takes 2–5 s. */
  timeScale?: TimeScale
  seed?: number
  /** Validate every response (and callback) against its spec; a violation is a loud error. */
  strict?: boolean
  /** odkkk's HTTPS / no-private-address callback rule; off so local receivers work. */
  strictCallbacks?: boolean
  /** Each vendor on its own port, without prefix (ports main+1… in vendor order, or free ports when port is 0). */
  portPerVendor?: boolean
  /** CORS on the vendor APIs, result files and served specs (never the admin API): true = any origin, or a list of origins. Default off. */
  cors?: CorsOption
  /**
   * The URL clients reach the main port at, when it is not the listening address (a container
   * behind a port mapping, a compose service name, a proxy). Vendor base URLs, result URLs and
   * poll URLs the mock hands out start with it. Not used with portPerVendor.
   */
  publicUrl?: string
  /** KIE `webhookHmacKey`: when set, KIE callbacks carry X-Webhook-Timestamp / X-Webhook-Signature. */
  kieHmacKey?: string
  /** Per-vendor option overrides (see GET /__admin/options). */
  vendorOptions?: Partial<Record<VendorId, VendorOptions>>
  limits?: Partial<EngineLimits>
  /** Dialects to use instead of the built-in ones (replay, tests). */
  dialects?: readonly Dialect[]
  /** Strict-mode violations; default writes them to stderr. */
  onViolation?(message: string): void
  /** Callback transport; default real HTTP with fetch. */
  send?: CallbackSender
  /** Clock start (virtual Unix ms); default 2026-01-01T00:00:00Z. */
  clockStart?: number
  /**
   * Callback receivers admitted besides loopback (addresses, CIDR ranges, host names, or
   * loopback/private/link-local/public/any), and refused ones; see core/callback-address.ts.
   */
  callbacksAllow?: string | readonly string[]
  callbacksDeny?: string | readonly string[]
  /** When set, admin calls (but health and the admin page) need this bearer token. */
  adminToken?: string
}

/** Node's real time and timers: the only place the mock reads them (the core takes them as arguments). */
export const nodeRealTime: RealTime = {
  now: () => performance.timeOrigin + performance.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms)
    handle.unref?.()
    return handle
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
}

export const DEFAULT_PORT = 4010
export const DEFAULT_TIME_SCALE = 60
export const DEFAULT_SEED = 42

export interface RunningMockServer {
  /** Main URL, e.g. http://127.0.0.1:4010 */
  url: string
  /** Each vendor's base URL, the one a client uses instead of the vendor's. */
  baseUrls: Record<VendorId, string>
  admin: AdminClient
  engine: MockEngine
  /** Stops at once: connections are cut, pending callbacks dropped. */
  close(): Promise<void>
  /**
   * Stops gracefully: no new connections, requests in flight are answered and callbacks on the
   * wire finish (for up to `graceMs`), then what is left is reported and everything closed.
   */
  shutdown(graceMs?: number): Promise<ShutdownReport>
}

export interface ShutdownReport {
  /** Requests still unanswered when the grace period ended (their connections were cut). */
  unanswered: number
  /** Callback deliveries not yet made (or not yet retried), per vendor. */
  pendingCallbacks: Record<string, number>
}

/** `?a=1&a=2&b` → { a: '1', b: '' }: the first value of each name, as vendors read them. */
function parseQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {}
  if (!search) return query
  for (const [k, v] of Object.entries(parseQueryString(search))) query[k] = Array.isArray(v) ? String(v[0]) : String(v ?? '')
  return query
}

/** Serves one vendor request: `path` is what follows the vendor's prefix. */
async function serveVendor(
  engine: MockEngine,
  vendor: string,
  prefix: string,
  path: string,
  search: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const { raw, tooLarge } = await readBody(req)
    const response = engine.handle({
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
    writeResponse(res, response)
  } catch (error) {
    // A disconnect is the client's choice: no stack trace, no answer (there is nobody to read it).
    if (isClientGone(error, req)) return void res.destroy()
    internalError(error, res)
  }
}

/** Express middleware form of serveVendor, for the host-absolute task path below. */
function vendorHandler(engine: MockEngine, vendor: string, prefix: string) {
  return (req: Request, res: Response) => {
    const search = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : ''
    void serveVendor(engine, vendor, prefix, req.path, search, req, res)
  }
}

export interface MockServer {
  /**
   * The Express app: the admin API, the host-absolute task path and the fallbacks. Vendor prefixes
   * never reach it (see handler); serve `handler` to get everything.
   */
  app: express.Express
  /**
   * The server's request handler: vendor requests go straight to the engine (Express routing
   * costs about half the throughput on the hot path, bench/bench.mjs), everything else to `app`.
   */
  handler: http.RequestListener
  engine: MockEngine
  vendorHandlers: Map<string, http.RequestListener>
  setBaseUrls(urls: Record<string, string>): void
  /** Where callbacks may go; told the mock's own listening addresses once it listens. */
  callbackPolicy: CallbackAddressPolicy
}

/** Builds the Express app(s) and the engine without listening. */
export function createMockServer(options: MockServerOptions = {}): MockServer {
  const dialects = (options.dialects ?? allDialects).filter((d) => !options.vendors || (options.vendors as readonly string[]).includes(d.id))
  if (dialects.length === 0) throw new Error('Failed to create the mock server: no vendor selected')
  const baseUrls: Record<string, string> = {}
  const clock = new VirtualClock({
    scale: options.timeScale ?? DEFAULT_TIME_SCALE,
    real: nodeRealTime,
    ...(options.clockStart ? { start: options.clockStart } : {}),
  })
  const callbackPolicy = new CallbackAddressPolicy({ allow: options.callbacksAllow ?? 'loopback', deny: options.callbacksDeny })
  const vendorOptions: Record<string, VendorOptions | undefined> = { ...options.vendorOptions }
  if (options.kieHmacKey) vendorOptions.kie = { ...vendorOptions.kie, webhookHmacKey: options.kieHmacKey }
  if (options.strictCallbacks) vendorOptions.odkkk = { ...vendorOptions.odkkk, strictCallbacks: true }
  const engine = new MockEngine({
    dialects,
    seed: options.seed ?? DEFAULT_SEED,
    clock,
    strict: options.strict ?? false,
    limits: options.limits ?? {},
    send: options.send ?? httpCallbackSender(callbackPolicy),
    baseUrl: (vendor) => baseUrls[vendor] ?? `http://127.0.0.1:${DEFAULT_PORT}/${vendor}`,
    options: vendorOptions,
    onViolation: options.onViolation ?? ((m) => process.stderr.write(`veomock --strict violation: ${m}\n`)),
  })

  const app = express()
  app.disable('x-powered-by')
  app.disable('etag')
  app.set('query parser', 'simple')
  app.use('/__admin', adminGuard({ token: options.adminToken, hosts: options.host ? [options.host] : [] }), createAdminRouter(engine))
  // Xenodia's poll_url (and odkkk's paths) are host-absolute (`/v1/tasks/<id>`). A client that
  // resolves them against the host lands here, without the vendor prefix: route by the task id.
  app.get('/v1/tasks/:id', (req, res, next) => {
    const task = engine.tasks.get(req.params.id as string)
    const owner = task?.vendor ?? dialects.find((d) => d.routes.some((r) => r.path === '/v1/tasks/{task_id}'))?.id
    if (!owner || !engine.dialect(owner)) return next()
    return vendorHandler(engine, owner, '')(req, res)
  })
  app.use((req: Request, res: Response) => {
    res
      .status(404)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: 'about:blank',
          title: 'Not Found',
          status: 404,
          detail: `No vendor is served at ${req.path}. Vendor base URLs: ${dialects.map((d) => `/${d.id}`).join(', ')}; admin: /__admin`,
        }),
      )
  })
  app.use(errorHandler)

  const served = new Set<string>(dialects.map((d) => d.id))
  const splitUrl = (url: string): [string, string] => {
    const q = url.indexOf('?')
    return q < 0 ? [url, ''] : [url.slice(0, q), url.slice(q + 1)]
  }
  const route: http.RequestListener = (req, res) => {
    const [pathname, search] = splitUrl(req.url ?? '/')
    const slash = pathname.indexOf('/', 1)
    const first = slash < 0 ? pathname.slice(1) : pathname.slice(1, slash)
    if (served.has(first)) {
      void serveVendor(engine, first, `/${first}`, slash < 0 ? '/' : pathname.slice(slash), search, req, res)
      return
    }
    app(req, res)
  }
  const handler = withCors(options.cors ?? false, route)
  const vendorHandlers = new Map<string, http.RequestListener>()
  if (options.portPerVendor) {
    for (const dialect of dialects) {
      vendorHandlers.set(
        dialect.id,
        withCors(options.cors ?? false, (req, res) => {
          const [pathname, search] = splitUrl(req.url ?? '/')
          void serveVendor(engine, dialect.id, '', pathname, search, req, res)
        }),
      )
    }
  }
  return { app, handler, engine, vendorHandlers, setBaseUrls: (urls) => Object.assign(baseUrls, urls), callbackPolicy }
}

function internalError(error: unknown, res: http.ServerResponse): void {
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

function listen(handler: http.RequestListener, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler)
    server.keepAliveTimeout = 65_000
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

/** Counts requests between arrival and the end of their answer, for a graceful shutdown. */
function counting(handler: http.RequestListener, active: { count: number }): http.RequestListener {
  return (req, res) => {
    active.count++
    let done = false
    const end = () => {
      if (!done) active.count--
      done = true
    }
    res.once('finish', end)
    res.once('close', end)
    handler(req, res)
  }
}

function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address)
    .filter((a): a is string => typeof a === 'string')
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.()
  })

/** Starts the mock: every vendor under its prefix on one port (plus one port each with portPerVendor). */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1'
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  const mock = createMockServer(options)
  const active = { count: 0 }
  const main = await listen(counting(mock.handler, active), options.port ?? DEFAULT_PORT, host)
  const mainPort = (main.address() as AddressInfo).port
  const url = `http://${urlHost}:${mainPort}`
  const servers = [main]
  const baseUrls: Record<string, string> = {}
  const publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? url
  for (const vendor of mock.engine.vendorIds) baseUrls[vendor] = `${publicUrl}/${vendor}`
  let offset = 1
  for (const [vendor, vhandler] of mock.vendorHandlers) {
    const port = options.port === 0 ? 0 : mainPort + offset++
    const server = await listen(counting(vhandler, active), port, host)
    servers.push(server)
    baseUrls[vendor] = `http://${urlHost}:${(server.address() as AddressInfo).port}`
  }
  mock.setBaseUrls(baseUrls)
  // Callbacks must never come back to the mock itself (an admin reset by callback URL).
  mock.callbackPolicy.setSelf(
    servers.map((s) => ({ address: (s.address() as AddressInfo).address, port: (s.address() as AddressInfo).port })),
    localAddresses(),
  )
  const closeAll = () =>
    Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve())
            s.closeAllConnections()
          }),
      ),
    )
  return {
    url,
    baseUrls: baseUrls as Record<VendorId, string>,
    admin: new AdminClient(url),
    engine: mock.engine,
    close: async () => {
      mock.engine.clock.stop()
      await closeAll()
    },
    shutdown: async (graceMs = 5000) => {
      for (const s of servers) {
        s.close()
        s.closeIdleConnections()
      }
      const deadline = performance.now() + graceMs
      while (active.count > 0 && performance.now() < deadline) await sleep(10)
      const unanswered = active.count
      await mock.engine.outbox.drain(Math.max(0, deadline - performance.now()), sleep)
      const pendingCallbacks = mock.engine.outbox.pendingByVendor()
      mock.engine.clock.stop()
      await closeAll()
      return { unanswered, pendingCallbacks }
    },
  }
}
