import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRecorder } from '../../../conformance/src/provider/recording.js'
import { seededRandom } from '../../../lib/seeded-random.js'
import { createTask } from '../core/pipeline/submit.js'
import type { ScenarioName } from '../../../lib/scenarios.js'
import { createMockServer, type RunningMockServer, startMockServer } from '../server.js'
import { loadReplayDialects, rewriteStrings } from './index.js'
import type { RecordedExchange } from './recording-format.js'

let dir: string
const cleanup: Array<() => Promise<void>> = []
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-replay-'))
})
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close()
  await rm(dir, { recursive: true, force: true })
})

interface Received {
  path: string
  headers: http.IncomingHttpHeaders
  body: unknown
}

/** A callback receiver on a free port that keeps what it is sent. */
async function receiver(): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = []
  const server = http.createServer((req, res) => {
    let text = ''
    req.on('data', (chunk: Buffer) => (text += chunk.toString()))
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) as unknown })
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received }
}

async function mock(options: Parameters<typeof startMockServer>[0]): Promise<RunningMockServer> {
  const running = await startMockServer({ port: 0, timeScale: 'manual', ...options })
  cleanup.push(() => running.close())
  return running
}

/** What a client saw of one call. */
interface Seen {
  at: number
  method: string
  path: string
  status: number
  headers: Record<string, string>
  body: unknown
}

