// Callback delivery on the virtual clock: each vendor's retry delays, timeout and success rule, and
// a journal entry for every attempt. The outbox is the only scheduled thing in the mock.
//
// Deliveries run concurrently, with a bound in total and a smaller one per receiver (URL origin),
// so one slow or silent receiver only delays its own callbacks. A reset starts a new epoch: what
// was in flight before it is aborted and neither journalled nor retried.
import type { VirtualClock } from './clock.js'
import { type CallbackAttempt, type CallbackErrorKind, Ring } from './journal.js'
import { redactSecrets } from '../../../lib/redaction.js'
import type { CallbackPolicy } from '../../../lib/callbacks.js'

export interface CallbackMessage {
  event: string
  body: unknown
  headers: Record<string, string>
}

export interface SendResult {
  status: number
}

/** A failed send that knows its kind (see CallbackAttempt.errorKind); other errors are classified by code. */
export class CallbackSendError extends Error {
  readonly kind: CallbackErrorKind
  constructor(kind: CallbackErrorKind, message: string) {
    super(message)
    this.kind = kind
  }
}

/** The kind of a transport error, from CallbackSendError or Node's error codes. */
export function errorKindOf(error: unknown): CallbackErrorKind {
  if (error instanceof CallbackSendError) return error.kind
  const e = error as { code?: string; name?: string; cause?: { code?: string } } | undefined
  const code = e?.code ?? e?.cause?.code
  if (code === 'ECONNREFUSED') return 'refused'
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') return 'reset'
  if (code === 'ETIMEDOUT' || e?.name === 'TimeoutError') return 'timeout'
  return 'other'
}

/**
 * Does the HTTP POST. Throws on a network error, when the real timeout passes or when `signal`
 * aborts (a reset or a shutdown).
 */
export type CallbackSender = (url: string, body: string, headers: Record<string, string>, timeoutRealMs: number, signal?: AbortSignal) => Promise<SendResult>

/** What a delivery is (contract §3 callback scenarios): the genuine callback, a repeat, or a forgery. */
export type DeliveryKind = 'genuine' | 'duplicate' | 'forged'

/**
 * One scheduled callback, as data: which task, to whom, when, under which policy. The message is
 * rendered at attempt time by the one render function the outbox is given, so a delivery can be
 * stored, copied or replayed without closures into the engine.
 */
export interface Delivery {
  taskId: string
  /** Journalled on every attempt; default genuine. */
  kind?: DeliveryKind
  /** How a forged delivery is forged (callback-plan.ts). */
  forgery?: 'bad-signature' | 'missing-signature' | 'stale-signature' | 'lie'
  vendor: string
  url: string
  /** Virtual time of the first attempt. */
  at: number
  policy: CallbackPolicy
}

/** Renders a delivery at the moment of an attempt (state and signature timestamps are fresh). */
export type RenderCallback = (delivery: Delivery, attemptAt: number) => CallbackMessage

interface Pending {
  id: number
  delivery: Delivery
  /** The receiver's origin: the unit of the per-receiver concurrency bound. */
  receiver: string
  attempt: number
  timer: number
  /** Virtual time the timer is set for (the next attempt). */
  due: number
}

/** A delivery waiting for its next attempt, as a snapshot holds it: data only (the policy is the vendor's). */
export interface PendingDelivery {
  id: number
  delivery: Omit<Delivery, 'policy'>
  attempt: number
  due: number
}

/** The outbox as a shared-store snapshot holds it. */
export interface OutboxSnapshot {
  journal: ReturnType<Ring<CallbackAttempt>['snapshot']>
  counter: number
  /** In the order their timers fire (due time, then scheduling order). */
  pending?: PendingDelivery[]
}

export interface OutboxLimits {
  /** Attempts in flight at once, across every receiver. */
  maxInFlight: number
  /** Attempts in flight at once to one receiver (scheme, host and port). */
  maxPerReceiver: number
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = { maxInFlight: 256, maxPerReceiver: 16 }

/**
 * Scaled time: below this a healthy local receiver on a loaded 2-core machine would time out for
 * no reason of its own and get the callback twice (250 ms did, under load). It equals the real-time
 * margin the conformance suite's callback-ack judge forgives a receiver, so an attempt is cut only
 * when that judge would fail the answer anyway.
 */
export const MIN_REAL_TIMEOUT_MS = 2000
/**
 * Manual time: the clock stands still while an attempt runs, so the vendor's timeout has no real
 * length; a silent receiver must not hold POST /__admin/clock/advance for the vendor's 15–60 s.
 */
export const MANUAL_REAL_TIMEOUT_MS = 2000

export class Outbox {
  readonly journal: Ring<CallbackAttempt>
  private readonly clock: VirtualClock
  private readonly send: CallbackSender
  private readonly secrets: () => readonly string[]
  private readonly render: RenderCallback
  private pending = new Map<number, Pending>()
  private byTask = new Map<string, Set<Pending>>()
  private counter = 0
  private readonly limits: OutboxLimits
  private inFlight = 0
  private inFlightBy = new Map<string, number>()
  /** Attempts waiting for a free slot, per receiver, in due order. */
  private waiting = new Map<string, Array<() => void>>()
  private epoch = 0
  private aborts = new Set<AbortController>()

