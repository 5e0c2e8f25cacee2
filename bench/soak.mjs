#!/usr/bin/env node
// Soak: the built `veomock serve` (with the bin's heap cap) under mixed load for a long time —
// submits with callbacks (to healthy, slow and silent local receivers), polls, large and
// malformed bodies, deep JSON, __proto__ bodies, wrong content types, 15 kB headers, bodies over
// 1 MB, admin reads and clients that hang up mid-request. Everything stays on 127.0.0.1 and the
// load is bounded by a fixed number of connections.
//
// Passes when the mock's RSS stays under the heap cap plus a stated margin for the whole run and
// the p99 of ordinary requests (small submits and polls) in the last window is within 2x of the
// first window's. Both figures are ratios within the same run.
//
// Usage: node bench/soak.mjs                 short mode: 40 s, 8 windows of 5 s
//        node bench/soak.mjs --minutes 10    the long run: 10 windows of 1 minute
//        [--connections 12] [--margin-mb 160]
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { freePort, rssMb } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string' },
    seconds: { type: 'string', default: '40' },
    connections: { type: 'string', default: '12' },
    'margin-mb': { type: 'string', default: '160' },
  },
})
const LONG = args.minutes !== undefined
const DURATION_MS = LONG ? Number(args.minutes) * 60_000 : Number(args.seconds) * 1000
const WINDOW_MS = LONG ? 60_000 : DURATION_MS / 8
const CONNECTIONS = Number(args.connections)
// The same heap cap as the `veomock` bin and `npm start`.
const HEAP_CAP_MB = 320
const MARGIN_MB = Number(args['margin-mb'])

function cliPath() {
  for (const candidate of ['dist/cli/veomock.js', 'dist/mock-server/src/cli.js']) {
    if (existsSync(path.join(root, candidate))) return candidate
  }
  throw new Error('Failed to find the built CLI: run npm run build first')
}

