// The whole server as a user meets it: every vendor under its prefix, determinism, host-absolute
// poll URLs, bad input that never takes the server down.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VendorId } from '../../vendors/index.js'
import { type RunningMockServer, startMockServer } from './server.js'

interface Step {
  vendor: VendorId
  method: 'GET' | 'POST'
  path: (ids: Record<string, string>) => string
  body?: unknown
  headers?: Record<string, string>
  save?: string
}

const idOf = (body: unknown): string | undefined => {
  const b = body as { data?: { taskId?: string }; task_id?: string; id?: string }
  return b?.data?.taskId ?? b?.task_id ?? b?.id
}

// One request of each kind per vendor, then polls as the clock moves.
const submits: Step[] = [
  {
    vendor: 'kie',
    method: 'POST',
    path: () => '/api/v1/veo/generate',
    body: { prompt: 'a red fox in snow', model: 'veo3_fast', aspect_ratio: '16:9' },
    save: 'kie',
  },
  {
    vendor: 'apixo',
    method: 'POST',
    path: () => '/api/v1/generateTask/veo-3-1',
    body: { request_type: 'async', input: { mode: 'fast', prompt: 'a dog in a park', generationType: 'TEXT_2_VIDEO' } },
    save: 'apixo',
  },
  {
    vendor: 'xenodia',
    method: 'POST',
    path: () => '/v1/videos/generations',
    body: { model: 'veo3_fast', prompt: 'a dashboard', resolution: '720p' },
    save: 'xenodia',
  },
  { vendor: 'odkkk', method: 'POST', path: () => '/v1/videos/generations', body: { model: 'veo3.1-pro', prompt: 'a cat playing piano' }, save: 'odkkk' },
  { vendor: 'kie', method: 'POST', path: () => '/api/v1/veo/generate', body: { prompt: 'a storm [veomock:content_violation]' }, save: 'kieFail' },
]
const polls: Step[] = [
  { vendor: 'kie', method: 'GET', path: (ids) => `/api/v1/veo/record-info?taskId=${ids.kie}` },
  { vendor: 'kie', method: 'GET', path: (ids) => `/api/v1/veo/record-info?taskId=${ids.kieFail}` },
  { vendor: 'apixo', method: 'GET', path: (ids) => `/api/v1/statusTask/veo-3-1?taskId=${ids.apixo}` },
  { vendor: 'xenodia', method: 'GET', path: (ids) => `/v1/tasks/${ids.xenodia}` },
  { vendor: 'odkkk', method: 'GET', path: (ids) => `/v1/tasks/${ids.odkkk}` },
]

async function call(mock: RunningMockServer, step: Step, ids: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(mock.baseUrls[step.vendor] + step.path(ids), {
    method: step.method,
    headers: { authorization: 'Bearer determinism-key', 'content-type': 'application/json', ...step.headers },
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  })
  const text = await response.text()
  if (step.save) ids[step.save] = idOf(JSON.parse(text)) as string
  return { status: response.status, text }
}

async function script(mock: RunningMockServer): Promise<string[]> {
  const ids: Record<string, string> = {}
  const out: string[] = []
  for (const step of submits) out.push(JSON.stringify(await call(mock, step, ids)))
  for (let minute = 0; minute < 8; minute++) {
    for (const step of polls) out.push(JSON.stringify(await call(mock, step, ids)))
    await mock.admin.advance(60_000)
  }
  out.push(JSON.stringify(await mock.admin.requests()))
  out.push(JSON.stringify(await mock.admin.tasks()))
  return out
}

describe('determinism', () => {
  it('gives byte-identical responses and journals for the same seed and the same requests', async () => {
    // Two servers side by side; their URLs differ only by port, which is normalized away.
    const first = await startMockServer({ port: 0, timeScale: 'manual', seed: 7, strict: true })
    const a = (await script(first)).map((line) => line.replaceAll(new URL(first.url).host, 'HOST'))
    await first.close()
    const violations: string[] = []
    const second = await startMockServer({ port: 0, timeScale: 'manual', seed: 7, strict: true, onViolation: (m) => violations.push(m) })
    const b = (await script(second)).map((line) => line.replaceAll(new URL(second.url).host, 'HOST'))
    expect(violations).toEqual([])
    await second.close()
    expect(b).toEqual(a)
    // The script really exercised every vendor through to success and failure.
    expect(a.join('\n')).toContain('"successFlag":1')
    expect(a.join('\n')).toContain('"successFlag":2')
    expect(a.join('\n')).toContain('"state":"success"')
    expect(a.join('\n')).toContain('completed')
  })

  it('gives the same ids and bodies after an admin reset', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 'manual', seed: 11 })
    const before = await script(mock)
    await mock.admin.reset()
    const after = await script(mock)
    await mock.close()
    expect(after).toEqual(before)
  })

  it('gives other ids for another seed', async () => {
    const a = await startMockServer({ port: 0, timeScale: 'manual', seed: 1 })
    const b = await startMockServer({ port: 0, timeScale: 'manual', seed: 2 })
    const idA = idOf(JSON.parse((await call(a, submits[0] as Step, {})).text))
    const idB = idOf(JSON.parse((await call(b, submits[0] as Step, {})).text))
    await Promise.all([a.close(), b.close()])
    expect(idA).toMatch(/^[0-9a-f]{32}$/)
    expect(idA).not.toBe(idB)
  })
})

