// MockEngine: one engine state (core/pipeline/engine-state.ts) with the operations the HTTP layer
// and the admin API need. The request pipeline itself lives in core/pipeline/, one file per step;
// this class only compiles the dialects once, holds the state and forwards.
import type { VirtualClock } from './clock.js'
import type { Dialect, VendorOptions } from './dialect.js'
import { type CallbackAttempt } from './journal.js'
import { REDACTED, redactSecrets } from '../../../lib/redaction.js'
import type { CallbackSender } from './outbox.js'
import { renderCallback, scheduleCallbacks } from './pipeline/callbacks.js'
import {
  compileVendor,
  createEngineState,
  DEFAULT_LIMITS,
  type CallbackUrlCheck,
  type EngineConfig,
  type EngineLimits,
  type EngineState,
  optionsOf,
  resetEngineState,
  resetOptions,
  secretsOf,
  setOptions,
} from './pipeline/engine-state.js'
import { handleRequest } from './pipeline/handle-request.js'
import { unroutedEntry } from './pipeline/respond.js'
import type { IncomingRequest } from './pipeline/request-route.js'
import type { EngineResponse } from './pipeline/wire-body.js'
import type { TaskFailure } from '../../../lib/scenarios.js'
import { type Task, viewTask } from './task.js'

export { DEFAULT_LIMITS, type EngineLimits } from './pipeline/engine-state.js'
export { FLAKY_POLLS } from './pipeline/poll.js'
export { DUPLICATE_CALLBACK_GAP_MS } from './pipeline/callbacks.js'
export { MAX_BODY_BYTES, type EngineResponse } from './pipeline/wire-body.js'
export { bearerToken, headerValue, type IncomingRequest } from './pipeline/request-route.js'

export interface EngineOptions {
  dialects: readonly Dialect[]
  seed: number
  clock: VirtualClock
  strict: boolean
  limits?: Partial<EngineLimits>
  send: CallbackSender
  /** The vendor's base URL on this mock (no trailing slash). */
  baseUrl(vendor: string): string
  /** Option overrides per vendor on top of each dialect's defaults (CLI flags). */
  options?: Partial<Record<string, VendorOptions>>
  /** Where strict-mode violations are reported (stderr in the CLI). */
  onViolation?(message: string): void
  /** Refuses callback URLs at submit (core/callback-address.ts CallbackAddressPolicy). */
  callbackPolicy?: CallbackUrlCheck
}

/** Compiles the dialects (spec validators, route tables) once, for any number of states. */
export function engineConfig(opts: Omit<EngineOptions, 'clock' | 'send'>): EngineConfig {
  const vendors = new Map(opts.dialects.map((d) => [d.id, compileVendor(d)]))
  const overrides: Record<string, VendorOptions> = {}
  for (const [id, value] of Object.entries(opts.options ?? {})) if (value) overrides[id] = value
  return {
    vendors,
    seed: opts.seed,
    strict: opts.strict,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    baseUrl: opts.baseUrl,
    optionOverrides: overrides,
    onViolation: opts.onViolation ?? (() => undefined),
    ...(opts.callbackPolicy ? { callbackPolicy: opts.callbackPolicy } : {}),
  }
}

export class MockEngine {
  readonly state: EngineState

  constructor(opts: EngineOptions) {
    this.state = createEngineState(engineConfig(opts), { clock: opts.clock, send: opts.send, renderCallback })
  }

  get clock() {
    return this.state.clock
  }
  get tasks() {
    return this.state.tasks
  }
  get journal() {
    return this.state.journal
  }
  get outbox() {
    return this.state.outbox
  }
  get rules() {
    return this.state.rules
  }
  get accounts() {
    return this.state.accounts
  }
  get random() {
    return this.state.random
  }
  get strict(): boolean {
    return this.state.config.strict
  }
  get limits(): EngineLimits {
    return this.state.config.limits
  }
  get violations(): string[] {
    return this.state.violations
  }
  get vendorIds(): string[] {
    return [...this.state.config.vendors.keys()]
  }

  /** Journals a request outside every vendor prefix, answered `status` by the HTTP layer (contract §1, §4). */
  journalUnrouted(req: Pick<IncomingRequest, 'method' | 'fullPath' | 'query' | 'headers' | 'rawHeaders'>, status: number, responseText: string): void {
    this.state.journal.push(unroutedEntry(req, status, responseText, this.state.clock.now(), this.state.journal.nextSeq()))
  }

  dialect(vendor: string): Dialect | undefined {
    return this.state.config.vendors.get(vendor)?.dialect
  }

  vendorBaseUrl(vendor: string): string {
    return this.state.config.baseUrl(vendor)
  }

  optionsOf(vendor: string): VendorOptions {
    return optionsOf(this.state, vendor)
  }

  patchOptions(vendor: string, patch: VendorOptions): VendorOptions {
    const next = { ...this.optionsOf(vendor), ...patch }
    setOptions(this.state, vendor, next)
    return next
  }

  /** Every vendor's options back to its defaults and CLI flags (a reset keeps patched options). */
  resetOptions(): void {
    resetOptions(this.state)
  }

  /** Options with secret values replaced, for the admin API. */
  publicOptions(vendor: string): VendorOptions {
    const out = { ...this.optionsOf(vendor) }
    for (const name of this.dialect(vendor)?.secretOptions ?? []) if (out[name] !== null && out[name] !== undefined) out[name] = REDACTED
    return out
  }

  /** Every secret the mock holds (HMAC keys), to scrub from journals. */
  secrets(): readonly string[] {
    return secretsOf(this.state)
  }

  /** Contract §4 reset: tasks, journal, rules, accounts, clock and randomness back to the start. */
  reset(): void {
    resetEngineState(this.state)
  }

  /** Serves one vendor request at the current virtual time. */
  handle(req: IncomingRequest): EngineResponse {
    const { response, entry } = handleRequest(this.state, req, this.state.clock.now())
    return { ...response, journal: { scenario: entry.scenario, taskId: entry.taskId, at: entry.at } }
  }

  /** Settles a task now (contract §4 finish). */
  finishTask(task: Task, outcome: 'success' | TaskFailure): Task {
    const now = this.clock.now()
    task.outcome = outcome === 'success' ? 'succeeded' : outcome
    task.queuedUntil = Math.min(task.queuedUntil, now)
    task.completesAt = now
    task.settledByAdmin = true
    const vendor = this.state.config.vendors.get(task.vendor)
    if (vendor?.dialect.refundsFailedTasks) this.state.refunds.track(task)
    if (vendor && task.callbackUrl) {
      if (this.outbox.hasPending(task.id)) this.outbox.reschedule(task.id, now)
      else if (!this.callbacksOf(task.id).length) scheduleCallbacks(this.state, vendor, task, now)
    }
    return task
  }

  callbacksOf(taskId: string): CallbackAttempt[] {
    return this.outbox.journal.filter((a) => a.taskId === taskId)
  }

  isSettled(task: Task): boolean {
    const view = viewTask(task, this.clock.now())
    return view.state === 'succeeded' || view.state === 'failed'
  }

  vendorState(task: Task): string {
    const dialect = this.dialect(task.vendor)
    return dialect ? dialect.vendorState(task, viewTask(task, this.clock.now())) : 'unknown'
  }

  /** A value with every secret the mock holds (HMAC keys) replaced, for admin answers. */
  redact<T>(value: T): T {
    return redactSecrets(value, this.secrets())
  }
}
