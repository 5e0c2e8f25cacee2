// Who may write to the admin API (issue 11, defect 3): a web page on another site cannot reset the
// mock or add rules, and a token closes the API when the mock is exposed.
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from '../server.js'

let open: RunningMockServer
let locked: RunningMockServer

beforeAll(async () => {
  open = await startMockServer({ port: 0, timeScale: 'manual' })
  locked = await startMockServer({ port: 0, timeScale: 'manual', adminToken: 'admin-secret-token' })
})
afterAll(async () => {
  await open.close()
  await locked.close()
})

const rule = JSON.stringify({ scenario: 'server_error', match: { vendor: 'kie' } })

async function call(base: string, path: string, init: RequestInit = {}) {
  const r = await fetch(`${base}/__admin${path}`, init)
  const text = await r.text()
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined }
}

describe('the admin API refuses cross-site writes', () => {
  it('refuses a text/plain body, which any web page can send without asking', async () => {
    const r = await call(open.url, '/scenarios', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: rule })
    expect(r.status).toBe(415)
    expect(r.type).toMatch(/application\/problem\+json/)
    expect(r.body.detail).toMatch(/must be application\/json/)
    expect((await open.admin.scenarios()).length).toBe(0)
  })

  it('refuses a form post', async () => {
    const r = await call(open.url, '/reset', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(r.status).toBe(415)
  })

  it('refuses a write whose Origin is another site, even without a body', async () => {
    const r = await call(open.url, '/reset', { method: 'POST', headers: { origin: 'https://evil.example' } })
    expect(r.status).toBe(403)
    expect(r.body.detail).toMatch(/another site \(Origin https:\/\/evil.example\)/)
  })

  it('refuses a same-origin write through a DNS name rebound to the mock', async () => {
    const port = new URL(open.url).port
    // node:http, because fetch will not send a Host header of our choosing.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${open.url}/__admin/reset`, {
        method: 'POST',
        headers: { origin: `http://rebound.example:${port}`, host: `rebound.example:${port}` },
      })
      req.on('response', (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(403)
  })

  it("accepts writes from the mock's own origin and from tools that send no Origin", async () => {
    const own = await call(open.url, '/scenarios', { method: 'POST', headers: { 'content-type': 'application/json', origin: open.url }, body: rule })
    expect(own.status).toBe(201)
    const tool = await call(open.url, '/scenarios', { method: 'DELETE' })
    expect(tool.status).toBe(204)
  })

  it('answers 400 for a body nested deeper than the limit, before parsing it', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000)
    const r = await call(open.url, '/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep })
    expect(r.status).toBe(400)
    expect(r.body.detail).toMatch(/nests deeper than 64 levels/)
  })
})

describe('the admin token (--admin-token)', () => {
  it('is required on admin calls, as a bearer token or x-veomock-admin-token', async () => {
    expect((await call(locked.url, '/tasks')).status).toBe(401)
    expect((await call(locked.url, '/reset', { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401)
    expect((await call(locked.url, '/tasks', { headers: { authorization: 'Bearer admin-secret-token' } })).status).toBe(200)
    expect((await call(locked.url, '/reset', { method: 'POST', headers: { 'x-veomock-admin-token': 'admin-secret-token' } })).status).toBe(200)
  })

  it('leaves the health check open, for container health probes', async () => {
    expect((await call(locked.url, '/health')).status).toBe(200)
  })

  it('does not guard the vendor APIs, which take any bearer key', async () => {
    const r = await fetch(`${locked.baseUrls.odkkk}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer any-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'a cat' }),
    })
    expect(r.status).toBe(200)
  })
})
