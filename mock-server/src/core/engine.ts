// The vendor-neutral request pipeline: parse, authenticate, resolve the scenario, validate, act on
// the canonical task, render through the dialect, record. The HTTP wiring (server.ts) only feeds
// requests in and writes responses out.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Accounts } from './accounts.js'
import type { VirtualClock } from './clock.js'
import type { CoreError, Dialect, DialectContext, DialectRoute, TaskIntent, VendorId, VendorOptions, WireRequest, WireResponse } from './dialect.js'
import { keyFingerprint, type Random, RandomSource, seededRandom } from './ids.js'
import { type CallbackAttempt, type JournalEntry, REDACTED, Ring, redactRawHeaders, redactSecrets } from './journal.js'
import { type CallbackSender, Outbox } from './outbox.js'
import {
  API_KEY_PREFIX,
  isSubmitRejection,
  type ResolvedScenario,
  resolveScenario,
  SCENARIO_HEADER,
  SCENARIOS,
  type ScenarioName,
  ScenarioRules,
  stripTokens,
  type TaskFailure,
} from './scenario.js'
import { planTimeline, type Task, TaskStore, type TaskView, viewTask } from './task.js'
import { type HttpMethod, type SpecValidator, specValidator } from './validation.js'

export interface EngineLimits {
  maxTasks: number
  maxRequests: number
  maxCallbacks: number
}

// Defaults sized for a long CI run on a small machine: the journal keeps full bodies, so it is
// the first thing to bound (measured with bench/scale.mjs).
export const DEFAULT_LIMITS: EngineLimits = { maxTasks: 200_000, maxRequests: 20_000, maxCallbacks: 20_000 }

/** How many polls of a `flaky_poll` task are answered with a transient error first. */
export const FLAKY_POLLS = 2
/** The second delivery of a `duplicate_callback` task follows the first by this much. */
export const DUPLICATE_CALLBACK_GAP_MS = 1000
/** Request bodies above this are refused (contract: bodies over 1 MB). */
export const MAX_BODY_BYTES = 1024 * 1024

export interface EngineOptions {
  dialects: readonly Dialect[]
  seed: number
  clock: VirtualClock
  strict: boolean
  limits?: Partial<EngineLimits>
  send: CallbackSender
  /** The vendor's base URL on this mock (no trailing slash). */
  baseUrl(vendor: VendorId): string
  /** Option overrides per vendor on top of each dialect's defaults (CLI flags). */
  options?: Partial<Record<VendorId, VendorOptions>>
  /** Where strict-mode violations are reported (stderr in the CLI). */
  onViolation?(message: string): void
}

/** A request as the HTTP layer hands it over. */
export interface IncomingRequest {
  vendor: VendorId
  method: string
  /** Path after the vendor prefix. */
  path: string
  /** Path as received, for the journal. */
  fullPath: string
  query: Record<string, string>
  headers: Record<string, string | string[] | undefined>
  /** Node's flat [name, value, …] list, when the HTTP layer has it (cheaper to keep than a copy). */
  rawHeaders?: string[]
  rawBody: Buffer | undefined
  bodyTooLarge: boolean
}

export interface EngineResponse extends WireResponse {
  /** Raw bytes (result files) instead of a JSON body. */
  bytes?: Buffer
  /** The body as it goes on the wire, serialized once for both the socket and the journal. */
  text?: string
}

interface RouteEntry {
  route: DialectRoute
  requiresAuth: boolean
  operationId: string | null
  /** The operation's requestBody ($ref followed), when it takes one. */
  requestBody: { required?: boolean } | undefined
}

interface VendorRuntime {
  dialect: Dialect
  spec: SpecValidator
  routes: Map<string, RouteEntry>
  submits: number
}

const here = path.dirname(fileURLToPath(import.meta.url))
function assetsDirectory(): string {
  for (const candidate of [path.resolve(here, '../../assets'), path.resolve(here, '../../../../mock-server/assets')]) {
    try {
      readFileSync(path.join(candidate, 'sample.mp4'))
      return candidate
    } catch {
      // next
    }
  }
  return path.resolve(here, '../../assets')
}
const ASSETS = assetsDirectory()
const FILES = {
  mp4: { bytes: readFileSync(path.join(ASSETS, 'sample.mp4')), type: 'video/mp4' },
  jpg: { bytes: readFileSync(path.join(ASSETS, 'sample.jpg')), type: 'image/jpeg' },
}

