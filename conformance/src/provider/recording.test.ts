import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createRecorder, parseRecording, readRecordings, type RecordedExchange, recordingFile } from './recording.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-recording-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A careless server: it echoes every header, the query and the body back in its answer. */
async function echoServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      res.setHeader('content-type', 'application/json')
      res.setHeader('set-cookie', `session=${String(req.headers['x-api-key'])}`)
      res.end(JSON.stringify({ youSent: { headers: req.headers, url: req.url, body: body ? JSON.parse(body) : null } }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function exchange(episode: string, at: number, over: Partial<RecordedExchange> = {}): RecordedExchange {
  return {
    episode,
    at,
    method: 'GET',
    path: '/v1/tasks/task-1',
    query: {},
    requestHeaders: { accept: 'application/json' },
    requestBody: undefined,
    status: 200,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: { id: 'task-1', status: 'pending' },
    ...over,
  }
}

describe('createRecorder', () => {
  it('never writes a key to disk, not even one the server echoes back in its body', async () => {
    const key = 'sk-live-0123456789abcdef'
    const server = await echoServer()
    try {
      const requestHeaders = { authorization: `Bearer ${key}`, 'x-api-key': key, cookie: `token=${key}`, 'content-type': 'application/json' }
      const requestBody = { prompt: 'a red fox in snow', note: `my key is ${key}` }
      const response = await fetch(`${server.url}/v1/videos/generations?key=${key}&trace=${key}`, {
        method: 'POST',
        headers: requestHeaders,
        body: JSON.stringify(requestBody),
      })
      const responseBody = (await response.json()) as unknown
      expect(JSON.stringify(responseBody)).toContain(key)

      const recorder = createRecorder(dir, { vendor: 'odkkk', secrets: [key] })
      recorder.exchange({
        episode: 'submit echo',
        at: 0,
        method: 'POST',
        path: `/v1/videos/generations/${key}`,
        query: { key, trace: key },
        requestHeaders,
        requestBody,
        status: response.status,
        responseHeaders: Object.fromEntries(response.headers),
        responseBody,
      })
      await recorder.close()

      const file = recordingFile(dir, 'odkkk', 'submit echo')
      const text = await readFile(file, 'utf8')
      expect(text).not.toContain(key)
      const recorded = parseRecording(text, file).exchanges[0] as RecordedExchange
      expect(recorded.requestHeaders.authorization).toBe('Bearer [redacted]')
      expect(recorded.requestHeaders['x-api-key']).toBe('[redacted]')
      expect(recorded.requestHeaders.cookie).toBe('[redacted]')
      expect(recorded.responseHeaders['set-cookie']).toBe('[redacted]')
      expect(recorded.query).toEqual({ key: '[redacted]', trace: '[redacted]' })
      expect(recorded.path).toBe('/v1/videos/generations/[redacted]')
      expect(recorded.requestBody).toEqual({ prompt: 'a red fox in snow', note: 'my key is [redacted]' })
      expect((recorded.responseBody as { youSent: { headers: Record<string, string> } }).youSent.headers.authorization).toBe('Bearer [redacted]')
    } finally {
      await server.close()
    }
  })

  it('writes one file per episode with the exchanges in recording order', async () => {
    const recorder = createRecorder(dir, { vendor: 'odkkk', secrets: [], now: () => Date.UTC(2026, 0, 2) })
    recorder.exchange(exchange('content violation', 0, { method: 'post', path: '/v1/videos/generations' }))
    recorder.exchange(exchange('balance', 0, { path: '/v1/credits' }))
    recorder.exchange(exchange('content violation', 5000))
    await recorder.close()

    expect((await readdir(path.join(dir, 'odkkk'))).sort()).toEqual(['balance.json', 'content-violation.json'])
    const recordings = readRecordings(dir)
    expect(recordings.map((r) => [r.vendor, r.episode, r.exchanges.length])).toEqual([
      ['odkkk', 'content violation', 2],
      ['odkkk', 'balance', 1],
    ])
    const [first] = recordings
    expect(first?.exchanges.map((e) => [e.method, e.at, e.kind])).toEqual([
      ['POST', 0, 'request'],
      ['GET', 5000, 'request'],
    ])
    // Episodes started in the same millisecond still replay in the order they were recorded.
    expect(recordings[0]?.recordedAt).toBe('2026-01-02T00:00:00.000Z')
    expect(recordings[1]?.recordedAt).toBe('2026-01-02T00:00:00.001Z')
  })

  it('formats the same exchanges into the same bytes', async () => {
    const write = async (to: string, headers: Record<string, string>) => {
      const recorder = createRecorder(to, { vendor: 'kie', secrets: [], now: () => 0 })
      recorder.exchange(exchange('poll', 100, { requestHeaders: headers, query: { taskId: 'abc', b: '1' } }))
      await recorder.close()
      return readFile(recordingFile(to, 'kie', 'poll'), 'utf8')
    }
    const a = await write(path.join(dir, 'a'), { accept: 'application/json', 'x-trace': '1' })
    const b = await write(path.join(dir, 'b'), { 'X-Trace': '1', Accept: 'application/json' })
    expect(a).toBe(b)
    expect(a.endsWith('}\n')).toBe(true)
    expect(a).toContain('\n  "exchanges": [\n')
  })

  it('refuses exchanges once closed', async () => {
    const recorder = createRecorder(dir, { vendor: 'kie', secrets: [] })
    await recorder.close()
    expect(() => recorder.exchange(exchange('late', 0))).toThrow('Failed to record an exchange of episode late: the recorder is already closed')
  })
})
