// A binary min-heap: push and pop in O(log n). The clock's timers and the refund ledger keep
// thousands of pending items; a sorted array or a linear scan made every submit O(n).

export class MinHeap<T> {
  private items: T[] = []
  private readonly before: (a: T, b: T) => boolean

  /** `before(a, b)` is true when a must come out before b. */
  constructor(before: (a: T, b: T) => boolean) {
    this.before = before
  }

  get size(): number {
    return this.items.length
  }

  peek(): T | undefined {
    return this.items[0]
  }

  push(item: T): void {
    const items = this.items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.before(items[i] as T, items[parent] as T)) break
      ;[items[i], items[parent]] = [items[parent] as T, items[i] as T]
      i = parent
    }
  }

  pop(): T | undefined {
    const items = this.items
    const top = items[0]
    const last = items.pop()
    if (items.length === 0 || last === undefined) return top
    items[0] = last
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let best = i
      if (left < items.length && this.before(items[left] as T, items[best] as T)) best = left
      if (right < items.length && this.before(items[right] as T, items[best] as T)) best = right
      if (best === i) break
      ;[items[i], items[best]] = [items[best] as T, items[i] as T]
      i = best
    }
    return top
  }

  /** Keeps only the items that pass, in O(n); for dropping many cancelled items at once. */
  retain(keep: (item: T) => boolean): void {
    const kept = this.items.filter(keep)
    this.items = []
    for (const item of kept) this.push(item)
  }

  clear(): void {
    this.items = []
  }
}
