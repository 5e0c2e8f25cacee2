// A namespace's state as a snapshot holds it (core/pipeline/state-snapshot.ts): JSON out of one
// engine, into a fresh one, and both answer alike from there on. No Redis needed; snapshots.test.ts
// runs the whole thing on a real store.
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { captureState, restoreState } from '../core/pipeline/state-snapshot.js'
import { createMockServer } from '../server.js'

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

  it('is not taken while a callback is pending (timers and connections are not data)', async () => {
    const { handler, namespaces } = createMockServer({ timeScale: 'manual' })
    await request(handler)
      .post(`/ns/busy${KIE}/generate`)
      .set(auth)
      .send({ ...body('with a callback'), callBackUrl: 'http://127.0.0.1:9/hook' })
      .expect(200)
    expect(captureState(namespaces.get('busy').engine.state)).toBeUndefined()
  })
})
