#!/usr/bin/env node
// Callback delivery under load: 1,000 concurrent tasks per vendor (all four at once) whose
// callbacks go to receivers that fail in patterns — a 500 once, no answer in time once, a reset
// connection once, 500 for ever — plus `duplicate_callback` tasks. Checks, from the mock's callback
// journal and the receivers' own counts, that every delivery was attempted exactly per the vendor's
// policy (attempt count, retry delays, nothing early), none was lost and no task was delivered more
// often than its scenario says. Prints attempts and the lateness of attempts (p50/p99, virtual ms)
// and exits 1 on any violation. Everything stays on 127.0.0.1.
//
// Usage: npm run bench:callbacks      [--tasks 1000] [--time-scale 100] [--receivers 8]
import { fork } from 'node:child_process'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1000' },
    'time-scale': { type: 'string', default: '100' },
    receivers: { type: 'string', default: '8' },
    'serve-receivers': { type: 'boolean' },
  },
})
const TASKS = Number(args.tasks)
const SCALE = Number(args['time-scale'])
const RECEIVERS = Number(args.receivers)
// Held past the mock's real per-attempt timeout (at least 1 s), so the attempt fails as a timeout.
const HOLD_MS = 1600
const PATTERNS = ['ok', 'ok', 'ok', 'ok', 'ok', 'fail-once', 'timeout-once', 'reset-once', 'always-500', 'duplicate']

const SUBMIT = {
  kie: (url) => ['/api/v1/veo/generate', { prompt: 'a fox', model: 'veo3_fast', callBackUrl: url }],
  apixo: (url) => [
    '/api/v1/generateTask/veo-3-1',
    { request_type: 'callback', callback_url: url, input: { mode: 'fast', prompt: 'a fox', generationType: 'TEXT_2_VIDEO' } },
  ],
  xenodia: (url) => ['/v1/videos/generations', { model: 'veo3.1_fast', prompt: 'a fox', callBackUrl: url }],
  odkkk: (url) => ['/v1/videos/generations', { model: 'veo3.1-pro', prompt: 'a fox', callback_url: url }],
}
const taskIdOf = (body) => body?.data?.taskId ?? body?.task_id ?? body?.id

// Receivers: the path /cb/<vendor>/<pattern>/<i> says how to answer; each request is counted.
const seen = new Map()
function receiver() {
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const [, , vendor, pattern, i] = (req.url ?? '').split('/')
      const key = `${vendor}/${i}`
      const n = (seen.get(key) ?? 0) + 1
      seen.set(key, n)
      if (pattern === 'always-500' || (pattern === 'fail-once' && n === 1)) return res.writeHead(500).end()
      if (pattern === 'reset-once' && n === 1) return req.socket.destroy()
      if (pattern === 'timeout-once' && n === 1) return setTimeout(() => res.writeHead(200).end(), HOLD_MS)
      res.writeHead(200).end()
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0
}

/** Every callback attempt in the journal, page by page (the admin API returns at most 10,000 at once). */
async function allCallbacks(mock) {
  const out = []
  for (let since = 0; ;) {
    const page = await mock.admin.callbacks({ since, limit: 10_000 })
    out.push(...page)
    if (page.length < 10_000) return out
    since = page[page.length - 1].seq
  }
}

async function mapLimit(items, limit, fn) {
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++])
    }),
  )
}

// The receivers run in a process of their own, so the mock's load does not make them late.
if (args['serve-receivers']) {
  const servers = await Promise.all(Array.from({ length: RECEIVERS }, receiver))
  process.send({ ports: servers.map((s) => s.address().port) })
  process.on('message', (m) => (m === 'counts' ? process.send({ counts: Object.fromEntries(seen) }) : process.exit(0)))
} else {
  await main().catch((error) => {
    console.error(error)
    process.exit(1)
  })
}

