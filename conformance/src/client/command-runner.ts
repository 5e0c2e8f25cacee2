// The command form of the client conformance protocol (contract §5): the command runs through
// `sh -c` (so users can pass "python3 client.py"), with VEO_VENDOR, VEO_BASE_URL, VEO_API_KEY and
// VEO_TIME_SCALE in its environment and one JSON request on standard input; it must write one JSON
// outcome to standard output and exit 0. It runs in its own process group, so a timeout (and the
// end of the run) kills every process it started.
import { spawn } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { type ClientRun, type ClientRunner, tail } from './client-run.js'
import { type ClientEnv, type ClientOutcome, type ClientRequest, outcomeProblem } from './protocol.js'
import { KEY_ENV_VARS } from '../../../vendors/index.js'

/** Standard output beyond this is not kept: an outcome is a few hundred bytes. */
export const MAX_STDOUT_BYTES = 1024 * 1024

/** Vendor keys of contract §6 that a client under test against the mock has no business seeing. */
export const LIVE_KEY_VARIABLES: readonly string[] = Object.values(KEY_ENV_VARS)

export interface CommandRunnerOptions {
  cwd?: string
  /** Environment the protocol variables are added to; default the suite's own, without vendor keys. */
  baseEnv?: NodeJS.ProcessEnv
}

/** The child's environment: the base plus the four protocol variables of contract §5. */
export function protocolEnv(env: ClientEnv, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...base, VEO_VENDOR: env.vendor, VEO_BASE_URL: env.baseUrl, VEO_API_KEY: env.apiKey, VEO_TIME_SCALE: String(env.timeScale) }
  // Callback mode (contract §5.2); a suite variable never leaks into a poll-mode run.
  delete out.VEO_CALLBACK_HOST
  delete out.VEO_CALLBACK_PORT
  delete out.VEO_WEBHOOK_SECRET
  if (env.callback) {
    out.VEO_CALLBACK_HOST = env.callback.host
    out.VEO_CALLBACK_PORT = String(env.callback.port)
    if (env.callback.secret) out.VEO_WEBHOOK_SECRET = env.callback.secret
  }
  return out
}

function withoutLiveKeys(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env }
  for (const name of LIVE_KEY_VARIABLES) delete out[name]
  return out
}

/** Process groups of clients still running, so an interrupted suite can end them (they are detached). */
const running = new Set<number>()

/** Ends every client process group still running; for SIGINT/SIGTERM handlers. */
export function killRunningClients(): void {
  for (const pid of running) killGroup(pid)
  running.clear()
}

/** Kills a whole process group; a group that is already gone is fine. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error
  }
}

/** Reads standard output as exactly one outcome object; returns it or the problem. */
export function parseOutcome(stdout: string): { outcome: ClientOutcome | null; problem: string | null } {
  const text = stdout.trim()
  if (text === '') return { outcome: null, problem: 'the client wrote nothing to standard output' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { outcome: null, problem: `standard output is not one JSON object: ${JSON.stringify(text.slice(0, 200))}` }
  }
  const problem = outcomeProblem(value)
  return problem ? { outcome: null, problem: `the outcome breaks the protocol: ${problem}` } : { outcome: value as ClientOutcome, problem: null }
}

export function commandRunner(command: string, options: CommandRunnerOptions = {}): ClientRunner {
  const base = options.baseEnv ?? withoutLiveKeys(process.env)
  return {
    describe: command,
    run: (request, env, limits) => runCommand(command, request, protocolEnv(env, base), limits.realTimeoutMs, options.cwd),
  }
}

export function runCommand(command: string, request: ClientRequest, env: NodeJS.ProcessEnv, realTimeoutMs: number, cwd?: string): Promise<ClientRun> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] })
    if (child.pid !== undefined) running.add(child.pid)
    const stdout: Buffer[] = []
    let stdoutBytes = 0
    let stderr = ''
    let timedOut = false
    let spawnError: Error | undefined
    let settled = false

    child.stdout.on('data', (chunk: Buffer) => {
      if (stdoutBytes < MAX_STDOUT_BYTES) stdout.push(chunk)
      stdoutBytes += chunk.length
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = tail(stderr + chunk.toString('utf8'), 8000)
    })
    // A client that exits without reading its input must not crash the suite (EPIPE).
    child.stdin.on('error', () => undefined)
    child.stdin.end(`${JSON.stringify(request)}\n`)

    const timer = setTimeout(() => {
      timedOut = true
      killGroup(child.pid)
    }, realTimeoutMs)

    // When the client exits, whatever it left running in its group goes too; then the pipes close.
    child.on('exit', () => {
      killGroup(child.pid)
      if (child.pid !== undefined) running.delete(child.pid)
    })
    child.on('error', (error) => {
      spawnError = error
    })
    child.on('close', (code, signal) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      const durationMs = performance.now() - started
      const base = { timedOut, exitCode: code, signal, stderrTail: tail(stderr), durationMs }
      if (spawnError) return resolve({ ...base, outcome: null, problem: `Failed to start the client: ${spawnError.message}` })
      if (timedOut)
        return resolve({
          ...base,
          outcome: null,
          problem: `the client did not finish within ${Math.round(realTimeoutMs)} ms of real time; its process group was killed`,
        })
      if (code !== 0) return resolve({ ...base, outcome: null, problem: signal ? `the client was ended by ${signal}` : `the client exited with code ${code}` })
      if (stdoutBytes > MAX_STDOUT_BYTES) return resolve({ ...base, outcome: null, problem: `standard output is larger than ${MAX_STDOUT_BYTES} bytes` })
      const parsed = parseOutcome(Buffer.concat(stdout).toString('utf8'))
      resolve({ ...base, ...parsed })
    })
  })
}
