// createMockServer / startMockServer: HTTP wiring only. A `/ns/<name>` prefix selects a namespace
// (contract §4.1); in each, vendors are mounted under their prefixes (contract §1) and the admin
// API under /__admin (contract §4); everything else lives in the engine and the dialects.
import type { AddressInfo } from 'node:net'
import http from 'node:http'
import { closeServers, counting, listen, localAddresses, portOf, sleep } from './http-servers.js'
import type express from 'express'
import { adminGuard } from './admin/admin-guard.js'
import { AdminClient } from './admin/admin-client.js'
import { httpCallbackSender } from './callback-sender.js'
import { CallbackAddressPolicy } from './core/callback-address.js'
import type { VendorId } from '../../vendors/index.js'
import { DEFAULT_VIRTUAL_START, type RealTime, type TimeScale, VirtualClock } from './core/clock.js'
import type { Dialect, VendorOptions } from './core/dialect.js'
import { type EngineLimits, MockEngine } from './core/engine.js'
import type { CallbackSender } from './core/outbox.js'
import { type CorsOption, withCors } from './cors.js'
import type { RequestLogEntry } from './request-log.js'
import { withRequestLog } from './request-log-http.js'
import { allDialects } from './dialects/index.js'
import { createNamespaceApp, type NamespaceApp } from './namespaces/namespace-app.js'
import { DEFAULT_NAMESPACE } from './namespaces/namespace-path.js'
import { type NamespaceHandle, type NamespaceInfo, NamespaceRegistry } from './namespaces/namespace-registry.js'
import { namespaceRouter } from './namespaces/namespace-router.js'
import type { SharedStore, StoreSettings } from './store/shared-store.js'

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
  /** Forget a named namespace after this many real ms without a request (0 = never). Default one hour. */
  namespaceIdleMs?: number
  /** Named namespaces held at once (memory is bounded). Default 200. */
  maxNamespaces?: number
  /** CORS on the vendor APIs, result files and served specs (never the admin API): true = any origin, or a list of origins. Default off. */
  cors?: CorsOption
  /**
   * The URL clients reach the main port at, when it is not the listening address (a container
   * behind a port mapping, a compose service name, a proxy, a load balancer in front of replicas).
   * Vendor base URLs, result URLs and poll URLs the mock hands out start with it. Not used with
   * portPerVendor.
   */
  publicUrl?: string
  /** Called once per answered request (vendor, admin, anything else): the console request log of `veomock serve`. */
  onRequest?(entry: RequestLogEntry): void
  /**
   * Shared state, `redis://host:port[/db]`: several replicas on one store act as one mock
   * (contract §4.1). Without it everything lives in this process and no store code is loaded.
   */
  store?: string
  /**
   * With a store: entries a namespace's log holds at most (default 200 000). Snapshots every quarter
   * of it let a replica that joins late start from a snapshot plus the log's tail.
   */
  storeLogCap?: number
  /** With `store`: payload bytes a namespace's log holds at most (default 256 MB). */
  storeLogBytes?: number
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
export const DEFAULT_NAMESPACE_IDLE_MS = 3_600_000
export const DEFAULT_MAX_NAMESPACES = 200

