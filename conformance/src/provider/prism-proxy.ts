// `--via-prism`: Stoplight Prism's validation proxy in front of the target, as a second validator
// independent of our Ajv checks. Prism forwards each probe to `<upstream>` + the spec path and
// reports what it finds wrong in the `sl-violations` response header (a JSON array).
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'
import { redactSecrets } from '../../../lib/redaction.js'
import { specsDirectory } from '../../../lib/spec/validation.js'
import { type DriftFinding, valueAt } from './drift.js'
import { prismBinary } from './prism-command.js'

export interface PrismViolation {
  /** e.g. `["response", "body", "data", "state"]` or `["request", "query", "taskId"]`. */
  location: string[]
  severity: string
  code: string | number
  message: string
}

export interface PrismProxy {
  /** Send probes here instead of the target's base URL. */
  url: string
  close(): Promise<void>
}

/** A free local port: listen on 0, read the port, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port
      server.close(() => resolve(port))
    })
  })
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

/**
 * Starts `prism proxy specs/<spec>.openapi.yaml <upstream> --errors=false -p <port>` and waits until
 * it accepts connections. `--errors=false`: violations are reported, never turned into error
 * responses, so the probes see the target's own answers.
 */
export async function startPrismProxy(
  spec: string,
  upstream: string,
  options: { secrets?: readonly string[]; startTimeoutMs?: number } = {},
): Promise<PrismProxy> {
  const port = await freePort()
  const document = path.join(specsDirectory(), `${spec}.openapi.yaml`)
  const child: ChildProcess = spawn(
    process.execPath,
    [prismBinary(), 'proxy', document, upstream, '--errors=false', '-p', String(port), '-h', '127.0.0.1', '-v', 'warn'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    },
  )
  // Prism's own log may quote requests; keep only a short tail for error messages, scrubbed.
  const tail: string[] = []
  const keep = (chunk: Buffer) => {
    tail.push(redactSecrets(chunk.toString('utf8'), options.secrets ?? []))
    while (tail.length > 20) tail.shift()
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  let exited: number | null | undefined
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code) => {
      exited = code
      resolve()
    })
  })
  const close = async () => {
    if (exited === undefined && child.pid !== undefined) {
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await exit
      clearTimeout(timer)
    }
  }
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000)
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`Failed to start Prism: it exited with ${exited}: ${tail.join('').slice(-800)}`)
    if (await canConnect(port)) return { url: `http://127.0.0.1:${port}`, close }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await close()
  throw new Error(`Failed to start Prism: it did not listen on port ${port} within ${options.startTimeoutMs ?? 30_000} ms: ${tail.join('').slice(-800)}`)
}

const SUMMARY = /must match (exactly one schema in oneOf|a schema in anyOf|"then" schema|"else" schema|all schemas in allOf)/

/** The `sl-violations` header, parsed; an unreadable header is itself reported as one violation. */
export function parseViolations(header: string | null | undefined): PrismViolation[] {
  if (!header) return []
  try {
    const parsed = JSON.parse(header) as unknown
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : []
  } catch {
    return [{ location: ['response'], severity: 'Error', code: 'unreadable', message: `sl-violations is not JSON: ${header.slice(0, 200)}` }]
  }
}

/**
 * Prism's response violations as schema drift (`check: 'prism'`). Request violations are left out:
 * several probes send invalid requests on purpose (no key, bad parameters).
 */
export function prismDrift(violations: readonly PrismViolation[], request: string, status: number, body: unknown): DriftFinding[] {
  const errors = violations.filter((v) => v.location[0] === 'response' && String(v.severity).toLowerCase() === 'error')
  // Like Ajv, Prism adds summaries ("must match \"then\" schema") on top of the concrete failure.
  const concrete = errors.filter((v) => !SUMMARY.test(v.message))
  return (concrete.length > 0 ? concrete : errors).map((v) => {
    const inBody = v.location[1] === 'body'
    const location = inBody
      ? `/${v.location
          .slice(2)
          .map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'))
          .join('/')}`.replace(/^\/$/, '')
      : v.location.slice(1).join('.') || 'status'
    return {
      check: 'prism',
      category: 'schema' as const,
      message: `${request} ${status}: Prism: ${location || '(root)'} ${v.message}`,
      evidence: { request, location, expected: v.message, actual: inBody ? valueAt(body, location) : undefined, status, prismCode: v.code },
    }
  })
}
