import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMockServer } from '../../../mock-server/src/server.js'
import { conformanceCommand, runConformance } from './conformance-command.js'
import type { Generate } from './in-process-runner.js'

// A tiny Xenodia client, complete enough for a few cases: submit, poll at the server's hint, map
// the flat errors (docs/vendors/xenodia.md §4). BUGGY=1 makes it retry every rejection and call a
// content-policy failure generation_failed. Run as a command it reads the protocol from stdin/env.
const TINY_CLIENT = `
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const KINDS = { 400: 'invalid_request', 401: 'unauthorized', 402: 'insufficient_credits', 429: 'rate_limited', 502: 'upstream_error' }
const TASK_KINDS = { content_policy_violation: 'content_policy', image_fetch_failed: 'invalid_image' }
export async function generate(request, env) {
  const buggy = process.env.BUGGY === '1'
  const deadline = Date.now() + request.timeoutMs / env.timeScale
  const headers = { authorization: 'Bearer ' + env.apiKey, 'content-type': 'application/json' }
  const body = { model: request.tier === 'quality' ? 'veo3.1' : 'veo3.1_fast', prompt: request.prompt, generationType: request.generationType, aspect_ratio: request.aspectRatio === 'auto' ? 'Auto' : request.aspectRatio, resolution: request.resolution }
  if (request.imageUrls) body.imageUrls = request.imageUrls
  if (request.seed) body.seeds = request.seed
  let task
  for (let attempt = 0; !task; attempt++) {
    const res = await fetch(env.baseUrl + '/v1/videos/generations', { method: 'POST', headers, body: JSON.stringify(body) })
    const json = await res.json()
    if (res.ok) task = json
    else if (!buggy || attempt > 1) return { status: 'failed', taskId: null, error: { kind: KINDS[res.status] ?? 'server_error', vendorCode: json.code ?? json.error, message: json.message } }
  }
  for (;;) {
    const wait = (task.recommended_poll_interval_ms ?? 5000) / env.timeScale
    if (Date.now() + wait > deadline) return { status: 'failed', taskId: task.task_id, error: { kind: 'timeout', vendorCode: task.state, message: 'gave up' } }
    await sleep(wait)
    const res = await fetch(env.baseUrl + '/v1/tasks/' + task.task_id, { headers })
    if (res.status >= 500) continue
    task = await res.json()
    if (task.state === 'success') return { status: 'succeeded', taskId: task.task_id, videoUrls: task.result.data.map((d) => d.url) }
    if (task.state === 'fail') return { status: 'failed', taskId: task.task_id, error: { kind: buggy ? 'generation_failed' : TASK_KINDS[task.error.code] ?? 'generation_failed', vendorCode: task.error.code, message: task.error.message } }
  }
}
if (process.argv[1] === new URL(import.meta.url).pathname) {
  let input = ''
  for await (const chunk of process.stdin) input += chunk
  const env = { vendor: process.env.VEO_VENDOR, baseUrl: process.env.VEO_BASE_URL, apiKey: process.env.VEO_API_KEY, timeScale: Number(process.env.VEO_TIME_SCALE) }
  process.stdout.write(JSON.stringify(await generate(JSON.parse(input), env)) + '\\n')
}
`

let dir: string
let client: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-conformance-'))
  client = path.join(dir, 'tiny-xenodia-client.mjs')
  await writeFile(client, TINY_CLIENT)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Runs the command with its standard output captured. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = []
  const err: string[] = []
  const write = { stdout: process.stdout.write, stderr: process.stderr.write }
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write
  try {
    const code = await conformanceCommand(argv)
    return { code, stdout: out.join(''), stderr: err.join('') }
  } finally {
    process.stdout.write = write.stdout
    process.stderr.write = write.stderr
  }
}

const CASES = 'success,content_violation,unauthorized,stuck,rate_limited'

