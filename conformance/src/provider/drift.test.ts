import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { specValidator } from '../../../lib/spec/validation.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { type DriftFinding, schemaDrift } from './drift.js'
import { type Imitation, type ImitatedResponse, startImitation } from './vendor-imitation.js'
import { runVerify } from './verify-harness.js'

const SCALE = '1000'
const KEY = 'sk-imitation-test-key-0001'

let mock: RunningMockServer
const imitations: Imitation[] = []

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 1000, strict: true, onViolation: () => undefined })
})
afterEach(async () => {
  await Promise.all(imitations.splice(0).map((i) => i.close()))
  await mock.admin.reset()
})
afterAll(async () => {
  await mock.close()
})

async function imitate(
  vendor: 'kie' | 'apixo' | 'xenodia' | 'odkkk',
  rewrite?: (r: ImitatedResponse, req: { method: string; path: string; body: unknown }) => ImitatedResponse,
): Promise<Imitation> {
  const imitation = await startImitation({ upstream: mock.baseUrls[vendor], ...(rewrite ? { rewrite } : {}) })
  imitations.push(imitation)
  return imitation
}

function verify(vendor: string, target: string, probes: string, key: string | undefined = KEY) {
  const env = key ? { [`${vendor.toUpperCase()}_API_KEY`]: key } : {}
  return runVerify(['--vendor', vendor, '--target', target, '--time-scale', SCALE, '--spend', '1', '--probe', probes], env)
}

function only(findings: DriftFinding[], category: string, location: string): DriftFinding[] {
  return findings.filter((f) => f.category === category && f.evidence.location === location)
}

function withBody(response: ImitatedResponse, change: (body: Record<string, unknown>) => void): ImitatedResponse {
  const body = structuredClone(response.body) as Record<string, unknown>
  change(body)
  return { ...response, body }
}

describe('schemaDrift', () => {
  const kie = specValidator('kie')

  it.each([
    [
      'a renamed field in a oneOf envelope points at the missing field, not at every branch',
      {
        template: '/api/v1/veo/generate',
        method: 'post' as const,
        status: 200,
        contentType: 'application/json',
        body: { code: 200, msg: 'success', data: { task_id: 'abc' } },
      },
      { location: '/data/taskId', expected: 'required by the spec', actual: '(absent)', siblings: ['task_id'] },
    ],
    [
      'a changed envelope code is a failed enum at /code',
      {
        template: '/api/v1/veo/record-info',
        method: 'get' as const,
        status: 200,
        contentType: 'application/json',
        body: { code: 403, msg: 'Forbidden', data: null },
      },
      { location: '/code', actual: 403 },
    ],
  ])('%s', (_name, given, want) => {
    const findings = schemaDrift(kie, given)
    expect(findings).toHaveLength(1)
    expect(findings[0]?.category).toBe('schema')
    expect(findings[0]?.evidence).toMatchObject(want)
  })

  it('an undeclared status is schema drift at the status', () => {
    const findings = schemaDrift(specValidator('apixo'), {
      template: '/api/v1/statusTask/veo-3-1',
      method: 'get',
      status: 418,
      contentType: 'application/json',
      body: { code: 418, message: 'teapot' },
    })
    expect(findings).toHaveLength(1)
    expect(findings[0]?.evidence).toMatchObject({ location: 'status', actual: 418 })
  })

  it('a body that matches its schema has no drift', () => {
    expect(
      schemaDrift(kie, {
        template: '/api/v1/chat/credit',
        method: 'get',
        status: 200,
        contentType: 'application/json',
        body: { code: 200, msg: 'success', data: 100 },
      }),
    ).toEqual([])
  })
})

