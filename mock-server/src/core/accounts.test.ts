import { describe, expect, it } from 'vitest'
import { Accounts } from './accounts.js'

describe('accounts', () => {
  it('keeps balances per vendor, each in its own unit', () => {
    const a = new Accounts()
    expect(a.charge('vendor-a', 'k', 60, 10_000)).toBe(true)
    expect(a.charge('vendor-c', 'k', 300_000, 25_000_000)).toBe(true)
    expect(a.balance('vendor-a', 'k', 10_000)).toBe(9_940)
    expect(a.balance('vendor-c', 'k', 25_000_000)).toBe(24_700_000)
    expect(a.balancesOf('k')).toEqual({ 'vendor-a': 9_940, 'vendor-c': 24_700_000 })
  })

  it('sets a key balance for every vendor and refuses a charge it does not cover', () => {
    const a = new Accounts()
    a.charge('vendor-a', 'k', 60, 10_000)
    a.set('k', 50)
    expect(a.balance('vendor-a', 'k', 10_000)).toBe(50)
    expect(a.charge('vendor-a', 'k', 60, 10_000)).toBe(false)
    expect(a.charge('vendor-b', 'k', 0.2, 100)).toBe(true)
    expect(a.balance('vendor-b', 'k', 100)).toBe(49.8)
  })

  it('rejects the request past the limit and says when the window frees up', () => {
    const a = new Accounts()
    const limit = { limit: 20, windowMs: 10_000 }
    for (let i = 0; i < 20; i++) expect(a.admit('vendor-a', 'k', limit, 1_000 + i * 100)).toEqual({ allowed: true })
    expect(a.admit('vendor-a', 'k', limit, 5_000)).toEqual({ allowed: false, retryAfterMs: 6_000 })
    expect(a.admit('vendor-a', 'k', limit, 11_001)).toEqual({ allowed: true })
    expect(a.admit('vendor-a', 'other', limit, 5_000)).toEqual({ allowed: true })
  })

  it('forgets idle keys so many one-off keys do not grow memory without bound', () => {
    const a = new Accounts()
    const limit = { limit: 20, windowMs: 10_000 }
    for (let i = 0; i < 50_000; i++) a.admit('vendor-a', `k${i}`, limit, i * 1_000)
    expect(a.windowCount()).toBeLessThan(10_001)
  })
})
