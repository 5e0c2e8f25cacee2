// The admin API (contract §4): every answer matches specs/admin.openapi.yaml, errors are problem+json.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type HttpMethod, specValidator } from '../../../lib/spec/validation.js'
import { type RunningMockServer, startMockServer } from '../server.js'

const spec = specValidator('admin')
let mock: RunningMockServer

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; type: string }> {
  const r = await fetch(`${mock.url}/__admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await r.text()
  const type = r.headers.get('content-type') ?? ''
  const parsed = text ? JSON.parse(text) : undefined
  // Every answer must match the admin spec for its operation and status.
  const match = spec.matchPath(`/__admin${path.split('?')[0]}`)
  if (match && spec.operation(match.template, method.toLowerCase() as HttpMethod)) {
    const result = spec.validateResponse(match.template, method.toLowerCase() as HttpMethod, r.status, parsed, type || 'application/json')
    expect(
      result.issues.map((i) => i.message),
      `${method} ${path} → ${r.status}`,
    ).toEqual([])
  }
  return { status: r.status, body: parsed, type }
}

async function submitOdkkk(prompt: string, key = 'admin-test-key', headers: Record<string, string> = {}): Promise<{ status: number; id: string }> {
  const r = await fetch(`${mock.baseUrls.odkkk}/v1/videos/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'veo3.1-pro', prompt }),
  })
  return { status: r.status, id: ((await r.json()) as { id: string }).id }
}

const violations: string[] = []
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, seed: 5, onViolation: (m) => violations.push(m) })
})
afterAll(async () => {
  expect(violations).toEqual([])
  await mock.close()
})
beforeEach(async () => {
  await admin('POST', '/reset')
})

