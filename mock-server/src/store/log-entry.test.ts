// What a replica writes to the shared store for a request: never a credential (docs/contract.md §4.1).
import { describe, expect, it } from 'vitest'
import { carriesCallbackUrl, decodeVendorRequest, encodeVendorRequest } from './log-entry.js'

describe('a vendor request in the log', () => {
  it('holds a key only as its fingerprint and no other secret header, and reads back the headers routes use', () => {
    const raw = [
      'Authorization',
      'Bearer sk-live-123456',
      'Cookie',
      'session=abcdef',
      'X-Api-Key',
      'ak-987654',
      'Content-Type',
      'application/json',
      'X-Veomock-Scenario',
      'timeout',
    ]
    const headers = {
      authorization: 'Bearer sk-live-123456',
      cookie: 'session=abcdef',
      'x-api-key': 'ak-987654',
      'content-type': 'application/json',
      'x-veomock-scenario': 'timeout',
    }
    const entry = encodeVendorRequest({
      vendor: 'kie',
      method: 'POST',
      path: '/p',
      fullPath: '/kie/p',
      query: {},
      headers,
      rawHeaders: raw,
      rawBody: Buffer.from('{}'),
      bodyTooLarge: false,
    })
    const text = JSON.stringify(entry)
    for (const secret of ['sk-live-123456', 'abcdef', 'ak-987654']) expect(text).not.toContain(secret)
    const back = decodeVendorRequest(JSON.parse(text))
    expect(back.headers).toMatchObject({ 'content-type': 'application/json', 'x-veomock-scenario': 'timeout' })
    expect(back.headers.authorization).toMatch(/^Bearer \u0000key_[0-9a-f]{12}$/)
    expect(back.rawBody?.toString()).toBe('{}')
  })

  it("is marked as carrying a callback URL when its body names the vendor's callback field", () => {
    const request = (vendor: string, body: object | undefined) => ({
      vendor,
      method: 'POST',
      path: '/p',
      fullPath: `/${vendor}/p`,
      query: {},
      headers: {},
      rawBody: body ? Buffer.from(JSON.stringify(body)) : undefined,
      bodyTooLarge: false,
    })
    expect(carriesCallbackUrl(request('kie', { prompt: 'x', callBackUrl: 'http://127.0.0.1:9/hook' }))).toBe(true)
    expect(carriesCallbackUrl(request('apixo', { input: { prompt: 'x' }, callback_url: 'http://127.0.0.1:9/hook' }))).toBe(true)
    expect(carriesCallbackUrl(request('kie', { prompt: 'x', callback_url: 'http://127.0.0.1:9/hook' }))).toBe(false)
    expect(carriesCallbackUrl(request('kie', { prompt: 'x' }))).toBe(false)
    expect(carriesCallbackUrl(request('kie', undefined))).toBe(false)
  })
})
