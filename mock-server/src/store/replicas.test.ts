// Three `veomock serve` processes on one real redis-server behind a round-robin proxy act as one
// mock (contract §4.1). Needs the build (npm test builds first) and redis-server
// (scripts/setup-system.sh installs it); each fails with a clear message when missing.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from '../server.js'
import { builtCli, type RedisProcess, type ReplicaProcess, type RoundRobinProxy, startRedis, startReplica, startRoundRobinProxy } from './redis-harness.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const AUTH = { authorization: 'Bearer team-key', 'content-type': 'application/json' }
const KIE_SUBMIT = '/kie/api/v1/veo/generate'
const kieBody = (prompt: string, callBackUrl?: string) =>
  JSON.stringify({ prompt, model: 'veo3_fast', aspect_ratio: '16:9', ...(callBackUrl ? { callBackUrl } : {}) })

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

const submit = (base: string, ns: string, prompt: string, callBackUrl?: string) =>
  call(`${base}/ns/${ns}${KIE_SUBMIT}`, { method: 'POST', body: kieBody(prompt, callBackUrl) })
const poll = (base: string, ns: string, id: string) => call(`${base}/ns/${ns}/kie/api/v1/veo/record-info?taskId=${id}`)
const advance = (base: string, ns: string, ms: number) => call(`${base}/ns/${ns}/__admin/clock/advance`, { method: 'POST', body: JSON.stringify({ ms }) })

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > end) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('three replicas on one Redis behind a round-robin proxy', () => {
  let redis: RedisProcess
  let proxy: RoundRobinProxy
  const targets: string[] = []
  let replicas: ReplicaProcess[] = []
  let a: string, b: string, c: string

  beforeAll(async () => {
    const cli = builtCli(root)
    redis = await startRedis()
    proxy = await startRoundRobinProxy(targets)
    // --quiet: the request log would only cost CPU here.
    const args = ['--time-scale', 'manual', '--quiet', '--store', redis.url, '--public-url', proxy.url]
    replicas = await Promise.all([startReplica(cli, args), startReplica(cli, args), startReplica(cli, args)])
    targets.push(...replicas.map((r) => r.url))
    ;[a, b, c] = targets as [string, string, string]
  }, 60_000)

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()))
    await proxy?.close()
    await redis?.stop()
  })

  it('polls through every replica a task submitted at one, and sees a clock advance made at another', async () => {
    const created = await submit(a, 'poll', 'a red fox in snow')
    expect(created.status).toBe(200)
    const id = created.body.data.taskId as string
    const before = proxy.served.length
    const polls = [await poll(proxy.url, 'poll', id), await poll(proxy.url, 'poll', id), await poll(proxy.url, 'poll', id)]
    expect(new Set(proxy.served.slice(before))).toEqual(new Set([0, 1, 2]))
    for (const p of polls) expect(p.body.data).toMatchObject({ taskId: id, successFlag: 0 })

    expect((await advance(b, 'poll', 3_600_000)).body.elapsedMs).toBe(3_600_000)
    expect((await poll(c, 'poll', id)).body.data.successFlag).toBe(1)
    expect((await call(`${a}/ns/poll/__admin/clock`)).body.elapsedMs).toBe(3_600_000)
    // Result URLs point at the load balancer, whichever replica rendered them.
    const done = await poll(a, 'poll', id)
    expect(JSON.parse(done.body.data.resultJson ?? '{}').resultUrls?.[0] ?? done.body.data.response?.resultUrls?.[0]).toMatch(
      new RegExp(`^${proxy.url}/ns/poll/kie/files/`),
    )
    // One journal, the same on every replica, requests outside every vendor prefix included.
    expect((await call(`${a}/ns/poll/nowhere`)).status).toBe(404)
    const journals = await Promise.all([a, b, c].map((r) => call(`${r}/ns/poll/__admin/requests`)))
    expect(journals[0]?.body.requests).toHaveLength(7)
    expect(journals[1]?.body).toEqual(journals[0]?.body)
    expect(journals[2]?.body).toEqual(journals[0]?.body)
  })

  it('gives the same ids and bodies as a single in-memory mock for the same requests', async () => {
    const single = await startMockServer({ port: 0, timeScale: 'manual' })
    try {
      for (const prompt of ['one', 'two', 'three']) {
        const shared = await submit(proxy.url, 'same', prompt)
        const alone = await call(`${single.url}${KIE_SUBMIT}`, { method: 'POST', body: kieBody(prompt) })
        expect(shared.body).toEqual(alone.body)
      }
    } finally {
      await single.close()
    }
  })

  it('counts a scenario rule`s times once across replicas, even for concurrent submits', async () => {
    const rule = await call(`${a}/ns/rules/__admin/scenarios`, {
      method: 'POST',
      body: JSON.stringify({ scenario: 'rate_limited', match: { vendor: 'kie' }, times: 2 }),
    })
    expect(rule.status).toBe(201)
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(proxy.url, 'rules', `concurrent ${i}`)))
    expect(answers.filter((r) => r.status === 429)).toHaveLength(2)
    expect(answers.filter((r) => r.status === 200)).toHaveLength(4)
    // Used up on every replica (a spent rule is dropped, as in a single process).
    const rules = await call(`${c}/ns/rules/__admin/scenarios`)
    expect(rules.body.rules.filter((r: { remaining: number | null }) => r.remaining !== 0)).toEqual([])
  })

  it('keeps two namespaces with different clocks apart', async () => {
    const inA = await submit(a, 'left', 'left task')
    await advance(a, 'left', 7_200_000)
    expect((await call(`${b}/ns/left/__admin/clock`)).body.elapsedMs).toBe(7_200_000)
    expect((await call(`${b}/ns/right/__admin/clock`)).body.elapsedMs).toBe(0)
    const missing = await poll(c, 'right', inA.body.data.taskId)
    expect(missing.body.code).not.toBe(200)
    const health = await call(`${c}/__admin/health`)
    expect(health.body.store).toBe(redis.url)
    expect(health.body.namespaces.map((n: { name: string }) => n.name)).toEqual(expect.arrayContaining(['poll', 'left', 'right']))
  })

  it('shares a namespace`s own time scale and virtual now with every replica; a reset goes back to the server`s', async () => {
    const clockAt = (base: string, ns: string) => call(`${base}/ns/${ns}/__admin/clock`)
    const setScale = (base: string, ns: string, scale: number | 'manual') =>
      call(`${base}/ns/${ns}/__admin/clock/scale`, { method: 'POST', body: JSON.stringify({ scale }) })
    const task = await submit(a, 'fast', 'a fast namespace')
    await advance(b, 'fast', 90_000)
    const set = await setScale(c, 'fast', 1_000_000)
    expect(set.body).toMatchObject({ scale: 1_000_000 })
    expect(set.body.elapsedMs).toBeGreaterThanOrEqual(90_000)
    await new Promise((resolve) => setTimeout(resolve, 20))
    // Time flows for this namespace at the new pace on every replica (the store's clock is the one clock).
    expect((await poll(a, 'fast', task.body.data.taskId)).body.data.successFlag).toBe(1)
    for (const r of [a, b, c]) {
      const clock = (await clockAt(r, 'fast')).body
      expect(clock.scale).toBe(1_000_000)
      expect(clock.elapsedMs).toBeGreaterThanOrEqual(20_000_000)
    }
    // Another namespace keeps the server's scale.
    await submit(b, 'slow', 'a slow namespace')
    expect((await clockAt(c, 'slow')).body).toMatchObject({ scale: 'manual', elapsedMs: 0 })
    // Frozen again: every replica reads the same virtual now.
    const frozen = await setScale(a, 'fast', 'manual')
    const reads = await Promise.all([a, b, c].map((r) => clockAt(r, 'fast')))
    for (const r of reads) expect(r.body).toEqual(frozen.body)
    await call(`${b}/ns/fast/__admin/reset`, { method: 'POST' })
    for (const r of [a, b, c]) expect((await clockAt(r, 'fast')).body).toMatchObject({ scale: 'manual', elapsedMs: 0 })
  })

  it('delivers each callback exactly once, retries included, when a replica dies mid-run', async () => {
    // The receiver refuses every task's first attempt (500), so each task also needs its retry.
    const seen = new Map<string, number>()
    const receiver = http.createServer((req, res) => {
      let body = ''
      req.on('data', (d: Buffer) => (body += d.toString()))
      req.on('end', () => {
        const id = JSON.parse(body).data.taskId as string
        const n = (seen.get(id) ?? 0) + 1
        seen.set(id, n)
        res.writeHead(n === 1 ? 500 : 200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    try {
      const ids: string[] = []
      for (let i = 0; i < 4; i++) ids.push((await submit(proxy.url, 'hooks', `callback ${i}`, hook)).body.data.taskId)
      for (const id of ids) await call(`${b}/ns/hooks/__admin/tasks/${id}/finish`, { method: 'POST', body: '{"scenario":"success"}' })
      const firsts = await eventually(
        () => call(`${c}/ns/hooks/__admin/callbacks`),
        (r) => r.body.callbacks.length === 4,
      )
      expect(firsts.body.callbacks.map((x: { status: number }) => x.status)).toEqual([500, 500, 500, 500])
      expect([...seen.values()]).toEqual([1, 1, 1, 1])

      await replicas[0]?.kill()
      // The retries (KIE: 30 s after a failed attempt) are due now; any surviving replica sends them.
      await advance(proxy.url, 'hooks', 60_000)
      const all = await eventually(
        () => call(`${c}/ns/hooks/__admin/callbacks`),
        (r) => r.body.callbacks.length === 8,
      )
      expect(all.body.callbacks.filter((x: { attempt: number; status: number }) => x.attempt === 2 && x.status === 200)).toHaveLength(4)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(ids.map((id) => seen.get(id))).toEqual([2, 2, 2, 2])
      expect((await call(`${b}/ns/hooks/__admin/callbacks`)).body).toEqual(all.body)
    } finally {
      receiver.close()
    }
  })
})

describe('a replica whose store goes away', () => {
  it('refuses to start with one clear line when the store cannot be reached', async () => {
    const cli = builtCli(root)
    const gone = await startRedis()
    await gone.stop()
    await expect(startReplica(cli, ['--store', gone.url])).rejects.toThrow(new RegExp(`Failed to connect to the store ${gone.url}`))
  })

  it('answers vendor-shaped 503s while the store is lost, and recovers when it is back', async () => {
    const cli = builtCli(root)
    let redis = await startRedis()
    const replica = await startReplica(cli, ['--time-scale', 'manual', '--store', redis.url])
    try {
      expect((await submit(replica.url, 'lost', 'before')).status).toBe(200)
      await redis.stop()
      const down = await submit(replica.url, 'lost', 'during')
      expect(down.status).toBe(503)
      expect(down.body).toMatchObject({ code: 455 })
      const admin = await call(`${replica.url}/ns/lost/__admin/tasks`)
      expect(admin.status).toBe(503)
      redis = await startRedis(redis.port)
      const back = await eventually(
        () => submit(replica.url, 'lost', 'after'),
        (r) => r.status === 200,
      )
      expect(back.status).toBe(200)
    } finally {
      await replica.stop()
      await redis.stop()
    }
  })
})
