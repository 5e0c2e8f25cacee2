import { describe, expect, it } from 'vitest'
import { VENDOR_IDS } from '../../../../vendors/index.js'
import { type HttpMethod, specValidator } from '../../../../lib/spec/validation.js'
import { PROBES } from './index.js'

// The probes test what the specs document: a rejection probe's body must break a rule of the spec,
// every other body must satisfy it, and every path must be an operation of the spec.
describe.each(VENDOR_IDS)('%s probes', (vendor) => {
  const spec = specValidator(vendor)
  const withRequests = PROBES[vendor].filter((p) => p.request)

  it.each(withRequests.map((p) => [p.id, p] as const))('%s sends a request the spec describes as intended', (_id, probe) => {
    const request = probe.request!
    const match = spec.matchPath(request.path)
    expect(match, request.path).toBeDefined()
    const method = request.method.toLowerCase() as HttpMethod
    expect(spec.operation(match!.template, method)).toBeDefined()
    if (request.body === undefined) return
    const result = spec.validateRequestBody(match!.template, method, request.body)
    expect(result.valid, JSON.stringify(result.issues)).toBe(!probe.invalidBody)
  })

  it('has free probes for a missing key, an invalid key and an unknown task, and one paid lifecycle', () => {
    const ids = PROBES[vendor].map((p) => p.id)
    expect(ids).toEqual(expect.arrayContaining(['missing-key', 'invalid-key', 'unknown-task', 'lifecycle']))
    expect(PROBES[vendor].filter((p) => p.paid).map((p) => p.id)).toEqual(['lifecycle'])
    expect(PROBES[vendor].filter((p) => p.invalidBody).length).toBeGreaterThanOrEqual(3)
  })
})
