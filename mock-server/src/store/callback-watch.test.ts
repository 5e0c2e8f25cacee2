// A client in callback mode submits once and waits: only the replica that took the submit holds
// the namespace. When that replica dies, another one takes up the namespace and sends the
// callback once (callback-watch.ts). Two `veomock serve` processes on a real redis-server; needs
// the build (npm test builds first) and redis-server (scripts/setup-system.sh installs it).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Redis } from 'ioredis'
import { WATCHED, watchKey } from './callback-watch.js'
import { builtCli, type RedisProcess, type ReplicaProcess, startRedis, startReplica } from './redis-harness.js'
import { connectRedisStore } from './redis-store.js'
import { nodeRealTime } from '../server.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')
const AUTH = { authorization: 'Bearer watch-key', 'content-type': 'application/json' }

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { ...init, headers: { ...AUTH, ...(init.headers as Record<string, string>) } })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : undefined }
}

describe('callbacks of a namespace whose only replica died', () => {
  let redis: RedisProcess
  let replicas: ReplicaProcess[] = []
  let receiver: http.Server
  const hits: string[] = []

  beforeAll(async () => {
    const cli = builtCli(root)
    redis = await startRedis()
    // A KIE task takes 60-120 virtual seconds: 1-2 real seconds at 60×.
    const args = ['--time-scale', '60', '--quiet', '--store', redis.url]
    replicas = await Promise.all([startReplica(cli, args), startReplica(cli, args)])
    receiver = http.createServer((req, res) => {
      let body = ''
      req.on('data', (d: Buffer) => (body += d.toString()))
      req.on('end', () => {
        hits.push(JSON.parse(body).data.taskId as string)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  }, 60_000)

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.stop()))
    receiver?.close()
    await redis?.stop()
  })

  it('are sent once by a replica that no request for the namespace ever reached', async () => {
    const [first, second] = replicas as [ReplicaProcess, ReplicaProcess]
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    const created = await call(`${first.url}/ns/orphan/kie/api/v1/veo/generate`, {
      method: 'POST',
      body: JSON.stringify({ prompt: 'a callback-mode client', model: 'veo3_fast', callBackUrl: hook }),
    })
    expect(created.status).toBe(200)
    const id = created.body.data.taskId as string
    // It dies at once, before the callback falls due: the submit's own log entry listed the
    // namespace as watched (redis-scripts.ts APPEND), so the other replica takes it up.
    await first.kill()
    expect(hits).toEqual([])

    const end = Date.now() + 20_000
    while (hits.length === 0 && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50))
    expect(hits).toEqual([id])
    // Once: nothing else arrives.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(hits).toEqual([id])
    const journal = (await call(`${second.url}/ns/orphan/__admin/callbacks`)).body.callbacks
    expect(journal).toHaveLength(1)
    expect(journal[0]).toMatchObject({ taskId: id, delivered: true, attempt: 1 })
  }, 30_000)

  it('lists a namespace as watched in the same step as a request that carries a callback URL', async () => {
    const store = await connectRedisStore(redis.url, { scale: 'manual', clockStart: 0, idleMs: 0, real: nodeRealTime })
    const check = new Redis(redis.url)
    try {
      await store.append('listed', '', [{ kind: 'v', payload: '{}', arg: 'w' }])
      await store.append('unlisted', '', [{ kind: 'v', payload: '{}', arg: '' }])
      expect(await check.sismember(WATCHED, 'listed')).toBe(1)
      expect(await check.pttl(watchKey('veomock:ns:', 'listed'))).toBeGreaterThan(0)
      expect(await check.sismember(WATCHED, 'unlisted')).toBe(0)
      expect(await check.exists(watchKey('veomock:ns:', 'unlisted'))).toBe(0)
    } finally {
      check.disconnect()
      await store.close()
    }
  })
})
