import { mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { VENDOR_IDS } from '../../../vendors/index.js'
import { type RunningMockServer, startMockServer } from '../../../mock-server/src/server.js'
import { bearerOf, startImitation } from './vendor-imitation.js'
import { verifyCommand } from './verify-command.js'
import { runVerify } from './verify-harness.js'

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(full)))
    else out.push(full)
  }
  return out
}

describe('veomock verify --target mock', () => {
  it.each(VENDOR_IDS)('reports zero drift for %s', async (vendor) => {
    const run = await runVerify(['--vendor', vendor, '--target', 'mock'])
    expect(run.findings).toEqual([])
    expect(run.code).toBe(0)
    // Against the in-process mock every probe runs, the paid lifecycle included.
    expect(run.report.cases.filter((c) => c.skipped)).toEqual([])
    expect(run.report.cases.find((c) => c.details?.probe === 'lifecycle')?.passed).toBe(true)
  })

  it('prints a summary ending with "N passed, N failed" and writes JUnit, JSON and HTML reports', async () => {
    const run = await runVerify(['--vendor', 'odkkk', '--target', 'mock', '--time-scale', '1000', '--report', 'junit,json,html'])
    const lines = run.stdout.trim().split('\n')
    expect(lines.pop()).toBe(`${run.report.cases.length} passed, 0 failed`)
    expect((await readdir(run.outDir)).sort()).toEqual(['verify.html', 'verify.json', 'verify.junit.xml'])
    const junit = await readFile(path.join(run.outDir, 'verify.junit.xml'), 'utf8')
    expect(junit).toContain('<testsuite name="verify odkkk"')
    expect(junit).toContain('failures="0"')
    // Progress of the paid task went to stderr, not into the summary.
    expect(run.stderr).toMatch(/odkkk lifecycle: task task-unified-\S+ status=completed/)
  })

  it.each([
    ['no vendor', ['--target', 'mock']],
    ['an unknown vendor', ['--vendor', 'acme', '--target', 'mock']],
    ['no target', ['--vendor', 'kie']],
    ['a manual clock for a live vendor', ['--vendor', 'kie', '--target', 'live', '--time-scale', 'manual']],
    ['an unknown probe', ['--vendor', 'kie', '--target', 'mock', '--probe', 'nope']],
    ['a negative spend', ['--vendor', 'kie', '--target', 'mock', '--spend', '-1']],
  ])('exits 2 on a usage error: %s', async (_name, argv) => {
    let stderr = ''
    const code = await verifyCommand(argv, { stdout: () => undefined, stderr: (t) => void (stderr += t), env: {} })
    expect(code).toBe(2)
    expect(stderr).toMatch(/^veomock verify: /)
  })
})

