#!/usr/bin/env node
// npm run bench: throughput and latency of veomock against, in the same run and in turn,
//   (a) veomock with request validation on,
//   (b) Prism's mock of the same vendor spec (logging at error level),
//   (c) an Express 5 app with one route returning a precomputed body (the framework's ceiling),
//   (d) a bare node:http server returning the same body (the floor).
// These machines are shared and noisy, so only ratios measured in one run mean anything.
// Usage: node bench/bench.mjs [--duration 5] [--connections 50] [--workloads kie-submit,…] [--json out.json]
import { spawn } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { freePort } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '50' },
    workloads: { type: 'string', default: 'kie-submit,kie-poll,xenodia-submit,xenodia-poll' },
    targets: { type: 'string', default: 'veomock,prism,express,floor' },
    json: { type: 'string' },
  },
})
const DURATION = Number(args.duration)
const CONNECTIONS = Number(args.connections)

const WORKLOADS = {
  'kie-submit': {
    vendor: 'kie',
    method: 'POST',
    path: '/api/v1/veo/generate',
    body: { prompt: 'A futuristic city with flying cars at sunset.', model: 'veo3_fast', aspect_ratio: '16:9' },
  },
  'kie-poll': { vendor: 'kie', method: 'GET', path: (id) => `/api/v1/veo/record-info?taskId=${id}` },
  'xenodia-submit': {
    vendor: 'xenodia',
    method: 'POST',
    path: '/v1/videos/generations',
    body: {
      model: 'veo3_fast',
      prompt: 'A cinematic close-up of a developer dashboard.',
      generationType: 'TEXT_2_VIDEO',
      aspect_ratio: '16:9',
      resolution: '720p',
    },
  },
  'xenodia-poll': { vendor: 'xenodia', method: 'GET', path: (id) => `/v1/tasks/${id}` },
}

async function waitFor(url, init, timeoutMs = 20_000) {
  const start = Date.now()
  for (;;) {
    try {
      const r = await fetch(url, init)
      await r.arrayBuffer()
      if (r.status < 500) return Date.now() - start
    } catch {
      // not up yet
    }
    if (Date.now() - start > timeoutMs) throw new Error(`Failed to start a bench target: ${url} did not answer within ${timeoutMs} ms`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

function startProcess(command, argv, env = {}) {
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000)
  })
  return { child, stderr: () => stderr, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) }
}

async function startVeomock() {
  const port = await freePort()
  const p = startProcess(process.execPath, [
    '--max-old-space-size=320',
    'dist/cli/veomock.js',
    'serve',
    '--port',
    String(port),
    '--time-scale',
    'manual',
    '--max-requests',
    '20000',
    // The mock's own cost; the console request log is measured apart (README, request log).
    '--quiet',
  ])
  await waitFor(`http://127.0.0.1:${port}/__admin/health`)
  return { base: (vendor) => `http://127.0.0.1:${port}/${vendor}`, stop: p.stop, pid: p.child.pid }
}

async function startPrism(vendor) {
  const port = await freePort()
  const bin = path.join(path.dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js')
  const p = startProcess(process.execPath, [bin, 'mock', `specs/${vendor}.openapi.yaml`, '-p', String(port), '-v', 'error'])
  await waitFor(`http://127.0.0.1:${port}/__nothing`, undefined, 60_000)
  return { base: () => `http://127.0.0.1:${port}`, stop: p.stop }
}

// The ceiling and the floor run in their own processes (as veomock and Prism do) and answer with
// the same bytes veomock answered for the workload.
async function startBaseline(kind, workload, body) {
  const port = await freePort()
  const file = path.join(os.tmpdir(), `veomock-bench-${process.pid}-${kind}.json`)
  await writeFile(file, body)
  const route = typeof workload.path === 'string' ? workload.path : workload.path(':id').split('?')[0]
  const p = startProcess(process.execPath, ['bench/baseline-server.mjs', kind, String(port), workload.method, route, file])
  await waitFor(`http://127.0.0.1:${port}/`)
  return { base: () => `http://127.0.0.1:${port}`, stop: p.stop }
}

/** Creates tasks on veomock for the poll workloads and returns their ids. */
async function seedTasks(base, vendor, count) {
  const w = WORKLOADS[`${vendor}-submit`]
  const ids = []
  for (let i = 0; i < count; i++) {
    const r = await fetch(base + w.path, {
      method: 'POST',
      headers: { authorization: `Bearer seed-${i}`, 'content-type': 'application/json' },
      body: JSON.stringify(w.body),
    })
    const json = await r.json()
    ids.push(json?.data?.taskId ?? json?.task_id ?? json?.id)
  }
  return ids
}

function run(url, workload, ids, duration = DURATION) {
  let n = 0
  const requests = [
    {
      method: workload.method,
      setupRequest: (req) => {
        n++
        // A fresh key per submit: KIE allows 20 submits per 10 s per key and the bench clock is manual.
        req.headers = { ...req.headers, authorization: `Bearer bench-${n}`, 'content-type': 'application/json' }
        req.path = new URL(url).pathname.replace(/\/$/, '') + (typeof workload.path === 'string' ? workload.path : workload.path(ids[n % ids.length]))
        if (workload.body) req.body = JSON.stringify(workload.body)
        return req
      },
    },
  ]
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration, requests }, (err, result) => (err ? reject(err) : resolve(result)))
  })
}

