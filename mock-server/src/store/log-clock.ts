// A namespace's clock on a replica of a shared mock. Time does not flow here: it is set by the
// entries of the namespace's log (each carries its virtual arrival time, computed once inside the
// store), so every replica sees the same "now" at the same point of the log. Timers (the outbox's
// callback attempts) run when an entry moves time past them, each at its own due time, exactly as
// VirtualClock.advance runs them, so every replica renders the same attempts in the same order.
import { type ClockSnapshot, type RealTime, type TimeScale, VirtualClock } from '../core/clock.js'

interface Timer {
  id: number
  at: number
  run: () => void | Promise<void>
}

export class LogClock extends VirtualClock {
  private current: number
  private origin: number
  private queue: Timer[] = []
  private nextQueueId = 1

  constructor(options: { scale: TimeScale; start: number; real: RealTime }) {
    super(options)
    this.origin = options.start
    this.current = options.start
  }

  override now(): number {
    return this.current
  }

  override snapshot(): ClockSnapshot {
    return { now: this.current, start: this.origin, elapsedMs: this.current - this.origin, scale: this.scale }
  }

  /** The namespace's start as the store holds it (the replica that created the namespace chose it). */
  rebase(start: number): void {
    if (this.origin === start) return
    if (this.current === this.origin) this.current = start
    this.origin = start
  }

  /** True when moving to `at` would run a timer. */
  hasDueBy(at: number): boolean {
    const next = this.earliestTimer()
    return next !== undefined && next.at <= at
  }

  /** Moves to `at` when no timer is due by then (the common case: one assignment). */
  set(at: number): void {
    this.current = at
  }

  /**
   * Moves to `at`, first running every timer due by then in time order, each seeing "now" equal to
   * its due time. After starting each, `settle` lets it reach its first real wait (the outbox sends
   * the attempt it rendered), so every replica starts attempts at the same point of the log.
   * Returns the timers' work, which finishes when their results come back through the log.
   */
  async runTo(at: number, settle: () => Promise<void>): Promise<Promise<void>[]> {
    const started: Promise<void>[] = []
    for (;;) {
      const next = this.earliestTimer()
      if (!next || next.at > at) break
      this.queue.splice(this.queue.indexOf(next), 1)
      this.current = Math.max(this.current, next.at)
      const work = next.run()
      if (work) started.push(work.catch(() => undefined))
      await settle()
    }
    this.current = Math.max(this.current, at)
    return started
  }

  /** Admin advance is applied through the log (runTo); this form serves direct engine use. */
  override advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      return Promise.reject(new Error(`Failed to advance the clock: ms must be a finite number >= 0, got ${String(ms)}`))
    }
    return this.runTo(this.current + Math.floor(ms), () => new Promise((resolve) => setImmediate(resolve))).then(() => undefined)
  }

  override schedule(at: number, run: () => void | Promise<void>): number {
    const id = this.nextQueueId++
    this.queue.push({ id, at, run })
    return id
  }

  override cancel(id: number): void {
    const i = this.queue.findIndex((t) => t.id === id)
    if (i >= 0) this.queue.splice(i, 1)
  }

  /** Takes up a snapshot's time and scale, dropping every timer (the restored outbox sets its waiting deliveries' again). */
  restoreAt(now: number, scale: TimeScale): void {
    this.queue = []
    this.current = now
    this.setScale(scale)
  }

  override reset(): void {
    super.reset()
    this.queue = []
    this.current = this.origin
  }

  override stop(): void {
    this.queue = []
  }

  override pendingTimers(): number {
    return this.queue.length
  }

  /** Virtual time of the earliest timer, for the replica's tick. */
  nextDue(): number | undefined {
    return this.earliestTimer()?.at
  }

  private earliestTimer(): Timer | undefined {
    let best: Timer | undefined
    for (const t of this.queue) if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t
    return best
  }
}
