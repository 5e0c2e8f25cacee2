// A namespace's state as a snapshot holds it (core/pipeline/state-snapshot.ts): JSON out of one
// engine, into a fresh one, and both answer alike from there on. No Redis needed; snapshots.test.ts
// runs the whole thing on a real store.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { captureState, restoreState } from '../core/pipeline/state-snapshot.js'
import { createMockServer } from '../server.js'
import { LARGE_SNAPSHOT_BYTES, MAX_SNAPSHOT_BYTES, NamespaceSnapshots } from './namespace-snapshots.js'
import type { RedisStore } from './redis-store.js'

/** The seqs at which a replica that wrote every entry saves a snapshot, for a state of `size` bytes. */
async function savedAt(size: number, entries: number, every: number): Promise<number[]> {
  const saved: number[] = []
  const store = { replica: 'me', saveSnapshot: async (_name: string, _gen: string, seq: number) => (saved.push(seq), true) }
  const snapshots = new NamespaceSnapshots(store as unknown as RedisStore, 'ns', every)
  for (let seq = 1; seq <= entries; seq++) {
    snapshots.afterApply({ seq, at: 0, replica: 'me', kind: 'v', payload: '{}', bytes: 2 }, 'g', {
      quiet: () => true,
      stateBytes: () => size,
      capture: () => '{}',
    })
    await new Promise((resolve) => setImmediate(resolve))
  }
  return saved
}

const KIE = '/kie/api/v1/veo'
const auth = { Authorization: 'Bearer snap-key' }
const body = (prompt: string) => ({ prompt, model: 'veo3_fast', aspect_ratio: '16:9' })

describe('a namespace snapshot', () => {
  it('carries tasks, journal, rules, balances and random positions into a fresh engine', async () => {
    const { handler, namespaces } = createMockServer({ timeScale: 'manual' })
    const http = request(handler)
    await http
      .post('/ns/from/__admin/scenarios')
      .send({ scenario: 'content_violation', match: { vendor: 'kie' }, times: 2 })
      .expect(201)
    await http.put('/ns/from/__admin/accounts/snap-key').send({ credits: 1000 }).expect(200)
    const ids: string[] = []
    for (let i = 0; i < 4; i++)
      ids.push(
        (
          await http
            .post(`/ns/from${KIE}/generate`)
            .set(auth)
            .send(body(`task ${i}`))
            .expect(200)
        ).body.data.taskId,
      )
    for (const id of ids) await http.get(`/ns/from${KIE}/record-info?taskId=${id}`).set(auth).expect(200)
    expect(namespaces.get('from').engine.outbox.pendingCount()).toBe(0)

    const taken = captureState(namespaces.get('from').engine.state)
    expect(taken).toBeDefined()
    restoreState(namespaces.get('to').engine.state, JSON.parse(JSON.stringify(taken)))

    // The same views (base URLs name the namespace), and the same answers from here on.
    const view = async (ns: string, path: string) =>
      JSON.stringify((await http.get(`/ns/${ns}/__admin${path}`).expect(200)).body).replaceAll(`/ns/${ns}/`, '/ns/*/')
    for (const path of ['/tasks', '/requests', '/scenarios', '/callbacks']) expect(await view('to', path), path).toBe(await view('from', path))
    const next = await Promise.all(['from', 'to'].map((ns) => http.post(`/ns/${ns}${KIE}/generate`).set(auth).send(body('after')).expect(200)))
    expect(next[1]?.body).toEqual(next[0]?.body)
    const balance = await Promise.all(['from', 'to'].map((ns) => http.get(`/ns/${ns}/kie/api/v1/chat/credit`).set(auth)))
    expect(balance[1]?.body).toEqual(balance[0]?.body)
  })

  it('carries a delivery waiting for its attempt, which the restored engine makes once, at the same time', async () => {
    const hits: string[] = []
    const receiver = http.createServer((req, res) => {
      hits.push(req.url ?? '')
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    try {
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
      const { handler, namespaces } = createMockServer({ timeScale: 'manual' })
      const http2 = request(handler)
      await http2
        .post(`/ns/from${KIE}/generate`)
        .set(auth)
        .send({ ...body('with a callback'), callBackUrl: `${hook}/from` })
        .expect(200)
      const from = namespaces.get('from').engine
      expect(from.outbox.pendingCount()).toBe(1)

      const taken = captureState(from.state)
      expect(taken?.outbox.pending).toHaveLength(1)
      // The copy sends to a URL of its own, so the receiver tells the two deliveries apart.
      const copy = JSON.parse(JSON.stringify(taken).replaceAll(`${hook}/from`, `${hook}/to`))
      const to = namespaces.get('to').engine
      restoreState(to.state, copy)
      expect(to.outbox.pendingCount()).toBe(1)

      for (const ns of ['from', 'to']) await http2.post(`/ns/${ns}/__admin/clock/advance`).send({ ms: 3_600_000 }).expect(200)
      expect(hits.sort()).toEqual(['/from', '/to'])
      const attempts = async (ns: string) => (await http2.get(`/ns/${ns}/__admin/callbacks`).expect(200)).body.callbacks
      const [a, b] = [await attempts('from'), await attempts('to')]
      expect(b).toHaveLength(1)
      expect({ ...b[0], url: undefined, body: undefined, headers: undefined }).toEqual({ ...a[0], url: undefined, body: undefined, headers: undefined })
      expect(b[0]).toMatchObject({ delivered: true, attempt: 1 })
    } finally {
      receiver.close()
    }
  })

  it('is not taken while a callback attempt is on the wire (a connection is not data)', async () => {
    let release: () => void = () => undefined
    const receiver = http.createServer((req, res) => {
      req.resume()
      release = () => res.writeHead(200).end('{}')
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    try {
      const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
      const { handler, namespaces } = createMockServer({ timeScale: 'manual' })
      await request(handler)
        .post(`/ns/busy${KIE}/generate`)
        .set(auth)
        .send({ ...body('with a callback'), callBackUrl: hook })
        .expect(200)
      const engine = namespaces.get('busy').engine
      const advanced = engine.clock.advance(3_600_000)
      const end = Date.now() + 5000
      while (engine.outbox.inFlightCount() === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5))
      expect(engine.outbox.inFlightCount()).toBe(1)
      expect(captureState(engine.state)).toBeUndefined()
      release()
      await advanced
      while (engine.outbox.inFlightCount() > 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 5))
      expect(captureState(engine.state)?.outbox.pending).toEqual([])
    } finally {
      receiver.close()
    }
  })

  it('is taken every interval, every other one for a large state, and never past the size bound', async () => {
    expect(await savedAt(1024, 40, 10)).toEqual([10, 20, 30, 40])
    expect(await savedAt(LARGE_SNAPSHOT_BYTES + 1, 40, 10)).toEqual([20, 40])
    expect(await savedAt(MAX_SNAPSHOT_BYTES + 1, 40, 10)).toEqual([])
  })
})
