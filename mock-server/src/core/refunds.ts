// Refunds of failed tasks for vendors that release the reservation when a task fails (the
// dialect's `refundsFailedTasks`). Settled lazily, when the key's balance is next read or charged:
// there is no timer per task. Each key keeps a min-heap of small entries ordered by settle time,
// so a read settles only what fell due (no rescan of the key's open tasks), and the entries hold
// no task: an evicted task is forgotten here too.
import { MinHeap } from './min-heap.js'
import type { Task } from './task.js'

export interface Entry {
  taskId: string
  at: number
  amount: number
  failed: boolean
}

interface KeyEntries {
  heap: MinHeap<Entry>
  /** Entries still current (not replaced, forgotten or settled). */
  live: number
}

export class RefundLedger {
  private byKey = new Map<string, KeyEntries>()
  /** The current entry of each tracked task, and the key it is filed under. */
  private open = new Map<string, { entry: Entry; key: string }>()

  /** Files a charged task, or re-files one whose timeline changed (the admin settled it). */
  track(task: Task): void {
    this.forget(task.id)
    if (task.completesAt === null || task.keyId === null || task.charged <= 0) return
    const key = `${task.vendor} ${task.keyId}`
    const entry: Entry = { taskId: task.id, at: task.completesAt, amount: task.charged, failed: task.outcome !== 'succeeded' }
    let entries = this.byKey.get(key)
    if (!entries) {
      entries = { heap: new MinHeap<Entry>((a, b) => a.at < b.at), live: 0 }
      this.byKey.set(key, entries)
    }
    entries.heap.push(entry)
    entries.live++
    this.open.set(task.id, { entry, key })
  }

  /** Drops a task (evicted): its refund is forgotten with it. */
  forget(taskId: string): void {
    const current = this.open.get(taskId)
    if (!current) return
    this.open.delete(taskId)
    const entries = this.byKey.get(current.key)
    if (entries && --entries.live === 0) this.byKey.delete(current.key)
  }

  /** Settles the key's tasks that ended by `now`; returns the total to give back. */
  settle(vendor: string, keyId: string, now: number): number {
    const key = `${vendor} ${keyId}`
    const entries = this.byKey.get(key)
    if (!entries) return 0
    let refund = 0
    for (let top = entries.heap.peek(); top && top.at <= now; top = entries.heap.peek()) {
      entries.heap.pop()
      // A replaced or forgotten entry is stale: skip it.
      if (this.open.get(top.taskId)?.entry !== top) continue
      this.open.delete(top.taskId)
      entries.live--
      if (top.failed) refund += top.amount
    }
    if (entries.live === 0) this.byKey.delete(key)
    return refund
  }

  /** Tasks currently tracked (for tests and health). */
  get size(): number {
    return this.open.size
  }

  clear(): void {
    this.byKey.clear()
    this.open.clear()
  }

  /** The open entries with their keys, for a shared-store snapshot (stale heap entries are dropped). */
  snapshot(): Array<Entry & { key: string }> {
    return [...this.open.values()].map(({ entry, key }) => ({ ...entry, key }))
  }

  restore(entries: ReadonlyArray<Entry & { key: string }>): void {
    this.clear()
    for (const { key, ...entry } of entries) {
      let filed = this.byKey.get(key)
      if (!filed) {
        filed = { heap: new MinHeap<Entry>((a, b) => a.at < b.at), live: 0 }
        this.byKey.set(key, filed)
      }
      filed.heap.push(entry)
      filed.live++
      this.open.set(entry.taskId, { entry, key })
    }
  }
}