/** A client of one vendor base URL that notes every answer with its virtual time since `start`. */
function client(running: RunningMockServer, vendor: 'odkkk' | 'apixo', start: number, key = 'sk-replay-test-key') {
  const base = running.baseUrls[vendor]
  return async (
    method: string,
    pathAndQuery: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Seen & { requestBody: unknown; query: Record<string, string> }> => {
    const at = (await running.admin.clock()).now - start
    const response = await fetch(`${base}${pathAndQuery}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const url = new URL(`${base}${pathAndQuery}`)
    return {
      at,
      method,
      path: url.pathname.slice(new URL(base).pathname.length),
      query: Object.fromEntries(url.searchParams),
      requestBody: body,
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: (await response.json()) as unknown,
    }
  }
}

// The odkkk poll schedule of the episode: a client polling every 30 s after a first quick look.
const POLL_OFFSETS = [0, 1_000, 30_000, 60_000, 90_000, 120_000, 150_000, 180_000, 210_000, 240_000, 270_000, 300_000]

/** Drives one odkkk episode: a submit with a callback URL, then polls at POLL_OFFSETS of virtual time. */
async function odkkkEpisode(running: RunningMockServer, hook: string, prompt: string): Promise<Array<Awaited<ReturnType<ReturnType<typeof client>>>>> {
  const start = (await running.admin.clock()).now
  const call = client(running, 'odkkk', start)
  const seen = [await call('POST', '/v1/videos/generations', { model: 'veo3.1-pro', prompt, callback_url: hook })]
  const id = (seen[0]?.body as { id: string }).id
  for (const offset of POLL_OFFSETS) {
    await running.admin.advance(start + offset - (await running.admin.clock()).now)
    seen.push(await call('GET', `/v1/tasks/${id}`))
  }
  return seen
}

/** Result URLs of either mock, reduced to the task they belong to, so bodies compare across servers. */
function withoutHosts(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/http:\/\/127\.0\.0\.1:\d+\/odkkk\/files\/([^/"]+)\/[^"\\]+/g, 'FILE($1)')) as unknown
}

describe('replaying recorded odkkk episodes', () => {
  it('shows the client the recorded bodies at the recorded virtual times and delivers the recorded callback', async () => {
    // Record: the real odkkk dialect plays the vendor; its result URLs play the vendor CDN.
    const vendor = await mock({ vendors: ['odkkk'], seed: 7 })
    const vendorHook = await receiver()
    const recorder = createRecorder(dir, { vendor: 'odkkk', secrets: ['sk-replay-test-key'] })
    const episodes = [
      { name: 'success', prompt: 'a red fox in snow' },
      { name: 'content violation', prompt: 'a red fox in snow [veomock:content_violation]' },
    ]
    const recorded: Record<string, Awaited<ReturnType<typeof odkkkEpisode>>> = {}
    const recordedStarts: Record<string, number> = {}
    for (const episode of episodes) {
      const start = (await vendor.admin.clock()).now
      recordedStarts[episode.name] = start
      const seen = await odkkkEpisode(vendor, `${vendorHook.url}/hooks/${episode.name.replace(' ', '-')}`, episode.prompt)
      recorded[episode.name] = seen
      for (const s of seen)
        recorder.exchange({
          episode: episode.name,
          at: s.at,
          method: s.method,
          path: s.path,
          query: s.query,
          requestHeaders: { authorization: 'Bearer sk-replay-test-key' },
          requestBody: s.requestBody,
          status: s.status,
          responseHeaders: s.headers,
          responseBody: s.body,
        })
      const taskId = (seen[0]?.body as { id: string }).id
      for (const attempt of await vendor.admin.callbacks({ taskId })) {
        recorder.exchange({
          episode: episode.name,
          kind: 'callback',
          at: attempt.at - start,
          method: 'POST',
          path: new URL(attempt.url).pathname,
          query: {},
          requestHeaders: Object.fromEntries(Object.entries(attempt.headers).map(([k, v]) => [k, String(v)])),
          requestBody: attempt.body,
          status: attempt.status ?? 0,
          responseHeaders: {},
          responseBody: 'ok',
        })
      }
    }
    await recorder.close()
    expect(vendorHook.received).toHaveLength(2)

    // Replay: a fresh mock serving only the recording; the client does the same calls at the same times.
    const violations: string[] = []
    const replay = await mock({ dialects: loadReplayDialects(dir), strict: true, onViolation: (m) => violations.push(m) })
    expect(Object.keys(replay.baseUrls)).toEqual(['odkkk'])
    const replayHook = await receiver()
    for (const episode of episodes) {
      const start = (await replay.admin.clock()).now
      const seen = await odkkkEpisode(replay, `${replayHook.url}/replayed/${episode.name.replace(' ', '-')}`, episode.prompt)
      const before = recorded[episode.name] ?? []
      expect(seen.map((s) => [s.at, s.method, s.path, s.status])).toEqual(before.map((s) => [s.at, s.method, s.path, s.status]))
      expect(seen.map((s) => withoutHosts(s.body))).toEqual(before.map((s) => withoutHosts(s.body)))

      const taskId = (seen[0]?.body as { id: string }).id
      expect(taskId).toBe((before[0]?.body as { id: string }).id)
      // The recorded callback, at its recorded offset, to the URL this client gave.
      const vendorAttempts = await vendor.admin.callbacks({ taskId })
      const replayAttempts = await replay.admin.callbacks({ taskId })
      const recordedOffset = (vendorAttempts[0]?.at ?? NaN) - (recordedStarts[episode.name] ?? NaN)
      expect(replayAttempts.map((a) => [a.at - start, a.url, a.delivered])).toEqual([
        [recordedOffset, `${replayHook.url}/replayed/${episode.name.replace(' ', '-')}`, true],
      ])
      expect(withoutHosts(replayAttempts[0]?.body)).toEqual(withoutHosts(vendorAttempts[0]?.body))
    }
    expect(replayHook.received.map((r) => r.path)).toEqual(['/replayed/success', '/replayed/content-violation'])
    expect(violations).toEqual([])

    // The admin API follows the recording; the result URL is this mock's and downloads offline.
    const [success, failure] = await replay.admin.tasks({ vendor: 'odkkk' })
    expect([success?.state, success?.vendorState, failure?.state, failure?.vendorState, failure?.failure]).toEqual([
      'succeeded',
      'completed',
      'failed',
      'failed',
      'content_violation',
    ])
    const lastPoll = (await replay.admin.requests({ vendor: 'odkkk', taskId: success?.id })).at(-1)?.responseBody as { results: string[] }
    expect(lastPoll.results).toEqual([`${replay.baseUrls.odkkk}/files/${success?.id}/result-1.mp4`])
    const video = await fetch(lastPoll.results[0] as string)
    expect([video.status, video.headers.get('content-type')]).toEqual([200, 'video/mp4'])
  })
})

describe('replaying hand-written apixo episodes', () => {
  const TASK_ID = '0123456789abcdef0123456789abcdef'
  const CDN = 'https://tempfile.apixo-cdn.example/videos/0123/result.mp4'
  const submitBody = (hook: string) => ({ request_type: 'callback', callback_url: hook, input: { mode: 'fast', prompt: 'A dog playing in a park' } })
  const envelope = (data: Record<string, unknown>) => ({ code: 200, message: 'success', data: { taskId: TASK_ID, createTime: 1767225600000, ...data } })
  const succeeded = envelope({ state: 'success', resultJson: JSON.stringify({ resultUrls: [CDN] }), completeTime: 1767225725000, costTime: 125000 })

  function exchange(episode: string, at: number, over: Partial<RecordedExchange>): RecordedExchange {
    return {
      episode,
      at,
      method: 'GET',
      path: '/api/v1/statusTask/veo-3-1',
      query: { taskId: TASK_ID },
      requestHeaders: {},
      requestBody: undefined,
      status: 200,
      responseHeaders: { 'content-type': 'application/json' },
      responseBody: null,
      ...over,
    }
  }

  async function writeRecording(): Promise<void> {
    const recorder = createRecorder(dir, { vendor: 'apixo', secrets: [] })
    const submit = { method: 'POST', path: '/api/v1/generateTask/veo-3-1', query: {}, requestBody: submitBody('https://recording-client.example/hook') }
    // The submit is recorded 500 ms into the episode: offsets count from the submit.
    recorder.exchange(exchange('fast success', 500, { ...submit, responseBody: { code: 200, message: 'success', data: { taskId: TASK_ID } } }))
    recorder.exchange(exchange('fast success', 500, { responseBody: envelope({ state: 'pending' }) }))
    recorder.exchange(exchange('fast success', 20_500, { responseBody: envelope({ state: 'processing' }) }))
    recorder.exchange(
      exchange('fast success', 125_500, {
        kind: 'callback',
        method: 'POST',
        path: '/hook',
        query: {},
        requestHeaders: { 'content-type': 'application/json', 'x-request-id': 'r-1' },
        requestBody: succeeded,
        responseBody: 'ok',
      }),
    )
    recorder.exchange(exchange('fast success', 130_500, { responseBody: succeeded }))
    recorder.exchange(
      exchange('no balance', 0, {
        ...submit,
        status: 402,
        responseHeaders: { 'retry-after': '5' },
        responseBody: { code: 402, message: 'Insufficient balance', data: null },
      }),
    )
    await recorder.close()
  }

  it('serves the n-th submit the n-th episode, rewrites CDN URLs inside resultJson and cycles past the end', async () => {
    await writeRecording()
    const replay = await mock({ dialects: loadReplayDialects(dir) })
    const hook = await receiver()
    const call = client(replay, 'apixo', (await replay.admin.clock()).now)
    const poll = (id: string) => call('GET', `/api/v1/statusTask/veo-3-1?taskId=${id}`)

    const submitted = await call('POST', '/api/v1/generateTask/veo-3-1', submitBody(`${hook.url}/mine`))
    expect([submitted.status, submitted.body]).toEqual([200, { code: 200, message: 'success', data: { taskId: TASK_ID } }])
    const states: Array<[number, unknown]> = []
    for (const at of [0, 10_000, 20_000, 124_999]) {
      await replay.admin.advance(at - (await replay.admin.clock()).elapsedMs)
      states.push([at, ((await poll(TASK_ID)).body as { data: { state: string } }).data.state])
    }
    expect(states).toEqual([
      [0, 'pending'],
      [10_000, 'pending'],
      [20_000, 'processing'],
      [124_999, 'processing'],
    ])
    expect(hook.received).toEqual([])

    // The callback settles the recorded task at 125 s, to this client's URL, with this mock's file URL.
    await replay.admin.advance(1)
    const local = `${replay.baseUrls.apixo}/files/${TASK_ID}/result-1.mp4`
    const expected = rewriteStrings(succeeded, new Map([[CDN, local]]))
    expect(hook.received.map((r) => [r.path, r.headers['x-request-id'], r.body])).toEqual([['/mine', 'r-1', expected]])
    // Polls still answer what was recorded at that time: success was first polled 5 s after the callback.
    expect(((await poll(TASK_ID)).body as { data: { state: string } }).data.state).toBe('processing')
    await replay.admin.advance(5_000)
    expect((await poll(TASK_ID)).body).toEqual(expected)
    const task = await replay.admin.task(TASK_ID)
    expect([task.state, task.vendorState, task.timeline.queuedUntil - task.createdAt, (task.timeline.completesAt ?? 0) - task.createdAt]).toEqual([
      'succeeded',
      'success',
      20_000,
      125_000,
    ])
    expect((await fetch(local)).status).toBe(200)

    // The second submit gets the second episode: the recorded rejection, with its Retry-After.
    const rejected = await call('POST', '/api/v1/generateTask/veo-3-1', submitBody(`${hook.url}/mine`))
    expect([rejected.status, rejected.headers['retry-after'], rejected.body]).toEqual([402, '5', { code: 402, message: 'Insufficient balance', data: null }])

    // Past the recording: the episodes again, with a fresh id in the recorded bodies.
    const again = await call('POST', '/api/v1/generateTask/veo-3-1', submitBody(`${hook.url}/mine`))
    const freshId = (again.body as { data: { taskId: string } }).data.taskId
    expect(freshId).toMatch(/^[0-9a-f]{32}$/)
    expect(freshId).not.toBe(TASK_ID)
    expect(((await poll(freshId)).body as { data: unknown }).data).toEqual({ taskId: freshId, createTime: 1767225600000, state: 'pending' })

    // A reset starts the recording over, recorded id included.
    await replay.admin.reset()
    const afterReset = await call('POST', '/api/v1/generateTask/veo-3-1', submitBody(`${hook.url}/mine`))
    expect((afterReset.body as { data: { taskId: string } }).data.taskId).toBe(TASK_ID)
  })

  it('refuses a directory without recordings', async () => {
    expect(() => loadReplayDialects(dir)).toThrow(`Failed to load replays from ${dir}: no recordings (<vendor>/<episode>.json) found`)
  })
})

describe('the timeline hook replay uses', () => {
  const cases: Array<[string, { given: { queued: number; completes: number; scenario: ScenarioName }; want: { queuedUntil: number; completesAt: number } }]> = [
    [
      'a success settles at its recorded offset',
      { given: { queued: 4_000, completes: 183_000, scenario: 'success' }, want: { queuedUntil: 4_000, completesAt: 183_000 } },
    ],
    [
      'a failure token does not move the recorded settlement',
      { given: { queued: 6_000, completes: 73_238, scenario: 'content_violation' }, want: { queuedUntil: 6_000, completesAt: 73_238 } },
    ],
    [
      'nor does a generation_failed header',
      { given: { queued: 0, completes: 12_345, scenario: 'generation_failed' }, want: { queuedUntil: 0, completesAt: 12_345 } },
    ],
    ['slow is undone up to rounding', { given: { queued: 5_000, completes: 205_000, scenario: 'slow' }, want: { queuedUntil: 5_000, completesAt: 205_000 } }],
    [
      'a duplicate callback keeps the first delivery on time',
      { given: { queued: 0, completes: 60_000, scenario: 'duplicate_callback' }, want: { queuedUntil: 0, completesAt: 60_000 } },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    const { engine } = createMockServer({ vendors: ['apixo'], timeScale: 'manual' })
    const vendor = engine.state.config.vendors.get('apixo')
    if (!vendor) throw new Error('apixo is not served')
    const timeline = { queuedMs: given.queued, completesMs: given.completes, outcome: 'succeeded' as const }
    const intent = { operation: 'generate' as const, parentId: null, callbackUrl: null, price: 0, wire: {}, timeline }
    const task = createTask(engine.state, vendor, {
      intent,
      scenario: given.scenario,
      source: 'header',
      request: {},
      keyId: null,
      random: seededRandom(1, 'replay'),
      now: 1_000_000,
    })
    expect({ queuedUntil: task.queuedUntil - 1_000_000, completesAt: (task.completesAt ?? NaN) - 1_000_000 }).toEqual(want)
  })
})
