// The virtual clock: the only source of "now" in the mock. Every vendor delay (queueing,
// generation, upgrades, URL expiry, rate-limit windows, callback retries) is measured on it.
//
// Scaled mode: N virtual milliseconds pass per real millisecond. Manual mode: time moves only
// through advance(). Real time and real timers are injected so core code never reads Date.now().
//
// Timers sit in a binary heap (O(log n) per schedule and per due timer): tens of thousands of
// pending callbacks must not make every submit slower.

import { MinHeap } from './min-heap.js'

export type TimeScale = number | 'manual'

/** Where real time and real timers come from; the server passes Node's, tests may pass fakes. */
export interface RealTime {
  now(): number
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface ClockSnapshot {
  now: number
  start: number
  elapsedMs: number
  scale: TimeScale
}

interface Timer {
  id: number
  at: number
  run: () => void | Promise<void>
  cancelled: boolean
}

/** Default virtual epoch: 2026-01-01T00:00:00Z, so the same seed gives the same timestamps. */
export const DEFAULT_VIRTUAL_START = Date.UTC(2026, 0, 1)

/** Why a time scale is refused, or undefined for a positive finite number or "manual". */
export function timeScaleProblem(scale: unknown): string | undefined {
  if (scale === 'manual' || (typeof scale === 'number' && scale > 0 && Number.isFinite(scale))) return undefined
  return `time scale must be a positive number or "manual", got ${JSON.stringify(scale) ?? String(scale)}`
}

export class VirtualClock {
  readonly start: number
  /** The scale a reset goes back to (the server's --time-scale). */
  readonly defaultScale: TimeScale
  private currentScale: TimeScale
  protected readonly real: RealTime
  private realOrigin: number
  private offset = 0
  private timers = new MinHeap<Timer>((a, b) => a.at < b.at || (a.at === b.at && a.id < b.id))
  private live = new Map<number, Timer>()
  private nextTimerId = 1
  /** Bumped by reset(): work started before it must not move the new epoch's time. */
  private epoch = 0
  private pending: unknown = undefined
  private pendingAt = Infinity
  private running: Promise<void> = Promise.resolve()
  /** The last value now() returned in scaled mode (it never goes backwards). */
  private lastNow = -Infinity

  constructor(options: { scale: TimeScale; start?: number; real: RealTime }) {
    const problem = timeScaleProblem(options.scale)
    if (problem) throw new Error(`Failed to create the virtual clock: ${problem}`)
    this.defaultScale = options.scale
    this.currentScale = options.scale
    this.start = options.start ?? DEFAULT_VIRTUAL_START
    this.real = options.real
    this.realOrigin = this.real.now()
  }

  get scale(): TimeScale {
    return this.currentScale
  }

  /**
   * Changes how fast time flows from now on (contract §2; per namespace, docs/contract.md §4.1):
   * the virtual now stays where it is, and pending timers are re-armed at the new pace.
   */
  setScale(scale: TimeScale): void {
    const problem = timeScaleProblem(scale)
    if (problem) throw new Error(`Failed to set the time scale: ${problem}`)
    const now = this.now()
    this.currentScale = scale
    this.offset = now - this.start
    this.realOrigin = this.real.now()
    this.disarm()
    this.arm()
  }

  /** Wall-clock Unix milliseconds from the injected real time: signature timestamps use it (contract §5.2). */
  wallNow(): number {
    return Math.floor(this.real.now())
  }

  /**
   * Virtual Unix milliseconds, always an integer so bodies stay byte-stable. Scaled mode: time
   * never runs past a timer that is due but not yet started. When the machine is too busy to fire
   * a due timer (a callback at the moment a task settles) before a request arrives, the request is
   * stamped just before that timer, as on an idle machine; load cannot reorder what happens in
   * virtual time, so verdicts over the journal do not depend on it. Never goes backwards.
   */
  now(): number {
    if (this.scale === 'manual') return this.start + this.offset
    const raw = this.rawNow()
    const next = this.earliest()
    const held = next !== undefined && next.at <= raw ? next.at - 1 : raw
    if (held > this.lastNow) this.lastNow = held
    return this.lastNow
  }

  /** Virtual time from real time (or the manual offset) alone, ignoring due timers: for arming and taking them. */
  private rawNow(): number {
    if (this.scale === 'manual') return this.start + this.offset
    return this.start + this.offset + Math.floor((this.real.now() - this.realOrigin) * this.scale)
  }