  constructor(options: {
    clock: VirtualClock
    send: CallbackSender
    journalCap: number
    journalMaxBytes?: number
    secrets: () => readonly string[]
    render: RenderCallback
    limits?: Partial<OutboxLimits>
  }) {
    this.clock = options.clock
    this.send = options.send
    this.secrets = options.secrets
    this.render = options.render
    this.limits = { ...DEFAULT_OUTBOX_LIMITS, ...options.limits }
    this.journal = new Ring<CallbackAttempt>(options.journalCap, options.journalMaxBytes)
  }

  enqueue(delivery: Delivery): number {
    const id = ++this.counter
    this.track({ id, delivery, receiver: receiverOf(delivery.url), attempt: 1, timer: 0, due: delivery.at })
    return id
  }

  /** Sets a pending entry's timer for its due time and files it under its id and task. */
  private track(entry: Pending): void {
    this.setTimer(entry, entry.due, this.epoch)
    this.pending.set(entry.id, entry)
    const forTask = this.byTask.get(entry.delivery.taskId)
    if (forTask) forTask.add(entry)
    else this.byTask.set(entry.delivery.taskId, new Set([entry]))
  }

  /** Moves every not-yet-attempted delivery of a task (the admin settled it early). */
  reschedule(taskId: string, at: number): void {
    const entries = [...(this.byTask.get(taskId) ?? [])]
    const first = Math.min(...entries.map((p) => p.delivery.at))
    for (const p of entries) {
      if (p.attempt !== 1) continue
      this.clock.cancel(p.timer)
      p.delivery = { ...p.delivery, at: at + Math.max(0, p.delivery.at - first) }
      this.setTimer(p, p.delivery.at, this.epoch)
    }
  }

  hasPending(taskId: string): boolean {
    return this.byTask.has(taskId)
  }

  pendingCount(): number {
    return this.pending.size
  }

  /** Attempts on the wire right now. */
  inFlightCount(): number {
    return this.inFlight
  }

  /** No attempt on the wire and none waiting for a free slot: the outbox is data only (snapshot()). */
  idle(): boolean {
    return this.inFlight === 0 && this.waiting.size === 0
  }

  /** Pending deliveries per vendor, for the shutdown report. */
  pendingByVendor(): Record<string, number> {
    const out: Record<string, number> = {}
    for (const p of this.pending.values()) out[p.delivery.vendor] = (out[p.delivery.vendor] ?? 0) + 1
    return out
  }

  /** Waits until no attempt is on the wire, or `timeoutMs` real ms pass (graceful shutdown). */
  async drain(timeoutMs: number, sleep: (ms: number) => Promise<void>): Promise<boolean> {
    for (let waited = 0; this.inFlight > 0 && waited < timeoutMs; waited += 20) await sleep(20)
    return this.inFlight === 0
  }

  /** Starts a new epoch: every pending delivery is forgotten and every attempt in flight aborted. */
  clear(): void {
    this.epoch++
    for (const p of this.pending.values()) this.clock.cancel(p.timer)
    for (const controller of this.aborts) controller.abort(new Error('the mock was reset'))
    this.aborts.clear()
    this.pending.clear()
    this.byTask.clear()
    this.inFlight = 0
    this.inFlightBy.clear()
    for (const queue of this.waiting.values()) for (const wake of queue) wake()
    this.waiting.clear()
    this.journal.clear()
  }

  /**
   * The attempt journal, the counter and every delivery waiting for its next attempt, for a
   * shared-store snapshot; undefined while an attempt is on the wire or waiting for a free slot
   * (a connection is not data). A waiting delivery is: its timer is only a due time.
   */
  snapshot(): OutboxSnapshot | undefined {
    if (!this.idle()) return undefined
    // Timers that fall due together fire in the order they were set, on every replica alike.
    const pending = [...this.pending.values()]
      .sort((a, b) => a.due - b.due || a.timer - b.timer)
      .map(({ id, delivery: { policy: _policy, ...delivery }, attempt, due }) => ({ id, delivery, attempt, due }))
    return { journal: this.journal.snapshot(), counter: this.counter, pending }
  }

  /** Takes up a snapshot; `policyOf` gives each vendor's delivery policy (the only part that is code). */
  restore(data: OutboxSnapshot, policyOf: (vendor: string) => CallbackPolicy | undefined): void {
    this.clear()
    this.journal.restore(data.journal)
    this.counter = data.counter
    for (const p of data.pending ?? []) {
      const policy = policyOf(p.delivery.vendor)
      // A vendor this server does not serve cannot be delivered for: the snapshot came from another setup.
      if (!policy) continue
      this.track({ id: p.id, delivery: { ...p.delivery, policy }, receiver: receiverOf(p.delivery.url), attempt: p.attempt, timer: 0, due: p.due })
    }
  }

  private forget(entry: Pending): void {
    this.pending.delete(entry.id)
    const forTask = this.byTask.get(entry.delivery.taskId)
    forTask?.delete(entry)
    if (forTask?.size === 0) this.byTask.delete(entry.delivery.taskId)
  }

