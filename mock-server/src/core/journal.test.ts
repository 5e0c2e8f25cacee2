import { describe, expect, it } from 'vitest'
import { headerBytes, keptBody, MAX_KEPT_BODY_BYTES, publicEntry, Ring, redactRawHeaders, SecretHistory } from './journal.js'
import { REDACTED, redactHeaders, redactSecrets } from '../../../lib/redaction.js'

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

describe('redaction by header name and by exact value (issue 11, defect 10)', () => {
  it.each([['apikey'], ['x-goog-api-key'], ['x-auth-token'], ['x-access-token'], ['api-key'], ['x-client-secret'], ['proxy-authorization']])(
    'redacts the %s header',
    (name) => {
      expect(redactHeaders({ [name]: 'live-credential-123' })[name]).not.toContain('live-credential-123')
      expect(redactRawHeaders([name, 'live-credential-123'])[1]).not.toContain('live-credential-123')
    },
  )

  it('keeps headers that carry no credential', () => {
    expect(redactHeaders({ 'x-veomock-scenario': 'slow', 'content-type': 'application/json' })).toEqual({
      'x-veomock-scenario': 'slow',
      'content-type': 'application/json',
    })
  })

  it('redacts a short secret only where a whole string equals it, never inside other data', () => {
    const value = { model: 'veo3_fast', key: 'veo3', note: 'veo3 is a model' }
    expect(redactSecrets(value, ['veo3'])).toEqual({ model: 'veo3_fast', key: REDACTED, note: 'veo3 is a model' })
  })

  it('redacts a long secret where it stands as a token, not inside a longer token', () => {
    const value = { url: 'https://r/cb?key=hmac-secret-1&x=1', other: 'hmac-secret-12', sig: 'Bearer hmac-secret-1' }
    expect(redactSecrets(value, ['hmac-secret-1'])).toEqual({
      url: `https://r/cb?key=${REDACTED}&x=1`,
      other: 'hmac-secret-12',
      sig: `Bearer ${REDACTED}`,
    })
  })

  it('remembers rotated secrets, newest first and bounded', () => {
    const history = new SecretHistory(2)
    history.remember('first-hmac-key')
    history.remember('second-hmac-key')
    expect(redactSecrets({ a: 'first-hmac-key', b: 'second-hmac-key' }, history.list())).toEqual({ a: REDACTED, b: REDACTED })
    history.remember('third-hmac-key')
    expect(history.list()).toEqual(['third-hmac-key', 'second-hmac-key'])
  })

  it('redacts a value nested thousands of levels deep without overflowing the stack (issue 11, defect 6)', () => {
    let deep: unknown = 'hmac-secret-1'
    for (let i = 0; i < 20_000; i++) deep = i % 2 ? [deep] : { d: deep }
    const out = redactSecrets(deep, ['hmac-secret-1'])
    expect(() => JSON.stringify(out)).not.toThrow()
    expect(JSON.stringify(out)).not.toContain('hmac-secret-1')
  })
})

describe('Ring bounded in bytes (issue 11, defect 1)', () => {
  it('evicts the oldest entries once the bytes declared pass its byte bound', () => {
    const ring = new Ring<{ seq: number }>(1000, 10_000)
    for (let i = 0; i < 100; i++) ring.push({ seq: ring.nextSeq() }, 1000)
    expect(ring.size).toBe(10)
    expect(ring.bytes).toBe(10_000)
    expect(ring.evicted).toBe(90)
    expect(ring.filter(() => true)[0]?.seq).toBe(91)
  })

  it('always keeps the newest entry, even one larger than the bound', () => {
    const ring = new Ring<{ seq: number }>(1000, 10)
    ring.push({ seq: ring.nextSeq() }, 5)
    ring.push({ seq: ring.nextSeq() }, 50)
    expect(ring.filter(() => true).map((e) => e.seq)).toEqual([2])
  })

  it('cuts kept headers to a byte budget and notes big bodies instead of keeping them', () => {
    const raw = redactRawHeaders(['x-big', 'a'.repeat(15_000), 'accept', 'b'.repeat(100)], 4096)
    expect(headerBytes(raw)).toBeLessThan(4096 + 200)
    expect(raw[1]).toMatch(/\[15000 chars, cut\]$/)
    expect(keptBody({ prompt: 'x' }, 10)).toEqual({ prompt: 'x' })
    expect(keptBody({ prompt: 'x' }, MAX_KEPT_BODY_BYTES + 1)).toMatch(/not kept/)
  })
})