describe('veomock verify against a URL', () => {
  let mock: RunningMockServer
  beforeAll(async () => {
    mock = await startMockServer({ port: 0, timeScale: 1000, strict: true, onViolation: () => undefined })
  })
  afterAll(async () => {
    await mock.close()
  })

  it('runs only free probes without --spend: no task is created', async () => {
    await mock.admin.reset()
    const imitation = await startImitation({ upstream: mock.baseUrls.kie })
    try {
      const run = await runVerify(['--vendor', 'kie', '--target', imitation.url, '--time-scale', '1000'], { KIE_API_KEY: 'sk-free-probes-only' })
      // The lifecycle, and the seeds probe that KIE might no longer refuse (seeds left its June 2026 schema).
      const skipped = run.report.cases.filter((c) => c.skipped)
      expect(skipped.map((c) => c.details?.probe)).toEqual(['seeds-out-of-range', 'lifecycle'])
      expect(skipped.every((c) => /--spend/.test(String(c.skipReason)))).toBe(true)
      // Each skipped probe is printed with its reason, on stderr as it happens and in the summary.
      for (const c of skipped) {
        expect(run.stderr).toContain(`skipped kie ${String(c.details?.probe)}: ${String(c.skipReason)}`)
        expect(run.stdout).toContain(`- ${c.name} (skipped: ${String(c.skipReason)})`)
      }
      expect(await mock.admin.tasks()).toEqual([])
      expect(run.code).toBe(0)
      expect(run.stdout.trim().split('\n').slice(-3)).toEqual(['2 skipped', '0 warnings', `${run.report.cases.length - 2} passed, 0 failed`])
    } finally {
      await imitation.close()
    }
  })

  it('--spend 1 goes to the lifecycle probe, not to a free negative probe a vendor might bill (contract §6)', async () => {
    await mock.admin.reset()
    const imitation = await startImitation({ upstream: mock.baseUrls.kie })
    try {
      const run = await runVerify(['--vendor', 'kie', '--target', imitation.url, '--time-scale', '1000', '--spend', '1'], { KIE_API_KEY: 'sk-spend-one' })
      expect(run.report.cases.filter((c) => c.skipped).map((c) => c.details?.probe)).toEqual(['seeds-out-of-range'])
      expect(run.report.cases.find((c) => c.details?.probe === 'lifecycle')?.passed).toBe(true)
      expect(run.findings).toEqual([])
      expect(await mock.admin.tasks()).toHaveLength(1)
    } finally {
      await imitation.close()
    }
  })

  it('--spend 2 runs the lifecycle and the risky probe; a refused risky probe spends nothing', async () => {
    await mock.admin.reset()
    const imitation = await startImitation({ upstream: mock.baseUrls.kie })
    try {
      const run = await runVerify(['--vendor', 'kie', '--target', imitation.url, '--time-scale', '1000', '--spend', '2'], { KIE_API_KEY: 'sk-spend-two' })
      expect(run.report.cases.filter((c) => c.skipped)).toEqual([])
      expect(run.findings).toEqual([])
      expect(await mock.admin.tasks()).toHaveLength(1)
    } finally {
      await imitation.close()
    }
  })

  it('never writes or prints the key from the environment, even when the target echoes it back', async () => {
    await mock.admin.reset()
    const key = 'sk-VEOMOCK-FAKE-KEY-7f3a9c1e'
    // An Apixo that echoes the bearer key in every body and header, and answers the balance with it
    // (a schema drift whose evidence quotes the value).
    const imitation = await startImitation({
      upstream: mock.baseUrls.apixo,
      rewrite(response, request) {
        const sent = bearerOf(request)
        if (!sent || !response.body || typeof response.body !== 'object') return response
        const body: Record<string, unknown> = { ...(response.body as Record<string, unknown>), echo: `you sent ${sent}` }
        if (request.path === '/api/v1/apikeys/current-balance') body.data = `balance of ${sent}`
        return { ...response, headers: { ...response.headers, 'x-echo': sent }, body }
      },
    })
    const recordDir = await mkdtemp(path.join(tmpdir(), 'veomock-record-'))
    try {
      const run = await runVerify(
        ['--vendor', 'apixo', '--target', imitation.url, '--time-scale', '1000', '--spend', '1', '--record', recordDir, '--report', 'junit,json,html'],
        {
          APIXO_API_KEY: key,
        },
      )
      // The imitation really got the key and echoed it: the balance drift is reported, scrubbed.
      expect(imitation.requests.some((r) => bearerOf(r) === key)).toBe(true)
      const balance = run.findings.find((f) => f.evidence.location === '/data')
      expect(balance?.evidence.actual).toBe('balance of [redacted]')
      expect(run.code).toBe(1)

      const files = [...(await filesUnder(run.outDir)), ...(await filesUnder(recordDir))]
      expect(files.filter((f) => f.endsWith('.json') && f.startsWith(recordDir)).length).toBeGreaterThan(5)
      for (const file of files) expect(await readFile(file, 'utf8'), file).not.toContain(key)
      expect(run.stdout).not.toContain(key)
      expect(run.stderr).not.toContain(key)
      const recording = await readFile(path.join(recordDir, 'apixo', 'balance.json'), 'utf8')
      expect(recording).toContain('Bearer [redacted]')
      expect(recording).toContain('you sent [redacted]')
    } finally {
      await imitation.close()
    }
  })
})
