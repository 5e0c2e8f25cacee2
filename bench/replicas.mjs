#!/usr/bin/env node
// npm run bench:replicas: what sharing state costs (contract §4.1), measured in one run.
//   (a) one veomock keeping state in memory (the baseline),
//   (b) one veomock keeping state in Redis (--store), same workload,
//   (c) one Redis-backed veomock behind a round-robin balancer,
//   (d) two Redis-backed veomocks behind the same balancer (the 1-replica case goes through it too,
//       so the comparison holds the balancer's own cost constant),
//   (e) a team's traffic: eight namespaces (eight CI jobs, `veomock conformance --mock-url` gives
//       each run its own) on one Redis-backed replica, and
//   (f) the same eight namespaces on two replicas, each namespace on one of them, as a balancer that
//       hashes the namespace sends them (examples/shared-mock/nginx.conf: `hash $namespace
//       consistent`); here the load generator picks the replica by namespace, so no balancer
//       process is measured. Any replica can still answer any namespace (a failover, a job whose
//       requests land on both): that costs what (d) shows, since then both apply its requests.
// The balancer is connection-level (redis-harness.ts startConnectionProxy, like nginx `stream`):
// an HTTP proxy written in Node that forwards single requests costs more CPU per request than a
// replica's poll and would measure itself; tests use that one to spread single requests.
// Workload: KIE polls of one task (GET record-info), then KIE submits; every target and the proxy
// run in their own processes, redis-server too (started here on a free port, stopped at the end).
// Rounds alternate the targets so a noisy neighbour hurts all of them alike; only ratios matter.
// Usage: node bench/replicas.mjs [--duration 4] [--connections 32] [--rounds 2] [--json out.json]
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
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
    child.stdout.once('data', (d) => resolve({ url: d.toString().trim(), pid: child.pid, stop: () => child.kill('SIGTERM') }))
    child.once('exit', (c) => reject(new Error(`Failed to start the proxy: exit ${c}`)))
  })
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
  } catch {
    return undefined
  }
}
const CLOCK_TICKS = 100

/** Runs `work` and returns its result with the CPU µs per request each named process spent meanwhile. */
async function withCpu(pids, work) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]))
  const result = await work()
  const cpu = {}
  for (const [name, pid] of Object.entries(pids)) {
    const after = cpuMs(pid)
    if (after !== undefined && before[name] !== undefined) cpu[name] = ((after - before[name]) * 1000) / result.requests.total
  }
  return { result, cpu }
}

