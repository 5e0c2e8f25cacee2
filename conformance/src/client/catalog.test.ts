import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VendorId } from '../../../vendors/index.js'
import { VENDOR_IDS } from '../../../vendors/index.js'
import { CALLBACK_SCENARIOS, SCENARIOS } from '../../../lib/scenarios.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { CATALOGS, catalogFor, JUDGE_NAMES, selectCases } from './catalog.js'
import type { ConformanceCase } from './conformance-case.js'
import { TIME_SCALES } from './shared-cases.js'

describe('the catalog', () => {
  it.each(VENDOR_IDS)('covers every scenario of contract §3, an invalid request and an empty balance for %s', (vendor) => {
    const { cases } = catalogFor(vendor)
    const armed = new Set(cases.map((c) => c.arm.scenario ?? 'success'))
    // The callback scenarios are cases of --mode callback (callback-cases.ts); polling, they are a plain success.
    for (const scenario of SCENARIOS.filter((s) => !(CALLBACK_SCENARIOS as readonly string[]).includes(s))) expect(armed, scenario).toContain(scenario)
    expect(cases.map((c) => c.id)).toEqual(expect.arrayContaining(['invalid_request', 'no_credits']))
    expect(cases.find((c) => c.id === 'no_credits')?.arm).toEqual({ credits: 0 })
  })

  it.each(VENDOR_IDS)('has unique ids, known judges and a vendor code for every failure but a timeout (%s)', (vendor) => {
    const { cases } = catalogFor(vendor)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    for (const c of cases) {
      for (const j of c.judges) expect(JUDGE_NAMES).toContain(j)
      // A refusal the client may make on its own (tier lite at Apixo) has no vendor code to expect.
      if (c.expect.status === 'failed' && !(c.expect.codeOnlyIfSent && c.expect.orSucceeded))
        for (const a of c.expect.accepted) if (a.kind !== 'timeout') expect(a.vendorCodes.length, `${vendor} ${c.id}`).toBeGreaterThan(0)
    }
  })

  it('gives the stuck case a short budget and the slow case a generous one', () => {
    for (const { cases } of Object.values(CATALOGS)) {
      const budget = (id: string) => cases.find((c) => c.id === id)?.request.timeoutMs ?? 0
      expect(budget('stuck')).toBeLessThan(budget('success'))
      expect(budget('slow')).toBeGreaterThan(budget('success'))
    }
  })

  it('runs cases judged on short intervals at a low time scale and long cases at a high one', () => {
    for (const { cases, profile } of Object.values(CATALOGS)) {
      const scale = (id: string) => cases.find((c) => c.id === id)?.timeScale
      // A Retry-After lasts at least one real second: Xenodia's 10 s at N=10, odkkk's 60 s at N=30.
      const retryAfter = profile.retryAfterMs.rate_limited
      expect(scale('rate_limited')).toBe(retryAfter ? Math.min(TIME_SCALES.retry, retryAfter / 1000) : TIME_SCALES.backoff)
      if (retryAfter) expect(retryAfter / (scale('rate_limited') ?? 1)).toBeGreaterThanOrEqual(1000)
      expect(scale('success')).toBe(TIME_SCALES.timing)
      expect(scale('slow')).toBe(TIME_SCALES.long)
      expect(scale('stuck')).toBe(TIME_SCALES.transport)
      expect(scale('unauthorized')).toBe(TIME_SCALES.plain)
    }
  })

  it('names the vendor quirks with their sources', () => {
    const note = (vendor: VendorId, id: string) => catalogFor(vendor).cases.find((c) => c.id === id)
    expect(note('kie', 'generation_failed')?.name).toMatch(/successFlag 3/)
    expect(note('kie', 'generation_failed')?.expect).toEqual({ status: 'failed', accepted: [{ kind: 'generation_failed', vendorCodes: ['501'] }] })
    expect(note('kie', 'insufficient_credits')?.name).toMatch(/HTTP 200 answer with body code 402/)
    expect(note('apixo', 'success')?.name).toMatch(/resultJson string/)
    expect(note('xenodia', 'success')?.name).toMatch(/recommended_poll_interval_ms/)
    expect(note('odkkk', 'content_violation')?.vendorNote).toMatch(/E-ERR/)
    expect(catalogFor('odkkk').cases.map((c) => c.id)).not.toContain('reference_to_video')
  })

  it('selects cases by id', () => {
    expect(selectCases('kie', ['stuck', 'success']).map((c) => c.id)).toEqual(['success', 'stuck'])
    expect(selectCases('kie').length).toBe(catalogFor('kie').cases.length)
  })
})

// The codes the catalog expects must be what the mock's dialects actually answer: a client that
// follows the vendor notes has to be able to pass. Each vendor's raw submit and poll, minimal.
const SUBMIT: Record<VendorId, { path: string; body: unknown }> = {
  kie: { path: '/api/v1/veo/generate', body: { prompt: 'a fox', model: 'veo3_fast' } },
  apixo: { path: '/api/v1/generateTask/veo-3-1', body: { request_type: 'async', input: { mode: 'fast', prompt: 'a fox' } } },
  xenodia: { path: '/v1/videos/generations', body: { prompt: 'a fox', model: 'veo3.1_fast' } },
  odkkk: { path: '/v1/videos/generations', body: { model: 'veo3.1-pro', prompt: 'a fox' } },
}
const POLL: Record<VendorId, (id: string) => string> = {
  kie: (id) => `/api/v1/veo/record-info?taskId=${id}`,
  apixo: (id) => `/api/v1/statusTask/veo-3-1?taskId=${id}`,
  xenodia: (id) => `/v1/tasks/${id}`,
  odkkk: (id) => `/v1/tasks/${id}`,
}

