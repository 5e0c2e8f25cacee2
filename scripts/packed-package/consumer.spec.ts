// A new project's test, as a user writes it after `npm i -D veomock`: compiled by strict tsc and run
// by vitest inside a temporary project that has only the packed tarball installed
// (scripts/packed-package.test.ts). Every import below must resolve with its declarations.
import { expect, test } from 'vitest'
import { AdminClient, type AdminTask, SCENARIOS, startMockServer } from 'veomock'
import { clientFor, type ClientOutcome, type ClientRequest } from 'veomock/clients'
import type { components as AdminSchemas } from 'veomock/types/admin'
import type { paths as KiePaths } from 'veomock/types/kie'
import type { paths as XenodiaPaths } from 'veomock/types/xenodia'

type KieGenerate = KiePaths['/api/v1/veo/generate']['post']['requestBody']['content']['application/json']
type XenodiaCreate = XenodiaPaths['/v1/videos/generations']['post']['requestBody']['content']['application/json']

const request: ClientRequest = {
  prompt: 'a red fox in snow',
  tier: 'fast',
  generationType: 'TEXT_2_VIDEO',
  aspectRatio: '16:9',
  resolution: '720p',
  // One virtual hour: 6 s of real time at the scale below, room for a loaded CI machine.
  timeoutMs: 3_600_000,
}

test('a reference client gets a video from the mock and the admin client sees the task', async () => {
  const mock = await startMockServer({ port: 0, timeScale: 600 })
  try {
    const outcome: ClientOutcome = await clientFor('kie').generate(request, { vendor: 'kie', baseUrl: mock.baseUrls.kie, apiKey: 'any-key', timeScale: 600 })
    expect(outcome.status, JSON.stringify(outcome)).toBe('succeeded')
    if (outcome.status !== 'succeeded') return
    const admin = new AdminClient(mock.url)
    const task: AdminTask = await admin.task(outcome.taskId)
    expect(task.state).toBe('succeeded')
    const video = await fetch(outcome.videoUrls[0] ?? '')
    expect(video.headers.get('content-type')).toBe('video/mp4')
    const journal = await mock.admin.requests({ taskId: outcome.taskId })
    expect(journal.length).toBeGreaterThan(1)
  } finally {
    await mock.close()
  }
})

test('vendor wire types and admin schemas come from the subpath exports', async () => {
  const body: KieGenerate = { prompt: 'a cat playing piano', model: 'veo3_fast' }
  const create: XenodiaCreate = { model: 'veo3.1_fast', prompt: 'a product walkthrough' }
  const mock = await startMockServer({ port: 0, timeScale: 'manual', vendors: ['kie'] })
  try {
    const rule: AdminSchemas['schemas']['ScenarioRule'] = await mock.admin.addScenario({ scenario: 'rate_limited', match: { vendor: 'kie' }, times: 1 })
    expect(SCENARIOS).toContain(rule.scenario)
    const response = await fetch(`${mock.baseUrls.kie}/api/v1/veo/generate`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(((await response.json()) as { code: number }).code).toBe(429)
    expect(create.model).toBe('veo3.1_fast')
  } finally {
    await mock.close()
  }
})
