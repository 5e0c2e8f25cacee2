// The transport scenarios of contract §3: `connection_reset` cuts a key's first submit (before any
// task exists) and the task's first poll; `hang` never answers the task's first poll. Both are
// journalled with status 0. `queue_long` keeps the task queued ten times longer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from './server.js'

let mock: RunningMockServer
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', vendors: ['xenodia'] })
})
afterAll(async () => {
  await mock.close()
})

const submit = (key: string, signal?: AbortSignal) =>
  fetch(`${mock.baseUrls.xenodia}/v1/videos/generations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'a fox', model: 'veo3.1_fast' }),
    ...(signal ? { signal } : {}),
  })
const poll = (key: string, id: string, signal?: AbortSignal) =>
  fetch(`${mock.baseUrls.xenodia}/v1/tasks/${id}`, { headers: { authorization: `Bearer ${key}` }, ...(signal ? { signal } : {}) })

describe('transport scenarios', () => {
  it('connection_reset cuts the first submit before any task exists, then the first poll; retries go through', async () => {
    await mock.admin.addScenario({ scenario: 'connection_reset', match: { apiKey: 'reset-key', vendor: 'xenodia' } })
    await expect(submit('reset-key')).rejects.toThrow()
    expect((await mock.admin.tasks({ vendor: 'xenodia' })).filter((t) => t.scenario === 'connection_reset')).toEqual([])
    const created = (await (await submit('reset-key')).json()) as { task_id: string }
    await expect(poll('reset-key', created.task_id)).rejects.toThrow()
    expect((await poll('reset-key', created.task_id)).status).toBe(200)
    const statuses = (await mock.admin.requests({ apiKey: 'reset-key' })).map((e) => e.status)
    expect(statuses).toEqual([0, 200, 0, 200])
  })

  it('hang leaves the first poll unanswered until the client gives up; the next poll is answered', async () => {
    await mock.admin.addScenario({ scenario: 'hang', match: { apiKey: 'hang-key', vendor: 'xenodia' } })
    const created = (await (await submit('hang-key')).json()) as { task_id: string }
    await expect(poll('hang-key', created.task_id, AbortSignal.timeout(300))).rejects.toThrow(/abort|timeout/i)
    expect((await poll('hang-key', created.task_id)).status).toBe(200)
    expect((await mock.admin.requests({ apiKey: 'hang-key' })).map((e) => e.status)).toEqual([200, 0, 200])
  })

  it('queue_long keeps the task queued ten times longer than the vendor usually does', async () => {
    await mock.admin.addScenario({ scenario: 'queue_long', match: { apiKey: 'queue-key', vendor: 'xenodia' } })
    const created = (await (await submit('queue-key')).json()) as { task_id: string }
    const task = await mock.admin.task(created.task_id)
    // Xenodia waits 2–8 s before scheduling (dialect timings): ten times that is 20–80 s.
    expect(task.timeline.queuedUntil - task.createdAt).toBeGreaterThanOrEqual(20_000)
    expect(task.timeline.queuedUntil - task.createdAt).toBeLessThanOrEqual(80_000)
    expect(task.vendorState).toBe('waiting')
  })
})
