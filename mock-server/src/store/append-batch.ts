// Group commit for one namespace on one replica: requests that arrive while the previous append is
// in flight go to the store together, in one script call (redis-scripts.ts APPEND). Idle, a
// request waits for nothing but its own round trip; under load one round trip, one script run and
// one reply carry many requests, so the store's cost per request falls as the load rises.
import type { AppendItem, AppendReply } from './redis-store.js'

/** At most this many items, or about this many payload bytes, per call (bodies can be large). */
const MAX_BATCH_ITEMS = 256
const MAX_BATCH_BYTES = 4 * 1024 * 1024

export interface QueuedItem extends AppendItem {
  /** The entry as this replica holds it (applied without parsing the payload back). */
  entry?: object
  resolve(value: unknown): void
  reject(error: Error): void
}

export interface BatchTarget {
  /** The generation the replica holds now (read when a batch leaves, not when an item is queued). */
  generation(): string
  append(gen: string, items: readonly AppendItem[]): Promise<AppendReply>
  /** Takes in a batch's reply; resolves or rejects each item. */
  take(reply: AppendReply, items: QueuedItem[]): void
}

export class AppendBatch {
  private queue: QueuedItem[] = []
  private busy = false
  private scheduled = false

  constructor(private readonly target: BatchTarget) {}

  /** Queues an item; resolves with what `take` resolves it with. */
  push(item: AppendItem & { entry?: object }): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject })
      // Requests read in the same turn of the event loop leave together.
      if (!this.busy && !this.scheduled) {
        this.scheduled = true
        setImmediate(() => {
          this.scheduled = false
          void this.flush()
        })
      }
    })
  }

  /** Rejects everything queued (the namespace is closing). */
  fail(error: Error): void {
    const queued = this.queue
    this.queue = []
    for (const item of queued) item.reject(error)
  }

  private async flush(): Promise<void> {
    if (this.busy || this.queue.length === 0) return
    this.busy = true
    let bytes = 0
    let n = 0
    while (n < this.queue.length && n < MAX_BATCH_ITEMS && (n === 0 || bytes + (this.queue[n] as QueuedItem).payload.length <= MAX_BATCH_BYTES))
      bytes += (this.queue[n++] as QueuedItem).payload.length
    const items = this.queue.splice(0, n)
    try {
      const reply = await this.target.append(this.target.generation(), items)
      this.target.take(reply, items)
    } catch (error) {
      for (const item of items) item.reject(error as Error)
    } finally {
      this.busy = false
      // What queued up meanwhile leaves at once: it has already waited one round trip.
      if (this.queue.length > 0) void this.flush()
    }
  }
}
