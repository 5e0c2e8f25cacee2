import { describe, expect, it } from 'vitest'
import { keyFingerprint, RandomSource } from './ids.js'
import { seededRandom } from '../../../lib/seeded-random.js'

describe('seeded randomness', () => {
  it('gives the same sequence for the same seed and label', () => {
    const a = seededRandom(42, 'vendor-a:task:1')
    const b = seededRandom(42, 'vendor-a:task:1')
    expect([a.hex(32), a.uuid(), a.int(1, 6)]).toEqual([b.hex(32), b.uuid(), b.int(1, 6)])
  })

  it('keeps streams independent, so one vendor traffic does not shift another vendor ids', () => {
    const source = new RandomSource(42)
    const first = source.stream('vendor-a:task:1').hex(32)
    source.stream('vendor-b:task:1').hex(32)
    const again = new RandomSource(42)
    expect(again.stream('vendor-a:task:1').hex(32)).toBe(first)
  })

  it('formats ids as the vendors do', () => {
    const r = seededRandom(1, 'x')
    expect(r.hex(32)).toMatch(/^[0-9a-f]{32}$/)
    expect(r.alnum(8)).toMatch(/^[a-z0-9]{8}$/)
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })

  it('keeps int() within its inclusive bounds', () => {
    const r = seededRandom(3, 'bounds')
    const values = Array.from({ length: 2000 }, () => r.int(10_000, 99_999))
    expect(Math.min(...values)).toBeGreaterThanOrEqual(10_000)
    expect(Math.max(...values)).toBeLessThanOrEqual(99_999)
  })
})

describe('key fingerprints', () => {
  it('are stable and never contain the key', () => {
    expect(keyFingerprint('sk-secret-123')).toBe(keyFingerprint('sk-secret-123'))
    expect(keyFingerprint('sk-secret-123')).not.toContain('secret')
    expect(keyFingerprint('sk-secret-123')).toMatch(/^key_[0-9a-f]{12}$/)
  })
})
