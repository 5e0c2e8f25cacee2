import { describe, expect, it } from 'vitest'
import { copyJson, depthExceeds, JsonBodyError, MAX_JSON_DEPTH, parseJsonBody, TOO_DEEP } from './json-body.js'

const nested = (levels: number, open: string, close: string) => open.repeat(levels) + close.repeat(levels)

describe('parsing request bodies as untrusted JSON (issue 11, defects 6 and 7)', () => {
  it.each([
    ['arrays nested 1,900 deep', nested(1900, '[', ']')],
    ['objects nested 3,900 deep', nested(3900, '{"a":', '}').replace(/}$/, '1}').replace('{"a":}', '1')],
    ['arrays nested 500,000 deep (a 1 MB body)', nested(500_000, '[', ']')],
  ])('refuses %s with a typed error instead of a stack overflow', (_name, text) => {
    const error = (() => {
      try {
        parseJsonBody(text)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(JsonBodyError)
    expect((error as JsonBodyError).reason).toMatch(/too_deep|malformed/)
  })

  it('accepts bodies up to the depth limit', () => {
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH, '[', ']'))).not.toThrow()
    expect(() => parseJsonBody(nested(MAX_JSON_DEPTH + 1, '[', ']'))).toThrow(/nests deeper than 64 levels/)
  })

  it('reports text that is not JSON as malformed', () => {
    expect(() => parseJsonBody('{"a":')).toThrow(expect.objectContaining({ reason: 'malformed' }))
  })

  it('keeps __proto__ an ordinary key: nothing is inherited from it', () => {
    const body = parseJsonBody('{"__proto__":{"prompt":"hidden","callBackUrl":"http://evil/"},"model":"veo3"}') as Record<string, unknown>
    expect(Object.getPrototypeOf(body)).toBeNull()
    expect(body.prompt).toBeUndefined()
    expect(body.callBackUrl).toBeUndefined()
    expect(Object.keys(body)).toEqual(['__proto__', 'model'])
    expect(JSON.stringify(body)).toBe('{"__proto__":{"prompt":"hidden","callBackUrl":"http://evil/"},"model":"veo3"}')
  })
})

describe('copyJson', () => {
  it('maps every string and keeps key order', () => {
    expect(JSON.stringify(copyJson({ b: 'x', a: ['y', { c: 'z' }], n: 1, t: true, z: null }, (s) => s.toUpperCase()))).toBe(
      '{"b":"X","a":["Y",{"c":"Z"}],"n":1,"t":true,"z":null}',
    )
  })

  it('copies a __proto__ key as a key, not as the prototype', () => {
    const source = JSON.parse('{"__proto__":{"required":"inherited"}}') as object
    const copy = copyJson(source, (s) => s) as Record<string, unknown>
    expect(copy.required).toBeUndefined()
    expect(Object.keys(copy)).toEqual(['__proto__'])
  })

  it('cuts values nested past its depth instead of recursing', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(depthExceeds(deep, 64)).toBe(true)
    const copy = copyJson(deep, (s) => s, 3)
    expect(copy).toEqual([[[TOO_DEEP]]])
  })
})
