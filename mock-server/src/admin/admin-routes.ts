// The admin API of contract §4, as described by specs/admin.openapi.yaml. Requests are validated
// against that spec; errors are application/problem+json (RFC 9457).
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express'
import type { VendorId } from '../../../vendors/index.js'
import type { TimeScale } from '../core/clock.js'
import type { MockEngine } from '../core/engine.js'
import { keyFingerprint } from '../core/ids.js'
import { MAX_JSON_DEPTH, textDepthExceeds } from '../../../lib/json-body.js'
import { createAdminPageRouter } from './admin-page.js'
import { publicEntry } from '../core/journal.js'
import { isScenarioName, isTaskFailure } from '../../../lib/scenarios.js'
import { type Task, viewTask } from '../core/task.js'
import { type HttpMethod, specValidator } from '../../../lib/spec/validation.js'
import type { NamespaceInfo } from '../namespaces/namespace-registry.js'
import { VERSION } from '../version.js'

interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  errors?: string[]
}

class ProblemError extends Error {
  readonly problem: Problem
  constructor(status: number, title: string, detail: string, errors?: string[]) {
    super(detail)
    this.problem = {
      type: `https://veomock.dev/problems/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
      title,
      status,
      detail,
      ...(errors ? { errors } : {}),
    }
  }
}

function problem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p))
}

/** The admin view of a task (AdminTask in specs/admin.openapi.yaml). */
export function describeTask(engine: MockEngine, task: Task): Record<string, unknown> {
  const now = engine.clock.now()
  const view = viewTask(task, now)
  const settled = view.state === 'succeeded' || view.state === 'failed'
  const base = engine.vendorBaseUrl(task.vendor as VendorId)
  return {
    id: task.id,
    vendor: task.vendor,
    operation: task.operation,
    parentId: task.parentId,
    scenario: task.scenario,
    scenarioSource: task.settledByAdmin ? 'admin' : task.scenarioSource,
    state: view.state,
    vendorState: engine.vendorState(task),
    progress: view.progress,
    createdAt: task.createdAt,
    timeline: { queuedUntil: task.queuedUntil, completesAt: task.completesAt, settledAt: settled ? view.settledAt : null },
    failure: view.failure,
    resultUrls: view.state === 'succeeded' ? task.files.map((f) => `${base}/files/${task.id}/${f}`) : [],
    callbackUrl: task.callbackUrl === null ? null : engine.redact(task.callbackUrl),
    keyId: task.keyId,
    request: engine.redact(task.request ?? {}),
  }
}

function intParam(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = Number(value)
  return Number.isFinite(n) ? Math.floor(n) : undefined
}

/** What the admin API knows beyond its namespace's engine (contract §4.1). */
export interface AdminContext {
  /** This namespace's name ("default" without the /ns/ prefix). */
  namespace?: string
  /** Every namespace this mock holds (all replicas' with a shared store). */
  namespaces?(): NamespaceInfo[] | Promise<NamespaceInfo[]>
  /** Where state lives: "memory", or the shared store's URL without credentials. */
  store?: string
  /** Called after a reset: a named namespace is forgotten by its own reset. */
  onReset?(): void
  /** Runs after a request is validated, before it is acted on (a shared store replicates writes here). */
  gate?: RequestHandler
}

export function createAdminRouter(engine: MockEngine, context: AdminContext = {}): Router {
  const router = express.Router()
  // Content types are checked by admin-guard.ts first; a body parsed here is JSON by declaration.
  // The depth is checked on the text before it is parsed (deep brackets are slow to parse).
  router.use(
    express.json({
      limit: '1mb',
      type: () => true,
      verify: (_req, _res, buf) => {
        if (textDepthExceeds(buf, MAX_JSON_DEPTH)) throw new ProblemError(400, 'Bad Request', `Admin request body nests deeper than ${MAX_JSON_DEPTH} levels`)
      },
    }),
  )

  router.use(specCheck(specValidator('admin')))

  // The web page and the served specs (contract §4).
  router.use(createAdminPageRouter(engine))
  if (context.gate) router.use(context.gate)
  stateRoutes(router, engine, context)
  taskRoutes(router, engine)
  ruleRoutes(router, engine)
  router.use(adminErrorHandler)
  return router
}

// Every admin request is checked against specs/admin.openapi.yaml before it is acted on.
function specCheck(spec: ReturnType<typeof specValidator>) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const match = spec.matchPath(`/__admin${req.path === '/' ? '' : req.path}`)
    if (!match) return next(new ProblemError(404, 'Not Found', `No admin operation at ${req.method} /__admin${req.path}`))
    const method = req.method.toLowerCase() as HttpMethod
    if (!spec.operation(match.template, method)) {
      return next(
        new ProblemError(405, 'Method Not Allowed', `${req.method} is not allowed on ${match.template}; use ${spec.methodsOf(match.template).join(', ')}`),
      )
    }
    const query: Record<string, string> = {}
    for (const [k, v] of Object.entries(req.query)) query[k] = String(Array.isArray(v) ? v[0] : v)
    const issues = [...spec.validateParameters(match.template, method, query, match.params).issues]
    if (method !== 'get' && method !== 'delete') {
      const body =
        req.body === undefined || (typeof req.body === 'object' && req.body !== null && Object.keys(req.body).length === 0 && !req.headers['content-length'])
          ? undefined
          : req.body
      const declared = spec.operation(match.template, method)?.requestBody as { required?: boolean } | undefined
      if (declared?.required && body === undefined) issues.push({ pointer: '', keyword: 'required', schemaPath: '', message: 'request body is required' })
      else if (body !== undefined) issues.push(...spec.validateRequestBody(match.template, method, body).issues)
    }
    if (issues.length > 0)
      return next(
        new ProblemError(
          400,
          'Bad Request',
          `Invalid admin request: ${issues.map((i) => i.message).join('; ')}`,
          issues.map((i) => i.message),
        ),
      )
    next()
  }
}

/** Health, reset and the virtual clock. */
function stateRoutes(router: Router, engine: MockEngine, context: AdminContext): void {
  router.get('/health', async (_req, res) => {
    const memory = process.memoryUsage()
    const namespaces = context.namespaces ? await context.namespaces() : undefined
    res.json({
      status: 'ok',
      version: VERSION,
      seed: engine.random.seed,
      clock: engine.clock.snapshot(),
      vendors: engine.vendorIds.map((id) => ({ id, baseUrl: engine.vendorBaseUrl(id), specUrl: `/__admin/specs/${engine.dialect(id)?.spec}.openapi.yaml` })),
      counts: { tasks: engine.tasks.size, requests: engine.journal.size, callbacks: engine.outbox.journal.size },
      evicted: { tasks: engine.tasks.evicted, requests: engine.journal.evicted, callbacks: engine.outbox.journal.evicted },
      bytes: { tasks: engine.tasks.bytes, requests: engine.journal.bytes, callbacks: engine.outbox.journal.bytes },
      limits: { maxTasks: engine.limits.maxTasks, maxRequests: engine.limits.maxRequests, maxCallbacks: engine.limits.maxCallbacks },
      memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed },
      namespace: context.namespace ?? 'default',
      store: context.store ?? 'memory',
      ...(namespaces ? { namespaces } : {}),
    })
  })

  router.post('/reset', (_req, res) => {
    engine.reset()
    res.json({ reset: true, clock: engine.clock.snapshot() })
    context.onReset?.()
  })

  router.get('/clock', (_req, res) => {
    res.json(engine.clock.snapshot())
  })

  router.post('/clock/advance', async (req, res) => {
    await engine.clock.advance(Number((req.body as { ms: number }).ms))
    res.json(engine.clock.snapshot())
  })

  // Per namespace (docs/contract.md §4.1): each namespace's clock has its own scale; a reset goes
  // back to the server's --time-scale.
  router.post('/clock/scale', (req, res) => {
    engine.clock.setScale((req.body as { scale: TimeScale }).scale)
    res.json(engine.clock.snapshot())
  })
}

/** Tasks, the request journal and the callback journal. */
function taskRoutes(router: Router, engine: MockEngine): void {
  const findTask = (id: string): Task => {
    const task = engine.tasks.get(id)
    if (!task) throw new ProblemError(404, 'Not Found', `Task ${id} was not found (evicted tasks are forgotten)`)
    return task
  }

  router.get('/tasks', (req, res) => {
    const vendor = req.query.vendor as string | undefined
    const state = req.query.state as string | undefined
    const limit = intParam(req.query.limit) ?? Infinity
    const now = engine.clock.now()
    const tasks = engine.tasks.list((t) => (!vendor || t.vendor === vendor) && (!state || viewTask(t, now).state === state), limit)
    res.json({ tasks: tasks.map((t) => describeTask(engine, t)) })
  })

  router.get('/tasks/:id', (req, res) => {
    res.json(describeTask(engine, findTask(req.params.id as string)))
  })

  router.post('/tasks/:id/finish', (req, res) => {
    const task = findTask(req.params.id as string)
    const scenario = (req.body as { scenario: string }).scenario
    if (scenario !== 'success' && !isTaskFailure(scenario))
      throw new ProblemError(400, 'Bad Request', `Cannot finish a task with ${scenario}; use success, content_violation, invalid_image or generation_failed`)
    if (engine.isSettled(task)) throw new ProblemError(409, 'Conflict', `Task ${task.id} has already settled as ${viewTask(task, engine.clock.now()).state}`)
    engine.finishTask(task, scenario)
    res.json(describeTask(engine, task))
  })

  router.get('/requests', (req, res) => {
    const { vendor, taskId, apiKey } = req.query as Record<string, string | undefined>
    const keyId = apiKey ? keyFingerprint(apiKey) : undefined
    const since = intParam(req.query.since) ?? 0
    const limit = intParam(req.query.limit) ?? Infinity
    const requests = engine.journal.filter(
      (e) => e.seq > since && (!vendor || e.vendor === vendor) && (!taskId || e.taskId === taskId) && (!keyId || e.keyId === keyId),
      limit,
    )
    res.json({ requests: requests.map((r) => engine.redact(publicEntry(r))) })
  })

  router.get('/callbacks', (req, res) => {
    const { vendor, taskId } = req.query as Record<string, string | undefined>
    const since = intParam(req.query.since) ?? 0
    const limit = intParam(req.query.limit) ?? Infinity
    res.json({
      callbacks: engine.outbox.journal.filter((a) => a.seq > since && (!vendor || a.vendor === vendor) && (!taskId || a.taskId === taskId), limit),
    })
  })
}

/** Scenario rules, accounts and vendor options. */
function ruleRoutes(router: Router, engine: MockEngine): void {
  router.post('/scenarios', (req, res) => {
    const body = req.body as { scenario: string; match?: { vendor?: string; prompt?: string; apiKey?: string }; times?: number }
    if (!isScenarioName(body.scenario)) throw new ProblemError(400, 'Bad Request', `Unknown scenario ${body.scenario}`)
    const match: { vendor?: string; prompt?: string; keyId?: string } = {}
    if (body.match?.vendor !== undefined) match.vendor = body.match.vendor
    if (body.match?.prompt !== undefined) match.prompt = body.match.prompt
    if (body.match?.apiKey !== undefined) match.keyId = keyFingerprint(body.match.apiKey)
    const rule = engine.rules.add({ scenario: body.scenario, match, times: body.times ?? null, createdAt: engine.clock.now() })
    res.status(201).json(rule)
  })

  router.get('/scenarios', (_req, res) => {
    res.json({ rules: engine.rules.list() })
  })

  router.delete('/scenarios', (_req, res) => {
    engine.rules.clear()
    res.status(204).end()
  })

  router.delete('/scenarios/:id', (req, res) => {
    if (!engine.rules.remove(req.params.id as string)) throw new ProblemError(404, 'Not Found', `Scenario rule ${req.params.id} was not found`)
    res.status(204).end()
  })

  router.put('/accounts/:apiKey', (req, res) => {
    const keyId = keyFingerprint(req.params.apiKey as string)
    const credits = (req.body as { credits: number }).credits
    engine.accounts.set(keyId, credits)
    res.json({ keyId, credits })
  })

  router.get('/accounts/:apiKey', (req, res) => {
    const keyId = keyFingerprint(req.params.apiKey as string)
    const vendor = req.query.vendor as VendorId | undefined
    const balances: Record<string, number> = {}
    const set = engine.accounts.setValue(keyId)
    for (const id of engine.vendorIds) {
      const charged = engine.accounts.balancesOf(keyId)[id]
      if (charged !== undefined) balances[id] = charged
      else if (set !== undefined) balances[id] = set
    }
    if (set === undefined && Object.keys(balances).length === 0) {
      throw new ProblemError(
        404,
        'Not Found',
        `No balance was set for this key (${keyId}) and it has not been charged; vendors start unknown keys with their default credits`,
      )
    }
    const initial = vendor ? (engine.dialect(vendor)?.initialCredits ?? 0) : 0
    const credits = vendor ? (balances[vendor] ?? initial) : (set ?? Object.values(balances)[0] ?? 0)
    res.json({ keyId, credits, balances })
  })

  const options = () => {
    const out: Record<string, unknown> = {}
    for (const id of engine.vendorIds) out[id] = engine.publicOptions(id)
    return out
  }
  router.get('/options', (_req, res) => {
    res.json(options())
  })
  router.patch('/options', (req, res) => {
    for (const [vendor, patch] of Object.entries(req.body as Record<string, Record<string, unknown>>)) {
      if (!engine.vendorIds.includes(vendor as VendorId)) throw new ProblemError(400, 'Bad Request', `Vendor ${vendor} is not served by this mock`)
      engine.patchOptions(vendor as VendorId, patch)
    }
    res.json(options())
  })
}

function adminErrorHandler(error: unknown, req: Request, res: Response, _next: NextFunction): void {
  if (error instanceof ProblemError) return void problem(res, { ...error.problem, instance: req.originalUrl })
  const status = (error as { status?: number; type?: string }).status
  if (status === 413)
    return void problem(res, {
      type: 'https://veomock.dev/problems/payload-too-large',
      title: 'Payload Too Large',
      status: 413,
      detail: 'Admin request bodies are limited to 1 MB',
      instance: req.originalUrl,
    })
  if (status === 400)
    return void problem(res, {
      type: 'https://veomock.dev/problems/bad-request',
      title: 'Bad Request',
      status: 400,
      detail: `Admin request body is not valid JSON: ${(error as Error).message}`,
      instance: req.originalUrl,
    })
  process.stderr.write(`veomock admin error: ${(error as Error)?.stack ?? String(error)}\n`)
  return void problem(res, {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: 500,
    detail: `Failed to handle the admin request: ${(error as Error).message}`,
    instance: req.originalUrl,
  })
}
