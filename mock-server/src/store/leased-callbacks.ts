// Callback delivery across replicas: every replica's outbox renders the same attempts in the same
// order (replicated-namespace.ts); a lease (SET NX PX in the store) picks the one replica that
// sends each, and its result goes into the namespace's log so every outbox records it and
// schedules the same retry. A lease that expires (its replica died) lets another replica send.
import type { CallbackSender, SendResult } from '../core/outbox.js'
import type { RedisStore } from './redis-store.js'

/** A lease outlives the send it guards by this much (a slow receiver must not get a second copy). */
const LEASE_MARGIN_MS = 2000

/** What a callback result looks like in the log. */
export interface CallbackResult {
  /** The attempt's number within the namespace's generation (the n-th send, the same on every replica). */
  n: number
  /** The receiver's status, or… */
  s?: number
  /** …why the send failed. */
  e?: string
}

interface PendingSend {
  n: number
  gen: string
  url: string
  body: string
  headers: Record<string, string>
  timeoutRealMs: number
  resolve(result: SendResult): void
  reject(error: Error): void
  timer?: ReturnType<typeof setTimeout>
}

/** The replicated namespace, as the callbacks see it. */
export interface LeaseHost {
  readonly store: RedisStore
  readonly name: string
  generation(): string
  isClosed(): boolean
  sync(): Promise<void>
  /** Appends a result to the log, for the generation that made the attempt. */
  recordResult(result: CallbackResult, gen: string): Promise<unknown>
}

export class LeasedCallbacks {
  private count = 0
  private readonly sends = new Map<number, PendingSend>()

  constructor(
    private readonly host: LeaseHost,
    private readonly transport: CallbackSender,
  ) {}

  get pending(): number {
    return this.sends.size
  }

  /** Attempts sent in this generation (snapshots carry it, so numbering goes on the same everywhere). */
  get sent(): number {
    return this.count
  }

  resume(sent: number): void {
    this.clear()
    this.count = sent
  }

  /** The outbox's sender: resolves when the attempt's result is applied from the log. */
  readonly send: CallbackSender = (url, body, headers, timeoutRealMs) => {
    const n = ++this.count
    return new Promise((resolve, reject) => {
      const pending: PendingSend = { n, gen: this.host.generation(), url, body, headers, timeoutRealMs, resolve, reject }
      this.sends.set(n, pending)
      setImmediate(() => void this.deliver(pending))
    })
  }

  /** Applies a result entry: the waiting attempt resolves; false when it is not this replica's. */
  settle(result: CallbackResult): boolean {
    const send = this.sends.get(result.n)
    if (!send) return false
    this.sends.delete(result.n)
    if (send.timer) clearTimeout(send.timer)
    if (result.s !== undefined) send.resolve({ status: result.s })
    else send.reject(new Error(result.e ?? 'no result'))
    return true
  }

  /** Forgets every attempt (a new generation of the namespace; its outbox was reset too). */
  clear(): void {
    for (const send of this.sends.values()) if (send.timer) clearTimeout(send.timer)
    this.sends.clear()
    this.count = 0
  }

  private async deliver(pending: PendingSend): Promise<void> {
    const { host } = this
    if (this.sends.get(pending.n) !== pending || host.isClosed()) return
    const leaseMs = pending.timeoutRealMs + LEASE_MARGIN_MS
    let mine = false
    try {
      mine = await host.store.lease(host.name, `${pending.gen}:${pending.n}`, leaseMs)
    } catch {
      // store away: try again after the lease time
    }
    if (!mine) {
      // Another replica sends it; if that replica dies, its lease expires and this one takes over.
      pending.timer = setTimeout(
        () =>
          void host
            .sync()
            .catch(() => undefined)
            .finally(() => void this.deliver(pending)),
        leaseMs,
      )
      pending.timer.unref()
      return
    }
    let result: CallbackResult
    try {
      result = { n: pending.n, s: (await this.transport(pending.url, pending.body, pending.headers, pending.timeoutRealMs)).status }
    } catch (error) {
      result = { n: pending.n, e: (error as Error).message }
    }
    for (let tries = 0; !host.isClosed() && tries < 300; tries++) {
      try {
        await host.recordResult(result, pending.gen)
        return
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
  }
}