describe('veomock conformance', () => {
  it('passes a correct command-form client and ends its summary with "N passed, N failed"', async () => {
    const { code, stdout } = await run(['--vendor', 'xenodia', '--client', `node ${client}`, '--cases', CASES])
    expect(stdout).toMatch(/^veomock conformance \(xenodia\): node .*tiny-xenodia-client\.mjs at time scales [\d, ]+ \(per case\)\n/)
    expect(stdout).toContain('✓ success: a text-to-video task succeeds, polled no faster than recommended_poll_interval_ms')
    expect(stdout.trimEnd().split('\n').slice(-2)).toEqual(['0 warnings', '5 passed, 0 failed'])
    expect(code).toBe(0)
  })

  it('fails a buggy client, exits 1, names the judge with its evidence, and warns where it departs from advice', async () => {
    process.env.BUGGY = '1'
    try {
      const { code, stdout } = await run(['--vendor', 'xenodia', '--module', client, '--cases', CASES])
      expect(code).toBe(1)
      expect(stdout).toMatch(
        /✗ content_violation: .*\n\s+FAIL outcome: expected kind content_policy with a vendorCode the answer carried \([^)]*\); got generation_failed \/ "content_policy_violation"/,
      )
      expect(stdout).toMatch(
        /✗ unauthorized: .*\n\s+FAIL no-retry-after-final-4xx: the submit was answered HTTP 401, a final rejection, yet the client submitted 2 more time\(s\)\n\s+evidence: \[\{"method":"POST","path":"\/xenodia\/v1\/videos\/generations","status":401/,
      )
      // Xenodia's Retry-After is the mock's (register xenodia.retry-after): ignoring it is a warn.
      expect(stdout).toMatch(/! rate_limited: .*\n\s+WARN retry-after-honoured: the next request came [\d.]+ s after a 429 with Retry-After 10\.0 s/)
      expect(stdout.trimEnd().split('\n').slice(-2)).toEqual(['1 warning', '3 passed, 2 failed'])
      expect(stdout.indexOf('✗ unauthorized')).toBeLessThan(stdout.indexOf('! rate_limited'))
    } finally {
      delete process.env.BUGGY
    }
  })

  it('exits 1 on warnings only with --warnings-as-errors', async () => {
    process.env.BUGGY = '1'
    try {
      const plain = await run(['--vendor', 'xenodia', '--module', client, '--cases', 'rate_limited'])
      expect(plain.stdout.trimEnd().split('\n').slice(-2)).toEqual(['1 warning', '1 passed, 0 failed'])
      expect(plain.code).toBe(0)
      const strict = await run(['--vendor', 'xenodia', '--module', client, '--cases', 'rate_limited', '--warnings-as-errors'])
      expect(strict.code).toBe(1)
    } finally {
      delete process.env.BUGGY
    }
  })

  it('writes JUnit, JSON and HTML reports on request', async () => {
    const out = path.join(dir, 'reports')
    const { code, stdout } = await run(['--vendor', 'xenodia', '--module', client, '--cases', 'success', '--report', 'junit,json,html', '--out', out])
    expect(code).toBe(0)
    expect((await readdir(out)).sort()).toEqual(['conformance.html', 'conformance.json', 'conformance.junit.xml'])
    expect(stdout).toContain(`wrote ${path.join(out, 'conformance.junit.xml')}`)
    const json = JSON.parse(await readFile(path.join(out, 'conformance.json'), 'utf8'))
    expect(json.summary).toEqual({ passed: 1, failed: 0, skipped: 0, warnings: 0 })
    expect(json.cases[0].details).toMatchObject({ caseId: 'success', vendor: 'xenodia', outcome: { status: 'succeeded' } })
    expect(await readFile(path.join(out, 'conformance.junit.xml'), 'utf8')).toContain('<testcase classname="conformance xenodia" name="success: ')
  })

  it('uses a running mock and its own time scale with --mock-url, each run in a fresh namespace of its own', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 250, vendors: ['xenodia'] })
    try {
      const cases = ['success', 'content_violation']
      // Two CI jobs on one shared mock at once: neither sees the other's tasks, rules or resets.
      const [cli, library] = await Promise.all([
        run(['--vendor', 'xenodia', '--module', client, '--cases', cases.join(','), '--mock-url', mock.url]),
        runConformance({ vendors: ['xenodia'], client: { module: client }, cases, mockUrl: mock.url }),
      ])
      expect(cli.stdout).toMatch(/at time scale 250\n/)
      expect(cli.code).toBe(0)
      expect(library.cases.map((c) => c.passed)).toEqual([true, true])
      // The default namespace was never touched, and each run's namespace was forgotten at its end.
      expect((await mock.admin.tasks({ vendor: 'xenodia' })).length).toBe(0)
      expect((await mock.admin.health()).namespaces?.map((n) => n.name)).toEqual(['default'])
    } finally {
      await mock.close()
    }
  })

  it.each([
    ['no vendor', ['--client', 'true'], /--vendor is required/],
    ['an unknown vendor', ['--vendor', 'acme', '--client', 'true'], /unknown vendor "acme"/],
    ['no client', ['--vendor', 'kie'], /--client "<command>" or --module <path> is required/],
    ['both client forms', ['--vendor', 'kie', '--client', 'true', '--module', 'x.js'], /either --client or --module/],
    ['an unknown case id', ['--vendor', 'odkkk', '--client', 'true', '--cases', 'reference_to_video'], /unknown case id\(s\) reference_to_video/],
    ['an unknown report format', ['--vendor', 'kie', '--client', 'true', '--report', 'pdf'], /unknown format "pdf"/],
    ['a bad time scale', ['--vendor', 'kie', '--client', 'true', '--time-scale', '0'], /--time-scale must be a positive number/],
    ['--spend without a live target', ['--vendor', 'kie', '--client', 'true', '--spend', '1'], /apply to --target live only/],
    ['an unknown option', ['--vendor', 'kie', '--client', 'true', '--fast'], /Unknown option '--fast'/],
  ])('answers %s with exit code 2', async (_name, argv, message) => {
    const { code, stderr } = await run(argv)
    expect(code).toBe(2)
    expect(stderr).toMatch(message)
  })

  it('documents every option in --help', async () => {
    const { code, stdout } = await run(['--help'])
    expect(code).toBe(0)
    for (const option of [
      '--vendor',
      '--client',
      '--module',
      '--time-scale',
      '--cases',
      '--concurrency',
      '--mock-url',
      '--target',
      '--base-url',
      '--spend',
      '--report',
      '--out',
      '--warnings-as-errors',
    ])
      expect(stdout).toContain(option)
  })

  it('lists the case ids of a vendor with --list', async () => {
    const { code, stdout } = await run(['--vendor', 'kie', '--list'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/^kie\n {2}success {16}/)
    expect(stdout).toContain('generation_failed      successFlag 3')
  })
})

describe('runConformance', () => {
  it('runs an in-process generate function and returns the report in catalog order', async () => {
    const { generate } = (await import(client)) as { generate: Generate }
    const report = await runConformance({
      vendors: ['xenodia'],
      client: { generate, describe: 'tiny' },
      cases: ['unauthorized', 'success', 'insufficient_credits'],
      concurrency: 3,
    })
    expect(report.cases.map((c) => c.details?.caseId)).toEqual(['success', 'unauthorized', 'insufficient_credits'])
    expect(report.cases.every((c) => c.passed)).toBe(true)
    expect(report.cases[1]?.details).toMatchObject({ requests: 1, tasks: [], outcome: { status: 'failed', error: { kind: 'unauthorized' } } })
  })
})