/** Local callback receivers: most answer at once, some slowly, some never. */
async function startReceivers() {
  const counts = { healthy: 0, slow: 0, silent: 0 }
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const kind = req.url.startsWith('/silent') ? 'silent' : req.url.startsWith('/slow') ? 'slow' : 'healthy'
      counts[kind]++
      if (kind === 'silent') return
      setTimeout(() => res.end('ok'), kind === 'slow' ? 300 : 0)
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}`, counts, server }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })

/** One request; resolves with { status, ms } (status 0 when the connection failed). */
function request(port, { method = 'GET', path: p, headers = {}, body, abortAfterBytes }) {
  return new Promise((resolve) => {
    const start = performance.now()
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers, agent: abortAfterBytes ? false : agent }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - start, text: Buffer.concat(chunks).toString() }))
    })
    req.on('error', () => resolve({ status: 0, ms: performance.now() - start, text: '' }))
    if (abortAfterBytes) {
      req.write(body.slice(0, abortAfterBytes))
      setTimeout(() => req.destroy(), 5)
      return
    }
    req.end(body)
  })
}

const PROMPTS = ['a red fox in snow', 'a product walkthrough', 'a cat playing piano', 'a dog playing in a park']
const bigPrompt = 'a very long prompt '.repeat(47_000) // ~0.9 MB
const deep = '['.repeat(100_000) + ']'.repeat(100_000)

function pick(list, i) {
  return list[i % list.length]
}

/** The next request of the mix, by a running counter; `ordinary` ones are the latency sample. */
function nextRequest(i, state, receivers) {
  const key = `soak-${i % 500}`
  const auth = { authorization: `Bearer ${key}` }
  const json = { ...auth, 'content-type': 'application/json' }
  const receiver = `${receivers.url}/${i % 50 === 0 ? 'silent' : i % 10 === 0 ? 'slow' : 'healthy'}/${i}`
  const slot = i % 40
  if (slot < 10) {
    const vendor = pick(['kie', 'odkkk', 'xenodia', 'apixo'], i)
    const bodies = {
      kie: { prompt: pick(PROMPTS, i), model: 'veo3_fast', aspect_ratio: '16:9', callBackUrl: receiver },
      odkkk: { model: 'veo3.1-pro', prompt: pick(PROMPTS, i), callback_url: receiver },
      xenodia: { model: 'veo3.1_fast', prompt: pick(PROMPTS, i), resolution: '720p', callBackUrl: receiver },
      apixo: { request_type: 'callback', callback_url: receiver, input: { mode: 'fast', prompt: pick(PROMPTS, i), generationType: 'TEXT_2_VIDEO' } },
    }
    const paths = {
      kie: '/kie/api/v1/veo/generate',
      odkkk: '/odkkk/v1/videos/generations',
      xenodia: '/xenodia/v1/videos/generations',
      apixo: '/apixo/api/v1/generateTask/veo-3-1',
    }
    return { ordinary: true, submit: vendor, method: 'POST', path: paths[vendor], headers: json, body: JSON.stringify(bodies[vendor]) }
  }
  if (slot < 26) {
    const known = state.ids.length ? state.ids[i % state.ids.length] : { vendor: 'kie', id: 'none' }
    const paths = {
      kie: `/kie/api/v1/veo/record-info?taskId=${known.id}`,
      odkkk: `/odkkk/v1/tasks/${known.id}`,
      xenodia: `/xenodia/v1/tasks/${known.id}`,
      apixo: `/apixo/api/v1/statusTask/veo-3-1?taskId=${known.id}`,
    }
    return { ordinary: true, path: paths[known.vendor], headers: auth }
  }
  switch (slot) {
    case 26:
      return {
        method: 'POST',
        path: '/odkkk/v1/videos/generations',
        headers: json,
        body: JSON.stringify({ model: 'veo3.1-pro', prompt: bigPrompt, bad: true }),
      }
    case 27:
      return { method: 'POST', path: '/kie/api/v1/veo/generate', headers: json, body: JSON.stringify({ prompt: bigPrompt, model: 'veo3_fast' }) }
    case 28:
      return { method: 'POST', path: '/kie/api/v1/veo/generate', headers: json, body: '{"prompt": "unterminated' }
    case 29:
      return { method: 'POST', path: '/odkkk/v1/videos/generations', headers: json, body: deep }
    case 30:
      return {
        method: 'POST',
        path: '/kie/api/v1/veo/generate',
        headers: json,
        body: '{"__proto__":{"prompt":"inherited","callBackUrl":"http://127.0.0.1:1/x"},"model":"veo3_fast"}',
      }
    case 31:
      return { method: 'POST', path: '/xenodia/v1/videos/generations', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hello' }
    case 32:
      return { path: `/kie/api/v1/veo/record-info?taskId=x`, headers: { ...auth, 'x-padding': 'p'.repeat(15_000) } }
    case 33:
      return { method: 'POST', path: '/apixo/api/v1/generateTask/veo-3-1', headers: json, body: 'x'.repeat(1_100_000) }
    case 34:
      return { path: '/__admin/requests?limit=50' }
    case 35:
      return { path: '/__admin/tasks?limit=50' }
    case 36:
      return { path: '/__admin/callbacks?limit=50' }
    case 37:
      return { method: 'POST', path: '/kie/api/v1/veo/generate', headers: { ...json, 'content-length': '5000' }, body: '{"prompt":"gone', abortAfterBytes: 10 }
    case 38:
      return {
        method: 'POST',
        path: '/kie/api/v1/veo/generate',
        headers: json,
        body: JSON.stringify({ prompt: 'callback to the mock itself', model: 'veo3_fast', callBackUrl: `${state.base}/__admin/reset` }),
      }
    default:
      return { path: '/__admin/health' }
  }
}

function p99(samples) {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]
}

/** Starts `veomock serve` as a child process (heap capped as in production) and waits until it answers. */
async function startVeomock(port) {
  const child = spawn(process.execPath, ['--max-old-space-size=320', cliPath(), 'serve', '--port', String(port), '--quiet'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  const run = { child, stderr: '', exited: null, base: `http://127.0.0.1:${port}` }
  child.stderr.on('data', (d) => {
    if (run.stderr.length < 20_000) run.stderr += d
  })
  child.on('exit', (code, signal) => {
    run.exited = { code, signal }
  })
  for (let i = 0; ; i++) {
    try {
      await fetch(`${run.base}/__admin/health`)
      return run
    } catch {
      if (i > 400) throw new Error('Failed to start veomock for the soak')
      await new Promise((r) => setTimeout(r, 25))
    }
  }
}

