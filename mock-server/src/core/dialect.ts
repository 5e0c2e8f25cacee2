// The Dialect type: the one extension point. A dialect is data and pure functions that translate
// between one vendor's wire format and the canonical task; it holds no state and no timers.
// Each vendor exports `<vendor>Dialect = { … } satisfies Dialect`.
import type { RateLimit } from './accounts.js'
import type { Random } from '../../../lib/seeded-random.js'
import type { ScenarioName, TaskFailure } from '../../../lib/scenarios.js'
import type { Task, TaskOperation, TaskView, Timing } from './task.js'
import type { HttpMethod } from '../../../lib/spec/validation.js'
import type { CallbackPolicy, CallbackSigning, CallbackVariant } from '../../../lib/callbacks.js'

/** What a dialect answers: the status, a JSON body (or a string for non-JSON) and extra headers. */
export interface WireResponse {
  status: number
  body: unknown
  headers?: Record<string, string>
  /** The task a custom route acted on, so the journal can attribute the request to it. */
  taskId?: string
}

/** A request as a dialect sees it: after the vendor prefix, parsed, credentials reduced to a fingerprint. */
export interface WireRequest {
  method: string
  /** Path after the vendor prefix, e.g. `/api/v1/veo/record-info`. */
  path: string
  query: Record<string, string>
  /** Path parameters by the spec's names, e.g. `{ task_id: '…' }`. */
  params: Record<string, string>
  /** Lower-case header names; Authorization is never included. */
  headers: Record<string, string>
  /** Parsed JSON body (scenario tokens removed), or undefined. */
  body: unknown
  /** Fingerprint of the bearer key, or null when none was sent. */
  keyId: string | null
}

/**
 * Problems the core detects and every dialect renders in its vendor's own error shape and status.
 * Scenario rejections of contract §3 arrive here too (`fromScenario: true`).
 */
export type CoreErrorKind =
  | 'unauthorized'
  | 'insufficient_credits'
  | 'rate_limited'
  | 'server_error'
  | 'maintenance'
  | 'upstream_error'
  | 'flaky_poll'
  | 'invalid_request'
  | 'malformed_json'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'route_not_found'
  | 'method_not_allowed'
  | 'task_not_found'

export interface CoreError {
  kind: CoreErrorKind
  /** A clear English detail, e.g. `input.prompt must NOT have more than 10000 characters`. */
  message: string
  /** The spec path template the request matched, when it matched one. */
  route: string | null
  /** For invalid_request: the first failing field as a dotted path (`input.prompt`), when known. */
  field?: string
  issues?: string[]
  /** For rate_limited: how long until a retry may succeed, in virtual ms. */
  retryAfterMs?: number
  /** For method_not_allowed: the methods the path has. */
  allow?: string[]
  fromScenario: boolean
}

/** What a submit creates: the dialect decides the operation, price, callback and private facts. */
export interface TaskIntent {
  operation: TaskOperation
  parentId: string | null
  callbackUrl: string | null
  /** Price in the vendor's balance unit (credits, USD, micro-USDC…). */
  price: number
  /** Dialect-private facts to keep on the task (model, resolution, request echo…). */
  wire: Record<string, unknown>
  /** Result file names; default `['video.mp4']`. `.mp4` and `.jpg` are served. */
  files?: string[]
  /** The task is accepted but will fail this way whatever the scenario (e.g. an unusable extend source). */
  failure?: TaskFailure
  /**
   * The timeline hook: a fixed course instead of one planned from the dialect's timings and the
   * scenario (replay serves recorded episodes this way). Offsets are from the task's creation.
   */
  timeline?: FixedTimeline
}

export interface FixedTimeline {
  /** The id to give the task when it is free; else the dialect makes a fresh one. */
  taskId?: string
  queuedMs: number
  /** Null: the task never settles by itself. */
  completesMs: number | null
  outcome: 'succeeded' | TaskFailure | null
}

export type VendorOptions = Record<string, unknown>

