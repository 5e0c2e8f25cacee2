import { describe, expect, it } from 'vitest'
import { publicEntry, Ring, redactHeaders, redactRawHeaders, redactSecrets } from './journal.js'

describe('redaction', () => {
  it('keeps the Authorization scheme and drops the credential', () => {
    expect(redactHeaders({ Authorization: 'Bearer sk-live-abc', 'x-api-key': 'k', cookie: 'a=b', accept: 'application/json' })).toEqual({
      authorization: 'Bearer [redacted]',
      'x-api-key': '[redacted]',
      cookie: '[redacted]',
      accept: 'application/json',
    })
  })

  it('redacts credentials in a raw header list and shows it as named headers', () => {
    const raw = redactRawHeaders(['Host', 'x', 'Authorization', 'Bearer sk-live-abc', 'X-Api-Key', 'k', 'Accept', 'a', 'Accept', 'b'])
    expect(raw).not.toContain('Bearer sk-live-abc')
    const entry = publicEntry({ headers: raw, responseText: '{"ok":true}' } as never)
    expect(entry.headers).toEqual({ host: 'x', authorization: 'Bearer [redacted]', 'x-api-key': '[redacted]', accept: 'a, b' })
    expect(entry.responseBody).toEqual({ ok: true })
  })

  it('replaces every occurrence of a secret anywhere in a value', () => {
    const value = { url: 'https://x/cb?key=hmac-secret-1', nested: ['hmac-secret-1', { s: 'a hmac-secret-1 b' }], n: 1 }
    expect(JSON.stringify(redactSecrets(value, ['hmac-secret-1']))).not.toContain('hmac-secret-1')
  })
})

describe('Ring', () => {
  it('keeps the newest entries up to its cap and counts evictions', () => {
    const ring = new Ring<{ seq: number }>(3)
    for (let i = 0; i < 5000; i++) ring.push({ seq: ring.nextSeq() })
    expect(ring.size).toBe(3)
    expect(ring.evicted).toBe(4997)
    expect(ring.filter(() => true).map((e) => e.seq)).toEqual([4998, 4999, 5000])
  })
})
