import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { JOURNAL_JUDGES } from './conformance-case.js'
import { conformanceCommand } from './conformance-command.js'
import { runConformance } from './conformance-run.js'
import type { Generate } from './in-process-runner.js'
import { liveCases } from './live-target.js'

const SECRET = 'xk-live-0123456789abcdef'

/** A local imitation of Xenodia: bearer check, the REFERENCE_2_VIDEO rule, a task that succeeds at once. */
interface Imitation {
  url: string
  creates: number
  requests: Array<{ method: string; path: string; authorization: string | undefined }>
  close(): Promise<void>
}

async function startImitation(): Promise<Imitation> {
  const state = { creates: 0, requests: [] as Imitation['requests'] }
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c: Buffer) => (raw += c.toString()))
    req.on('end', () => {
      state.requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization })
      const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      if (req.headers.authorization !== `Bearer ${SECRET}`)
        return reply(401, { error: 'unauthorized', message: 'Invalid or missing API key', type: 'authentication_error', code: 'invalid_api_key' })
      if (req.method === 'POST' && req.url === '/v1/videos/generations') {
        const body = JSON.parse(raw) as { model?: string; generationType?: string }
        if (body.generationType === 'REFERENCE_2_VIDEO' && body.model !== 'veo3.1_fast')
          return reply(400, {
            error: 'bad_request',
            message: 'REFERENCE_2_VIDEO needs the fast model',
            type: 'invalid_request_error',
            code: 'invalid_parameter',
          })
        state.creates += 1
        return reply(200, { task_id: 'task-live-1', object: 'task', state: 'waiting', poll_url: '/v1/tasks/task-live-1', recommended_poll_interval_ms: 20 })
      }
      if (req.method === 'GET' && req.url === '/v1/tasks/task-live-1') {
        return reply(200, {
          task_id: 'task-live-1',
          state: 'success',
          result: { data: [{ url: 'https://cdn.example.com/video.mp4' }] },
          recommended_poll_interval_ms: 20,
        })
      }
      reply(404, { error: 'not_found', message: 'Not found' })
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get creates() {
      return state.creates
    },
    requests: state.requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A minimal Xenodia client (docs/vendors/xenodia.md §3, §4). */