function dottedField(pointer: string): string | undefined {
  if (!pointer) return undefined
  return pointer.replace(/^\//, '').replace(/\//g, '.')
}

/** The failing field of an Ajv issue: the property for `required`/`additionalProperties`, else the path. */
function fieldOf(issue: { pointer: string; keyword: string; message: string }): string | undefined {
  const missing = /must have required property '([^']+)'/.exec(issue.message)?.[1]
  if (missing) return [dottedField(issue.pointer), missing].filter(Boolean).join('.')
  return dottedField(issue.pointer)
}

export class MockEngine {
  readonly clock: VirtualClock
  readonly tasks: TaskStore
  readonly journal: Ring<JournalEntry>
  readonly outbox: Outbox
  readonly rules = new ScenarioRules()
  readonly accounts = new Accounts()
  readonly random: RandomSource
  readonly strict: boolean
  readonly limits: EngineLimits
  readonly violations: string[] = []
  private readonly vendors = new Map<VendorId, VendorRuntime>()
  private readonly baseUrl: (vendor: VendorId) => string
  private readonly optionOverrides: Partial<Record<VendorId, VendorOptions>>
  private options = new Map<VendorId, VendorOptions>()
  /**
   * Charged tasks not yet settled, per vendor and key, for dialects that refund failures. Settled
   * lazily when the key's balance is next read or charged: there is no timer per task.
   */
  private unsettled = new Map<string, Task[]>()
  private readonly onViolation: (message: string) => void