/** CONNECTIONS workers send the request mix for DURATION_MS; a line per window; the windows and the max RSS. */
async function runLoad(run, port, receivers) {
  const state = { ids: [], base: run.base }
  const windows = []
  let current = { ordinary: [], statuses: {}, requests: 0, maxRss: 0 }
  let maxRss = 0
  const rssTimer = setInterval(() => {
    if (run.exited) return
    const rss = rssMb(run.child.pid)
    maxRss = Math.max(maxRss, rss)
    current.maxRss = Math.max(current.maxRss, rss)
  }, 500)
  const started = performance.now()
  let windowEnd = started + WINDOW_MS
  let counter = 0
  const worker = async () => {
    while (performance.now() - started < DURATION_MS && !run.exited) {
      const i = counter++
      const spec = nextRequest(i, state, receivers)
      const result = await request(port, spec)
      current.requests++
      current.statuses[result.status] = (current.statuses[result.status] ?? 0) + 1
      if (spec.ordinary && result.status > 0) current.ordinary.push(result.ms)
      if (spec.submit && result.status === 200 && state.ids.length < 5000) rememberTask(state, spec.submit, result.text)
      if (performance.now() >= windowEnd) {
        windows.push(current)
        process.stdout.write(
          `window ${windows.length}: ${current.requests} requests, ordinary p99 ${p99(current.ordinary).toFixed(1)} ms, max RSS ${current.maxRss.toFixed(0)} MB, statuses ${JSON.stringify(current.statuses)}\n`,
        )
        current = { ordinary: [], statuses: {}, requests: 0, maxRss: 0 }
        windowEnd += WINDOW_MS
      }
    }
  }
  await Promise.all(Array.from({ length: CONNECTIONS }, worker))
  clearInterval(rssTimer)
  if (current.requests > 0 && windows.length === 0) windows.push(current)
  return { windows, maxRss }
}

/** Keeps a submitted task's id, so later requests can poll it. */
function rememberTask(state, vendor, text) {
  try {
    const b = JSON.parse(text)
    const id = b.data?.taskId ?? b.id ?? b.task_id ?? b.data?.task_id
    if (id) state.ids.push({ vendor, id })
  } catch {
    // not JSON: counted in the statuses
  }
}

/** Prints the figures and the verdict; true when the soak passed. */
function report({ windows, maxRss }, run, receivers, health, crashed) {
  const first = p99(windows[0]?.ordinary ?? [])
  const last = p99(windows.at(-1)?.ordinary ?? [])
  const limit = HEAP_CAP_MB + MARGIN_MB
  const ratio = last / first
  const internalErrors = (run.stderr.match(/internal error/g) ?? []).length
  console.log(`\nveomock soak, ${(DURATION_MS / 60_000).toFixed(1)} min, ${CONNECTIONS} connections, heap cap ${HEAP_CAP_MB} MB`)
  console.log(`  requests: ${windows.reduce((n, w) => n + w.requests, 0)}; callbacks received: ${JSON.stringify(receivers.counts)}`)
  console.log(`  max RSS: ${maxRss.toFixed(0)} MB (limit: heap cap + ${MARGIN_MB} MB margin = ${limit} MB)`)
  console.log(`  p99 of ordinary requests: first window ${first.toFixed(1)} ms, last window ${last.toFixed(1)} ms, ratio ${ratio.toFixed(2)} (limit 2.00)`)
  if (health) console.log(`  at the end: ${JSON.stringify({ counts: health.counts, evicted: health.evicted, bytes: health.bytes })}`)
  console.log(
    `  internal errors on stderr: ${internalErrors}; ${crashed ? `died during the run: ${JSON.stringify(crashed)}` : `kept running; SIGTERM exit ${JSON.stringify(run.exited)}`}`,
  )
  const ok = !crashed && health !== null && maxRss <= limit && ratio <= 2 && internalErrors === 0
  console.log(ok ? 'PASS' : 'FAIL')
  if (!ok && run.stderr) console.log(`stderr (first 2 kB):\n${run.stderr.slice(0, 2000)}`)
  return ok
}

async function main() {
  const receivers = await startReceivers()
  const port = await freePort()
  const run = await startVeomock(port)
  const load = await runLoad(run, port, receivers)
  const health = run.exited ? null : await (await fetch(`${run.base}/__admin/health`)).json()
  const crashed = run.exited
  run.child.kill('SIGTERM')
  await new Promise((r) => (run.exited ? r() : run.child.once('exit', r)))
  agent.destroy()
  receivers.server.closeAllConnections()
  receivers.server.close()
  process.exit(report(load, run, receivers, health, crashed) ? 0 : 1)
}

await main()
