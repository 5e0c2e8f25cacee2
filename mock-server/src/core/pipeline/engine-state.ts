// The engine's state as one plain object, and the compiled dialects it shares. Compiling the
// dialects (spec validators, route tables) is the expensive part and happens once; a fresh state
// (tasks, journal, outbox, rules, accounts, randomness) is cheap, so one process can keep many.
import { Accounts } from '../accounts.js'
import type { VirtualClock } from '../clock.js'
import type { Dialect, DialectRoute, VendorOptions } from '../dialect.js'
import { RandomSource } from '../ids.js'
import { type JournalEntry, Ring, SecretHistory } from '../journal.js'
import { type CallbackSender, type CallbackMessage, type Delivery, Outbox } from '../outbox.js'
import { RefundLedger } from '../refunds.js'
import { ScenarioRules } from '../scenario.js'
import { TaskStore } from '../task.js'
import { type SpecValidator, specValidator } from '../../../../lib/spec/validation.js'

export interface EngineLimits {
  maxTasks: number
  maxRequests: number
  maxCallbacks: number
  /** Approximate bytes of all tasks, request bodies included (see taskBytes). */
  maxTaskBytes: number
  /** Approximate bytes of the request journal. */
  maxRequestBytes: number
  /** Approximate bytes of the callback journal. */
  maxCallbackBytes: number
}

const MB = 1024 * 1024

// Defaults sized for a long CI run inside the bin's 320 MB heap: counts for many small items, bytes
// for a few huge ones (0.9 MB bodies, 15 kB headers). Together the byte bounds stay near 200 MB,
// leaving the collector room (bench/soak.mjs measures RSS under mixed load).
export const DEFAULT_LIMITS: EngineLimits = {
  maxTasks: 200_000,
  maxRequests: 20_000,
  maxCallbacks: 20_000,
  maxTaskBytes: 128 * MB,
  maxRequestBytes: 48 * MB,
  maxCallbackBytes: 24 * MB,
}

/** Checks a callback URL at submit (core/callback-address.ts); answers why it is refused. */
export interface CallbackUrlCheck {
  checkUrl(url: string): string | undefined
}

export interface RouteEntry {
  route: DialectRoute
  requiresAuth: boolean
  operationId: string | null
  /** The operation's requestBody ($ref followed), when it takes one. */
  requestBody: { required?: boolean } | undefined
}

/** One dialect with its spec validator and route table, compiled once and shared by every state. */
export interface CompiledVendor {
  dialect: Dialect
  spec: SpecValidator
  routes: Map<string, RouteEntry>
}

/** What every state of one engine shares: compiled dialects and fixed settings. */
export interface EngineConfig {
  vendors: ReadonlyMap<string, CompiledVendor>
  seed: number
  strict: boolean
  limits: EngineLimits
  /** The vendor's base URL on this mock (no trailing slash). */
  baseUrl(vendor: string): string
  /** Option overrides per vendor on top of each dialect's defaults (CLI flags). */
  optionOverrides: Readonly<Record<string, VendorOptions>>
  /** Where strict-mode violations are reported (stderr in the CLI). */
  onViolation(message: string): void
  /** Refuses callback URLs the mock must never call (the mock itself, other schemes). */
  callbackPolicy?: CallbackUrlCheck
}

/** Everything a request can change. Plain data plus the bounded stores that hold it. */
export interface EngineState {
  config: EngineConfig
  clock: VirtualClock
  random: RandomSource
  tasks: TaskStore
  journal: Ring<JournalEntry>
  outbox: Outbox
  rules: ScenarioRules
  accounts: Accounts
  options: Map<string, VendorOptions>
  /** Submits accepted per vendor: the n-th task's random stream is named after n. */
  submits: Map<string, number>
  /**
   * Charged tasks not yet settled, per vendor and key, for dialects that refund failures. Settled
   * lazily when the key's balance is next read or charged: there is no timer per task.
   */
  refunds: RefundLedger
  /** Every secret value held since start (a rotated HMAC key stays redacted). */
  secretHistory: SecretHistory
  /** Strict-mode violations, in order. */
  violations: string[]
  /** Keys (fingerprints) whose first `connection_reset` submit has been cut: the next one goes through. */
  cutSubmits: Set<string>
}

