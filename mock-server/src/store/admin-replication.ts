// Admin calls on a replica of a shared mock: writes go through the namespace's log (so every
// replica applies them in the same place), reads are answered locally once the replica is synced.
import type { NextFunction, Request, RequestHandler, Response } from 'express'
import type express from 'express'
import { inject } from 'light-my-request'
import type { TimeScale } from '../core/clock.js'
import type { DialectContext } from '../core/dialect.js'
import type { EngineResponse, MockEngine } from '../core/engine.js'
import { type AdminEntry, encodeAdminWrite } from './log-entry.js'
import { StoreUnavailableError } from './redis-store.js'

/** An admin advance waits at most this long for the callbacks it made due, as a single process does. */
const ADVANCE_WAIT_MS = 30_000

export interface AdvanceResult {
  snapshot: unknown
  done: Promise<unknown>
}

export interface InjectedAnswer {
  status: number
  type: string | undefined
  body: string
}

/** The namespace cannot answer for now (store away, or its log no longer reaches back far enough). */
export class NamespaceUnavailableError extends Error {}

/** The replicated namespace, as its admin API sees it. */
export interface AdminHost {
  sync(): Promise<void>
  /** Forgets the namespace in the store and here (contract §4.1: a reset forgets it). */
  drop(): Promise<void>
  advance(ms: number): Promise<AdvanceResult>
  /** Sets the namespace's time scale in the store; resolves with the clock once applied here. */
  scale(scale: TimeScale): Promise<unknown>
  write(entry: AdminEntry): Promise<InjectedAnswer>
  now(): number
}

export function adminGate(host: AdminHost): RequestHandler {
  return (req, res, next) => void gate(host, req, res, next)
}

async function gate(host: AdminHost, req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    if (req.method === 'GET' || req.method === 'HEAD') {
      await host.sync()
      return next()
    }
    if (req.method === 'POST' && req.path === '/reset') {
      // Every other replica starts the namespace over at its next request (a new generation).
      await host.drop()
      return next()
    }
    if (req.method === 'POST' && req.path === '/clock/advance') {
      const out = await host.advance(Math.floor(Number((req.body as { ms: number }).ms)))
      await waitFollowing(host, out.done, ADVANCE_WAIT_MS)
      res.json(out.snapshot)
      return
    }
    if (req.method === 'POST' && req.path === '/clock/scale') {
      res.json(await host.scale((req.body as { scale: TimeScale }).scale))
      return
    }
    const answer = await host.write(encodeAdminWrite(req.method, `/__admin${req.url}`, req.body))
    res.status(answer.status)
    if (answer.type) res.setHeader('content-type', answer.type)
    res.send(answer.body)
  } catch (error) {
    if (error instanceof StoreUnavailableError || error instanceof NamespaceUnavailableError) {
      res.status(503).type('application/problem+json').setHeader('retry-after', '1')
      res.send(JSON.stringify({ type: 'https://veomock.dev/problems/store-unavailable', title: 'Service Unavailable', status: 503, detail: error.message }))
      return
    }
    next(error)
  }
}

/** Waits for `work` while syncing, so results recorded by other replicas arrive. */
async function waitFollowing(host: AdminHost, work: Promise<unknown>, limitMs: number): Promise<void> {
  let settled = false
  void work.finally(() => (settled = true))
  const end = host.now() + limitMs
  while (!settled && host.now() < end) {
    await Promise.race([work, new Promise((resolve) => setTimeout(resolve, 20))])
    if (!settled) await host.sync().catch(() => undefined)
  }
}

/** Applies an admin write from the log to this replica's own admin router, as an HTTP call would. */
export async function injectAdmin(app: express.Express, entry: AdminEntry): Promise<InjectedAnswer> {
  const response = await inject(
    (req, res) => {
      // Express swaps the response's prototype; keep the injected writer's own methods.
      for (const method of ['write', 'end', 'writeHead'] as const) Object.assign(res, { [method]: res[method] })
      app(req, res)
    },
    {
      method: entry.m as 'POST',
      url: entry.u,
      headers: entry.b === undefined ? {} : { 'content-type': 'application/json' },
      ...(entry.b === undefined ? {} : { payload: entry.b }),
    },
  )
  const type = response.headers['content-type']
  return { status: response.statusCode, type: typeof type === 'string' ? type : undefined, body: response.payload }
}

/** The vendor's own "service unavailable" body with HTTP 503: the store is away. */
export function unavailableResponse(engine: MockEngine, vendor: string, message: string): EngineResponse {
  const dialect = engine.dialect(vendor)
  // Error rendering reads only the vendor's options (KIE's error transport).
  const rendered = dialect?.renderError({ kind: 'maintenance', message, route: null, fromScenario: false }, {
    options: engine.optionsOf(vendor),
  } as DialectContext)
  const body = rendered?.body ?? { error: 'service_unavailable', message }
  return {
    status: 503,
    headers: { ...rendered?.headers, 'content-type': 'application/json; charset=utf-8', 'retry-after': '1' },
    body,
    text: JSON.stringify(body),
  }
}
