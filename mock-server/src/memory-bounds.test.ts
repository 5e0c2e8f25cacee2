// Memory bounded in bytes (issue 11, defect 1), against the built `veomock serve` with the bin's
// real heap cap (--max-old-space-size=320): each attack below used to end in "FATAL ERROR: Reached
// heap limit" within seconds, because the journal and the task store were bounded by count only.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const HEAP_CAP_MB = 320
/** RSS allowed above the heap cap: code, stacks, socket buffers, the young generation. */
const MARGIN_MB = 160

function cliPath(): string {
  for (const candidate of ['dist/cli/veomock.js', 'dist/mock-server/src/cli.js']) {
    if (existsSync(path.join(root, candidate))) return path.join(root, candidate)
  }
  throw new Error('Failed to find the built CLI under dist/: run npm run build (npm test does)')
}

let child: ChildProcess
let port = 0
let exit: string | null = null
let stderr = ''
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 })

function request(method: string, p: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers, agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Runs `total` requests, `parallel` at a time. */
async function flood(total: number, parallel: number, one: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total && exit === null) await one(next++)
    }),
  )
}

function rssMb(): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024
}

async function health(): Promise<{ evicted: { tasks: number; requests: number }; bytes?: { requests: number } }> {
  return JSON.parse((await request('GET', '/__admin/health', {})).text)
}

beforeAll(async () => {
  const probe = http.createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  port = (probe.address() as { port: number }).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
  child = spawn(process.execPath, [`--max-old-space-size=${HEAP_CAP_MB}`, cliPath(), 'serve', '--port', String(port), '--time-scale', 'manual'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString()
  })
  child.on('exit', (code, signal) => {
    exit = `exit ${code} ${signal ?? ''}`
  })
  for (let i = 0; ; i++) {
    try {
      await health()
      break
    } catch (e) {
      if (i > 400 || exit) throw new Error(`Failed to start veomock: ${exit ?? (e as Error).message} ${stderr}`)
      await new Promise((r) => setTimeout(r, 25))
    }
  }
})

afterAll(() => {
  agent.destroy()
  child?.kill('SIGKILL')
})

const json = { authorization: 'Bearer memory-key', 'content-type': 'application/json' }

describe('the mock under memory attacks, with the bin heap cap', () => {
  // ~363 rejected 0.9 MB submits used to fill the heap: the journal kept every body whole. Now a
  // body over 64 kB is journalled as a note of its size and every entry's bytes count against the
  // journal's byte bound; 60 submits (60 MB on the wire) show it within the suite's time.
  it('journals rejected 0.9 MB submits as notes of their size, counted in bytes', async () => {
    const body = JSON.stringify({ model: 'not-a-veo-model', prompt: 'a cat', padding: 'x'.repeat(900_000) })
    const before = await health()
    await flood(60, 6, async () => expect((await request('POST', '/odkkk/v1/videos/generations', json, body)).status).toBeGreaterThanOrEqual(400))
    const after = await health()
    expect(exit, stderr).toBeNull()
    expect(((after.bytes?.requests ?? Infinity) - (before.bytes?.requests ?? 0)) / 60).toBeLessThan(4 * 1024)
    expect(rssMb()).toBeLessThan(HEAP_CAP_MB + MARGIN_MB)
  }, 60_000)

  // Each answer echoes the 0.9 MB request (record-info paramJson): the old journal kept every
  // answer whole and died after ~361 polls. Now an answer over 64 kB is journalled as a note of
  // its size, so 30 polls (kept short for the suite's time) hold well under a megabyte.
  it('keeps 0.9 MB answers to polls out of the journal', async () => {
    const submit = await request('POST', '/kie/api/v1/veo/generate', json, JSON.stringify({ prompt: 'a fox', model: 'veo3_fast', notes: 'n'.repeat(900_000) }))
    expect(submit.status).toBe(200)
    const taskId = JSON.parse(submit.text).data.taskId as string
    const before = (await health()).bytes?.requests ?? 0
    await flood(30, 8, async () => expect((await request('GET', `/kie/api/v1/veo/record-info?taskId=${taskId}`, json)).status).toBe(200))
    expect(exit, stderr).toBeNull()
    expect(((await health()).bytes?.requests ?? Infinity) - before).toBeLessThan(1024 * 1024)
    expect(rssMb()).toBeLessThan(HEAP_CAP_MB + MARGIN_MB)
  }, 60_000)

  // 15 kB of headers on ~19.5k body-less GETs used to fill the heap: each entry kept them whole.
  // Now an entry keeps 4 kB of headers, and its bytes count against the journal's byte bound; 500
  // requests show the per-entry bound without the minute the full flood takes on a shared machine.
  it('keeps at most 4 kB of headers per journal entry, counted in bytes', async () => {
    const headers = { ...json, 'x-padding': 'p'.repeat(15_000) }
    const before = await health()
    await flood(500, 16, async () => expect((await request('GET', '/odkkk/v1/tasks/none', headers)).status).toBeLessThan(500))
    const after = await health()
    expect(exit, stderr).toBeNull()
    const perEntry = ((after.bytes?.requests ?? Infinity) - (before.bytes?.requests ?? 0)) / 500
    expect(perEntry).toBeGreaterThan(4096)
    expect(perEntry).toBeLessThan(6 * 1024)
    expect(rssMb()).toBeLessThan(HEAP_CAP_MB + MARGIN_MB)
  }, 60_000)
})
