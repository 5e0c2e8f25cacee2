import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createRequestLog, type RequestLogEntry } from './request-log.js'

const entry: RequestLogEntry = {
  vendor: 'kie',
  method: 'POST',
  path: '/kie/api/v1/veo/generate',
  status: 200,
  scenario: 'success',
  taskId: 'bf2041b5c9d18076f3d94b165bcd00d9',
  virtualTime: Date.UTC(2026, 0, 1, 0, 3, 0),
  durationMs: 1.234,
}

function capture(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough()
  const chunks: Buffer[] = []
  stream.on('data', (c: Buffer) => chunks.push(c))
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') }
}

describe('the request log', () => {
  it('writes one line per request for people: time, vendor, method, path, status, scenario, task, virtual time', async () => {
    const out = capture()
    const log = createRequestLog({ format: 'pretty', color: false, destination: out.stream })
    log.log(entry)
    log.log({ ...entry, method: 'GET', path: '/kie/api/v1/veo/record-info', status: 404, scenario: null, taskId: null })
    const lines = out.text().trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\]: kie {5}POST \/kie\/api\/v1\/veo\/generate 200 success task=bf2041b5c9d18076f3d94b165bcd00d9 vt=00:03:00 1\.2ms$/,
    )
    expect(lines[1]).toMatch(/\]: kie {5}GET {2}\/kie\/api\/v1\/veo\/record-info 404 vt=00:03:00 1\.2ms$/)
  })

  it('colours the status when asked (on a TTY by default)', () => {
    const out = capture()
    createRequestLog({ format: 'pretty', color: true, destination: out.stream }).log({ ...entry, status: 500 })
    expect(out.text()).toContain('\u001b[31m500\u001b[39m')
    const plain = capture()
    createRequestLog({ format: 'pretty', destination: plain.stream }).log(entry)
    expect(plain.text()).not.toContain('\u001b[')
  })

  it('writes JSON lines with --log-format json', async () => {
    const out = capture()
    const log = createRequestLog({ format: 'json', destination: out.stream })
    log.log(entry)
    await new Promise((resolve) => setImmediate(resolve))
    const line = JSON.parse(out.text().trim()) as Record<string, unknown>
    expect(line).toMatchObject({
      level: 'info',
      vendor: 'kie',
      method: 'POST',
      status: 200,
      scenario: 'success',
      taskId: entry.taskId,
      virtualTime: entry.virtualTime,
    })
    expect(line.time).toMatch(/^\d{4}-\d\d-\d\dT/)
    expect(Object.keys(line).sort()).toEqual(['durationMs', 'level', 'method', 'path', 'scenario', 'status', 'taskId', 'time', 'vendor', 'virtualTime'])
  })
})
