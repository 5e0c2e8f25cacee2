// Contract §3 (docs/contract.md §3): the request header wins over an admin rule, which wins over a
// prompt token, which wins over the API key — for every vendor and every account-level scenario a
// key can name. "Account-level" here is every scenario that rejects the submit itself.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { VENDOR_IDS, type VendorId } from '../../vendors/index.js'
import { SUBMIT_REJECTIONS, type ScenarioName } from '../../lib/scenarios.js'
import { type RunningMockServer, startMockServer } from './server.js'

const SUBMITS: Record<VendorId, { path: string; body(prompt: string): unknown }> = {
  kie: { path: '/api/v1/veo/generate', body: (prompt) => ({ prompt, model: 'veo3_fast' }) },
  apixo: {
    path: '/api/v1/generateTask/veo-3-1',
    body: (prompt) => ({ request_type: 'async', input: { mode: 'fast', prompt, generationType: 'TEXT_2_VIDEO' } }),
  },
  xenodia: { path: '/v1/videos/generations', body: (prompt) => ({ prompt }) },
  odkkk: { path: '/v1/videos/generations', body: (prompt) => ({ model: 'veo3.1-pro', prompt }) },
}

let mock: RunningMockServer
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual' })
})
afterAll(async () => {
  await mock.close()
})
beforeEach(async () => {
  await mock.admin.reset()
})

interface Ways {
  header?: ScenarioName
  rule?: ScenarioName
  prompt?: ScenarioName
  key?: ScenarioName
}

/** Submits once with the given ways of choosing; returns the scenario the mock acted on. */
async function outcome(vendor: VendorId, ways: Ways): Promise<string> {
  if (ways.rule) await mock.admin.addScenario({ scenario: ways.rule, match: { vendor }, times: 1 })
  const submit = SUBMITS[vendor]
  const prompt = `a fox in the snow${ways.prompt ? ` [veomock:${ways.prompt}]` : ''}`
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${ways.key ? `veomock:${ways.key}` : 'precedence-key'}` }
  if (ways.header) headers['x-veomock-scenario'] = ways.header
  const before = (await mock.admin.tasks({ vendor })).length
  const response = await fetch(`${mock.baseUrls[vendor]}${submit.path}`, { method: 'POST', headers, body: JSON.stringify(submit.body(prompt)) })
  await response.arrayBuffer()
  await mock.admin.clearScenarios()
  const tasks = await mock.admin.tasks({ vendor })
  if (tasks.length === before) {
    // Rejected at submit: the journal says which scenario decided.
    const entry = (await mock.admin.requests({ vendor })).at(-1)
    return `rejected:${String(entry?.scenario)}`
  }
  expect(response.status).toBeLessThan(300)
  return `task:${tasks.at(-1)?.scenario}`
}

describe.each(VENDOR_IDS)('%s: header > admin rule > prompt token > API key', (vendor) => {
  it.each(SUBMIT_REJECTIONS)('the key veomock:%s alone rejects the submit', async (scenario) => {
    expect(await outcome(vendor, { key: scenario })).toBe(`rejected:${scenario}`)
  })

  it.each(SUBMIT_REJECTIONS)('a prompt token success wins over the key veomock:%s', async (scenario) => {
    expect(await outcome(vendor, { key: scenario, prompt: 'success' })).toBe('task:success')
  })

  it.each(SUBMIT_REJECTIONS)('an admin rule success wins over a prompt token and the key veomock:%s', async (scenario) => {
    expect(await outcome(vendor, { key: scenario, prompt: scenario, rule: 'success' })).toBe('task:success')
  })

  it.each(SUBMIT_REJECTIONS)('the header success wins over a rule, a prompt token and the key veomock:%s', async (scenario) => {
    expect(await outcome(vendor, { key: scenario, prompt: scenario, rule: scenario, header: 'success' })).toBe('task:success')
  })

  it.each(SUBMIT_REJECTIONS)('each level picks %s over every level below it', async (scenario) => {
    expect(await outcome(vendor, { prompt: scenario })).toBe(`rejected:${scenario}`)
    expect(await outcome(vendor, { rule: scenario, prompt: 'success' })).toBe(`rejected:${scenario}`)
    expect(await outcome(vendor, { header: scenario, rule: 'success', prompt: 'success', key: 'success' })).toBe(`rejected:${scenario}`)
  })
})