function summarize(result) {
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

const selected = args.workloads.split(',')
const targets = args.targets.split(',')
const results = {}
const startedAt = Date.now()
const veomock = await startVeomock()
try {
  for (const name of selected) {
    const workload = WORKLOADS[name]
    if (!workload) throw new Error(`Failed to run the bench: unknown workload ${name}`)
    const vbase = veomock.base(workload.vendor)
    const ids = workload.method === 'GET' ? await seedTasks(vbase, workload.vendor, 100) : []
    // The body the ceiling and the floor send: veomock's own answer to the same request.
    const sample = await fetch(vbase + (typeof workload.path === 'string' ? workload.path : workload.path(ids[0])), {
      method: workload.method,
      headers: { authorization: 'Bearer sample', 'content-type': 'application/json' },
      body: workload.body ? JSON.stringify(workload.body) : undefined,
    }).then((r) => r.text())
    results[name] = {}
    for (const target of targets) {
      let t
      if (target === 'veomock') t = { base: () => vbase, stop: async () => undefined }
      else if (target === 'prism') t = await startPrism(workload.vendor)
      else if (target === 'express') t = await startBaseline('express', workload, sample)
      else if (target === 'floor') t = await startBaseline('floor', workload, sample)
      else throw new Error(`Failed to run the bench: unknown target ${target}`)
      const url = t.base(workload.vendor)
      // Prism serves its examples, so poll ids do not matter to it.
      await run(url, workload, ids.length ? ids : ['x'], 1).catch(() => undefined) // 1 s warm-up
      const r = summarize(await run(url, workload, ids.length ? ids : ['x']))
      results[name][target] = r
      process.stderr.write(
        `${name.padEnd(15)} ${target.padEnd(8)} ${String(r.rps).padStart(7)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.non2xx ? `  non-2xx ${r.non2xx}` : ''}${r.errors ? `  errors ${r.errors}` : ''}\n`,
      )
      await t.stop()
    }
  }
} finally {
  await veomock.stop()
}

const ratio = (a, b) => (a && b ? Math.round((a / b) * 100) / 100 : null)
const lines = ['', `workload         target    req/s    p50   p99   (duration ${DURATION} s, ${CONNECTIONS} connections)`]
for (const [name, byTarget] of Object.entries(results)) {
  for (const [target, r] of Object.entries(byTarget))
    lines.push(`${name.padEnd(16)} ${target.padEnd(8)} ${String(r.rps).padStart(6)} ${String(r.p50).padStart(6)} ${String(r.p99).padStart(5)}`)
}
lines.push('', 'ratios of req/s (veomock / baseline, same run):', 'workload         vs prism  vs express-ceiling  vs floor')
for (const [name, r] of Object.entries(results)) {
  lines.push(
    `${name.padEnd(16)} ${String(ratio(r.veomock?.rps, r.prism?.rps)).padStart(8)} ${String(ratio(r.veomock?.rps, r.express?.rps)).padStart(19)} ${String(ratio(r.veomock?.rps, r.floor?.rps)).padStart(9)}`,
  )
}
lines.push('', `bench finished in ${Math.round((Date.now() - startedAt) / 1000)} s`)
process.stdout.write(lines.join('\n') + '\n')
const out = args.json ?? path.join(root, 'bench', 'results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
await mkdir(path.dirname(out), { recursive: true })
await writeFile(out, JSON.stringify({ startedAt: new Date(startedAt).toISOString(), duration: DURATION, connections: CONNECTIONS, results }, null, 2))
process.stdout.write(`raw figures: ${path.relative(root, out)}\n`)