let keys = 0
function load(url, method, body, duration = DURATION) {
  // Submits rotate their API key: vendors rate-limit per key, and a 429 is not what is measured.
  const requests = body ? [{ setupRequest: (req) => ({ ...req, headers: { ...AUTH, authorization: `Bearer bench-${keys++ % 100_000}` } }) }] : undefined
  return new Promise((resolve, reject) => {
    autocannon(
      { url, method, headers: AUTH, connections: CONNECTIONS, duration, ...(body ? { body: JSON.stringify(body), requests } : {}) },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
}

/** The poll URLs of a target: each base polls a task of its own namespace. */
function pollUrls(target, ids) {
  return target.bases.map((base, i) => `${base}/kie/api/v1/veo/record-info?taskId=${ids[i]}`)
}
/** The CI jobs of the team workload: one namespace each. */
const JOBS = [0, 1, 2, 3, 4, 5, 6, 7]
const urlOrUrls = (urls) => (urls.length === 1 ? urls[0] : urls)

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
  // --quiet: the request log on stdout would be measured too.
  const memory = await harness.startReplica(cli, ['--time-scale', 'manual', '--quiet'])
  const shared = await harness.startReplica(cli, ['--time-scale', 'manual', '--quiet', '--store', redis.url])
  const second = await harness.startReplica(cli, ['--time-scale', 'manual', '--quiet', '--store', redis.url])
  stops.push(memory.stop, shared.stop, second.stop)
  const one = await startProxyProcess([shared.url])
  const two = await startProxyProcess([shared.url, second.url])
  stops.push(one.stop, two.stop)
  // Each target polls a task of its own namespace, so the four journals do not mix. `cpu` names the
  // processes whose CPU time the target costs: replicas, the store, the balancer.
  const both = { replicas: [shared.pid, second.pid], redis: [redis.pid] }
  const targets = {
    memory: { bases: [`${memory.url}/ns/bench-memory`], cpu: { replicas: [memory.pid] } },
    redis: { bases: [`${shared.url}/ns/bench-redis`], cpu: { replicas: [shared.pid], redis: [redis.pid] } },
    proxy1: { bases: [`${one.url}/ns/bench-proxy1`], cpu: { replicas: [shared.pid], redis: [redis.pid], balancer: [one.pid] } },
    proxy2: { bases: [`${two.url}/ns/bench-proxy2`], cpu: { ...both, balancer: [two.pid] } },
    team1: { bases: JOBS.map((job) => `${shared.url}/ns/bench-team1-${job}`), cpu: { replicas: [shared.pid], redis: [redis.pid] } },
    team2: { bases: JOBS.map((job) => `${[shared, second][job % 2].url}/ns/bench-team2-${job}`), cpu: both },
  }
  const ids = {}
  for (const [name, target] of Object.entries(targets)) ids[name] = await Promise.all(target.bases.map(taskOn))
  // Warm-up, not measured: each replica compiles a route's validators on its first use, and in a
  // short run the second replica's compile would be counted against it.
  for (const [name, target] of Object.entries(targets)) {
    await load(urlOrUrls(pollUrls(target, ids[name])), 'GET', undefined, 1)
    await load(urlOrUrls(target.bases.map((b) => `${b}/kie/api/v1/veo/generate`)), 'POST', SUBMIT, 1)
  }
  const results = {}
  const measure = async (target, kind, run) => {
    const pids = {}
    for (const [group, list] of Object.entries(target.cpu)) list.forEach((pid, i) => (pids[`${group}.${i}`] = pid))
    const { result, cpu } = await withCpu(pids, run)
    const grouped = {}
    for (const [key, us] of Object.entries(cpu)) grouped[key.split('.')[0]] = (grouped[key.split('.')[0]] ?? 0) + us
    return { result, cpu: grouped }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, warm] of Object.entries(targets)) {
      // Fresh namespaces each round, reset after it: every round measures the same small state, not
      // the snapshots of what earlier rounds piled up (README "Share one mock" gives their cost).
      const target = { ...warm, bases: warm.bases.map((base) => `${base}-r${round}`) }
      const roundIds = await Promise.all(target.bases.map(taskOn))
      const poll = await measure(target, 'poll', () => load(urlOrUrls(pollUrls(target, roundIds)), 'GET'))
      const submit = await measure(target, 'submit', () => load(urlOrUrls(target.bases.map((b) => `${b}/kie/api/v1/veo/generate`)), 'POST', SUBMIT))
      for (const base of target.bases) await (await fetch(`${base}/__admin/reset`, { method: 'POST' })).arrayBuffer()
      const r = (results[name] ??= { poll: [], submit: [], cpuPoll: [], cpuSubmit: [], errors: 0, non2xx: 0 })
      r.poll.push(poll.result.requests.average)
      r.submit.push(submit.result.requests.average)
      r.cpuPoll.push(poll.cpu)
      r.cpuSubmit.push(submit.cpu)
      for (const x of [poll.result, submit.result]) {
        r.errors += x.errors + x.timeouts
        r.non2xx += x.non2xx
      }
    }
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length
  const meanCpu = (list) => Object.fromEntries(Object.keys(list[0] ?? {}).map((k) => [k, Math.round(mean(list.map((c) => c[k] ?? 0)))]))
  const rps = {}
  const cpu = {}
  for (const [name, r] of Object.entries(results)) {
    rps[name] = { poll: Math.round(mean(r.poll)), submit: Math.round(mean(r.submit)), errors: r.errors, non2xx: r.non2xx }
    cpu[name] = { poll: meanCpu(r.cpuPoll), submit: meanCpu(r.cpuSubmit) }
  }
  // On fresh namespaces: the load above left tens of thousands of tasks, and a snapshot of that
  // state (namespace-snapshots.ts) would be measured as latency.
  const fresh = { memory: `${memory.url}/ns/bench-memory-seq`, redis: `${shared.url}/ns/bench-redis-seq` }
  const latency = {
    memory: await sequential(fresh.memory, await taskOn(fresh.memory)),
    redis: await sequential(fresh.redis, await taskOn(fresh.redis)),
  }
  const ratio = (a, b) => Math.round((a / b) * 100) / 100
  // The store's cost per request: what a Redis-backed replica and Redis spend beyond an in-memory replica.
  const storeCost = (kind) => (cpu.redis[kind].replicas ?? NaN) + (cpu.redis[kind].redis ?? 0) - (cpu.memory[kind].replicas ?? NaN)
  const summary = {
    machine: { cpus: (await import('node:os')).cpus().length, loadavg: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10) },
    settings: { durationS: DURATION, connections: CONNECTIONS, rounds: ROUNDS },
    rps,
    cpuUsPerRequest: cpu,
    ratios: {
      redisVsMemoryPoll: ratio(rps.redis.poll, rps.memory.poll),
      redisVsMemorySubmit: ratio(rps.redis.submit, rps.memory.submit),
      twoVsOneReplicaPoll: ratio(rps.proxy2.poll, rps.proxy1.poll),
      twoVsOneReplicaSubmit: ratio(rps.proxy2.submit, rps.proxy1.submit),
      // Eight namespaces, each on one replica: two replicas against one.
      teamTwoVsOnePoll: ratio(rps.team2.poll, rps.team1.poll),
      teamTwoVsOneSubmit: ratio(rps.team2.submit, rps.team1.submit),
    },
    storeCostUs: {
      cpuPerPoll: Math.round(storeCost('poll')),
      cpuPerSubmit: Math.round(storeCost('submit')),
      sequentialPollMemory: Math.round(latency.memory),
      sequentialPollRedis: Math.round(latency.redis),
      sequentialPollAdded: Math.round(latency.redis - latency.memory),
    },
    // Every replica applies every request of its namespace (the log), so a replica's CPU per request
    // of the whole traffic says what a replica with a core of its own could carry: the ratio of one
    // replica's to each of two replicas' is the capacity ratio when CPU is not shared.
    replicaCpuUsPerRequest: {
      onePoll: cpu.proxy1.poll.replicas,
      eachOfTwoPoll: Math.round(cpu.proxy2.poll.replicas / 2),
      oneSubmit: cpu.proxy1.submit.replicas,
      eachOfTwoSubmit: Math.round(cpu.proxy2.submit.replicas / 2),
    },
  }
  const c = (name, kind) =>
    Object.entries(cpu[name][kind])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')
  console.log(`veomock replicas bench (${DURATION} s × ${ROUNDS} rounds, ${CONNECTIONS} connections, load ${summary.machine.loadavg.join(' ')})`)
  for (const kind of ['poll', 'submit']) {
    const R = summary.ratios
    const [rm, two] = kind === 'poll' ? [R.redisVsMemoryPoll, R.twoVsOneReplicaPoll] : [R.redisVsMemorySubmit, R.twoVsOneReplicaSubmit]
    console.log(
      `  ${kind.padEnd(6)} req/s: memory ${rps.memory[kind]}, redis ${rps.redis[kind]} (×${rm}); one namespace through a balancer: →1 replica ${rps.proxy1[kind]}, →2 replicas ${rps.proxy2[kind]} (×${two})`,
    )
    const team = kind === 'poll' ? R.teamTwoVsOnePoll : R.teamTwoVsOneSubmit
    console.log(`         eight namespaces (a team's CI jobs): 1 replica ${rps.team1[kind]}, 2 replicas by namespace ${rps.team2[kind]} (×${team})`)
    console.log(
      `         CPU µs/request: memory [${c('memory', kind)}]; redis [${c('redis', kind)}]; →1 [${c('proxy1', kind)}]; →2 [${c('proxy2', kind)}]; team 1 [${c('team1', kind)}]; team 2 [${c('team2', kind)}]`,
    )
  }
  console.log(
    `  store cost per request: +${summary.storeCostUs.cpuPerPoll} µs CPU per poll, +${summary.storeCostUs.cpuPerSubmit} µs per submit (replica + Redis vs in-memory replica); sequential poll latency +${summary.storeCostUs.sequentialPollAdded} µs (${summary.storeCostUs.sequentialPollMemory} → ${summary.storeCostUs.sequentialPollRedis} µs)`,
  )
  const per = summary.replicaCpuUsPerRequest
  console.log(
    `  replica CPU per request of all traffic: poll ${per.onePoll} µs alone, ${per.eachOfTwoPoll} µs each of two (capacity ×${ratio(per.onePoll, per.eachOfTwoPoll)} with a core per replica); submit ${per.oneSubmit} / ${per.eachOfTwoSubmit} µs (×${ratio(per.oneSubmit, per.eachOfTwoSubmit)})`,
  )
  for (const [name, r] of Object.entries(rps))
    if (r.errors + r.non2xx > 0) console.log(`  WARNING: ${name}: ${r.errors} connection errors or timeouts, ${r.non2xx} non-2xx answers`)
  if (args.json) await writeFile(args.json, JSON.stringify(summary, null, 2))
} finally {
  for (const stop of stops.reverse()) await stop()
}