/** Every string a client could read a vendor code from: the HTTP status, envelope codes, any string in the body. */
function codesIn(status: number, body: unknown): Set<string> {
  const out = new Set<string>([String(status)])
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.add(v)
    else if (typeof v === 'number') out.add(String(v))
    else if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') Object.values(v).forEach(walk)
  }
  walk(body)
  return out
}

const CODED = [
  'content_violation',
  'invalid_image',
  'generation_failed',
  'unauthorized',
  'insufficient_credits',
  'no_credits',
  'rate_limited',
  'server_error',
  'maintenance',
  'upstream_error',
] as const

describe('the expected vendor codes', () => {
  let mock: RunningMockServer
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, timeScale: 'manual', strict: true })
  })
  afterAll(async () => {
    await mock.close()
  })

  const rejections = VENDOR_IDS.flatMap((vendor) =>
    (['rate_limited', 'server_error', 'maintenance', 'upstream_error'] as const).map((scenario) => [vendor, scenario] as const),
  )
  it.each(rejections)('match the Retry-After the %s mock sends for %s', async (vendor, scenario) => {
    const apiKey = `vc-retry-after-${vendor}-${scenario}`
    await mock.admin.addScenario({ scenario, match: { apiKey, vendor } })
    const response = await fetch(mock.baseUrls[vendor] + SUBMIT[vendor].path, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(SUBMIT[vendor].body),
    })
    const header = response.headers.get('retry-after')
    expect(header === null ? undefined : Number(header) * 1000).toBe(catalogFor(vendor).profile.retryAfterMs[scenario])
  })

  // The catalog's invalid request of each vendor, as a client following the notes would send it.
  const INVALID: Record<VendorId, unknown> = {
    kie: { prompt: 'a fox', model: 'veo3', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/veomock/reference-1.png'] },
    apixo: {
      request_type: 'async',
      input: { mode: 'quality', prompt: 'a fox', generationType: 'REFERENCE_2_VIDEO', image_urls: ['https://example.com/veomock/reference-1.png'] },
    },
    xenodia: { prompt: 'a fox', model: 'veo3.1', generationType: 'REFERENCE_2_VIDEO', imageUrls: ['https://example.com/veomock/reference-1.png'] },
    odkkk: {
      model: 'veo3.1-pro',
      prompt: 'a fox',
      generation_type: 'FIRST&LAST',
      image_urls: ['https://example.com/veomock/a.png', 'https://example.com/veomock/b.png', 'https://example.com/veomock/c.png'],
    },
  }
  it.each(VENDOR_IDS)('reject the invalid request of %s with the expected code and no task', async (vendor) => {
    const apiKey = `vc-invalid-${vendor}`
    const response = await fetch(mock.baseUrls[vendor] + SUBMIT[vendor].path, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(INVALID[vendor]),
    })
    const codes = codesIn(response.status, await response.json())
    const testCase = catalogFor(vendor).cases.find((c) => c.id === 'invalid_request') as ConformanceCase
    if (testCase.expect.status !== 'failed') throw new Error('invalid_request fails')
    const accepted = testCase.expect.accepted[0]?.vendorCodes ?? []
    expect(
      accepted.some((c) => codes.has(c)),
      `one of ${accepted.join(', ')} in ${[...codes].join(', ')}`,
    ).toBe(true)
    const keyId = (await mock.admin.requests({ apiKey }))[0]?.keyId
    expect((await mock.admin.tasks({ vendor })).filter((t) => t.keyId === keyId)).toEqual([])
  })

  const rows = VENDOR_IDS.flatMap((vendor) => CODED.map((id) => [vendor, id] as const))
  it.each(rows)('are what the %s mock answers for %s', async (vendor, id) => {
    const testCase = catalogFor(vendor).cases.find((c) => c.id === id) as ConformanceCase
    const apiKey = `vc-catalog-${vendor}-${id}`
    if (testCase.arm.scenario) await mock.admin.addScenario({ scenario: testCase.arm.scenario, match: { apiKey, vendor } })
    if (testCase.arm.credits !== undefined) await mock.admin.setCredits(apiKey, testCase.arm.credits)
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }
    const base = mock.baseUrls[vendor]
    let response = await fetch(base + SUBMIT[vendor].path, { method: 'POST', headers, body: JSON.stringify(SUBMIT[vendor].body) })
    const keyId = (await mock.admin.requests({ apiKey }))[0]?.keyId
    const [task] = (await mock.admin.tasks({ vendor })).filter((t) => t.keyId === keyId)
    if (testCase.tasks === 1) {
      expect(task, 'the scenario creates a task').toBeDefined()
      await mock.admin.finish(task?.id as string, testCase.arm.scenario as 'content_violation')
      response = await fetch(base + POLL[vendor](task?.id as string), { headers })
    }
    const codes = codesIn(response.status, await response.json())
    if (testCase.expect.status !== 'failed') throw new Error('coded cases fail')
    const primary = testCase.expect.accepted[0]
    expect(
      primary?.vendorCodes.some((c) => codes.has(c)),
      `${vendor} ${id}: one of ${primary?.vendorCodes.join(', ')} in ${[...codes].join(', ')}`,
    ).toBe(true)
  })
})
