#!/usr/bin/env node
// Scale: poll latency of a veomock holding 100 tasks against one holding 100,000, and the resident
// memory after 100,000 tasks.
//
// Two servers run side by side and are polled in turn, several rounds each, so machine noise
// (these machines are shared) hits both alike; each p99 is the median over the rounds. 100 API
// keys take turns and the clock runs at 1000x, so KIE's 20-submits-per-10-s window (10 ms of real
// time) never refuses a submit, as with a handful of real keys.
// Usage: node bench/scale.mjs [--tasks 100000] [--duration 4] [--rounds 3] [--connections 20]
import { spawn } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { freePort, rssMb } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
  },
})
const TASKS = Number(args.tasks)
const DURATION = Number(args.duration)
const ROUNDS = Number(args.rounds)
const CONNECTIONS = Number(args.connections)
// The same node flags as the `veomock` bin and `npm start`.
const NODE_FLAGS = ['--max-old-space-size=320']

async function startServer() {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const child = spawn(
    process.execPath,
    [...NODE_FLAGS, 'dist/cli/veomock.js', 'serve', '--port', String(port), '--time-scale', '1000', '--vendors', 'kie', '--quiet'],
    {
      cwd: root,
      stdio: 'ignore',
    },
  )
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/__admin/health`)
      break
    } catch {
      if (i > 400) throw new Error('Failed to start veomock for the scale bench')
      await new Promise((r) => setTimeout(r, 25))
    }
  }
  // Enough credits for every submit (KIE charges 60 per Fast video).
  for (let k = 0; k < 100; k++) {
    await fetch(`${base}/__admin/accounts/scale-${k}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credits: 1e9 }),
    })
  }
  return { base, port, child }
}

const body = JSON.stringify({ prompt: 'A futuristic city with flying cars at sunset.', model: 'veo3_fast', aspect_ratio: '16:9' })

function submit(base, amount) {
  const ids = []
  let key = 0
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        amount,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              path: '/kie/api/v1/veo/generate',
              headers: { authorization: `Bearer scale-${++key % 100}`, 'content-type': 'application/json' },
              body,
            }),
            onResponse: (_status, resBody) => {
              if (ids.length < 1000) ids.push(JSON.parse(resBody).data.taskId)
            },
          },
        ],
      },
      (err, result) => (err ? reject(err) : resolve({ ids, result })),
    )
    instance.on('error', reject)
  })
}

// Latency per request in microseconds (autocannon rounds to whole milliseconds, too coarse to
// compare p99s of a few ms): CONNECTIONS keep-alive loops for DURATION seconds.
async function poll(port, ids) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  const latencies = []
  let n = 0
  const deadline = performance.now() + DURATION * 1000
  const once = () =>
    new Promise((resolve, reject) => {
      const start = performance.now()
      const req = http.get(
        { host: '127.0.0.1', port, agent, path: `/kie/api/v1/veo/record-info?taskId=${ids[n++ % ids.length]}`, headers: { authorization: 'Bearer poller' } },
        (res) => {
          res.resume()
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`Failed to poll: HTTP ${res.statusCode}`))
            latencies.push((performance.now() - start) * 1000)
            resolve()
          })
        },
      )
      req.on('error', reject)
    })
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < deadline) await once()
    }),
  )
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
  return { rps: latencies.length / DURATION, p50: at(0.5), p99: at(0.99) }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const started = Date.now()
const small = await startServer()
const large = await startServer()
try {
  const smallIds = (await submit(small.base, 100)).ids
  const largeFirst = (await submit(large.base, 100)).ids
  const t0 = Date.now()
  const bulk = await submit(large.base, TASKS - 100)
  const fillSeconds = (Date.now() - t0) / 1000
  const largeIds = [...largeFirst, ...bulk.ids]
  const health = await fetch(`${large.base}/__admin/health`).then((r) => r.json())
  // Warm both, then alternate.
  await poll(small.port, smallIds)
  await poll(large.port, largeIds)
  const runs = { small: [], large: [] }
  for (let round = 0; round < ROUNDS; round++) {
    runs.small.push(await poll(small.port, smallIds))
    runs.large.push(await poll(large.port, largeIds))
  }
  // V8 hands freed pages back when the process goes idle (its memory reducer): measure after 10 s.
  const rssBusy = rssMb(large.child.pid)
  await new Promise((r) => setTimeout(r, 10_000))
  const rssLarge = rssMb(large.child.pid)
  const rssSmall = rssMb(small.child.pid)
  const heapLarge = (await fetch(`${large.base}/__admin/health`).then((r) => r.json())).memory.heapUsedBytes / 1048576
  const fmt = (rs) =>
    `${Math.round(median(rs.map((r) => r.rps)))} req/s  p50 ${Math.round(median(rs.map((r) => r.p50)))} µs  p99 ${Math.round(median(rs.map((r) => r.p99)))} µs  (p99 per round: ${rs.map((r) => Math.round(r.p99)).join(', ')})`
  const ratio = median(runs.large.map((r) => r.p99)) / median(runs.small.map((r) => r.p99))
  process.stdout.write(
    [
      `tasks in memory: ${health.counts.tasks} (evicted ${health.evicted.tasks}); journal ${health.counts.requests} entries (evicted ${health.evicted.requests})`,
      `filled ${TASKS - 100} tasks in ${fillSeconds.toFixed(1)} s (${Math.round((TASKS - 100) / fillSeconds)} submits/s)`,
      `poll, 100 tasks:      ${fmt(runs.small)}`,
      `poll, ${health.counts.tasks} tasks: ${fmt(runs.large)}`,
      `p99 ratio (100k / 100), median of ${ROUNDS} alternating rounds: ${ratio.toFixed(2)}  (target ≤ 1.2)`,
      `RSS with ${health.counts.tasks} tasks: ${rssBusy.toFixed(0)} MB right after load, ${rssLarge.toFixed(0)} MB after 10 s idle (target < 300 MB); V8 heap in use ${heapLarge.toFixed(0)} MB; the 100-task server: ${rssSmall.toFixed(0)} MB`,
      `scale bench finished in ${Math.round((Date.now() - started) / 1000)} s`,
    ].join('\n') + '\n',
  )
} finally {
  small.child.kill('SIGTERM')
  large.child.kill('SIGTERM')
}
