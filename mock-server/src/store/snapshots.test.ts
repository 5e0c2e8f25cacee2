// A replica that joins after the namespace's log was trimmed starts from a snapshot plus the log's
// tail (namespace-snapshots.ts), and the log stays bounded. Two in-process replicas on a real
// redis-server (scripts/setup-system.sh installs it), with a log cap of 40 entries so the test
// needs a few hundred requests, not 200 000.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from '../server.js'
import { type RedisProcess, startRedis } from './redis-harness.js'

const AUTH = { authorization: 'Bearer snap-key', 'content-type': 'application/json' }
const NS = 'late'
// Result URLs name the load balancer, whichever replica renders them.
const OPTIONS = { port: 0, timeScale: 'manual', storeLogCap: 40, publicUrl: 'http://balancer.test' } as const

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

async function eventually(ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`Failed to see the expected state within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const kie = (base: string) => `${base}/ns/${NS}/kie/api/v1/veo`
const admin = (base: string, path: string) => `${base}/ns/${NS}/__admin${path}`
const submit = (base: string, prompt: string, callBackUrl?: string) =>
  call(`${kie(base)}/generate`, { method: 'POST', body: JSON.stringify({ prompt, model: 'veo3_fast', ...(callBackUrl ? { callBackUrl } : {}) }) })

describe('a replica joining after the log was trimmed', () => {
  let redis: RedisProcess
  let first: RunningMockServer
  let late: RunningMockServer | undefined
  let receiver: http.Server
  let hook: string

  beforeAll(async () => {
    redis = await startRedis()
    receiver = http.createServer((req, res) => {
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    first = await startMockServer({ ...OPTIONS, store: redis.url })
  }, 30_000)

  afterAll(async () => {
    await late?.close()
    await first?.close()
    receiver?.close()
    await redis?.stop()
  })

  it('starts from the snapshot, sees the same state, and goes on in step; the log stays bounded', async () => {
    // State of every kind: tasks, a journal, a rule, a balance, a delivered callback, a moved clock.
    await call(admin(first.url, '/scenarios'), { method: 'POST', body: JSON.stringify({ scenario: 'rate_limited', match: { vendor: 'kie' }, times: 1 }) })
    await call(admin(first.url, '/accounts/snap-key'), { method: 'PUT', body: JSON.stringify({ credits: 100_000 }) })
    expect((await submit(first.url, 'refused by the rule')).status).toBe(429)
    const withHook = (await submit(first.url, 'with a callback', hook)).body.data.taskId as string
    await call(admin(first.url, `/tasks/${withHook}/finish`), { method: 'POST', body: '{"scenario":"success"}' })
    const ids: string[] = []
    for (let i = 0; i < 30; i++) {
      const created = await submit(first.url, `task ${i}`)
      expect(created.body, `submit ${i}`).toMatchObject({ code: 200 })
      ids.push(created.body.data.taskId)
      // KIE's per-key rate limit window (docs/vendors/kie.md): let it pass now and then.
      if (i % 10 === 9) await call(admin(first.url, '/clock/advance'), { method: 'POST', body: '{"ms":60000}' })
    }
    for (const id of ids) await call(`${kie(first.url)}/record-info?taskId=${id}`)
    await call(admin(first.url, '/clock/advance'), { method: 'POST', body: '{"ms":600000}' })
    // Snapshots wait for a quiet point: the callback's result must be in (real I/O).
    await eventually(async () => (await call(admin(first.url, '/callbacks'))).body.callbacks.length === 1)
    // Then a few snapshot intervals (10 entries each) more.
    for (const id of ids) await call(`${kie(first.url)}/record-info?taskId=${id}`)

    // The log no longer reaches back to its first entry: only a snapshot can rebuild the namespace.
    const store = new Redis(redis.url)
    try {
      const firstEntry = async () => Number((await store.xrange(`veomock:ns:${NS}:log`, '-', '+', 'COUNT', 1))[0]?.[0].split('-')[0])
      await eventually(async () => (await firstEntry()) > 40)
      expect(await store.xlen(`veomock:ns:${NS}:log`)).toBeLessThanOrEqual(40)
    } finally {
      store.disconnect()
    }

    late = await startMockServer({ ...OPTIONS, store: redis.url })
    for (const path of ['/clock', '/tasks', '/requests', '/callbacks', '/scenarios']) {
      const [a, b] = await Promise.all([call(admin(first.url, path)), call(admin(late.url, path))])
      expect(b.status, path).toBe(200)
      expect(b.body, path).toEqual(a.body)
    }
    // In step from here: a submit at the late replica continues the same id sequence and balance.
    const next = await submit(late.url, 'after joining')
    expect(next.status).toBe(200)
    const polled = await call(`${kie(first.url)}/record-info?taskId=${next.body.data.taskId}`)
    expect(polled.body.data.taskId).toBe(next.body.data.taskId)
    const [a, b] = await Promise.all([call(admin(first.url, '/requests')), call(admin(late.url, '/requests'))])
    expect(b.body).toEqual(a.body)
  })

  it('snapshots a namespace whose callback waits for its attempt, and the late replica takes part in sending it once', async () => {
    const ns = 'waiting'
    const hits: string[] = []
    const counting = http.createServer((req, res) => {
      hits.push(req.url ?? '')
      req.resume()
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'))
    })
    await new Promise<void>((resolve) => counting.listen(0, '127.0.0.1', resolve))
    let joiner: RunningMockServer | undefined
    const store = new Redis(redis.url)
    try {
      const base = (url: string) => `${url}/ns/${ns}`
      const url = `http://127.0.0.1:${(counting.address() as AddressInfo).port}/waiting`
      const created = await call(`${base(first.url)}/kie/api/v1/veo/generate`, {
        method: 'POST',
        body: JSON.stringify({ prompt: 'a callback that waits', model: 'veo3_fast', callBackUrl: url }),
      })
      const id = created.body.data.taskId as string
      // The delivery waits on the manual clock the whole time: no quiet point in the old sense.
      for (let i = 0; i < 60; i++) await call(`${base(first.url)}/kie/api/v1/veo/record-info?taskId=${id}`)
      const firstEntry = async () => Number((await store.xrange(`veomock:ns:${ns}:log`, '-', '+', 'COUNT', 1))[0]?.[0].split('-')[0])
      await eventually(async () => (await firstEntry()) > 1)
      expect(hits).toEqual([])

      joiner = await startMockServer({ ...OPTIONS, store: redis.url })
      const view = async (server: RunningMockServer, path: string) => (await call(`${base(server.url)}/__admin${path}`)).body
      expect(await view(joiner, '/tasks')).toEqual(await view(first, '/tasks'))
      await call(`${base(joiner.url)}/__admin/clock/advance`, { method: 'POST', body: '{"ms":3600000}' })
      await eventually(async () => (await view(first, '/callbacks')).callbacks.length === 1 && (await view(joiner!, '/callbacks')).callbacks.length === 1)
      expect(await view(joiner, '/callbacks')).toEqual(await view(first, '/callbacks'))
      expect((await view(first, '/callbacks')).callbacks[0]).toMatchObject({ delivered: true, attempt: 1 })
      // Exactly once across the replicas: the lease picks one sender.
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(hits).toEqual(['/waiting'])
    } finally {
      store.disconnect()
      await joiner?.close()
      counting.close()
    }
  })

  it('keeps a log of large requests within its byte bound when no snapshot is due', async () => {
    const ns = 'bytes'
    const bound = 128 * 1024
    // Snapshots are due only every 50 000 entries or 16 MB here: the byte bound alone trims this log.
    const bounded = await startMockServer({ port: 0, timeScale: 'manual', store: redis.url, storeLogBytes: bound })
    const store = new Redis(redis.url)
    try {
      const prompt = 'a long prompt '.repeat(220)
      let last = ''
      for (let i = 0; i < 60; i++) {
        const created = await call(`${bounded.url}/ns/${ns}/kie/api/v1/veo/generate`, {
          method: 'POST',
          // A key each: KIE's per-key rate limit (docs/vendors/kie.md) is not what this test is about.
          headers: { authorization: `Bearer bytes-${i}` },
          body: JSON.stringify({ prompt: `${i} ${prompt}`, model: 'veo3_fast' }),
        })
        expect(created.status, `submit ${i}`).toBe(200)
        last = created.body.data.taskId
      }
      const entries = (await store.xrange(`veomock:ns:${ns}:log`, '-', '+')) as Array<[string, string[]]>
      const bytes = entries.reduce((sum, [, fields]) => sum + (fields[fields.indexOf('e') + 1] as string).length, 0)
      expect(entries.length).toBeLessThan(60)
      // About: the bound over a moving average of entry sizes, give or take one entry.
      expect(bytes).toBeLessThanOrEqual(bound + 8 * 1024)
      expect(bytes).toBeGreaterThan(bound / 2)
      // The replica that holds the namespace goes on answering from its own state.
      expect((await call(`${bounded.url}/ns/${ns}/kie/api/v1/veo/record-info?taskId=${last}`)).body.data.taskId).toBe(last)
    } finally {
      store.disconnect()
      await bounded.close()
    }
  })
})
