#!/usr/bin/env node
// npm run bench:replicas: what sharing state costs (contract §4.1), measured in one run.
//   (a) one veomock keeping state in memory (the baseline),
//   (b) one veomock keeping state in Redis (--store), same workload,
//   (c) one Redis-backed veomock behind a round-robin balancer,
//   (d) two Redis-backed veomocks behind the same balancer (the 1-replica case goes through it too,
//       so the comparison holds the balancer's own cost constant).
// The balancer is connection-level (redis-harness.ts startConnectionProxy, like nginx `stream`):
// an HTTP proxy written in Node that forwards single requests costs more CPU per request than a
// replica's poll and would measure itself; tests use that one to spread single requests.
// Workload: KIE polls of one task (GET record-info), then KIE submits; every target and the proxy
// run in their own processes, redis-server too (started here on a free port, stopped at the end).
// Rounds alternate the targets so a noisy neighbour hurts all of them alike; only ratios matter.
// Usage: node bench/replicas.mjs [--duration 4] [--connections 32] [--rounds 2] [--json out.json]
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const harness = await import(path.join(root, 'dist/mock-server/src/store/redis-harness.js'))
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '4' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '2' },
    json: { type: 'string' },
  },
})
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)
const ROUNDS = Number(args.rounds)
const AUTH = { authorization: 'Bearer bench-key', 'content-type': 'application/json' }
const SUBMIT = { prompt: 'A futuristic city with flying cars at sunset.', model: 'veo3_fast', aspect_ratio: '16:9' }

/** The balancer in a process of its own, so it does not share an event loop with the load generator. */
function startProxyProcess(targets) {
  const code = `const h = await import(${JSON.stringify(path.join(root, 'dist/mock-server/src/store/redis-harness.js'))}); const p = await h.startConnectionProxy(${JSON.stringify(targets)}); console.log(p.url)`
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve({ url: d.toString().trim(), stop: () => child.kill('SIGTERM') }))
    child.once('exit', (c) => reject(new Error(`Failed to start the proxy: exit ${c}`)))
  })
}

let keys = 0
function load(url, method, body) {
  // Submits rotate their API key: vendors rate-limit per key, and a 429 is not what is measured.
  const requests = body ? [{ setupRequest: (req) => ({ ...req, headers: { ...AUTH, authorization: `Bearer bench-${keys++ % 100_000}` } }) }] : undefined
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method, headers: AUTH, connections: CONNECTIONS, duration: DURATION, ...(body ? { body: JSON.stringify(body), requests } : {}) },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
}

async function taskOn(base) {
  const r = await fetch(`${base}/kie/api/v1/veo/generate`, { method: 'POST', headers: AUTH, body: JSON.stringify(SUBMIT) })
  return (await r.json()).data.taskId
}

/** Mean real latency of sequential polls (one connection, no queueing): the store's cost per request. */
async function sequential(base, id, n = 400) {
  const url = `${base}/kie/api/v1/veo/record-info?taskId=${id}`
  for (let i = 0; i < 50; i++) await (await fetch(url, { headers: AUTH })).arrayBuffer()
  const start = performance.now()
  for (let i = 0; i < n; i++) await (await fetch(url, { headers: AUTH })).arrayBuffer()
  return ((performance.now() - start) / n) * 1000
}