// Every route must name an operation of the vendor's spec: the spec is the source of truth.
export function compileVendor(dialect: Dialect): CompiledVendor {
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
  return { dialect, spec, routes }
}

export interface StateInputs {
  clock: VirtualClock
  send: CallbackSender
  /** Renders a delivery at the moment of an attempt; given the state once it exists. */
  renderCallback(state: EngineState, delivery: Delivery, attemptAt: number): CallbackMessage
}

/** A fresh state over shared compiled config: no compiling, only empty stores. */
export function createEngineState(config: EngineConfig, inputs: StateInputs): EngineState {
  const state: EngineState = {
    config,
    clock: inputs.clock,
    random: new RandomSource(config.seed),
    tasks: new TaskStore({ maxTasks: config.limits.maxTasks, maxBytes: config.limits.maxTaskBytes }),
    journal: new Ring<JournalEntry>(config.limits.maxRequests, config.limits.maxRequestBytes),
    outbox: undefined as unknown as Outbox,
    rules: new ScenarioRules(),
    accounts: new Accounts(),
    options: new Map(),
    submits: new Map(),
    refunds: new RefundLedger(),
    secretHistory: new SecretHistory(),
    cutSubmits: new Set(),
    violations: [],
  }
  state.outbox = new Outbox({
    clock: inputs.clock,
    send: inputs.send,
    journalCap: config.limits.maxCallbacks,
    journalMaxBytes: config.limits.maxCallbackBytes,
    secrets: () => secretsOf(state),
    render: (delivery, attemptAt) => inputs.renderCallback(state, delivery, attemptAt),
  })
  // An evicted task is forgotten everywhere: no index may keep it alive.
  state.tasks.onEvict = (task) => state.refunds.forget(task.id)
  resetOptions(state)
  return state
}

export function resetOptions(state: EngineState): void {
  for (const [id, vendor] of state.config.vendors) setOptions(state, id, { ...vendor.dialect.defaultOptions, ...state.config.optionOverrides[id] })
}

/** Sets a vendor's options, remembering every secret value they carry. */
export function setOptions(state: EngineState, vendor: string, options: VendorOptions): void {
  state.options.set(vendor, options)
  for (const name of state.config.vendors.get(vendor)?.dialect.secretOptions ?? []) {
    const value = options[name]
    if (typeof value === 'string') state.secretHistory.remember(value)
  }
}

/**
 * Contract §4 reset: tasks, journal, rules, accounts, clock and randomness back to the start, as a
 * new epoch (callbacks in flight are dropped, not journalled). Options set through
 * PATCH /__admin/options are kept (specs/admin.openapi.yaml, reset).
 */
export function resetEngineState(state: EngineState): void {
  state.clock.reset()
  state.outbox.clear()
  state.tasks.clear()
  state.journal.clear()
  state.rules.clear()
  state.accounts.clear()
  state.random.reset()
  state.violations.length = 0
  state.refunds.clear()
  state.cutSubmits.clear()
  state.submits.clear()
}

export function optionsOf(state: EngineState, vendor: string): VendorOptions {
  return state.options.get(vendor) ?? {}
}

/** Every secret the mock holds or has held (HMAC keys, rotated ones too), to scrub from journals. */
export function secretsOf(state: EngineState): readonly string[] {
  return state.secretHistory.list()
}

export function reportViolation(state: EngineState, message: string): void {
  state.violations.push(message)
  state.config.onViolation(message)
}

export function vendorOf(state: EngineState, vendor: string): CompiledVendor {
  const compiled = state.config.vendors.get(vendor)
  if (!compiled) throw new Error(`Failed to route a request: vendor ${vendor} is not served`)
  return compiled
}
