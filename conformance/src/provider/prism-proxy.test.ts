import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { startImitation } from './vendor-imitation.js'
import { runVerify } from './verify-harness.js'

let mock: RunningMockServer
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 1000, strict: true, onViolation: () => undefined })
})
afterAll(async () => {
  await mock.close()
})

it('--via-prism folds Prism’s violations in as a second, independent schema check', async () => {
  // Apixo's resultJson turned from a JSON string into an object: both validators must see it, and
  // Prism must find nothing else in otherwise unchanged mock answers.
  const imitation = await startImitation({
    upstream: mock.baseUrls.apixo,
    rewrite(response, request) {
      const data = (response.body as { data?: { resultJson?: unknown } } | undefined)?.data
      if (!request.path.startsWith('/api/v1/statusTask/') || typeof data?.resultJson !== 'string') return response
      return { ...response, body: { ...(response.body as object), data: { ...data, resultJson: JSON.parse(data.resultJson) } } }
    },
  })
  try {
    const run = await runVerify(['--vendor', 'apixo', '--target', imitation.url, '--time-scale', '1000', '--spend', '1', '--via-prism'], {
      APIXO_API_KEY: 'sk-prism-test-key',
    })
    const prism = run.findings.filter((f) => f.check === 'prism')
    expect(prism.length).toBeGreaterThan(0)
    expect(prism.every((f) => f.category === 'schema' && f.evidence.location === '/data/resultJson')).toBe(true)
    expect(run.findings.filter((f) => f.check === 'response-schema').map((f) => f.evidence.location)).toEqual(['/data/resultJson'])
    expect(run.report.title).toContain('via Prism')
    // Every probe went through Prism to the imitation.
    expect(imitation.requests.length).toBeGreaterThan(8)
  } finally {
    await imitation.close()
  }
}, 60_000)