  snapshot(): ClockSnapshot {
    const now = this.now()
    return { now, start: this.start, elapsedMs: now - this.start, scale: this.scale }
  }

  /** Virtual milliseconds as real milliseconds (for timeouts of real I/O); manual mode keeps them. */
  toRealMs(virtualMs: number): number {
    return this.scale === 'manual' ? virtualMs : virtualMs / this.scale
  }

  /**
   * Moves virtual time forward, running every timer that falls due on the way in time order, each
   * seeing "now" equal to its due time. Resolves after those timers' work has finished.
   */
  advance(ms: number): Promise<void> {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      return Promise.reject(new Error(`Failed to advance the clock: ms must be a finite number >= 0, got ${String(ms)}`))
    }
    const work = this.running.then(async () => {
      const epoch = this.epoch
      const target = this.rawNow() + Math.floor(ms)
      for (;;) {
        const next = this.earliest()
        if (!next || next.at > target) break
        this.offset += Math.max(0, next.at - this.rawNow())
        // Timers due at the same virtual time run together (callbacks to different receivers go
        // out at once); the next time step waits for them, so retries land at their exact times.
        await Promise.allSettled(this.takeDue(next.at).map(async (t) => t.run()))
        // A reset while this step waited starts a new epoch: this advance no longer applies.
        if (this.epoch !== epoch) return
      }
      this.offset += Math.max(0, target - this.rawNow())
      this.arm()
    })
    this.running = work.catch(() => undefined)
    return work
  }

  /** Schedules fn at a virtual time; returns an id for cancel(). */
  schedule(at: number, run: () => void | Promise<void>): number {
    const id = this.nextTimerId++
    const timer: Timer = { id, at, run, cancelled: false }
    this.timers.push(timer)
    this.live.set(id, timer)
    this.arm()
    return id
  }

  cancel(id: number): void {
    const timer = this.live.get(id)
    if (!timer) return
    timer.cancelled = true
    this.live.delete(id)
    // Cancelled timers are skipped when they surface; drop them early when they pile up.
    if (this.timers.size > 1024 && this.timers.size > 2 * this.live.size) this.timers.retain((t) => !t.cancelled)
    this.arm()
  }

  /** Forget every timer and restart time at the start (admin reset). */
  reset(): void {
    this.epoch++
    this.timers.clear()
    this.live.clear()
    this.currentScale = this.defaultScale
    this.offset = 0
    this.realOrigin = this.real.now()
    this.lastNow = -Infinity
    this.disarm()
  }

  pendingTimers(): number {
    return this.live.size
  }

  /** Stops the real timer so a closed server leaves nothing behind. */
  stop(): void {
    this.timers.clear()
    this.live.clear()
    this.disarm()
  }

  private earliest(): Timer | undefined {
    for (;;) {
      const top = this.timers.peek()
      if (!top || !top.cancelled) return top
      this.timers.pop()
    }
  }

  /** Removes and returns every live timer due at or before `at`, in time order. */
  private takeDue(at: number): Timer[] {
    const due: Timer[] = []
    for (let next = this.earliest(); next && next.at <= at; next = this.earliest()) {
      this.timers.pop()
      this.live.delete(next.id)
      due.push(next)
    }
    return due
  }

  private disarm(): void {
    if (this.pending !== undefined) this.real.clearTimeout(this.pending)
    this.pending = undefined
    this.pendingAt = Infinity
  }

  // In scaled mode one real timer is kept for the earliest virtual timer.
  private arm(): void {
    if (this.scale === 'manual') return
    const next = this.earliest()
    if (!next) return this.disarm()
    if (this.pending !== undefined && this.pendingAt === next.at) return
    this.disarm()
    const delay = Math.max(0, Math.ceil((next.at - this.rawNow()) / this.scale))
    this.pendingAt = next.at
    this.pending = this.real.setTimeout(
      () => {
        this.pending = undefined
        this.pendingAt = Infinity
        this.runDue()
      },
      Math.min(delay, 2 ** 31 - 1),
    )
  }

  // Scaled mode: due timers are started, not awaited one after another, so one slow callback
  // receiver cannot hold back every other timer (the outbox bounds its own concurrency).
  private runDue(): void {
    for (const timer of this.takeDue(this.rawNow())) {
      try {
        void Promise.resolve(timer.run()).catch(() => undefined)
      } catch {
        // a timer's own failure is its owner's to record; the clock keeps going
      }
    }
    this.arm()
  }
}
