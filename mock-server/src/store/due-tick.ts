// In scaled mode a replica of a shared mock syncs when its clock's earliest timer falls due, so a
// callback attempt goes out on time even when no request arrives (log-clock.ts: time on a replica
// only moves with the log). The virtual now is estimated from the last reply of the store.
import type { RealTime } from '../core/clock.js'
import type { LogClock } from './log-clock.js'

export class DueTick {
  private timer: ReturnType<typeof setTimeout> | undefined
  private at = Infinity
  private seen = { virtual: 0, real: 0 }

  constructor(
    private readonly clock: LogClock,
    private readonly real: RealTime,
    private readonly sync: () => Promise<void>,
  ) {}

  /** The store's virtual now, as its last reply said. */
  saw(virtual: number): void {
    this.seen = { virtual, real: this.real.now() }
  }

  arm(): void {
    const { scale } = this.clock
    if (scale === 'manual') return this.disarm()
    const due = this.clock.nextDue()
    if (due === undefined) return this.disarm()
    if (this.timer && this.at === due) return
    this.disarm()
    const estimate = this.seen.virtual + (this.real.now() - this.seen.real) * scale
    const delay = Math.max(1, Math.ceil((due - estimate) / scale) + 1)
    this.at = due
    this.timer = setTimeout(
      () => {
        this.timer = undefined
        this.at = Infinity
        void this.sync()
          .catch(() => undefined)
          .finally(() => this.arm())
      },
      Math.min(delay, 2 ** 31 - 1),
    )
    this.timer.unref()
  }

  disarm(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.at = Infinity
  }
}