const xenodiaClient: Generate = async (request, env) => {
  const headers = { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' }
  const body = {
    model: request.tier === 'quality' ? 'veo3.1' : 'veo3.1_fast',
    prompt: request.prompt,
    generationType: request.generationType,
    aspect_ratio: request.aspectRatio,
    resolution: request.resolution,
    imageUrls: request.imageUrls,
  }
  const res = await fetch(`${env.baseUrl}/v1/videos/generations`, { method: 'POST', headers, body: JSON.stringify(body) })
  const json = (await res.json()) as { task_id: string; code: string; message: string; recommended_poll_interval_ms: number }
  if (!res.ok)
    return {
      status: 'failed',
      taskId: null,
      error: { kind: res.status === 401 ? 'unauthorized' : 'invalid_request', vendorCode: json.code, message: json.message },
    }
  for (;;) {
    await new Promise((r) => setTimeout(r, json.recommended_poll_interval_ms / env.timeScale))
    const task = (await (await fetch(`${env.baseUrl}/v1/tasks/${json.task_id}`, { headers })).json()) as {
      state: string
      result: { data: Array<{ url: string }> }
    }
    if (task.state === 'success') return { status: 'succeeded', taskId: json.task_id, videoUrls: task.result.data.map((d) => d.url) }
  }
}

let imitation: Imitation
beforeAll(async () => {
  imitation = await startImitation()
})
afterAll(async () => {
  await imitation.close()
})
beforeEach(() => {
  imitation.requests.length = 0
})

const base = () => ({ vendors: ['xenodia'] as const, target: 'live' as const, client: { generate: xenodiaClient }, environment: { XENODIA_API_KEY: SECRET } })

describe('conformance against a live target', () => {
  it('offers only the cases that need no fault injection', () => {
    expect(liveCases('xenodia').map((c) => [c.id, c.live])).toEqual([
      ['success', 'paid'],
      ['unauthorized', 'free'],
      ['invalid_request', 'free'],
    ])
  })

  it('runs the free cases, and skips the paid success path without --spend', async () => {
    const before = imitation.creates
    const report = await runConformance({ ...base(), vendors: ['xenodia'], baseUrl: imitation.url })
    expect(report.cases.map((c) => [c.details?.caseId, c.skipped ? 'skipped' : c.passed ? 'passed' : 'failed'])).toEqual([
      ['success', 'skipped'],
      ['unauthorized', 'passed'],
      ['invalid_request', 'passed'],
    ])
    expect(report.cases[0]?.details?.skippedBecause).toMatch(/a paid generation; allowed only with --spend <n> \(spent 0 of 0\)/)
    expect(imitation.creates).toBe(before)
    // The wrong key really was wrong, and the real key was used for the invalid request.
    expect(imitation.requests.map((r) => r.authorization === `Bearer ${SECRET}`)).toEqual([false, true])
  })

  it('counts paid generations against --spend before making them, across vendors', async () => {
    const before = imitation.creates
    const report = await runConformance({
      ...base(),
      vendors: ['xenodia', 'odkkk'],
      cases: ['success'],
      baseUrl: imitation.url,
      spend: 1,
      environment: { XENODIA_API_KEY: SECRET, ODKKK_API_KEY: SECRET },
    })
    expect(report.cases.map((c) => [c.suite, c.skipped ? 'skipped' : c.passed ? 'passed' : 'failed'])).toEqual([
      ['conformance xenodia', 'passed'],
      ['conformance odkkk', 'skipped'],
    ])
    expect(report.cases[1]?.details?.skippedBecause).toMatch(/spent 1 of 1/)
    expect(imitation.creates).toBe(before + 1)
  })

  it('still applies the outcome judge and says which journal judges it skipped', async () => {
    const wrong: Generate = async () => ({ status: 'failed', taskId: null, error: { kind: 'server_error', vendorCode: '401', message: 'x' } })
    const report = await runConformance({ ...base(), client: { generate: wrong }, cases: ['unauthorized'], baseUrl: imitation.url })
    const [result] = report.cases
    expect(result?.passed).toBe(false)
    expect(result?.findings.map((f) => f.check)).toEqual(['outcome'])
    const judges = liveCases('xenodia').find((c) => c.id === 'unauthorized')?.judges ?? []
    expect(result?.details?.skippedJudges).toEqual(judges.filter((j) => JOURNAL_JUDGES.includes(j)))
    expect(result?.details?.skippedJudges).toContain('no-retry-after-final-4xx')
    expect(result?.details?.skippedJudges).not.toContain('outcome')
    expect(report.title).toMatch(/judges that read the mock journal are skipped/)
  })

  it('never writes the key into the report, even when the client echoes it', async () => {
    const leaky: Generate = async (_request, env) => {
      throw new Error(`request with key ${env.apiKey} failed`)
    }
    const report = await runConformance({ ...base(), client: { generate: leaky }, cases: ['invalid_request'], baseUrl: imitation.url })
    const text = JSON.stringify(report)
    expect(text).not.toContain(SECRET)
    expect(text).toContain('request with key [redacted] failed')
  })

  it('skips the cases that need a key when its variable is not set', async () => {
    const report = await runConformance({ ...base(), environment: {}, baseUrl: imitation.url })
    expect(report.cases.map((c) => [c.details?.caseId, c.skipped ? (c.details?.skippedBecause as string) : c.passed])).toEqual([
      ['success', 'XENODIA_API_KEY is not set'],
      ['unauthorized', true],
      ['invalid_request', 'XENODIA_API_KEY is not set'],
    ])
  })
})

describe('veomock conformance --target live', () => {
  it('reads the key from the environment, honours --base-url and --spend, and never prints the key', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-live-'))
    const module = path.join(dir, 'client.mjs')
    await writeFile(module, `export const generate = ${xenodiaClient.toString()}\n`)
    const out: string[] = []
    const write = process.stdout.write
    const key = process.env.XENODIA_API_KEY
    process.env.XENODIA_API_KEY = SECRET
    process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write
    try {
      const code = await conformanceCommand([
        '--vendor',
        'xenodia',
        '--target',
        'live',
        '--base-url',
        imitation.url,
        '--spend',
        '1',
        '--module',
        module,
        '--verbose',
      ])
      expect(code).toBe(0)
    } finally {
      process.stdout.write = write
      if (key === undefined) delete process.env.XENODIA_API_KEY
      else process.env.XENODIA_API_KEY = key
      await rm(dir, { recursive: true, force: true })
    }
    const stdout = out.join('')
    expect(stdout).not.toContain(SECRET)
    expect(stdout).toMatch(/^veomock conformance \(live xenodia\): module .*client\.mjs; live target: judges that read the mock journal are skipped/)
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 0 failed')
  })
})
