import { describe, expect, it } from 'vitest'
import { RefundLedger } from './refunds.js'
import type { Task } from './task.js'

function task(id: string, completesAt: number | null, outcome: Task['outcome'], keyId = 'k1', charged = 10): Task {
  return { id, vendor: 'v', keyId, completesAt, outcome, charged } as Task
}

describe('the refund ledger (issue 11, defect 8)', () => {
  it('gives back the price of failed tasks once they have ended, once', () => {
    const ledger = new RefundLedger()
    ledger.track(task('a', 100, 'generation_failed'))
    ledger.track(task('b', 200, 'succeeded'))
    ledger.track(task('c', 300, 'content_violation'))
    expect(ledger.settle('v', 'k1', 50)).toBe(0)
    expect(ledger.settle('v', 'k1', 250)).toBe(10)
    expect(ledger.settle('v', 'k1', 250)).toBe(0)
    expect(ledger.settle('v', 'k1', 300)).toBe(10)
    expect(ledger.size).toBe(0)
  })

  it('follows a task the admin settled differently, and forgets an evicted task entirely', () => {
    const ledger = new RefundLedger()
    const t = task('a', 100, 'generation_failed')
    ledger.track(t)
    ledger.track({ ...t, completesAt: 40, outcome: 'succeeded' })
    expect(ledger.settle('v', 'k1', 1000)).toBe(0)
    ledger.track(task('b', 100, 'generation_failed', 'k2'))
    ledger.forget('b')
    expect(ledger.settle('v', 'k2', 1000)).toBe(0)
    expect(ledger.size).toBe(0)
  })

  it('keeps nothing for 150,000 distinct keys once their tasks are evicted', () => {
    const ledger = new RefundLedger()
    for (let i = 0; i < 150_000; i++) {
      ledger.track(task(`t${i}`, 1e12, 'generation_failed', `key-${i}`))
      if (i >= 100) ledger.forget(`t${i - 100}`)
    }
    expect(ledger.size).toBe(100)
    expect((ledger as unknown as { byKey: Map<string, unknown> }).byKey.size).toBe(100)
  })

  it('ignores stuck tasks until they are settled, and tasks without a key or a price', () => {
    const ledger = new RefundLedger()
    ledger.track(task('s', null, null))
    ledger.track(task('free', 10, 'generation_failed', 'k1', 0))
    expect(ledger.size).toBe(0)
  })
})