describe('the server as a whole', () => {
  let mock: RunningMockServer
  const violations: string[] = []
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, onViolation: (m) => violations.push(m) })
  })
  afterAll(async () => {
    expect(violations).toEqual([])
    await mock.close()
  })

  it('lists every vendor with its base URL in the health output', async () => {
    const health = await mock.admin.health()
    expect(health.vendors.map((v) => [v.id, v.baseUrl])).toEqual(['kie', 'apixo', 'xenodia', 'odkkk'].map((id) => [id, `${mock.url}/${id}`]))
  })

  it('leads a client to a Xenodia task both by resolving poll_url against the host and by joining it to the base URL', async () => {
    const created = await fetch(`${mock.baseUrls.xenodia}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'poll url' }),
    }).then((r) => r.json() as Promise<{ task_id: string; poll_url: string }>)
    expect(created.poll_url).toBe(`/v1/tasks/${created.task_id}`)
    for (const url of [new URL(created.poll_url, mock.baseUrls.xenodia).href, mock.baseUrls.xenodia + created.poll_url]) {
      const r = await fetch(url, { headers: { authorization: 'Bearer k' } })
      expect(r.status).toBe(200)
      expect(((await r.json()) as { task_id: string }).task_id).toBe(created.task_id)
    }
  })

  it('answers a path outside every vendor with problem+json, not HTML', async () => {
    const r = await fetch(`${mock.url}/nowhere`)
    expect(r.status).toBe(404)
    expect(r.headers.get('content-type')).toContain('application/problem+json')
    expect(await r.json()).toMatchObject({ status: 404 })
  })

  it('keeps serving and loses no task after a flood of bad input', async () => {
    const created = await fetch(`${mock.baseUrls.odkkk}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'survivor' }),
    }).then((r) => r.json() as Promise<{ id: string }>)
    const bad: Array<[string, RequestInit]> = [
      ['/kie/api/v1/veo/generate', { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: '{"prompt":' }],
      ['/apixo/api/v1/generateTask/veo-3-1', { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'text/plain' }, body: 'hello' }],
      [
        '/xenodia/v1/videos/generations',
        { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'x'.repeat(1_100_000) }) },
      ],
      ['/odkkk/v1/tasks/' + 'x'.repeat(5000), { headers: { authorization: 'Bearer k' } }],
      ['/kie/api/v1/veo/record-info?taskId=%00%ff', { headers: { authorization: 'Bearer k' } }],
      ['/apixo/api/v1/statusTask/veo-3-1', { method: 'DELETE', headers: { authorization: 'Bearer k' } }],
      ['/xenodia/v2/unknown', { headers: { authorization: 'Bearer k' } }],
    ]
    for (const [path, init] of bad) {
      const r = await fetch(mock.url + path, init)
      expect(r.status, path).toBeGreaterThanOrEqual(200)
      expect(r.headers.get('content-type') ?? '', path).toMatch(/json/)
      expect(await r.text(), path).not.toMatch(/<html|at .*\.ts:\d+/i)
    }
    const still = await fetch(`${mock.baseUrls.odkkk}/v1/tasks/${created.id}`, { headers: { authorization: 'Bearer k' } })
    expect(still.status).toBe(200)
    expect(((await still.json()) as { id: string }).id).toBe(created.id)
  })
})

describe('port per vendor', () => {
  it('serves each vendor on its own port without prefix', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 'manual', portPerVendor: true, vendors: ['odkkk', 'kie'] })
    try {
      expect(new URL(mock.baseUrls.odkkk).pathname).toBe('/')
      const r = await fetch(`${mock.baseUrls.odkkk.replace(/\/$/, '')}/v1/videos/generations`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'own port' }),
      })
      expect(r.status).toBe(200)
      expect(((await r.json()) as { id: string }).id).toMatch(/^task-unified-/)
    } finally {
      await mock.close()
    }
  })
})

describe('callbacks over real HTTP', () => {
  it('POSTs the completion callback to a local receiver on the virtual clock', async () => {
    const received: unknown[] = []
    const receiver = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => {
        received.push(JSON.parse(body))
        res.end('ok')
      })
    })
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    const violations: string[] = []
    const mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true, onViolation: (m) => violations.push(m) })
    try {
      await fetch(`${mock.baseUrls.odkkk}/v1/videos/generations`, {
        method: 'POST',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'callback', callback_url: url }),
      })
      expect(received).toHaveLength(0)
      await mock.admin.advance(3_600_000)
      expect(received).toHaveLength(1)
      expect(received[0]).toMatchObject({ status: 'completed' })
      expect(violations).toEqual([])
    } finally {
      await mock.close()
      receiver.close()
    }
  })
})

describe('server options that set a vendor option', () => {
  it('kieHmacKey and strictCallbacks reach the KIE and odkkk options, and are off without them', async () => {
    const set = await startMockServer({ port: 0, timeScale: 'manual', kieHmacKey: 'server-option-hmac-key', strictCallbacks: true })
    const plain = await startMockServer({ port: 0, timeScale: 'manual' })
    try {
      const on = await set.admin.options()
      const off = await plain.admin.options()
      // The key itself is a secret: the admin API shows only that one is set.
      expect(on.kie).toMatchObject({ webhookHmacKey: '[redacted]' })
      expect(on.odkkk).toMatchObject({ strictCallbacks: true })
      expect(off.kie).toMatchObject({ webhookHmacKey: null })
      expect(off.odkkk).toMatchObject({ strictCallbacks: false })
    } finally {
      await set.close()
      await plain.close()
    }
  })
})
