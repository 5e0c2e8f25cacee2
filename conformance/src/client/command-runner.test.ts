import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { commandRunner, parseOutcome } from './command-runner.js'
import type { ClientEnv, ClientRequest } from './protocol.js'

const request: ClientRequest = {
  prompt: 'a red fox in snow',
  tier: 'fast',
  generationType: 'TEXT_2_VIDEO',
  aspectRatio: '16:9',
  resolution: '720p',
  seed: 12345,
  timeoutMs: 600_000,
}
const env: ClientEnv = { vendor: 'xenodia', baseUrl: 'http://127.0.0.1:1/xenodia', apiKey: 'vc-xenodia-success-test', timeScale: 300 }
const OUTCOME = `{"status":"failed","taskId":null,"error":{"kind":"server_error","vendorCode":"500","message":"x"}}`

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-command-runner-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Running: exists and is not a zombie (a killed orphan waits for init to reap it; some inits never do). */
async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined)
  return stat === undefined ? true : !/^\d+ \(.*\) Z/.test(stat)
}

async function eventuallyDead(pids: number[]): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    const running = await Promise.all(pids.map(isRunning))
    if (running.every((r) => !r)) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return false
}

async function pidsIn(file: string): Promise<number[]> {
  return (await readFile(file, 'utf8')).split(/\s+/).filter(Boolean).map(Number)
}

describe('the command runner', () => {
  it('gives the client the four protocol variables and the request on standard input', async () => {
    const script = path.join(dir, 'echo-client.mjs')
    await writeFile(
      script,
      `let input = ''
for await (const chunk of process.stdin) input += chunk
const { VEO_VENDOR, VEO_BASE_URL, VEO_API_KEY, VEO_TIME_SCALE } = process.env
process.stdout.write(JSON.stringify({ status: 'failed', taskId: null, error: { kind: 'server_error', vendorCode: 'echo', message: JSON.stringify({ VEO_VENDOR, VEO_BASE_URL, VEO_API_KEY, VEO_TIME_SCALE, input: JSON.parse(input) }) } }))
`,
    )
    const run = await commandRunner(`node ${script}`).run(request, env, { realTimeoutMs: 10_000 })
    expect(run.problem).toBeNull()
    expect(run.outcome?.status).toBe('failed')
    const echoed = JSON.parse(run.outcome?.status === 'failed' ? run.outcome.error.message : '{}')
    expect(echoed).toEqual({ VEO_VENDOR: 'xenodia', VEO_BASE_URL: env.baseUrl, VEO_API_KEY: env.apiKey, VEO_TIME_SCALE: '300', input: request })
  })

  it('runs the command through a shell, so pipes and arguments work', async () => {
    const run = await commandRunner(`cat > /dev/null && printf '%s\\n' '${OUTCOME}' | cat`).run(request, env, { realTimeoutMs: 5000 })
    expect(run.problem).toBeNull()
    expect(run.outcome).toEqual(JSON.parse(OUTCOME))
  })

  it('does not hand the vendor keys of live runs to a client under test', async () => {
    const runner = commandRunner(
      `printf '{"status":"failed","taskId":null,"error":{"kind":"server_error","vendorCode":"%s","message":"x"}}' "\${KIE_API_KEY:-none}"`,
      { baseEnv: undefined },
    )
    const before = process.env.KIE_API_KEY
    process.env.KIE_API_KEY = 'sk-live-secret'
    try {
      const run = await runner.run(request, env, { realTimeoutMs: 5000 })
      expect(run.outcome?.status === 'failed' && run.outcome.error.vendorCode).toBe('none')
    } finally {
      if (before === undefined) delete process.env.KIE_API_KEY
      else process.env.KIE_API_KEY = before
    }
  })

  it.each([
    ['no output', 'cat > /dev/null', /wrote nothing to standard output/],
    ['output that is not JSON', 'echo done', /not one JSON object/],
    ['two JSON objects', `echo '${OUTCOME}'; echo '${OUTCOME}'`, /not one JSON object/],
    ['JSON that is not an outcome', `echo '{"status":"ok"}'`, /breaks the protocol: status must be/],
    ['a success without video URLs', `echo '{"status":"succeeded","taskId":"t","videoUrls":[]}'`, /non-empty videoUrls/],
  ])('fails a client that writes %s', async (_name, command, problem) => {
    const run = await commandRunner(command).run(request, env, { realTimeoutMs: 5000 })
    expect(run.outcome).toBeNull()
    expect(run.problem).toMatch(problem)
  })

  it('fails a non-zero exit and keeps the end of standard error as evidence', async () => {
    const run = await commandRunner(`echo 'Traceback: KeyError: taskId' >&2; echo '${OUTCOME}'; exit 3`).run(request, env, { realTimeoutMs: 5000 })
    expect(run.outcome).toBeNull()
    expect(run.exitCode).toBe(3)
    expect(run.problem).toBe('the client exited with code 3')
    expect(run.stderrTail).toContain('KeyError: taskId')
  })

  it('kills the whole process tree when the case times out', async () => {
    const pidFile = path.join(dir, 'timeout.pids')
    const started = Date.now()
    const run = await commandRunner(`sleep 60 & echo $! >> ${pidFile}; sh -c 'sleep 60 & echo $! >> ${pidFile}; wait' & echo $! >> ${pidFile}; wait`).run(
      request,
      env,
      { realTimeoutMs: 300 },
    )
    expect(Date.now() - started).toBeLessThan(5000)
    expect(run.timedOut).toBe(true)
    expect(run.outcome).toBeNull()
    expect(run.problem).toMatch(/did not finish within 300 ms of real time; its process group was killed/)
    const pids = await pidsIn(pidFile)
    expect(pids).toHaveLength(3)
    expect(await eventuallyDead(pids)).toBe(true)
  })

  it('ends what a client left running when it exits, instead of waiting for it', async () => {
    const pidFile = path.join(dir, 'leftover.pids')
    const started = Date.now()
    const run = await commandRunner(`sleep 60 & echo $! > ${pidFile}; echo '${OUTCOME}'`).run(request, env, { realTimeoutMs: 10_000 })
    expect(Date.now() - started).toBeLessThan(5000)
    expect(run.problem).toBeNull()
    expect(await eventuallyDead(await pidsIn(pidFile))).toBe(true)
  })

  it('survives a client that closes its input without reading it', async () => {
    const run = await commandRunner(`exec 0<&-; echo '${OUTCOME}'`).run({ ...request, prompt: 'x'.repeat(200_000) }, env, { realTimeoutMs: 5000 })
    expect(run.problem).toBeNull()
  })

  it('reports a command that cannot be started as a failed run', async () => {
    const run = await commandRunner('/nonexistent/veomock-client').run(request, env, { realTimeoutMs: 5000 })
    expect(run.outcome).toBeNull()
    expect(run.problem).toBe('the client exited with code 127')
    expect(run.stderrTail).toMatch(/not found/)
  })
})

describe('parseOutcome', () => {
  it('accepts one outcome object surrounded by whitespace', () => {
    expect(parseOutcome(`\n  ${OUTCOME}\n`).outcome).toEqual(JSON.parse(OUTCOME))
  })
})