/** Submits every task (16 at a time), each with a callback URL that tells its receiver how to answer. */
async function submitTasks(mock, ports) {
  const tasks = []
  for (const vendor of Object.keys(SUBMIT)) for (let i = 0; i < TASKS; i++) tasks.push({ vendor, i, pattern: PATTERNS[i % PATTERNS.length] })
  await mapLimit(tasks, 16, async (t) => {
    const url = `http://127.0.0.1:${ports[t.i % ports.length]}/cb/${t.vendor}/${t.pattern}/${t.i}`
    const [path, body] = SUBMIT[t.vendor](url)
    const headers = { authorization: `Bearer bench-${t.i % 50}`, 'content-type': 'application/json' }
    if (t.pattern === 'duplicate') headers['x-veomock-scenario'] = 'duplicate_callback'
    const response = await fetch(`${mock.baseUrls[t.vendor]}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    t.id = taskIdOf(await response.json())
    if (!t.id) throw new Error(`Failed to submit a ${t.vendor} task: HTTP ${response.status}`)
  })
  return tasks
}

/** Waits until the outbox is idle: every task has its deliveries and no chain has a retry still due. */
async function waitForIdleOutbox(mock, tasks, policies, started) {
  const longest = Math.max(...Object.values(policies).map((p) => p.retryDelaysMs.reduce((a, b) => a + b, 0) + p.timeoutMs))
  for (;;) {
    await new Promise((r) => setTimeout(r, 500))
    if (performance.now() - started > longest / SCALE + 60_000) throw new Error('Failed to finish: deliveries were still due')
    const all = await allCallbacks(mock)
    const last = new Map()
    for (const a of all) last.set(`${a.taskId} ${a.kind}`, a)
    const chains = tasks.reduce((n, t) => n + (t.pattern === 'duplicate' ? 2 : 1), 0)
    if (last.size >= chains && [...last.values()].every((a) => a.nextAttemptAt === null)) return
  }
}

/** Every task's attempts against its vendor policy and its receiver pattern: count, schedule, deliveries, what the receiver saw. */
async function checkAttempts(mock, tasks, policies, attempts, counts) {
  const byTask = new Map()
  for (const a of attempts) byTask.set(a.taskId, [...(byTask.get(a.taskId) ?? []), a])
  const problems = []
  const lateness = []
  const perVendor = {}
  for (const t of tasks) {
    const policy = policies[t.vendor]
    const list = (byTask.get(t.id) ?? []).sort((a, b) => a.seq - b.seq)
    const chains = t.pattern === 'duplicate' ? [list.filter((a) => a.kind === 'genuine'), list.filter((a) => a.kind === 'duplicate')] : [list]
    const want = { ok: 1, 'fail-once': 2, 'timeout-once': 2, 'reset-once': 2, 'always-500': 1 + policy.retryDelaysMs.length, duplicate: 1 }[t.pattern]
    const task = await mock.admin.task(t.id)
    for (const chain of chains) {
      if (chain.length !== want)
        problems.push(
          `${t.vendor} ${t.pattern} ${t.id}: ${chain.length} attempts, policy says ${want} (${chain.map((a) => a.status ?? a.errorKind).join(', ')})`,
        )
      chain.forEach((a, k) => {
        const due = k === 0 ? task.timeline.settledAt : chain[k - 1].at + policy.retryDelaysMs[k - 1]
        if (a.at < due) problems.push(`${t.vendor} ${t.id}: attempt ${k + 1} came ${due - a.at} ms early`)
        lateness.push(a.at - due)
      })
    }
    const delivered = list.filter((a) => a.delivered).length
    const expectDelivered = t.pattern === 'always-500' ? 0 : t.pattern === 'duplicate' ? 2 : 1
    if (delivered !== expectDelivered) problems.push(`${t.vendor} ${t.pattern} ${t.id}: delivered ${delivered} times, scenario says ${expectDelivered}`)
    const received = counts[`${t.vendor}/${t.i}`] ?? 0
    if (received !== list.length) problems.push(`${t.vendor} ${t.id}: the receiver saw ${received} requests, the journal ${list.length} attempts`)
    perVendor[t.vendor] = (perVendor[t.vendor] ?? 0) + list.length
  }
  const evicted = (await mock.admin.health()).evicted.callbacks
  if (evicted > 0) problems.push(`${evicted} callback attempts were evicted from the journal; raise maxCallbacks`)
  return { problems, lateness, perVendor }
}

function printReport({ tasks, attempts, policies, submitMs, totalMs }, { problems, lateness, perVendor }) {
  const shortestRetry = Math.min(...Object.values(policies).map((p) => p.retryDelaysMs[0]))
  console.log(`bench/callbacks: ${TASKS} tasks per vendor (${tasks.length} in all) at time scale ${SCALE}, ${RECEIVERS} receivers failing in patterns`)
  console.log(`  submits: ${Math.round(submitMs)} ms; all deliveries done in ${(totalMs / 1000).toFixed(1)} s real`)
  console.log(
    `  attempts: ${attempts.length} (${Object.entries(perVendor)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ')}); ${(attempts.length / tasks.length).toFixed(2)} per task`,
  )
  console.log(`  lateness of attempts vs schedule (virtual ms): p50 ${percentile(lateness, 50)}, p99 ${percentile(lateness, 99)}, max ${Math.max(...lateness)}`)
  console.log(`  lateness p99 as a share of the shortest retry delay (${shortestRetry} ms): ${(percentile(lateness, 99) / shortestRetry).toFixed(2)}`)
  console.log(
    problems.length === 0
      ? '  every delivery attempted exactly per its vendor policy; none lost; no extra duplicate'
      : `  ${problems.length} problems:\n    ${problems.slice(0, 20).join('\n    ')}`,
  )
}

async function main() {
  const { allDialects } = await import('../dist/mock-server/src/dialects/index.js')
  const { startMockServer } = await import('../dist/mock-server/src/server.js')
  const child = fork(fileURLToPath(import.meta.url), ['--serve-receivers', '--receivers', String(RECEIVERS)])
  process.on('exit', () => child.kill())
  const ask = (message, field) =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m[field]))
      if (message) child.send(message)
    })
  const ports = await ask(null, 'ports')
  const mock = await startMockServer({
    port: 0,
    timeScale: SCALE,
    limits: { maxCallbacks: 100_000, maxTasks: 100_000, maxRequests: 100_000 },
    onViolation: () => undefined,
  })
  const started = performance.now()
  const tasks = await submitTasks(mock, ports)
  const submitMs = performance.now() - started
  const policies = Object.fromEntries(allDialects.map((d) => [d.id, d.callbacks.policy]))
  await waitForIdleOutbox(mock, tasks, policies, started)
  const attempts = await allCallbacks(mock)
  const checked = await checkAttempts(mock, tasks, policies, attempts, await ask('counts', 'counts'))
  printReport({ tasks, attempts, policies, submitMs, totalMs: performance.now() - started }, checked)
  await mock.close()
  child.send('exit')
  process.exit(checked.problems.length === 0 ? 0 : 1)
}
