import request from 'supertest'
import { afterEach, describe, expect, it } from 'vitest'
import { createMockServer, startMockServer, type RunningMockServer } from '../server.js'
import { parseIdle, splitNamespace } from './namespace-path.js'

const KIE = '/kie/api/v1/veo/generate'
const body = { prompt: 'a red fox in snow', model: 'veo3_fast', aspect_ratio: '16:9' }

describe('namespace paths', () => {
  it.each([
    ['/ns/job-1/kie/api/v1/veo/generate', { name: 'job-1', rest: '/kie/api/v1/veo/generate' }],
    ['/ns/a.b_c/__admin/health?x=1', { name: 'a.b_c', rest: '/__admin/health?x=1' }],
    ['/ns/job-1', { name: 'job-1', rest: '/' }],
    ['/ns/job-1?x', { name: 'job-1', rest: '/?x' }],
    ['/ns/..%2F/kie', { name: undefined, rest: '/kie' }],
  ])('splits %s', (url, want) => {
    expect(splitNamespace(url)).toMatchObject(want)
  })

  it('leaves URLs without the prefix alone', () => {
    expect(splitNamespace('/kie/api/v1/veo/generate')).toBeUndefined()
  })

  it.each([
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['2h', 7_200_000],
    ['1500', 1500],
    ['off', 0],
  ])('reads the idle time %s', (raw, ms) => {
    expect(parseIdle(raw)).toBe(ms)
  })

  it('refuses an idle time it cannot read', () => {
    expect(() => parseIdle('soon')).toThrow(/Failed to read the idle time "soon"/)
  })
})