  constructor(opts: EngineOptions) {
    this.clock = opts.clock
    this.strict = opts.strict
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits }
    this.random = new RandomSource(opts.seed)
    this.tasks = new TaskStore({ maxTasks: this.limits.maxTasks })
    this.journal = new Ring<JournalEntry>(this.limits.maxRequests)
    this.outbox = new Outbox({ clock: opts.clock, send: opts.send, journalCap: this.limits.maxCallbacks, secrets: () => this.secrets() })
    this.baseUrl = opts.baseUrl
    this.optionOverrides = opts.options ?? {}
    this.onViolation = opts.onViolation ?? (() => undefined)
    for (const dialect of opts.dialects) this.vendors.set(dialect.id, this.compile(dialect))
    this.resetOptions()
  }

  get vendorIds(): VendorId[] {
    return [...this.vendors.keys()]
  }

  dialect(vendor: VendorId): Dialect | undefined {
    return this.vendors.get(vendor)?.dialect
  }

  vendorBaseUrl(vendor: VendorId): string {
    return this.baseUrl(vendor)
  }

  // Every route must name an operation of the vendor's spec: the spec is the source of truth.
  private compile(dialect: Dialect): VendorRuntime {
    const spec = specValidator(dialect.spec)
    const routes = new Map<string, RouteEntry>()
    for (const route of dialect.routes) {
      const op = spec.operation(route.path, route.method)
      if (!op)
        throw new Error(`Failed to load the ${dialect.id} dialect: ${route.method.toUpperCase()} ${route.path} is not in specs/${dialect.spec}.openapi.yaml`)
      const security = (op.security ?? spec.document.security ?? []) as unknown[]
      routes.set(`${route.method} ${route.path}`, {
        route,
        requiresAuth: security.length > 0 && !security.some((s) => s && typeof s === 'object' && Object.keys(s).length === 0),
        operationId: typeof op.operationId === 'string' ? op.operationId : null,
        requestBody: spec.requestBodyOf(route.path, route.method),
      })
    }
    return { dialect, spec, routes, submits: 0 }
  }

  // ---------------------------------------------------------------------------------------------
  // Options, secrets, reset

  optionsOf(vendor: VendorId): VendorOptions {
    return this.options.get(vendor) ?? {}
  }

  patchOptions(vendor: VendorId, patch: VendorOptions): VendorOptions {
    const next = { ...this.optionsOf(vendor), ...patch }
    this.options.set(vendor, next)
    return next
  }

  /** Options with secret values replaced, for the admin API. */
  publicOptions(vendor: VendorId): VendorOptions {
    const dialect = this.dialect(vendor)
    const out = { ...this.optionsOf(vendor) }
    for (const name of dialect?.secretOptions ?? []) if (out[name] !== null && out[name] !== undefined) out[name] = REDACTED
    return out
  }

  private resetOptions(): void {
    for (const [id, runtime] of this.vendors) this.options.set(id, { ...runtime.dialect.defaultOptions, ...this.optionOverrides[id] })
  }

  /** Every secret the mock holds (HMAC keys), to scrub from journals. */
  secrets(): string[] {
    const out: string[] = []
    for (const [id, runtime] of this.vendors) {
      for (const name of runtime.dialect.secretOptions ?? []) {
        const value = this.optionsOf(id)[name]
        if (typeof value === 'string' && value) out.push(value)
      }
    }
    return out
  }

  /** Contract §4 reset: tasks, journal, rules, accounts, clock and randomness back to the start. */
  reset(): void {
    this.clock.reset()
    this.outbox.clear()
    this.tasks.clear()
    this.journal.clear()
    this.rules.clear()
    this.accounts.clear()
    this.random.reset()
    this.violations.length = 0
    this.unsettled.clear()
    for (const runtime of this.vendors.values()) runtime.submits = 0
    this.resetOptions()
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  handle(req: IncomingRequest): EngineResponse {
    const at = this.clock.now()
    const runtime = this.vendors.get(req.vendor)
    if (!runtime) throw new Error(`Failed to route a request: vendor ${req.vendor} is not served`)
    const record: Partial<JournalEntry> = { route: null, operationId: null, valid: true, issues: [], taskId: null, scenario: null, requestBody: undefined }
    const response = this.process(runtime, req, record, at)
    this.finish(runtime, req, record, response, at)
    return response
  }

  private process(runtime: VendorRuntime, req: IncomingRequest, record: Partial<JournalEntry>, at: number): EngineResponse {
    const { dialect, spec } = runtime
    const method = req.method.toLowerCase() as HttpMethod
    const ctxFor = (random = this.random.stream(`${dialect.id}:request`)) => this.context(runtime, random)
    const fail = (error: Omit<CoreError, 'route' | 'fromScenario'> & { fromScenario?: boolean }): EngineResponse =>
      dialect.renderError({ route: record.route ?? null, fromScenario: false, ...error }, ctxFor())

    if (req.path.startsWith('/files/') && (method === 'get' || req.method === 'HEAD')) return this.file(runtime, req.path, at)

    const match = spec.matchPath(req.path)
    if (!match) return fail({ kind: 'route_not_found', message: `No ${dialect.title} operation at ${req.method} ${req.path}` })
    record.route = match.template
    const entry = runtime.routes.get(`${method} ${match.template}`)
    if (!entry) {
      const allow = [...runtime.routes.values()].filter((r) => r.route.path === match.template).map((r) => r.route.method.toUpperCase())
      if (allow.length === 0) return fail({ kind: 'route_not_found', message: `No ${dialect.title} operation at ${req.method} ${req.path}` })
      return fail({ kind: 'method_not_allowed', message: `${req.method} is not allowed on ${match.template}; use ${allow.join(', ')}`, allow })
    }
    record.operationId = entry.operationId
    const { route } = entry

    // Only operations that declare a request body read one; a body sent with a GET is ignored,
    // as HTTP servers generally do.
    const declaredBody = entry.requestBody
    if (declaredBody && req.bodyTooLarge) return fail({ kind: 'payload_too_large', message: `Request body is larger than ${MAX_BODY_BYTES} bytes` })

    const apiKey = bearerToken(req.headers.authorization)
    const keyId = apiKey ? keyFingerprint(apiKey) : null
    record.keyId = keyId
    if (entry.requiresAuth && (!apiKey || apiKey === `${API_KEY_PREFIX}unauthorized`)) {
      return fail({
        kind: 'unauthorized',
        message: apiKey ? 'The API key is not valid' : 'Missing bearer token in the Authorization header',
        fromScenario: Boolean(apiKey),
      })
    }

    // Body: only JSON is understood; anything else is the vendor's own 4xx, never a stack trace.
    let body: unknown
    const raw = declaredBody ? req.rawBody : undefined
    if (raw && raw.length > 0) {
      const type = String(headerValue(req.headers['content-type']) ?? '')
      if (type && !/json/i.test(type)) return fail({ kind: 'unsupported_media_type', message: `Content-Type ${type} is not supported; send application/json` })
      try {
        body = JSON.parse(raw.toString('utf8'))
      } catch (e) {
        return fail({ kind: 'malformed_json', message: `Request body is not valid JSON: ${(e as Error).message}` })
      }
    }
    record.requestBody = body

    const wire: WireRequest = {
      method: req.method,
      path: req.path,
      query: req.query,
      params: match.params,
      headers: publicHeaders(req.headers),
      body: body === undefined ? undefined : stripTokens(body),
      keyId,
    }

    let scenario: ResolvedScenario | undefined
    if (route.kind === 'submit') {
      const header = headerValue(req.headers[SCENARIO_HEADER])
      scenario = resolveScenario({ vendor: dialect.id, header, prompt: route.prompt(body), apiKey, keyId }, this.rules)
      record.scenario = scenario.scenario
      if (scenario.unknown !== undefined) {
        return fail({
          kind: 'invalid_request',
          message: `Unknown veomock scenario "${scenario.unknown}" (from the ${scenario.source}); expected one of ${SCENARIOS.join(', ')}`,
          field: 'x-veomock-scenario',
        })
      }
      if (isSubmitRejection(scenario.scenario)) {
        return fail({ kind: scenario.scenario, message: `veomock scenario ${scenario.scenario}`, fromScenario: true })
      }
      if (dialect.rateLimit && keyId) {
        const decision = this.accounts.admit(dialect.id, keyId, dialect.rateLimit, at)
        if (!decision.allowed) {
          return fail({
            kind: 'rate_limited',
            message: `More than ${dialect.rateLimit.limit} submits in ${dialect.rateLimit.windowMs / 1000} s`,
            retryAfterMs: decision.retryAfterMs,
          })
        }
      }
    }

    // Validation against the spec, compiled once.
    const params = spec.validateParameters(match.template, method, req.query, match.params)
    const bodyCheck =
      declaredBody && body === undefined && declaredBody.required
        ? { valid: false, issues: [{ pointer: '', keyword: 'required', schemaPath: '', message: 'request body is required' }] }
        : spec.validateRequestBody(match.template, method, wire.body)
    const issues = [...params.issues.map((i) => ({ ...i, pointer: i.pointer.replace(/^\/(query|path)/, '') })), ...bodyCheck.issues]
    if (issues.length > 0) {
      record.valid = false
      record.issues = issues.map((i) => i.message)
      const first = issues[0] as (typeof issues)[number]
      const field = fieldOf(first)
      return fail({ kind: 'invalid_request', message: issues.map((i) => i.message).join('; '), ...(field ? { field } : {}), issues: record.issues })
    }

    if (route.kind === 'submit') return this.submit(runtime, route, wire, scenario as ResolvedScenario, record, apiKey)
    if (route.kind === 'poll') {
      const id = route.taskId(wire)
      record.taskId = id ?? null
      const task = id ? this.tasks.get(id) : undefined
      if (!task || task.vendor !== dialect.id || (route.operations && !route.operations.includes(task.operation))) {
        return fail({ kind: 'task_not_found', message: `Task ${id ?? '(none)'} was not found` })
      }
      record.scenario = task.scenario
      if (task.scenario === 'flaky_poll' && task.polls < FLAKY_POLLS) {
        task.polls++
        return fail({ kind: 'flaky_poll', message: `veomock scenario flaky_poll: transient failure ${task.polls} of ${FLAKY_POLLS}`, fromScenario: true })
      }
      task.polls++
      return route.render(task, viewTask(task, at), ctxFor())
    }
    const response = route.handle(wire, ctxFor())
    if (response.taskId) record.taskId = response.taskId
    return response
  }

  private submit(
    runtime: VendorRuntime,
    route: Extract<DialectRoute, { kind: 'submit' }>,
    wire: WireRequest,
    scenario: ResolvedScenario,
    record: Partial<JournalEntry>,
    apiKey: string | undefined,
  ): EngineResponse {
    const { dialect } = runtime
    const n = runtime.submits + 1
    // A fresh stream per task (not cached: 100k tasks must not keep 100k generators alive).
    const random = seededRandom(this.random.seed, `${dialect.id}:task:${n}`)
    const ctx = this.context(runtime, random)
    const intent = route.accept(wire, ctx)
    if (!isIntent(intent)) return intent
    const initial = apiKey === `${API_KEY_PREFIX}insufficient_credits` ? 0 : dialect.initialCredits
    if (wire.keyId) this.settleRefunds(dialect, wire.keyId)
    if (wire.keyId && !this.accounts.charge(dialect.id, wire.keyId, intent.price, initial)) {
      return dialect.renderError(
        { kind: 'insufficient_credits', message: `Balance is below the price of ${intent.price}`, route: route.path, fromScenario: false },
        ctx,
      )
    }
    runtime.submits = n
    const parent = intent.parentId ? this.tasks.get(intent.parentId) : undefined
    const task = this.createTask(runtime, intent, scenario.scenario, scenario.source, wire, random, parent)
    record.taskId = task.id
    if (dialect.refundsFailedTasks && task.keyId && task.charged > 0) {
      const key = `${dialect.id} ${task.keyId}`
      const list = this.unsettled.get(key)
      if (list) list.push(task)
      else this.unsettled.set(key, [task])
    }
    return route.render(task, ctx)
  }

  /** Gives back the price of the key's tasks that have failed since the last look. */
  private settleRefunds(dialect: Dialect, keyId: string): void {
    if (!dialect.refundsFailedTasks) return
    const key = `${dialect.id} ${keyId}`
    const list = this.unsettled.get(key)
    if (!list) return
    const now = this.clock.now()
    const open = list.filter((task) => {
      const state = viewTask(task, now).state
      if (state === 'failed') this.accounts.credit(dialect.id, keyId, task.charged, dialect.initialCredits)
      return state !== 'failed' && state !== 'succeeded'
    })
    if (open.length) this.unsettled.set(key, open)
    else this.unsettled.delete(key)
  }

  private createTask(
    runtime: VendorRuntime,
    intent: TaskIntent,
    scenario: ScenarioName,
    source: Task['scenarioSource'],
    wire: WireRequest,
    random: Random,
    parent?: Task,
  ): Task {
    const { dialect } = runtime
    const now = this.clock.now()
    const timing = dialect.timings[intent.operation] ?? dialect.timings.generate
    if (!timing) throw new Error(`Failed to create a ${dialect.id} task: the dialect has no timing for ${intent.operation}`)
    let id = dialect.taskId(random, now)
    while (this.tasks.has(id)) id = dialect.taskId(random, now)
    // A dialect may know at submit that the task will fail (Apixo extend of an unusable source).
    const timeline = planTimeline(now, timing, intent.failure && !isSubmitRejection(scenario) && scenario !== 'stuck' ? intent.failure : scenario, random)
    const task: Task = {
      id,
      vendor: dialect.id,
      operation: intent.operation,
      parentId: intent.parentId ?? parent?.id ?? null,
      seq: this.tasks.nextSeq(),
      scenario,
      scenarioSource: source,
      keyId: wire.keyId,
      createdAt: now,
      queuedUntil: timeline.queuedUntil,
      completesAt: timeline.completesAt,
      outcome: timeline.outcome,
      settledByAdmin: false,
      request: wire.body,
      wire: intent.wire,
      callbackUrl: intent.callbackUrl,
      files: intent.files ?? ['video.mp4'],
      polls: 0,
      charged: intent.price,
    }
    this.tasks.add(task)
    if (task.callbackUrl && task.completesAt !== null) this.scheduleCallbacks(runtime, task, task.completesAt)
    return task
  }

  private scheduleCallbacks(runtime: VendorRuntime, task: Task, at: number): void {
    const { dialect } = runtime
    const url = task.callbackUrl
    if (!url) return
    const spec = runtime.spec
    const deliveries = task.scenario === 'duplicate_callback' ? [at, at + DUPLICATE_CALLBACK_GAP_MS] : [at]
    for (const when of deliveries) {
      this.outbox.enqueue({
        taskId: task.id,
        vendor: dialect.id,
        url,
        at: when,
        policy: dialect.callbacks.policy,
        render: (attemptAt) => {
          const ctx = this.context(runtime, this.random.stream(`${dialect.id}:callback`))
          const message = dialect.callbacks.render(task, viewTask(task, attemptAt), ctx, attemptAt)
          return { event: message.event, body: message.body, headers: message.headers ?? {} }
        },
        check: this.strict
          ? (body) => {
              const result = spec.validateWebhook(dialect.callbacks.webhook(task), body)
              const problems = result.issues.map((i) => `webhook ${dialect.callbacks.webhook(task)}: ${i.message}`)
              for (const p of problems) this.reportViolation(`${dialect.id} callback for ${task.id}: ${p}`)
              return problems
            }
          : undefined,
      })
    }
  }

  private context(runtime: VendorRuntime, random: ReturnType<RandomSource['stream']>): DialectContext {
    const { dialect } = runtime
    const now = this.clock.now()
    const baseUrl = this.baseUrl(dialect.id)
    return {
      now,
      baseUrl,
      options: this.optionsOf(dialect.id),
      random,
      fileUrls: (task) => task.files.map((name) => `${baseUrl}/files/${task.id}/${name}`),
      findTask: (id) => {
        const t = this.tasks.get(id)
        return t && t.vendor === dialect.id ? t : undefined
      },
      view: (task) => viewTask(task, now),
      childrenOf: (id) => this.tasks.list((t) => t.parentId === id && t.vendor === dialect.id),
      createTask: (intent, parent) => {
        const wire: WireRequest = { method: 'POST', path: '', query: {}, params: {}, headers: {}, body: parent.request, keyId: parent.keyId }
        const scenario = parent.scenario === 'stuck' || parent.scenario === 'slow' || parent.scenario === 'duplicate_callback' ? parent.scenario : 'success'
        return this.createTask(
          runtime,
          { ...intent, parentId: parent.id },
          scenario,
          parent.scenarioSource,
          wire,
          seededRandom(this.random.seed, `${dialect.id}:child:${parent.id}:${intent.operation}`),
          parent,
        )
      },
      balance: (keyId) => {
        if (!keyId) return dialect.initialCredits
        this.settleRefunds(dialect, keyId)
        return this.accounts.balance(dialect.id, keyId, dialect.initialCredits)
      },
      charge: (keyId, price) => (keyId ? this.accounts.charge(dialect.id, keyId, price, dialect.initialCredits) : true),
    }
  }

  private file(runtime: VendorRuntime, filePath: string, at: number): EngineResponse {
    const { dialect } = runtime
    const [, , taskId, name] = filePath.split('/')
    const task = taskId ? this.tasks.get(taskId) : undefined
    const notFound: EngineResponse = { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain; charset=utf-8' } }
    if (!task || task.vendor !== dialect.id || !name || !task.files.includes(name)) return notFound
    const view = viewTask(task, at)
    if (view.state !== 'succeeded') return notFound
    // Result URLs expire after the vendor's retention (KIE 14 days, Apixo and odkkk 24 hours).
    const retention = dialect.retentionFor?.(this.optionsOf(dialect.id)) ?? dialect.retentionMs
    if (view.settledAt !== null && at > view.settledAt + retention) {
      return { status: 410, body: 'Gone: this result URL has expired', headers: { 'content-type': 'text/plain; charset=utf-8' } }
    }
    const kind = name.endsWith('.jpg') ? FILES.jpg : FILES.mp4
    return { status: 200, body: undefined, bytes: kind.bytes, headers: { 'content-type': kind.type, 'cache-control': 'no-store' } }
  }

  private finish(runtime: VendorRuntime, req: IncomingRequest, record: Partial<JournalEntry>, response: EngineResponse, at: number): void {
    if (this.strict && record.route && !response.bytes) {
      const method = req.method.toLowerCase() as HttpMethod
      const result = runtime.spec.validateResponse(
        record.route,
        method,
        response.status,
        response.body,
        response.headers?.['content-type'] ?? 'application/json',
      )
      if (!result.valid && runtime.routes.has(`${method} ${record.route}`)) {
        const message = `${runtime.dialect.id} ${req.method} ${record.route} → ${response.status} violates specs/${runtime.dialect.spec}.openapi.yaml: ${result.issues.map((i) => i.message).join('; ')}`
        this.reportViolation(message)
        response.status = 500
        response.body = {
          type: 'https://veomock.dev/problems/strict-response',
          title: 'veomock --strict: response violates the spec',
          status: 500,
          detail: message,
        }
        response.headers = { ...response.headers, 'content-type': 'application/problem+json' }
      }
    }
    // A string body with its own content type is sent as it is; anything else as JSON.
    if (!response.bytes)
      response.text =
        typeof response.body === 'string' && response.headers?.['content-type']
          ? response.body
          : response.body === undefined
            ? ''
            : JSON.stringify(response.body)
    const authorization = headerValue(req.headers.authorization)
    this.journal.push({
      seq: this.journal.nextSeq(),
      vendor: runtime.dialect.id,
      method: req.method,
      path: req.fullPath,
      route: record.route ?? null,
      operationId: record.operationId ?? null,
      query: req.query,
      status: response.status,
      at,
      durationMs: this.clock.now() - at,
      valid: record.valid ?? true,
      issues: record.issues && record.issues.length > 0 ? record.issues : NO_ISSUES,
      taskId: record.taskId ?? null,
      keyId: record.keyId ?? null,
      authorization: !authorization ? 'missing' : /^bearer\s/i.test(authorization) ? 'bearer' : 'other',
      scenario: record.scenario ?? null,
      requestBody: record.requestBody,
      responseText: response.bytes ? `[${response.bytes.length} bytes]` : (response.text as string),
      headers: redactRawHeaders(req.rawHeaders ?? flatten(req.headers)),
    })
  }

  private reportViolation(message: string): void {
    this.violations.push(message)
    this.onViolation(message)
  }

  // ---------------------------------------------------------------------------------------------
  // Admin operations

  /** Settles a task now (contract §4 finish). */
  finishTask(task: Task, outcome: 'success' | TaskFailure): Task {
    const now = this.clock.now()
    task.outcome = outcome === 'success' ? 'succeeded' : outcome
    task.queuedUntil = Math.min(task.queuedUntil, now)
    task.completesAt = now
    task.settledByAdmin = true
    const runtime = this.vendors.get(task.vendor as VendorId)
    if (runtime && task.callbackUrl) {
      if (this.outbox.hasPending(task.id)) this.outbox.reschedule(task.id, now)
      else if (!this.callbacksOf(task.id).length) this.scheduleCallbacks(runtime, task, now)
    }
    return task
  }

  callbacksOf(taskId: string): CallbackAttempt[] {
    return this.outbox.journal.filter((a) => a.taskId === taskId)
  }

  isSettled(task: Task): boolean {
    const view: TaskView = viewTask(task, this.clock.now())
    return view.state === 'succeeded' || view.state === 'failed'
  }

  vendorState(task: Task): string {
    const runtime = this.vendors.get(task.vendor as VendorId)
    if (!runtime) return 'unknown'
    return runtime.dialect.vendorState(task, viewTask(task, this.clock.now()))
  }

  /** A value with every secret the mock holds (HMAC keys) replaced, for admin answers. */
  redact<T>(value: T): T {
    return redactSecrets(value, this.secrets())
  }
}

const NO_ISSUES: string[] = []

function flatten(headers: Record<string, string | string[] | undefined>): string[] {
  const out: string[] = []
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out.push(name, Array.isArray(value) ? value.join(', ') : value)
  return out
}

function isIntent(value: TaskIntent | WireResponse): value is TaskIntent {
  return (value as TaskIntent).operation !== undefined
}

export function headerValue(raw: string | string[] | undefined): string | undefined {
  return Array.isArray(raw) ? raw[0] : raw
}

/** `Authorization: Bearer <token>` → token; anything else → undefined. */
export function bearerToken(raw: string | string[] | undefined): string | undefined {
  const value = headerValue(raw)
  if (!value) return undefined
  const m = /^Bearer\s+(.+)$/i.exec(value.trim())
  const token = m?.[1]?.trim()
  return token ? token : undefined
}

function publicHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(headers)) {
    const lower = name.toLowerCase()
    if (raw === undefined || lower === 'authorization' || lower === 'cookie' || lower === 'proxy-authorization') continue
    out[lower] = Array.isArray(raw) ? raw.join(', ') : raw
  }
  return out
}
