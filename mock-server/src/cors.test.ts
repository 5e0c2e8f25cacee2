// serve --cors: browser clients on another origin can call the vendor APIs and read the specs;
// the admin API stays same-origin.
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { corsApplies } from './cors.js'
import { createMockServer } from './server.js'

const origin = 'http://localhost:5173'

describe('--cors', () => {
  const { handler } = createMockServer({ timeScale: 'manual', cors: true })

  it('answers a browser preflight for a vendor submit with the requested headers allowed', async () => {
    const response = await request(handler)
      .options('/kie/api/v1/veo/generate')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type')
      .expect(204)
    expect(response.headers['access-control-allow-origin']).toBe('*')
    expect(response.headers['access-control-allow-methods']).toContain('POST')
    expect(response.headers['access-control-allow-headers']).toBe('authorization,content-type')
    expect(response.headers['access-control-max-age']).toBe('600')
  })

  it('lets the page read vendor answers, rate-limit hints and result-file ranges', async () => {
    const response = await request(handler)
      .post('/odkkk/v1/videos/generations')
      .set('Origin', origin)
      .set('Authorization', 'Bearer k')
      .send({ model: 'veo3.1-pro', prompt: 'a cat playing piano' })
      .expect(200)
    expect(response.headers['access-control-allow-origin']).toBe('*')
    expect(response.headers['access-control-expose-headers']).toContain('Retry-After')
    expect(response.headers['access-control-expose-headers']).toContain('Content-Range')
  })

  it('covers the served specs but not the admin API', async () => {
    const spec = await request(handler).get('/__admin/specs/kie.openapi.json').set('Origin', origin).expect(200)
    expect(spec.headers['access-control-allow-origin']).toBe('*')
    const admin = await request(handler).get('/__admin/health').set('Origin', origin)
    expect(admin.headers['access-control-allow-origin']).toBeUndefined()
    expect(corsApplies('/ns/job-1/__admin/reset')).toBe(false)
    expect(corsApplies('/ns/job-1/__admin/specs/kie.openapi.yaml')).toBe(true)
    expect(corsApplies('/ns/job-1/kie/api/v1/veo/generate')).toBe(true)
  })

  it('allows only the listed origins when given a list', async () => {
    const listed = createMockServer({ timeScale: 'manual', cors: [origin] }).handler
    const allowed = await request(listed).get('/kie/api/v1/common/download-url').set('Origin', origin)
    expect(allowed.headers['access-control-allow-origin']).toBe(origin)
    const other = await request(listed).get('/kie/api/v1/common/download-url').set('Origin', 'http://evil.test')
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('without --cors', () => {
  it('sends no CORS headers and leaves OPTIONS to the vendor', async () => {
    const { handler } = createMockServer({ timeScale: 'manual' })
    const response = await request(handler).options('/kie/api/v1/veo/generate').set('Origin', origin).set('Access-Control-Request-Method', 'POST')
    expect(response.headers['access-control-allow-origin']).toBeUndefined()
    expect(response.status).not.toBe(204)
  })
})
