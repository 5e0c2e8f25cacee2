// Callback delivery on the virtual clock: each vendor's retry delays, timeout and success rule, and
// a journal entry for every attempt. The outbox is the only scheduled thing in the mock.
import type { VirtualClock } from './clock.js'
import { type CallbackAttempt, Ring, redactSecrets } from './journal.js'

export interface CallbackPolicy {
  /** The vendor's receiver timeout, in virtual milliseconds. */
  timeoutMs: number
  /** Delay before each retry after a failed attempt; its length is the number of retries. */
  retryDelaysMs: readonly number[]
  /** Which receiver statuses count as delivered. */
  isDelivered(status: number): boolean
  /** Where the vendor documents it (docs/vendors/<vendor>.md section or URL). */
  source?: string
  /** The parts no vendor source gives, chosen by veomock (INFER). */
  inferred?: ReadonlyArray<'timeoutMs' | 'retryDelaysMs' | 'isDelivered'>
}

export interface CallbackMessage {
  event: string
  body: unknown
  headers: Record<string, string>
}

export interface SendResult {
  status: number
}

/** Does the HTTP POST. Throws on a network error or when the real timeout passes. */
export type CallbackSender = (url: string, body: string, headers: Record<string, string>, timeoutRealMs: number) => Promise<SendResult>

export interface Delivery {
  taskId: string
  vendor: string
  url: string
  /** Virtual time of the first attempt. */
  at: number
  policy: CallbackPolicy
  /** Renders the message at the moment of an attempt (state and signature timestamps are fresh). */
  render(attemptAt: number): CallbackMessage
  /** Validates a body in strict mode; returns problems to record on the attempt. */
  check?(body: unknown): string[]
}

interface Pending {
  id: number
  delivery: Delivery
  attempt: number
  timer: number
}

/** Below this a local receiver on a loaded machine would time out for no reason of its own. */
const MIN_REAL_TIMEOUT_MS = 250

export class Outbox {
  readonly journal: Ring<CallbackAttempt>
  private readonly clock: VirtualClock
  private readonly send: CallbackSender
  private readonly secrets: () => readonly string[]
  private pending = new Map<number, Pending>()
  private counter = 0
  /** Strict-mode problems found in callback bodies, for the server to report loudly. */
  readonly violations: string[] = []

  constructor(options: { clock: VirtualClock; send: CallbackSender; journalCap: number; secrets: () => readonly string[] }) {
    this.clock = options.clock
    this.send = options.send
    this.secrets = options.secrets
    this.journal = new Ring<CallbackAttempt>(options.journalCap)
  }

  enqueue(delivery: Delivery): number {
    const id = ++this.counter
    const entry: Pending = { id, delivery, attempt: 1, timer: 0 }
    entry.timer = this.clock.schedule(delivery.at, () => this.attempt(entry))
    this.pending.set(id, entry)
    return id
  }

  /** Moves every not-yet-attempted delivery of a task (the admin settled it early). */
  reschedule(taskId: string, at: number): void {
    for (const p of this.pending.values()) {
      if (p.delivery.taskId !== taskId || p.attempt !== 1) continue
      this.clock.cancel(p.timer)
      const shift = p.delivery.at
      p.delivery = { ...p.delivery, at: at + Math.max(0, shift - this.firstAt(taskId)) }
      p.timer = this.clock.schedule(p.delivery.at, () => this.attempt(p))
    }
  }

  private firstAt(taskId: string): number {
    let first = Infinity
    for (const p of this.pending.values()) if (p.delivery.taskId === taskId) first = Math.min(first, p.delivery.at)
    return first
  }

  hasPending(taskId: string): boolean {
    for (const p of this.pending.values()) if (p.delivery.taskId === taskId) return true
    return false
  }

  pendingCount(): number {
    return this.pending.size
  }

  clear(): void {
    for (const p of this.pending.values()) this.clock.cancel(p.timer)
    this.pending.clear()
    this.journal.clear()
    this.violations.length = 0
  }

  private async attempt(entry: Pending): Promise<void> {
    const { delivery } = entry
    const at = this.clock.now()
    const message = delivery.render(at)
    const problems = delivery.check?.(message.body) ?? []
    if (problems.length > 0) this.violations.push(...problems.map((p) => `callback for ${delivery.taskId}: ${p}`))
    const text = JSON.stringify(message.body)
    const headers = { 'content-type': 'application/json', 'user-agent': 'veomock-callback/1', ...message.headers }
    let status: number | null = null
    let error: string | null = null
    try {
      const timeout = Math.max(MIN_REAL_TIMEOUT_MS, this.clock.toRealMs(delivery.policy.timeoutMs))
      status = (await this.send(delivery.url, text, headers, timeout)).status
    } catch (e) {
      error = `Failed to deliver the callback to ${delivery.url}: ${(e as Error).message}`
    }
    const delivered = status !== null && delivery.policy.isDelivered(status)
    const retryIndex = entry.attempt - 1
    const delay = delivered ? undefined : delivery.policy.retryDelaysMs[retryIndex]
    const nextAttemptAt = delay === undefined ? null : at + delay
    const secrets = this.secrets()
    this.journal.push({
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
      // Virtual milliseconds, like every other time here: 0 in manual mode, so journals stay byte-stable.
      durationMs: this.clock.now() - at,
      delivered,
      nextAttemptAt,
    })
    if (nextAttemptAt === null) {
      this.pending.delete(entry.id)
      return
    }
    entry.attempt += 1
    entry.timer = this.clock.schedule(nextAttemptAt, () => this.attempt(entry))
  }
}