describe('verify against an imitation of a vendor', () => {
  it('reports no drift when the imitation forwards the mock unchanged', async () => {
    const imitation = await imitate('xenodia')
    // Two generations: the lifecycle's, and the seeds probe's that Xenodia might bill (contract §6).
    const run = await runVerify(['--vendor', 'xenodia', '--target', imitation.url, '--time-scale', SCALE, '--spend', '2'], { XENODIA_API_KEY: KEY })
    expect(run.findings).toEqual([])
    expect(run.code).toBe(0)
    expect(run.report.cases.filter((c) => c.skipped)).toEqual([])
    expect(run.stdout.trim().split('\n').pop()).toBe(`${run.report.cases.length} passed, 0 failed`)
  })

  it('reports a renamed response field as schema drift at its JSON pointer', async () => {
    // Apixo's status answer renames data.taskId to data.task_id.
    const imitation = await imitate('apixo', (r, req) =>
      req.path.startsWith('/api/v1/statusTask/') && r.status === 200
        ? withBody(r, (b) => {
            const data = b.data as Record<string, unknown>
            data.task_id = data.taskId
            delete data.taskId
          })
        : r,
    )
    const run = await verify('apixo', imitation.url, 'lifecycle')
    const drift = only(run.findings, 'schema', '/data/taskId')
    expect(drift).toHaveLength(1)
    expect(drift[0]?.evidence).toMatchObject({ request: 'GET /api/v1/statusTask/veo-3-1', expected: 'required by the spec', actual: '(absent)' })
    expect(drift[0]?.evidence.siblings).toContain('task_id')
    expect(run.code).toBe(1)
  })

  it('reports a string that became an object (Apixo resultJson) as schema drift', async () => {
    const imitation = await imitate('apixo', (r, req) =>
      req.path.startsWith('/api/v1/statusTask/') && (r.body as { data?: { resultJson?: unknown } }).data?.resultJson
        ? withBody(r, (b) => {
            const data = b.data as Record<string, unknown>
            data.resultJson = JSON.parse(data.resultJson as string)
          })
        : r,
    )
    const run = await verify('apixo', imitation.url, 'lifecycle')
    const drift = only(run.findings, 'schema', '/data/resultJson')
    expect(drift).toHaveLength(1)
    expect(drift[0]?.evidence.expected).toBe('must be string')
    expect(drift[0]?.evidence.actual).toMatchObject({ resultUrls: [expect.any(String)] })
    // The lifecycle itself still succeeded: the drift is the shape, not the outcome.
    expect(run.findings.filter((f) => f.category !== 'schema')).toEqual([])
  })

  it('reports KIE answering a bad key with HTTP 401 instead of HTTP 200 + body 401 as behaviour drift of the status', async () => {
    // Hand-written KIE that switched to real HTTP statuses for auth failures.
    const imitation = await startImitation({ answer: () => ({ status: 401, headers: {}, body: { code: 401, msg: 'You do not have access permissions' } }) })
    imitations.push(imitation)
    const run = await verify('kie', imitation.url, 'missing-key,invalid-key')
    for (const probe of ['missing-key', 'invalid-key']) {
      const findings = run.report.cases.find((c) => c.details?.probe === probe)?.findings as DriftFinding[]
      expect(findings).toHaveLength(1)
      expect(only(findings, 'behaviour', 'status')[0]?.evidence).toMatchObject({ request: 'POST /api/v1/veo/generate', expected: 200, actual: 401 })
    }
    expect(run.code).toBe(1)
  })

  it('reports a changed envelope code as behaviour drift at /code', async () => {
    // Apixo keeps HTTP 401 but the body now says 403.
    const imitation = await imitate('apixo', (r) => (r.status === 401 ? withBody(r, (b) => void (b.code = 403)) : r))
    const run = await verify('apixo', imitation.url, 'missing-key')
    const drift = only(run.findings, 'behaviour', '/code')
    expect(drift).toHaveLength(1)
    expect(drift[0]?.evidence).toMatchObject({ expected: 401, actual: 403 })
    expect(drift[0]?.check).toBe('envelope-code')
  })

  it('reports a vendor that now requires a new request field (and rejects the probes) as behaviour drift of the submit', async () => {
    // Reading chosen for "a new required field": Xenodia starts requiring `channel_id` on create and
    // answers 400 without it, so the lifecycle probe's submit is refused.
    const imitation = await startImitation({
      upstream: mock.baseUrls.xenodia,
      answer: (req) =>
        req.method === 'POST' && req.path === '/v1/videos/generations' && !(req.body as { channel_id?: unknown } | undefined)?.channel_id
          ? {
              status: 400,
              headers: {},
              body: { error: 'bad_request', message: 'channel_id is required', type: 'invalid_request_error', code: 'missing_parameter' },
            }
          : undefined,
    })
    imitations.push(imitation)
    const run = await verify('xenodia', imitation.url, 'lifecycle')
    const drift = only(run.findings, 'behaviour', 'status')
    expect(drift).toHaveLength(1)
    expect(drift[0]?.evidence).toMatchObject({ request: 'POST /v1/videos/generations', expected: [200, 202], actual: 400 })
    expect(JSON.stringify(drift[0]?.evidence.body)).toContain('channel_id is required')
  })

  it('reports a renamed state (odkkk completed → succeeded) as behaviour drift of the state sequence', async () => {
    const imitation = await imitate('odkkk', (r, req) =>
      req.path.startsWith('/v1/tasks/') && (r.body as { status?: string }).status === 'completed' ? withBody(r, (b) => void (b.status = 'succeeded')) : r,
    )
    const run = await verify('odkkk', imitation.url, 'lifecycle')
    const drift = only(run.findings, 'behaviour', '/status')
    expect(drift).toHaveLength(1)
    expect(drift[0]?.check).toBe('state-sequence')
    expect(drift[0]?.evidence.actual).toBe('succeeded')
    // Whether a poll lands inside `processing` depends on the machine's load at time scale 1000: the
    // sequence is pending, then maybe processing, then the renamed state.
    const sequence = drift[0]?.evidence.sequence as string[]
    expect(sequence[0]).toBe('pending')
    expect(sequence.at(-1)).toBe('succeeded')
    expect(sequence.every((s) => ['pending', 'processing', 'succeeded'].includes(s))).toBe(true)
    // The spec's status enum catches it too.
    expect(only(run.findings, 'schema', '/status')[0]?.evidence.actual).toBe('succeeded')
  })

  it('reports a lifecycle far slower than documented as timing drift', async () => {
    // The mock's `slow` scenario: ten times the usual duration (25–42 min against 180–300 s documented).
    await mock.admin.addScenario({ scenario: 'slow', match: { vendor: 'odkkk' }, times: 1 })
    const imitation = await imitate('odkkk')
    const run = await verify('odkkk', imitation.url, 'lifecycle')
    const drift = run.findings.filter((f) => f.category === 'timing')
    expect(drift).toHaveLength(1)
    expect(drift[0]?.check).toBe('lifecycle-duration')
    expect(drift[0]?.evidence.location).toBe('/status')
    expect(drift[0]?.evidence.elapsedMs).toBeGreaterThan(15 * 60_000)
    expect(run.findings.filter((f) => f.category !== 'timing')).toEqual([])
  })
})