/** What the core offers a dialect while it renders; reads only, except createTask. */
export interface DialectContext {
  /** Virtual now, Unix ms. */
  now: number
  /** The vendor's base URL on this mock, e.g. `http://127.0.0.1:4010/<vendor>` (no trailing slash). */
  baseUrl: string
  options: VendorOptions
  /** A seeded stream for this request (upgrade timings, jitter). */
  random: Random
  /** Absolute URLs of a task's result files on this mock. */
  fileUrls(task: Task): string[]
  /** The task of this vendor whose result file this URL is, when it is one of this mock's result URLs. */
  taskOfFileUrl(url: string): Task | undefined
  /** A task of this vendor by id. */
  findTask(id: string): Task | undefined
  view(task: Task): TaskView
  /** Tasks whose parentId is this id (extends, upgrades). */
  childrenOf(id: string): Task[]
  /** Creates a task outside a submit route (an upgrade); scenario is inherited from the parent. */
  createTask(intent: TaskIntent, parent: Task): Task
  /** The key's balance in the vendor's unit. */
  balance(keyId: string | null): number
  /** Debits a price from a key outside a submit route (an upgrade); false when it does not cover it. */
  charge(keyId: string | null, price: number): boolean
}

interface RouteBase {
  method: HttpMethod
  /** The spec's path template, e.g. `/v1/tasks/{task_id}`; the route must exist in the spec. */
  path: string
}

/** Creates a task. The core resolves the scenario, rate-limits, validates, charges and records. */
export interface SubmitRoute extends RouteBase {
  kind: 'submit'
  /** The prompt, for scenario tokens and admin rules. */
  prompt(body: unknown): string | undefined
  /** Semantic checks the spec cannot express; returns the task to create or an error response. */
  accept(request: WireRequest, ctx: DialectContext): TaskIntent | WireResponse
  /** The answer to an accepted submit. */
  render(task: Task, ctx: DialectContext): WireResponse
}

/** Reads a task. The core finds it, answers flaky polls and computes its view. */
export interface PollRoute extends RouteBase {
  kind: 'poll'
  taskId(request: WireRequest): string | undefined
  /** The operations this endpoint can see (an extend-only status endpoint); default all. */
  operations?: readonly TaskOperation[]
  render(task: Task, view: TaskView, ctx: DialectContext): WireResponse
}

/** Anything else (balances, models, upgrades, download links). Auth and validation still run first. */
export interface CustomRoute extends RouteBase {
  kind: 'custom'
  handle(request: WireRequest, ctx: DialectContext): WireResponse
}

export type DialectRoute = SubmitRoute | PollRoute | CustomRoute

export interface DialectCallbacks {
  policy: CallbackPolicy
  /** Present when the vendor can sign callbacks. */
  signing?: CallbackSigning
  /** The other documented forms of a rendered body (failure texts, conflicting shapes); default none. */
  variants?(body: unknown): CallbackVariant[]
  /** The spec's `webhooks:` name the payload is validated against in strict mode. */
  webhook(task: Task): string
  /** The payload (and signature headers) at the moment of an attempt. */
  render(task: Task, view: TaskView, ctx: DialectContext, attemptAt: number): { event: string; body: unknown; headers?: Record<string, string> }
}

export interface Dialect {
  /** The vendor's id (its URL prefix); the core treats it as an opaque name. */
  id: string
  /** `specs/<spec>.openapi.yaml`. */
  spec: string
  /** Human name for --help and health. */
  title: string
  routes: readonly DialectRoute[]
  /** A new task id in the vendor's format. */
  taskId(random: Random, now: number): string
  /** Durations per operation; `slow` multiplies by ten, `stuck` never ends. */
  timings: Partial<Record<TaskOperation, Timing>>
  /** How long result files stay downloadable, in virtual ms. */
  retentionMs: number
  /** When an option changes the retention (a URL-lifetime option), the retention under those options. */
  retentionFor?(options: VendorOptions): number
  /** Submit rate limit per key, when the vendor documents one. */
  rateLimit?: RateLimit
  /** Balance a key starts with, in the vendor's unit. */
  initialCredits: number
  /** The price of a task that fails is given back to its key (a reservation released on failure). */
  refundsFailedTasks?: boolean
  defaultOptions: VendorOptions
  /** Option names whose values are secrets (never echoed, journaled or logged). */
  secretOptions?: readonly string[]
  /** The vendor's own word for a task's state (`successFlag:1`, `processing`…), for the admin view. */
  vendorState(task: Task, view: TaskView): string
  /** Every error the core detects, in the vendor's shape. */
  renderError(error: CoreError, ctx: DialectContext): WireResponse
  callbacks: DialectCallbacks
}

/** Scenarios a dialect must render at submit; listed for the conformance catalog and tests. */
export type SubmitScenario = Extract<ScenarioName, 'unauthorized' | 'insufficient_credits' | 'rate_limited' | 'server_error' | 'maintenance' | 'upstream_error'>
