// Requests outside every vendor prefix are answered 404 and journalled (docs/contract.md §1, §4), so a
// client that cannot take a path prefix sees in GET /__admin/requests why it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { specValidator } from '../../lib/spec/validation.js'
import { type RunningMockServer, startMockServer } from './server.js'

let mock: RunningMockServer
let origin: string
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual' })
  origin = new URL(mock.baseUrls.kie).origin
})
afterAll(async () => {
  await mock.close()
})

describe('a request that matches no vendor prefix', () => {
  it('is answered 404 problem+json and journalled with its path, status and a redacted key', async () => {
    await mock.admin.reset()
    const response = await fetch(`${origin}/api/v1/veo/generate?from=client`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-secret-unrouted-1', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a fox' }),
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(((await response.json()) as { detail: string }).detail).toMatch(/No vendor is served at \/api\/v1\/veo\/generate\. Vendor base URLs: \/kie/)

    const journal = await mock.admin.requests()
    expect(journal).toHaveLength(1)
    expect(journal[0]).toMatchObject({
      vendor: null,
      method: 'POST',
      path: '/api/v1/veo/generate',
      query: { from: 'client' },
      route: null,
      status: 404,
      valid: false,
      issues: ['no vendor is served at /api/v1/veo/generate'],
      authorization: 'bearer',
    })
    expect(JSON.stringify(journal)).not.toContain('sk-secret-unrouted-1')
    // The admin API still answers by its own spec.
    const raw = await fetch(`${origin}/__admin/requests`).then((r) => r.json())
    expect(specValidator('admin').validateResponse('/__admin/requests', 'get', 200, raw).issues).toEqual([])
  })

  it('is left out of a vendor-filtered journal, where only that vendor appears', async () => {
    await mock.admin.reset()
    await fetch(`${origin}/v1/videos/generations`, { method: 'POST', body: '{}' }).then((r) => r.arrayBuffer())
    expect(await mock.admin.requests({ vendor: 'odkkk' })).toEqual([])
    expect((await mock.admin.requests()).map((e) => [e.vendor, e.path, e.status])).toEqual([[null, '/v1/videos/generations', 404]])
  })
})