  /** Waits for a free slot in total and for this receiver; false when a reset came meanwhile. */
  private async acquire(receiver: string, epoch: number): Promise<boolean> {
    while (this.inFlight >= this.limits.maxInFlight || (this.inFlightBy.get(receiver) ?? 0) >= this.limits.maxPerReceiver) {
      const key = this.inFlight >= this.limits.maxInFlight ? '' : receiver
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key)
        if (queue) queue.push(resolve)
        else this.waiting.set(key, [resolve])
      })
      if (epoch !== this.epoch) return false
    }
    this.inFlight++
    this.inFlightBy.set(receiver, (this.inFlightBy.get(receiver) ?? 0) + 1)
    return true
  }

  private release(receiver: string): void {
    this.inFlight--
    const left = (this.inFlightBy.get(receiver) ?? 1) - 1
    if (left > 0) this.inFlightBy.set(receiver, left)
    else this.inFlightBy.delete(receiver)
    // Wake one waiter of this receiver and one waiting for a global slot; each re-checks.
    for (const key of [receiver, '']) {
      const queue = this.waiting.get(key)
      const wake = queue?.shift()
      if (queue?.length === 0) this.waiting.delete(key)
      wake?.()
    }
  }

  private realTimeoutMs(policy: CallbackPolicy): number {
    if (this.clock.scale === 'manual') return Math.min(policy.timeoutMs, MANUAL_REAL_TIMEOUT_MS)
    return Math.max(MIN_REAL_TIMEOUT_MS, this.clock.toRealMs(policy.timeoutMs))
  }

  private async attempt(entry: Pending, epoch: number): Promise<void> {
    if (epoch !== this.epoch || !(await this.acquire(entry.receiver, epoch))) return
    const controller = new AbortController()
    this.aborts.add(controller)
    try {
      await this.deliver(entry, epoch, controller.signal)
    } finally {
      this.aborts.delete(controller)
      if (epoch === this.epoch) this.release(entry.receiver)
    }
  }

  private async deliver(entry: Pending, epoch: number, signal: AbortSignal): Promise<void> {
    const { delivery } = entry
    const at = this.clock.now()
    const message = this.render(delivery, at)
    const text = JSON.stringify(message.body)
    const headers = { 'content-type': 'application/json', 'user-agent': 'veomock-callback/1', ...message.headers }
    let status: number | null = null
    let error: string | null = null
    let errorKind: CallbackErrorKind | null = null
    // The time to acknowledge counts from the send: rendering and strict validation are the mock's time, not the receiver's.
    const sentAt = this.clock.now()
    try {
      // A timeout is a failed attempt like any other: the sender throws and the retry schedule goes on.
      status = (await this.send(delivery.url, text, headers, this.realTimeoutMs(delivery.policy), signal)).status
    } catch (e) {
      error = `Failed to deliver the callback to ${delivery.url}: ${(e as Error).message}`
      errorKind = errorKindOf(e)
    }
    // Work of an epoch a reset has ended is dropped: not journalled, not retried.
    if (epoch !== this.epoch) return
    const delivered = status !== null && delivery.policy.isDelivered(status)
    const retryIndex = entry.attempt - 1
    // A target the address policy refuses stays refused: no retry.
    const delay = delivered || errorKind === 'blocked' ? undefined : delivery.policy.retryDelaysMs[retryIndex]
    const nextAttemptAt = delay === undefined ? null : at + delay
    const secrets = this.secrets()
    const attempt: CallbackAttempt = {
      seq: this.journal.nextSeq(),
      taskId: delivery.taskId,
      vendor: delivery.vendor,
      url: redactSecrets(delivery.url, secrets),
      attempt: entry.attempt,
      at,
      event: message.event,
      body: redactSecrets(message.body, secrets),
      headers: redactSecrets(headers, secrets),
      status,
      error: error === null ? null : redactSecrets(error, secrets),
      errorKind,
      // Virtual milliseconds, like every other time here: 0 in manual mode, so journals stay byte-stable.
      durationMs: this.clock.now() - at,
      delivered,
      nextAttemptAt,
      kind: delivery.kind ?? 'genuine',
      // The receiver's time to acknowledge, judged against the vendor's timeout (contract §5.2).
      ackMs: status === null ? null : this.clock.now() - sentAt,
    }
    this.journal.push(attempt, approximateBytes(text) * 2 + 512)
    if (nextAttemptAt === null) {
      this.forget(entry)
      return
    }
    entry.attempt += 1
    this.setTimer(entry, nextAttemptAt, epoch)
  }

  /** The one way an entry's next attempt is set: its due time (snapshots read it) and its timer. */
  private setTimer(entry: Pending, due: number, epoch: number): void {
    entry.due = due
    entry.timer = this.clock.schedule(due, () => this.attempt(entry, epoch))
  }
}

/** `https://Host:443/x` → `https://host:443`: attempts to one receiver share its bound. */
function receiverOf(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}`
  } catch {
    return url
  }
}

function approximateBytes(text: string): number {
  return text.length
}