export interface RunningMockServer {
  /** Main URL, e.g. http://127.0.0.1:4010 */
  url: string
  /** Each vendor's base URL, the one a client uses instead of the vendor's. */
  baseUrls: Record<VendorId, string>
  admin: AdminClient
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

export interface MockServer {
  /**
   * The default namespace's Express app: the admin API, the host-absolute task path and the
   * fallbacks. Vendor prefixes never reach it (see handler); serve `handler` to get everything.
   */
  app: express.Express
  /**
   * The server's request handler: `/ns/<name>/…` goes to that namespace, everything else to the
   * default one; vendor requests go straight to the engine (Express routing costs about half the
   * throughput on the hot path, bench/bench.mjs), everything else to the namespace's app.
   */
  handler: http.RequestListener
  /** The default namespace's engine. */
  engine: MockEngine
  namespaces: NamespaceRegistry<Namespace>
  vendorHandlers: Map<string, http.RequestListener>
  setBaseUrls(urls: Record<string, string>, mainUrl?: string): void
  /** Where callbacks may go; told the mock's own listening addresses once it listens. */
  callbackPolicy: CallbackAddressPolicy
}

/** One namespace of this process (contract §4.1). */
export interface Namespace extends NamespaceHandle, NamespaceApp {
  engine: MockEngine
}

/** What health lists (contract §4.1): every namespace this process holds, most recently used first. */
function namespaceList(namespaces: readonly Namespace[]): NamespaceInfo[] {
  return namespaces
    .map((ns) => ({ name: ns.name, tasks: ns.engine.tasks.size, requests: ns.engine.journal.size, lastUsedAt: Math.round(ns.lastUsed) }))
    .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
}

/** What every namespace of one server shares: built once by createMockServer. */
interface ServerParts {
  options: MockServerOptions
  dialects: readonly Dialect[]
  vendorOptions: Record<string, VendorOptions | undefined>
  callbackPolicy: CallbackAddressPolicy
  send: CallbackSender
  guard: ReturnType<typeof adminGuard>
  store: SharedStore | undefined
  /** Base URLs, filled in once the server listens (startMockServer → setBaseUrls). */
  urls: { baseUrls: Record<string, string>; mainUrl: string }
}

/** The dialects to serve: the built-in ones (or options.dialects), narrowed to options.vendors. */
function selectDialects(options: MockServerOptions): readonly Dialect[] {
  const dialects = (options.dialects ?? allDialects).filter((d) => !options.vendors || (options.vendors as readonly string[]).includes(d.id))
  if (dialects.length === 0) throw new Error('Failed to create the mock server: no vendor selected')
  return dialects
}

/** Per-vendor options: options.vendorOptions plus the two that have their own serve flags. */
function vendorOptionsOf(options: MockServerOptions): Record<string, VendorOptions | undefined> {
  const vendorOptions: Record<string, VendorOptions | undefined> = { ...options.vendorOptions }
  if (options.kieHmacKey) vendorOptions.kie = { ...vendorOptions.kie, webhookHmacKey: options.kieHmacKey }
  if (options.strictCallbacks) vendorOptions.odkkk = { ...vendorOptions.odkkk, strictCallbacks: true }
  return vendorOptions
}

/** Makes the engine of namespace `name` on a given clock and callback transport. */
function engineFactory(parts: ServerParts, name: string): (clock: VirtualClock, send: CallbackSender) => MockEngine {
  const { options, urls } = parts
  const baseUrl = (vendor: string) =>
    name === DEFAULT_NAMESPACE ? (urls.baseUrls[vendor] ?? `${urls.mainUrl}/${vendor}`) : `${urls.mainUrl}/ns/${encodeURIComponent(name)}/${vendor}`
  return (clock, send) =>
    new MockEngine({
      dialects: parts.dialects,
      seed: options.seed ?? DEFAULT_SEED,
      clock,
      strict: options.strict ?? false,
      limits: options.limits ?? {},
      send,
      callbackPolicy: parts.callbackPolicy,
      baseUrl,
      options: parts.vendorOptions,
      onViolation: options.onViolation ?? ((m) => process.stderr.write(`veomock --strict violation: ${m}\n`)),
    })
}

/** One namespace: its engine (local, or kept in step through the shared store) and its Express app. */
function buildNamespace(parts: ServerParts, registry: NamespaceRegistry<Namespace>, name: string): Namespace {
  const { options, store } = parts
  const makeEngine = engineFactory(parts, name)
  const shared = store?.openNamespace(name, makeEngine, parts.send)
  const clock = () =>
    new VirtualClock({ scale: options.timeScale ?? DEFAULT_TIME_SCALE, real: nodeRealTime, ...(options.clockStart ? { start: options.clockStart } : {}) })
  const engine = shared?.engine ?? makeEngine(clock(), parts.send)
  const app = createNamespaceApp({
    engine,
    dialects: parts.dialects,
    ...(shared ? { dispatch: shared.dispatch, sync: shared.sync, adminGate: shared.adminGate, journalUnrouted: shared.journalUnrouted } : {}),
    admin: {
      namespace: name,
      namespaces: store ? () => store.namespaces((n) => registry.peek(n)?.engine) : () => namespaceList(registry.list()),
      store: store?.description ?? 'memory',
      ...(name === DEFAULT_NAMESPACE || store ? {} : { onReset: () => registry.remove(name) }),
    },
    adminGuard: parts.guard,
    portPerVendor: name === DEFAULT_NAMESPACE && (options.portPerVendor ?? false),
  })
  return {
    name,
    engine,
    ...app,
    lastUsed: nodeRealTime.now(),
    close: () => {
      shared?.close()
      engine.clock.stop()
    },
  }
}

/** The top handler and the per-vendor-port handlers, each wrapped in CORS and the request log. */
function servedHandlers(options: MockServerOptions, registry: NamespaceRegistry<Namespace>, main: Namespace) {
  const route = namespaceRouter(registry, main, nodeRealTime.now)
  const served = new Set(main.engine.vendorIds)
  const now = () => main.engine.clock.now()
  const logged = (listener: http.RequestListener, vendor?: string) =>
    options.onRequest ? withRequestLog(options.onRequest, listener, { vendors: served, now, ...(vendor ? { vendor } : {}) }) : listener
  const handler = logged(withCors(options.cors ?? false, route))
  const vendorHandlers = new Map<string, http.RequestListener>()
  for (const [vendor, serve] of main.vendorHandlers) vendorHandlers.set(vendor, logged(withCors(options.cors ?? false, serve), vendor))
  return { handler, vendorHandlers }
}

/** Builds the Express app(s) and the default namespace's engine without listening. */
export function createMockServer(options: MockServerOptions = {}, store?: SharedStore): MockServer {
  const callbackPolicy = new CallbackAddressPolicy({ allow: options.callbacksAllow ?? 'loopback', deny: options.callbacksDeny })
  const parts: ServerParts = {
    options,
    dialects: selectDialects(options),
    vendorOptions: vendorOptionsOf(options),
    callbackPolicy,
    send: options.send ?? httpCallbackSender(callbackPolicy),
    guard: adminGuard({ token: options.adminToken, hosts: options.host ? [options.host] : [] }),
    store,
    urls: { baseUrls: {}, mainUrl: `http://127.0.0.1:${DEFAULT_PORT}` },
  }
  const registry: NamespaceRegistry<Namespace> = new NamespaceRegistry<Namespace>({
    create: (name) => buildNamespace(parts, registry, name),
    idleMs: options.namespaceIdleMs ?? DEFAULT_NAMESPACE_IDLE_MS,
    maxNamespaces: options.maxNamespaces ?? DEFAULT_MAX_NAMESPACES,
    now: nodeRealTime.now,
  })
  const main = registry.get(DEFAULT_NAMESPACE)
  store?.adoptWith((name) => void registry.get(name))
  return {
    app: main.app,
    ...servedHandlers(options, registry, main),
    engine: main.engine,
    namespaces: registry,
    setBaseUrls: (urls, url) => {
      Object.assign(parts.urls.baseUrls, urls)
      if (url) parts.urls.mainUrl = url
    },
    callbackPolicy,
  }
}

/** Listens on the main port, then (portPerVendor) one port per vendor; says which base URL is where. */
async function listenAll(mock: MockServer, main: http.Server, options: MockServerOptions, active: { count: number }, urlHost: string) {
  const url = `http://${urlHost}:${portOf(main)}`
  const servers = [main]
  const baseUrls: Record<string, string> = {}
  const publicUrl = options.publicUrl?.replace(/\/+$/, '') ?? url
  for (const vendor of mock.engine.vendorIds) baseUrls[vendor] = `${publicUrl}/${vendor}`
  let offset = 1
  for (const [vendor, vhandler] of mock.vendorHandlers) {
    const port = options.port === 0 ? 0 : portOf(main) + offset++
    const server = await listen(counting(vhandler, active), port, options.host ?? '127.0.0.1')
    servers.push(server)
    baseUrls[vendor] = `http://${urlHost}:${portOf(server)}`
  }
  mock.setBaseUrls(baseUrls, publicUrl)
  // Callbacks must never come back to the mock itself (an admin reset by callback URL).
  mock.callbackPolicy.setSelf(
    servers.map((s) => ({ address: (s.address() as AddressInfo).address, port: portOf(s) })),
    localAddresses(),
  )
  return { url, servers, baseUrls }
}

/** Forgets idle namespaces now and then (a shared store sweeps its own). */
function startSweeper(mock: MockServer, options: MockServerOptions, store: SharedStore | undefined) {
  const idleMs = options.namespaceIdleMs ?? DEFAULT_NAMESPACE_IDLE_MS
  const sweeper = idleMs > 0 && !store ? setInterval(() => mock.namespaces.sweep(), Math.max(1000, Math.min(idleMs / 4, 60_000))) : undefined
  sweeper?.unref()
  return sweeper
}

/** No new connections; waits up to graceMs for requests in flight and callbacks on the wire; reports the rest. */
async function drainGracefully(servers: readonly http.Server[], mock: MockServer, active: { count: number }, graceMs: number): Promise<ShutdownReport> {
  for (const s of servers) {
    s.close()
    s.closeIdleConnections()
  }
  const deadline = performance.now() + graceMs
  while (active.count > 0 && performance.now() < deadline) await sleep(10)
  const unanswered = active.count
  const pendingCallbacks: Record<string, number> = {}
  for (const ns of mock.namespaces.list()) {
    await ns.engine.outbox.drain(Math.max(0, deadline - performance.now()), sleep)
    for (const [vendor, n] of Object.entries(ns.engine.outbox.pendingByVendor())) pendingCallbacks[vendor] = (pendingCallbacks[vendor] ?? 0) + n
  }
  return { unanswered, pendingCallbacks }
}

/** Starts the mock: every vendor under its prefix on one port (plus one port each with portPerVendor). */
export async function startMockServer(options: MockServerOptions = {}): Promise<RunningMockServer> {
  const host = options.host ?? '127.0.0.1'
  const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host
  // Loaded only when asked for: without --store no Redis code is loaded at all.
  const store = options.store ? await (await import('./store/redis-store.js')).connectRedisStore(options.store, storeSettings(options)) : undefined
  const active = { count: 0 }
  let mock: MockServer
  let main: http.Server
  try {
    mock = createMockServer(options, store)
    main = await listen(counting(mock.handler, active), options.port ?? DEFAULT_PORT, host)
  } catch (error) {
    await store?.close()
    throw error
  }
  const { url, servers, baseUrls } = await listenAll(mock, main, options, active, urlHost)
  const sweeper = startSweeper(mock, options, store)
  const closeAll = async () => {
    if (sweeper) clearInterval(sweeper)
    mock.namespaces.closeAll()
    await closeServers(servers)
    await store?.close()
  }
  return {
    url,
    baseUrls: baseUrls as Record<VendorId, string>,
    admin: new AdminClient(url, options.adminToken),
    close: closeAll,
    shutdown: async (graceMs = 5000) => {
      const report = await drainGracefully(servers, mock, active, graceMs)
      await closeAll()
      return report
    },
  }
}

function storeSettings(options: MockServerOptions): StoreSettings {
  return {
    scale: options.timeScale ?? DEFAULT_TIME_SCALE,
    clockStart: options.clockStart ?? DEFAULT_VIRTUAL_START,
    idleMs: options.namespaceIdleMs ?? DEFAULT_NAMESPACE_IDLE_MS,
    ...(options.storeLogCap ? { logCap: options.storeLogCap } : {}),
    ...(options.storeLogBytes ? { logMaxBytes: options.storeLogBytes } : {}),
    real: nodeRealTime,
  }
}