describe('namespaces in one process', () => {
  let mock: RunningMockServer | undefined
  afterEach(async () => {
    await mock?.close()
    mock = undefined
  })

  it('keeps tasks, journal, rules and clock of two namespaces apart, and the default unchanged', async () => {
    const { handler } = createMockServer({ timeScale: 'manual' })
    const auth = { Authorization: 'Bearer k' }
    const a = await request(handler).post(`/ns/a${KIE}`).set(auth).send(body).expect(200)
    const b = await request(handler).post(`/ns/b${KIE}`).set(auth).send(body).expect(200)
    const plain = await request(handler).post(KIE).set(auth).send(body).expect(200)
    // Seed-derived ids: each namespace starts its own sequence from the seed.
    expect(a.body.data.taskId).toBe(b.body.data.taskId)
    expect(plain.body.data.taskId).toBe(a.body.data.taskId)

    await request(handler).post('/ns/a/__admin/clock/advance').send({ ms: 3_600_000 }).expect(200)
    await request(handler)
      .post('/ns/b/__admin/scenarios')
      .send({ scenario: 'rate_limited', match: { vendor: 'kie' }, times: 1 })
      .expect(201)
    const clockA = await request(handler).get('/ns/a/__admin/clock').expect(200)
    const clockB = await request(handler).get('/ns/b/__admin/clock').expect(200)
    expect(clockA.body.elapsedMs).toBe(3_600_000)
    expect(clockB.body.elapsedMs).toBe(0)
    expect((await request(handler).get('/ns/a/__admin/scenarios')).body.rules).toEqual([])
    expect((await request(handler).get('/ns/b/__admin/scenarios')).body.rules).toHaveLength(1)

    const pollA = await request(handler).get(`/ns/a/kie/api/v1/veo/record-info?taskId=${a.body.data.taskId}`).set(auth).expect(200)
    const pollB = await request(handler).get(`/ns/b/kie/api/v1/veo/record-info?taskId=${b.body.data.taskId}`).set(auth).expect(200)
    expect(pollA.body.data.successFlag).toBe(1)
    expect(pollB.body.data.successFlag).toBe(0)
    const journalA = await request(handler).get('/ns/a/__admin/requests').expect(200)
    expect(journalA.body.requests.map((r: { method: string }) => r.method)).toEqual(['POST', 'GET'])
    const journalDefault = await request(handler).get('/__admin/requests').expect(200)
    expect(journalDefault.body.requests).toHaveLength(1)
  })

  it('gives each namespace its own time scale, and a reset goes back to the server`s', async () => {
    const { handler } = createMockServer({ timeScale: 'manual' })
    const auth = { Authorization: 'Bearer k' }
    const task = await request(handler).post(`/ns/fast${KIE}`).set(auth).send(body).expect(200)
    await request(handler).post('/ns/fast/__admin/clock/advance').send({ ms: 90_000 }).expect(200)
    const set = await request(handler).post('/ns/fast/__admin/clock/scale').send({ scale: 1_000_000 }).expect(200)
    expect(set.body.scale).toBe(1_000_000)
    expect(set.body.elapsedMs).toBeGreaterThanOrEqual(90_000)
    // A million virtual seconds per real second: the task finishes within real milliseconds.
    await new Promise((resolve) => setTimeout(resolve, 20))
    const poll = await request(handler).get(`/ns/fast/kie/api/v1/veo/record-info?taskId=${task.body.data.taskId}`).set(auth).expect(200)
    expect(poll.body.data.successFlag).toBe(1)
    expect((await request(handler).get('/ns/fast/__admin/clock')).body.elapsedMs).toBeGreaterThanOrEqual(20_000_000)
    // The other namespaces keep the server's scale.
    expect((await request(handler).get('/ns/still/__admin/clock')).body).toMatchObject({ scale: 'manual', elapsedMs: 0 })
    expect((await request(handler).get('/__admin/clock')).body).toMatchObject({ scale: 'manual', elapsedMs: 0 })
    // Back to manual: time stops where it is.
    const frozen = await request(handler).post('/ns/fast/__admin/clock/scale').send({ scale: 'manual' }).expect(200)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await request(handler).get('/ns/fast/__admin/clock')).body.now).toBe(frozen.body.now)
    const bad = await request(handler).post('/ns/fast/__admin/clock/scale').send({ scale: 0 }).expect(400)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    await request(handler).post('/ns/fast/__admin/clock/scale').send({ scale: 60 }).expect(200)
    await request(handler).post('/ns/fast/__admin/reset').expect(200)
    expect((await request(handler).get('/ns/fast/__admin/clock')).body).toMatchObject({ scale: 'manual', elapsedMs: 0 })
  })

  it('lists namespaces in health, and forgets a named namespace on its own reset', async () => {
    const { handler } = createMockServer({ timeScale: 'manual' })
    await request(handler).post(`/ns/job-1${KIE}`).set('Authorization', 'Bearer k').send(body).expect(200)
    const health = await request(handler).get('/ns/job-1/__admin/health').expect(200)
    expect(health.body.namespace).toBe('job-1')
    expect(health.body.store).toBe('memory')
    expect(health.body.counts.tasks).toBe(1)
    expect(health.body.namespaces.map((n: { name: string }) => n.name).sort()).toEqual(['default', 'job-1'])
    await request(handler).post('/ns/job-1/__admin/reset').expect(200)
    const after = await request(handler).get('/__admin/health').expect(200)
    expect(after.body.namespace).toBe('default')
    expect(after.body.namespaces.map((n: { name: string }) => n.name)).toEqual(['default'])
  })

  it('answers a bad namespace name and too many namespaces with problem+json', async () => {
    const { handler } = createMockServer({ timeScale: 'manual', maxNamespaces: 1 })
    const bad = await request(handler).get('/ns/%2E%2E/__admin/health').expect(404)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    expect(bad.body.detail).toMatch(/not a namespace name/)
    await request(handler).get('/ns/one/__admin/health').expect(200)
    const full = await request(handler).get('/ns/two/__admin/health').expect(503)
    expect(full.body.detail).toMatch(/Failed to create namespace two: 1 namespaces are in use/)
  })

  it('forgets a named namespace after the idle time, never the default one', async () => {
    const { handler, namespaces } = createMockServer({ timeScale: 'manual', namespaceIdleMs: 1 })
    await request(handler).get('/ns/idle/__admin/health').expect(200)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect(namespaces.sweep()).toEqual(['idle'])
    expect(namespaces.list().map((n) => n.name)).toEqual(['default'])
  })

  it('gives each namespace base URLs with its prefix, so result URLs point back into it', async () => {
    mock = await startMockServer({ port: 0, timeScale: 'manual' })
    const health = (await (await fetch(`${mock.url}/ns/ci-7/__admin/health`)).json()) as { vendors: Array<{ id: string; baseUrl: string }> }
    expect(health.vendors.find((v) => v.id === 'kie')?.baseUrl).toBe(`${mock.url}/ns/ci-7/kie`)
    const submit = await fetch(`${mock.url}/ns/ci-7${KIE}`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    const id = ((await submit.json()) as { data: { taskId: string } }).data.taskId
    await fetch(`${mock.url}/ns/ci-7/__admin/clock/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ms":3600000}' })
    const task = (await (await fetch(`${mock.url}/ns/ci-7/__admin/tasks/${id}`)).json()) as { resultUrls: string[] }
    expect(task.resultUrls[0]).toMatch(new RegExp(`^${mock.url}/ns/ci-7/kie/files/`))
    const file = await fetch(task.resultUrls[0] as string)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('video/mp4')
  })
})
