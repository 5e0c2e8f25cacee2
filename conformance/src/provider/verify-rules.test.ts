// Contract §6 (docs/contract.md §6): skipped probes carry their reason into every report, a run that
// skipped everything fails, a veomock target gets a dummy key instead of skips, and a documented
// field that disappears is schema drift even where the spec makes it optional.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { specValidator } from '../../../lib/spec/validation.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { documentedFieldDrift } from './documented-fields.js'
import { startImitation } from './vendor-imitation.js'
import { healthUrlsFor } from './veomock-target.js'
import { runVerify } from './verify-harness.js'

const RECORD = {
  code: 200,
  msg: 'success',
  data: {
    taskId: 'ee9c2715375b7837f8bb51d641ff5863',
    paramJson: '{"prompt":"p"}',
    completeTime: '2026-01-29 07:16:40',
    response: { taskId: 'ee9c2715375b7837f8bb51d641ff5863', resultUrls: ['http://127.0.0.1/v.mp4'], originUrls: null, resolution: '720p' },
    successFlag: 1,
    errorCode: null,
    errorMessage: '',
    createTime: '2026-01-29 07:12:40',
    fallbackFlag: false,
  },
}
const without = (body: typeof RECORD, field: string) => {
  const copy = JSON.parse(JSON.stringify(body)) as { data: { response: Record<string, unknown> } & Record<string, unknown> }
  if (field in copy.data.response) delete copy.data.response[field]
  else delete copy.data[field]
  return copy
}

describe('documented-field drift of one answer', () => {
  const kie = specValidator('kie')
  const drift = (body: unknown) => documentedFieldDrift(kie, '/api/v1/veo/record-info', 'get', 200, body).map((f) => f.evidence.location)

  it('accepts a KIE record without fullResultUrls: one documented example lacks it too (docs/vendors/kie.md §8.13)', () => {
    expect(drift(RECORD)).toEqual([])
  })

  it('reports a KIE record that lost originUrls, which every documented success example carries', () => {
    expect(drift(without(RECORD, 'originUrls'))).toEqual(['/data/response/originUrls'])
    expect(drift(without(RECORD, 'errorMessage'))).toEqual(['/data/errorMessage'])
  })

  it('compares only with examples of the same kind of answer: a running record or an error is not a success', () => {
    expect(drift({ code: 200, msg: 'success', data: { taskId: 'x', successFlag: 0, createTime: '2026-01-29 07:12:40' } })).toEqual([])
    expect(drift({ code: 422, msg: 'record is null', data: null })).toEqual([])
  })

  it('reports a Xenodia create answer without poll_url at /poll_url although the spec makes it optional', () => {
    const xenodia = specValidator('xenodia')
    const body = {
      task_id: 't',
      object: 'task',
      model: 'veo3.1_fast',
      type: 'video',
      state: 'waiting',
      created_at: 1760000000,
      recommended_poll_interval_ms: 5000,
    }
    expect(xenodia.validateResponse('/v1/videos/generations', 'post', 200, body).valid).toBe(true)
    const findings = documentedFieldDrift(xenodia, '/v1/videos/generations', 'post', 200, body)
    expect(findings.map((f) => [f.category, f.check, f.evidence.location])).toEqual([['schema', 'documented-field', '/poll_url']])
  })
})

