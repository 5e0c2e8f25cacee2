// Waits and the give-up budget, on the vendor's (virtual) clock. Contract §5: a client divides
// every wait (poll interval, backoff, timeout) by VEO_TIME_SCALE, and its `timeoutMs` budget counts
// from its own start.

/** Real milliseconds added to every wait, so timer granularity never makes a wait shorter than asked. */
const WAIT_MARGIN_REAL_MS = 1

export function sleepReal(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

export class Budget {
  readonly timeScale: number
  private readonly deadline: number

  /** `timeoutMs` in vendor milliseconds; the clock starts now. */
  constructor(timeoutMs: number, timeScale: number) {
    this.timeScale = timeScale > 0 && Number.isFinite(timeScale) ? timeScale : 1
    this.deadline = performance.now() + Math.max(0, timeoutMs) / this.timeScale
  }

  /** Vendor milliseconds left before the client must give up. */
  remainingMs(): number {
    return Math.max(0, (this.deadline - performance.now()) * this.timeScale)
  }

  expired(): boolean {
    return performance.now() >= this.deadline
  }

  /**
   * Waits `ms` vendor milliseconds. When the budget ends first, waits until the deadline instead and
   * returns false: the caller gives up then, without one more request.
   */
  async wait(ms: number): Promise<boolean> {
    const wantReal = Math.max(0, ms) / this.timeScale + WAIT_MARGIN_REAL_MS
    const leftReal = this.deadline - performance.now()
    if (wantReal >= leftReal) {
      await sleepReal(leftReal)
      return false
    }
    await sleepReal(wantReal)
    return true
  }
}