describe('the admin API', () => {
  it('reports health with the clock, counts and limits', async () => {
    const r = await admin('GET', '/health')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: 'ok', seed: 5, counts: { tasks: 0 }, clock: { scale: 'manual' } })
  })

  it('moves the virtual clock and reads it back', async () => {
    const start = (await admin('GET', '/clock')).body as { now: number }
    const moved = await admin('POST', '/clock/advance', { ms: 90_000 })
    expect(moved.body).toMatchObject({ now: start.now + 90_000, elapsedMs: 90_000 })
  })

  it.each([
    ['a negative amount', { ms: -1 }],
    ['a string', { ms: 'soon' }],
    ['no body', undefined],
    ['malformed JSON', '{"ms":'],
  ])('refuses to advance the clock by %s with a problem+json 400', async (_name, body) => {
    const r = await admin('POST', '/clock/advance', body)
    expect(r.status).toBe(400)
    expect(r.type).toContain('application/problem+json')
    expect(r.body).toMatchObject({ status: 400, title: 'Bad Request' })
  })

  it('lists tasks with scenario, state and timeline, and settles one on request', async () => {
    const { id } = await submitOdkkk('a stuck one', 'k', { 'x-veomock-scenario': 'stuck' })
    const listed = (await admin('GET', '/tasks?vendor=odkkk')).body as { tasks: Array<{ id: string; scenario: string; state: string; scenarioSource: string }> }
    expect(listed.tasks).toEqual([expect.objectContaining({ id, scenario: 'stuck', state: 'queued', scenarioSource: 'header' })])
    await admin('POST', '/clock/advance', { ms: 86_400_000 })
    expect(((await admin('GET', `/tasks/${id}`)).body as { state: string }).state).toBe('running')
    const finished = await admin('POST', `/tasks/${id}/finish`, { scenario: 'content_violation' })
    expect(finished.body).toMatchObject({ state: 'failed', failure: 'content_violation', scenarioSource: 'admin' })
    const again = await admin('POST', `/tasks/${id}/finish`, { scenario: 'success' })
    expect(again.status).toBe(409)
    const detail = await fetch(`${mock.baseUrls.odkkk}/v1/tasks/${id}`, { headers: { authorization: 'Bearer k' } }).then((r) => r.json())
    expect(detail).toMatchObject({ status: 'failed', error: { code: 'content_policy_violation' } })
  })

  it('answers an unknown task with a problem+json 404', async () => {
    const r = await admin('GET', '/tasks/nope')
    expect(r.status).toBe(404)
    expect(r.type).toContain('application/problem+json')
  })

  it('journals requests with their validity and never the API key', async () => {
    await submitOdkkk('journal me', 'sk-very-secret-key')
    await fetch(`${mock.baseUrls.odkkk}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-very-secret-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'x'.repeat(2001) }),
    })
    const r = await admin('GET', '/requests?apiKey=sk-very-secret-key')
    const entries = (r.body as { requests: Array<{ valid: boolean; status: number; authorization: string; headers: Record<string, string> }> }).requests
    expect(entries.map((e) => [e.valid, e.status, e.authorization])).toEqual([
      [true, 200, 'bearer'],
      [false, 400, 'bearer'],
    ])
    expect(entries[0]?.headers.authorization).toBe('Bearer [redacted]')
    expect(JSON.stringify(r.body)).not.toContain('sk-very-secret-key')
  })

  it('applies a scenario rule the given number of times', async () => {
    const rule = await admin('POST', '/scenarios', { scenario: 'rate_limited', match: { vendor: 'odkkk' }, times: 2 })
    expect(rule.status).toBe(201)
    expect((await admin('GET', '/scenarios')).body).toMatchObject({ rules: [{ scenario: 'rate_limited', remaining: 2 }] })
    const statuses = [(await submitOdkkk('1')).status, (await submitOdkkk('2')).status, (await submitOdkkk('3')).status]
    expect(statuses).toEqual([429, 429, 200])
    expect((await admin('GET', '/scenarios')).body).toEqual({ rules: [] })
  })

  it('deletes rules one by one and all at once', async () => {
    const rule = (await admin('POST', '/scenarios', { scenario: 'slow' })).body as { id: string }
    await admin('POST', '/scenarios', { scenario: 'stuck' })
    expect((await admin('DELETE', `/scenarios/${rule.id}`)).status).toBe(204)
    expect((await admin('DELETE', `/scenarios/${rule.id}`)).status).toBe(404)
    expect((await admin('DELETE', '/scenarios')).status).toBe(204)
    expect((await admin('GET', '/scenarios')).body).toEqual({ rules: [] })
  })

  it('refuses an unknown scenario name', async () => {
    const r = await admin('POST', '/scenarios', { scenario: 'explode' })
    expect(r.status).toBe(400)
  })

  it('sets the balance behind the vendor 402', async () => {
    await admin('PUT', '/accounts/broke-key', { credits: 0 })
    expect((await admin('GET', '/accounts/broke-key')).body).toMatchObject({ credits: 0 })
    expect((await submitOdkkk('no money', 'broke-key')).status).toBe(402)
  })

  it('reads and patches vendor options, redacting secrets', async () => {
    const r = await admin('PATCH', '/options', { kie: { webhookHmacKey: 'super-secret-hmac' }, odkkk: { strictCallbacks: true } })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ kie: { webhookHmacKey: '[redacted]' }, odkkk: { strictCallbacks: true } })
    expect(JSON.stringify((await admin('GET', '/options')).body)).not.toContain('super-secret-hmac')
  })

  it('answers an unknown admin path and a wrong method with problem+json', async () => {
    expect((await admin('GET', '/nothing')).status).toBe(404)
    const wrong = await admin('DELETE', '/health')
    expect(wrong.status).toBe(405)
    expect(wrong.type).toContain('application/problem+json')
  })

  it('forgets tasks, journal and rules on reset, and restarts ids from the seed', async () => {
    const first = await submitOdkkk('same')
    await admin('POST', '/scenarios', { scenario: 'slow' })
    await admin('POST', '/reset')
    expect((await admin('GET', '/tasks')).body).toEqual({ tasks: [] })
    expect((await admin('GET', '/scenarios')).body).toEqual({ rules: [] })
    expect((await admin('GET', '/requests')).body).toEqual({ requests: [] })
    expect((await submitOdkkk('same')).id).toBe(first.id)
  })
})