describe('veomock verify: skipped probes, all-skipped runs, veomock targets', () => {
  let mock: RunningMockServer
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, timeScale: 1000, strict: true, onViolation: () => undefined })
  })
  afterAll(async () => {
    await mock.close()
  })

  it('finds the health check beside the vendor prefix, also under a namespace', () => {
    expect(healthUrlsFor('http://127.0.0.1:4010/kie', 'kie')).toEqual(['http://127.0.0.1:4010/__admin/health'])
    expect(healthUrlsFor('http://127.0.0.1:4010/ns/job-1/odkkk/', 'odkkk')).toEqual(['http://127.0.0.1:4010/ns/job-1/__admin/health'])
  })

  it('runs every probe against a veomock URL without any key, with a dummy key', async () => {
    await mock.admin.reset()
    const run = await runVerify(['--vendor', 'xenodia', '--target', mock.baseUrls.xenodia, '--time-scale', '1000'], {})
    expect(run.report.cases.filter((c) => c.skipped)).toEqual([])
    expect(run.report.cases.find((c) => c.details?.probe === 'lifecycle')?.passed).toBe(true)
    expect(run.findings).toEqual([])
    expect(run.stderr).toMatch(/is a veomock: using the dummy key "veomock-verify"/)
    expect(run.report.title).toContain('(a veomock)')
    expect(run.code).toBe(0)
  })

  it('fails a run in which every probe was skipped, with each reason in the summary, JUnit, JSON and HTML', async () => {
    // Not a veomock (its health check is the vendor's 404), no key, no --spend.
    const imitation = await startImitation({ upstream: mock.baseUrls.apixo })
    try {
      const run = await runVerify(['--vendor', 'apixo', '--target', imitation.url, '--probe', 'balance,lifecycle', '--report', 'junit,json,html'], {})
      expect(run.code).toBe(1)
      const skipped = run.report.cases.filter((c) => c.skipped)
      expect(skipped.map((c) => c.skipReason)).toEqual(['no API key: set APIXO_API_KEY', 'no API key: set APIXO_API_KEY'])
      const failed = run.report.cases.find((c) => !c.passed && !c.skipped)
      expect(failed?.findings.map((f) => f.check)).toEqual(['all-skipped'])
      expect(failed?.findings[0]?.message).toMatch(/Every apixo probe was skipped.*no API key: set APIXO_API_KEY/)
      expect(run.stdout.trim().split('\n').slice(-3)).toEqual(['2 skipped', '0 warnings', '0 passed, 1 failed'])
      expect(run.stdout).toContain('(skipped: no API key: set APIXO_API_KEY)')
      expect(await readFile(path.join(run.outDir, 'verify.junit.xml'), 'utf8')).toContain('<skipped message="no API key: set APIXO_API_KEY"/>')
      expect(await readFile(path.join(run.outDir, 'verify.html'), 'utf8')).toContain('skipped: no API key: set APIXO_API_KEY')
      expect(imitation.requests.filter((r) => !r.path.endsWith('/__admin/health'))).toEqual([])
    } finally {
      await imitation.close()
    }
  })

  it('reports a drifted Xenodia that drops the optional poll_url as schema drift at /poll_url', async () => {
    await mock.admin.reset()
    const imitation = await startImitation({
      upstream: mock.baseUrls.xenodia,
      rewrite(response) {
        const body = response.body as Record<string, unknown> | undefined
        if (!body || typeof body !== 'object' || !('task_id' in body)) return response
        const { poll_url: _dropped, ...rest } = body
        return { ...response, body: rest }
      },
    })
    try {
      const run = await runVerify(['--vendor', 'xenodia', '--target', imitation.url, '--time-scale', '1000', '--probe', 'lifecycle', '--spend', '1'], {
        XENODIA_API_KEY: 'sk-drifted-imitation',
      })
      expect(run.code).toBe(1)
      const drift = run.findings.filter((f) => f.check === 'documented-field')
      expect(drift.map((f) => [f.category, f.evidence.request, f.evidence.location])).toEqual([
        ['schema', 'POST /v1/videos/generations', '/poll_url'],
        ['schema', 'GET /v1/tasks/{task_id}', '/poll_url'],
      ])
      // The schema itself is satisfied: only the documented-field check sees the loss.
      expect(run.findings.filter((f) => f.check !== 'documented-field')).toEqual([])
      expect(run.stdout).toMatch(/\/poll_url is missing; every documented example of this answer carries it/)
    } finally {
      await imitation.close()
    }
  })
})