const cli = harness.builtCli(root)
const redis = await harness.startRedis()
const stops = [() => redis.stop()]
try {
  const memory = await harness.startReplica(cli, ['--time-scale', 'manual'])
  const shared = await harness.startReplica(cli, ['--time-scale', 'manual', '--store', redis.url])
  const second = await harness.startReplica(cli, ['--time-scale', 'manual', '--store', redis.url])
  stops.push(memory.stop, shared.stop, second.stop)
  const one = await startProxyProcess([shared.url])
  const two = await startProxyProcess([shared.url, second.url])
  stops.push(one.stop, two.stop)
  // Each target polls a task of its own namespace, so the four journals do not mix.
  const targets = {
    memory: `${memory.url}/ns/bench-memory`,
    redis: `${shared.url}/ns/bench-redis`,
    proxy1: `${one.url}/ns/bench-proxy1`,
    proxy2: `${two.url}/ns/bench-proxy2`,
  }
  const ids = {}
  for (const [name, base] of Object.entries(targets)) ids[name] = await taskOn(base)
  const results = {}
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, base] of Object.entries(targets)) {
      const poll = await load(`${base}/kie/api/v1/veo/record-info?taskId=${ids[name]}`, 'GET')
      const submit = await load(`${base}/kie/api/v1/veo/generate`, 'POST', SUBMIT)
      const r = (results[name] ??= { poll: [], submit: [], errors: 0, non2xx: 0 })
      r.poll.push(poll.requests.average)
      r.submit.push(submit.requests.average)
      r.errors += poll.errors + poll.timeouts + submit.errors + submit.timeouts
      r.non2xx += poll.non2xx + submit.non2xx
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
  const rps = {}
  for (const [name, r] of Object.entries(results))
    rps[name] = { poll: Math.round(mean(r.poll)), submit: Math.round(mean(r.submit)), errors: r.errors, non2xx: r.non2xx }
  const latency = { memory: await sequential(targets.memory, ids.memory), redis: await sequential(targets.redis, ids.redis) }
  const ratio = (a, b) => Math.round((a / b) * 100) / 100
  const summary = {
    machine: { cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10) },
    settings: { durationS: DURATION, connections: CONNECTIONS, rounds: ROUNDS },
    rps,
    ratios: {
      redisVsMemoryPoll: ratio(rps.redis.poll, rps.memory.poll),
      redisVsMemorySubmit: ratio(rps.redis.submit, rps.memory.submit),
      twoVsOneReplicaPoll: ratio(rps.proxy2.poll, rps.proxy1.poll),
      twoVsOneReplicaSubmit: ratio(rps.proxy2.submit, rps.proxy1.submit),
    },
    storeCostPerPollUs: {
      sequentialMemory: Math.round(latency.memory),
      sequentialRedis: Math.round(latency.redis),
      added: Math.round(latency.redis - latency.memory),
      atSaturation: Math.round(1e6 / rps.redis.poll - 1e6 / rps.memory.poll),
    },
  }
  console.log(`veomock replicas bench (${DURATION} s × ${ROUNDS} rounds, ${CONNECTIONS} connections, load ${summary.machine.loadavg.join(' ')})`)
  console.log(
    `  poll   req/s: memory ${rps.memory.poll}, redis ${rps.redis.poll} (×${summary.ratios.redisVsMemoryPoll}), proxy→1 ${rps.proxy1.poll}, proxy→2 ${rps.proxy2.poll} (×${summary.ratios.twoVsOneReplicaPoll})`,
  )
  console.log(
    `  submit req/s: memory ${rps.memory.submit}, redis ${rps.redis.submit} (×${summary.ratios.redisVsMemorySubmit}), proxy→1 ${rps.proxy1.submit}, proxy→2 ${rps.proxy2.submit} (×${summary.ratios.twoVsOneReplicaSubmit})`,
  )
  console.log(
    `  store cost per poll: +${summary.storeCostPerPollUs.added} µs sequential (${summary.storeCostPerPollUs.sequentialMemory} → ${summary.storeCostPerPollUs.sequentialRedis} µs), +${summary.storeCostPerPollUs.atSaturation} µs of capacity at saturation`,
  )
  for (const [name, r] of Object.entries(rps))
    if (r.errors + r.non2xx > 0) console.log(`  WARNING: ${name}: ${r.errors} connection errors or timeouts, ${r.non2xx} non-2xx answers`)
  if (args.json) await writeFile(args.json, JSON.stringify(summary, null, 2))
} finally {
  for (const stop of stops.reverse()) await stop()
}
