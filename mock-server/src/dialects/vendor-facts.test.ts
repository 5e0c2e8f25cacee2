// Every state word a dialect renders is one of its vendor's words in vendors/<vendor>.ts, meaning the
// same lifecycle state there: the facts the suite, verify and replay read are the ones the mock speaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type LifecycleState, lifecycleOf, VENDOR_IDS, VENDORS, type VendorId } from '../../../vendors/index.js'
import { type RunningMockServer, startMockServer } from '../server.js'

const SUBMITS: Record<VendorId, { path: string; body: Record<string, unknown> }> = {
  kie: { path: '/api/v1/veo/generate', body: { prompt: 'a red fox in snow', model: 'veo3_fast' } },
  apixo: { path: '/api/v1/generateTask/veo-3-1', body: { request_type: 'async', input: { mode: 'fast', prompt: 'a dog', generationType: 'TEXT_2_VIDEO' } } },
  xenodia: { path: '/v1/videos/generations', body: { model: 'veo3_fast', prompt: 'a dashboard', resolution: '720p' } },
  odkkk: { path: '/v1/videos/generations', body: { model: 'veo3.1-pro', prompt: 'a cat playing piano' } },
}
const SCENARIOS = ['success', 'content_violation', 'generation_failed'] as const

let mock: RunningMockServer
/** Per vendor: every (canonical state, vendor word) the admin view showed while tasks ran their course. */
const seen = new Map<VendorId, Array<{ state: LifecycleState; word: string }>>()

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual' })
  const ids: Array<{ vendor: VendorId; id: string }> = []
  for (const vendor of VENDOR_IDS) {
    for (const scenario of SCENARIOS) {
      const response = await fetch(`${mock.baseUrls[vendor]}${SUBMITS[vendor].path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer facts-key', 'content-type': 'application/json', 'x-veomock-scenario': scenario },
        body: JSON.stringify(SUBMITS[vendor].body),
      })
      const body = (await response.json()) as { data?: { taskId?: string }; task_id?: string; id?: string }
      const id = body.data?.taskId ?? body.task_id ?? body.id
      if (!id) throw new Error(`Failed to submit a ${vendor} ${scenario} task: HTTP ${response.status}`)
      ids.push({ vendor, id })
    }
  }
  // From submit to settled: 5 s steps through the first minute (the queue and the start of
  // generation are short), then minutes until every task has settled.
  for (let step = 0; step < 24; step++) {
    for (const { vendor, id } of ids) {
      const task = await mock.admin.task(id)
      seen.set(vendor, [...(seen.get(vendor) ?? []), { state: task.state, word: task.vendorState }])
    }
    await mock.admin.advance(step < 12 ? 5_000 : 60_000)
  }
})

afterAll(async () => {
  await mock?.close()
})

describe.each(VENDOR_IDS)('%s: the dialect speaks the vendor facts', (vendor) => {
  it('renders only state words of vendors/<vendor>.ts, each meaning the canonical state it renders', () => {
    const samples = seen.get(vendor) ?? []
    // A vendor without a queued word (KIE's successFlag 0) shows a queued task as running.
    const hasQueued = Object.values(VENDORS[vendor].states).includes('queued')
    for (const { state, word } of samples) expect([word, lifecycleOf(vendor, word)]).toEqual([word, state === 'queued' && !hasQueued ? 'running' : state])
  })

  it('went through queued or running, succeeded and failed', () => {
    const states = new Set((seen.get(vendor) ?? []).map((s) => s.state))
    expect(states.has('queued') || states.has('running')).toBe(true)
    expect(states).toContain('succeeded')
    expect(states).toContain('failed')
  })
})
