#!/usr/bin/env node
// Scale: poll latency with 100 tasks in memory against the same with 100,000, and the resident
// memory after 100,000 tasks. Both p99 figures come from the same process in the same run.
// 100 API keys take turns and the clock runs at 1000x, so KIE's 20-submits-per-10-s window
// (10 ms of real time) never refuses a submit, as with a handful of real keys.
// Usage: node bench/scale.mjs [--tasks 100000] [--duration 5] [--vendor kie]
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
  },
})
const TASKS = Number(args.tasks)
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)

function freePort() {
  return new Promise((resolve) => {
    const s = http.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024
}

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const child = spawn(process.execPath, [...(process.env.NODE_FLAGS ? process.env.NODE_FLAGS.split(' ') : []), '--max-old-space-size=320', 'dist/mock-server/src/cli.js', 'serve', '--port', String(port), '--time-scale', '1000', '--vendors', 'kie', ...(process.env.SCALE_ARGS ? process.env.SCALE_ARGS.split(' ') : [])], { cwd: root, stdio: 'ignore' })
for (let i = 0; ; i++) {
  try {
    await fetch(`${base}/__admin/health`)
    break
  } catch {
    if (i > 400) throw new Error('Failed to start veomock for the scale bench')
    await new Promise((r) => setTimeout(r, 25))
  }
}

const body = JSON.stringify({ prompt: 'A futuristic city with flying cars at sunset.', model: 'veo3_fast', aspect_ratio: '16:9' })
let keyCounter = 0
function submit(amount) {
  const ids = []
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        amount,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({ ...req, path: '/kie/api/v1/veo/generate', headers: { authorization: `Bearer scale-${++keyCounter % 100}`, 'content-type': 'application/json' }, body }),
            onResponse: (status, resBody) => {
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

// Poll latency measured per request in microseconds (autocannon rounds to whole milliseconds,
// too coarse to compare p99s of a few ms): CONNECTIONS keep-alive loops for DURATION seconds.
async function poll(ids) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
  const { port } = new URL(base)
  const latencies = []
  let n = 0
  const deadline = performance.now() + DURATION * 1000
  const once = () =>
    new Promise((resolve, reject) => {
      const start = performance.now()
      const req = http.get({ host: '127.0.0.1', port, agent, path: `/kie/api/v1/veo/record-info?taskId=${ids[n++ % ids.length]}`, headers: { authorization: 'Bearer poller' } }, (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`Failed to poll: HTTP ${res.statusCode}`))
          latencies.push((performance.now() - start) * 1000)
          resolve()
        })
      })
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

const started = Date.now()
try {
  // Enough credits for every submit (KIE charges 60 per Fast video).
  for (let k = 0; k < 100; k++) {
    await fetch(`${base}/__admin/accounts/scale-${k}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credits: 1e9 }) })
  }
  const first = await submit(100)
  const hundred = first.ids
  await poll(hundred) // warm-up
  const small = await poll(hundred)
  const rssSmall = rssMb(child.pid)
  const t0 = Date.now()
  const bulk = await submit(TASKS - 100)
  const fillSeconds = (Date.now() - t0) / 1000
  const health = await fetch(`${base}/__admin/health`).then((r) => r.json())
  // The same warm-up as the 100-task run, so both measure a steady server.
  await poll([...hundred, ...bulk.ids])
  const large = await poll([...hundred, ...bulk.ids])
  const rssBusy = rssMb(child.pid)
  // V8 hands freed pages back when the process goes idle (its memory reducer): measure after 10 s.
  await new Promise((r) => setTimeout(r, 10_000))
  const rssLarge = rssMb(child.pid)
  const heapLarge = (await fetch(`${base}/__admin/health`).then((r) => r.json())).memory?.heapUsedBytes / 1048576
  const lines = [
    `tasks in memory: ${health.counts.tasks} (evicted ${health.evicted.tasks}); journal ${health.counts.requests} entries (evicted ${health.evicted.requests})`,
    `filled ${TASKS - 100} tasks in ${fillSeconds.toFixed(1)} s (${Math.round((TASKS - 100) / fillSeconds)} submits/s)`,
    `poll with 100 tasks:      ${Math.round(small.rps)} req/s  p50 ${Math.round(small.p50)} µs  p99 ${Math.round(small.p99)} µs`,
    `poll with ${health.counts.tasks} tasks:   ${Math.round(large.rps)} req/s  p50 ${Math.round(large.p50)} µs  p99 ${Math.round(large.p99)} µs`,
    `p99 ratio (100k / 100): ${(large.p99 / small.p99).toFixed(2)}  (target ≤ 1.2)`,
    `RSS: ${rssSmall.toFixed(0)} MB with 100 tasks; with ${health.counts.tasks} tasks ${rssBusy.toFixed(0)} MB right after load, ${rssLarge.toFixed(0)} MB after 10 s idle (target < 300 MB); V8 heap in use ${heapLarge.toFixed(0)} MB`,
    `scale bench finished in ${Math.round((Date.now() - started) / 1000)} s`,
  ]
  process.stdout.write(lines.join('\n') + '\n')
} finally {
  child.kill('SIGTERM')
}
