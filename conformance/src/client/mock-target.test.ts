import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { catalogFor } from './catalog.js'
import type { ConformanceCase } from './conformance-case.js'
import { inProcessRunner } from './in-process-runner.js'
import { attributeKeyless, caseApiKey, realTimeoutFor, runMockCase } from './mock-target.js'

const { profile, cases } = catalogFor('xenodia')
const caseOf = (id: string) => cases.find((c) => c.id === id) as ConformanceCase

function entry(partial: Partial<JournalEntry>): JournalEntry {
  return {
    seq: 1,
    vendor: 'xenodia',
    method: 'GET',
    path: '/xenodia/v1/tasks/t-1',
    route: '/v1/tasks/{task_id}',
    query: {},
    status: 401,
    at: 0,
    keyId: null,
    authorization: 'missing',
    ...partial,
  } as JournalEntry
}

describe('a case on the mock', () => {
  it('gets an API key of its own per vendor, case and run', () => {
    expect(caseApiKey('kie', 'stuck', 'ab12cd34')).toBe('vc-kie-stuck-ab12cd34')
  })

  it('gets its budget / N in real time, half more, and a start-up margin', () => {
    expect(realTimeoutFor(caseOf('stuck'), 300, 3000)).toBe((300_000 / 300) * 1.5 + 3000)
  })

  it.each([
    ['a keyless poll naming one of its tasks is the case’s', [entry({})], [], ['t-1'], 1],
    ['a keyless poll of another task is not', [entry({ path: '/xenodia/v1/tasks/t-2' })], [], ['t-1'], 0],
    [
      'a keyless poll naming the task in its query is the case’s (KIE, Apixo)',
      [entry({ path: '/kie/api/v1/veo/record-info', query: { taskId: 't-1' } as never })],
      [],
      ['t-1'],
      1,
    ],
    [
      'a keyless submit is the case’s when nothing carried its key',
      [entry({ method: 'POST', path: '/xenodia/v1/videos/generations', route: '/v1/videos/generations' })],
      [],
      [],
      1,
    ],
    [
      'a keyless submit is not when the case’s own key was used',
      [entry({ method: 'POST', path: '/xenodia/v1/videos/generations', route: '/v1/videos/generations' })],
      [entry({ keyId: 'key_1', authorization: 'bearer' })],
      [],
      0,
    ],
  ])('%s', (_name, window, entries, taskIds, count) => {
    expect(attributeKeyless(window as JournalEntry[], entries as JournalEntry[], taskIds as string[], profile)).toHaveLength(count as number)
  })
})

describe('runMockCase', () => {
  let mock: RunningMockServer
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, timeScale: 300, strict: true, vendors: ['xenodia'] })
  })
  afterAll(async () => {
    await mock.close()
  })

  it('arms the scenario on the case key only, and removes the rule afterwards', async () => {
    const runner = inProcessRunner(async (_request, env) => {
      const res = await fetch(`${env.baseUrl}/v1/videos/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a fox' }),
      })
      const body = (await res.json()) as { code: string; message: string }
      return { status: 'failed', taskId: null, error: { kind: 'insufficient_credits', vendorCode: body.code, message: body.message } }
    })
    const result = await runMockCase({ admin: mock.admin, baseUrls: mock.baseUrls, timeScale: 300 }, profile, caseOf('insufficient_credits'), runner, 'r1')
    expect(result.passed).toBe(true)
    expect(result.details).toMatchObject({ apiKey: 'vc-xenodia-insufficient_credits-r1', requests: 1, tasks: [] })
    expect(await mock.admin.scenarios()).toEqual([])
    // Another key is not affected by the case's rule.
    const other = await fetch(`${mock.baseUrls.xenodia}/v1/videos/generations`, {
      method: 'POST',
      headers: { authorization: 'Bearer someone-else', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a fox' }),
    })
    expect(other.status).toBe(200)
  })

  it('blames polls sent without Authorization on the case whose task they name', async () => {
    const runner = inProcessRunner(async (_request, env) => {
      const res = await fetch(`${env.baseUrl}/v1/videos/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'a fox' }),
      })
      const { task_id } = (await res.json()) as { task_id: string }
      const poll = await fetch(`${env.baseUrl}/v1/tasks/${task_id}`)
      return { status: 'failed', taskId: task_id, error: { kind: 'unauthorized', vendorCode: String(poll.status), message: 'poll refused' } }
    })
    const result = await runMockCase({ admin: mock.admin, baseUrls: mock.baseUrls, timeScale: 300 }, profile, caseOf('success'), runner, 'r2')
    const auth = result.findings.find((f) => f.check === 'bearer-auth')
    expect(auth?.message).toBe('1 requests arrived without an Authorization: Bearer header while the case ran')
    expect(auth?.evidence).toEqual([expect.objectContaining({ method: 'GET', status: 401, note: 'authorization: missing' })])
  })
})
