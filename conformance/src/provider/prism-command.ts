// `veomock prism <vendor>`: a stateless Prism mock of one vendor's spec, for checking a client's
// requests against the spec alone (no tasks, no clock: every answer is a documented example, or a
// generated one with --dynamic). The stateful mock is `veomock serve`.
import { usageLine } from '../../../mock-server/src/usage.js'
import { type ChildProcessByStdio, spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { VENDOR_IDS } from '../../../vendors/index.js'
import { specsDirectory } from '../../../lib/spec/validation.js'

export const PRISM_HELP = `veomock prism: a stateless Prism mock of one vendor's OpenAPI spec.

Usage: veomock prism <vendor> [options]      vendor: ${VENDOR_IDS.join(', ')}

Runs "prism mock specs/<vendor>.openapi.yaml". Prism validates each request against the spec and
answers with the spec's documented example for the response (or a generated body with --dynamic).
It keeps no tasks and no clock: a poll never progresses. For a stateful mock use "veomock serve".
Prism also fires an operation's callbacks for real on mocked POSTs, with a faked body.

Options:
  --port <n>      port to listen on. Default 4010
  --host <addr>   address to listen on. Default 127.0.0.1
  --dynamic       generate response bodies from the schemas instead of using the examples
  -h, --help      this text
`

export interface PrismCommandOptions {
  /** Where our messages and Prism's output go; default the process streams. */
  stdout?: NodeJS.WritableStream
  stderr?: NodeJS.WritableStream
  /** Stops Prism (SIGTERM) when aborted, for callers that run it in-process. */
  signal?: AbortSignal
}

/**
 * Prism's executable, found through Node's resolution from this file rather than
 * node_modules/.bin, so it also works when veomock is installed as a dependency.
 */
export function prismBinary(): string {
  const require = createRequire(import.meta.url)
  let manifestPath: string
  try {
    manifestPath = require.resolve('@stoplight/prism-cli/package.json')
  } catch {
    // An optional peer dependency: consumers who never run Prism do not install its ~300 packages.
    throw new Error('Failed to find Prism: @stoplight/prism-cli is not installed (an optional peer dependency: npm i -D @stoplight/prism-cli)')
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> }
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.prism
  if (!bin) throw new Error(`Failed to find the Prism executable: ${manifestPath} declares no "prism" bin`)
  return path.resolve(path.dirname(manifestPath), bin)
}

// Prism (through pino) may colour its log lines.
const ANSI = new RegExp(String.raw`\u001b\[[0-9;]*m`, 'g')

function parsePrismArgs(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dynamic: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

interface PrismRun {
  vendor: string
  spec: string
  binary: string
  port: string
  host: string
  dynamic: boolean
}

/** The run the arguments ask for, or the exit code (0 after --help, 2 on a usage error, 1 when Prism cannot start). */
function preparePrism(argv: string[], stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): PrismRun | number {
  const usage = (message: string): number => {
    stderr.write(usageLine('prism', message))
    return 2
  }
  let parsed: ReturnType<typeof parsePrismArgs>
  try {
    parsed = parsePrismArgs(argv)
  } catch (error) {
    return usage((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.help) {
    stdout.write(PRISM_HELP)
    return 0
  }
  const [vendor, ...extra] = positionals
  if (!vendor) return usage(`name a vendor: ${VENDOR_IDS.join(', ')}`)
  if (extra.length > 0) return usage(`unexpected argument "${extra[0]}"`)
  if (!(VENDOR_IDS as readonly string[]).includes(vendor)) return usage(`unknown vendor "${vendor}"; choose from ${VENDOR_IDS.join(', ')}`)
  const port = values.port ?? '4010'
  if (!/^\d+$/.test(port) || Number(port) > 65535) return usage(`--port must be a whole number from 0 to 65535, got "${port}"`)

  const spec = path.join(specsDirectory(), `${vendor}.openapi.yaml`)
  if (!existsSync(spec)) {
    stderr.write(`veomock prism: Failed to start Prism: ${spec} does not exist\n`)
    return 1
  }
  try {
    return { vendor, spec, binary: prismBinary(), port, host: values.host ?? '127.0.0.1', dynamic: values.dynamic ?? false }
  } catch (error) {
    stderr.write(`veomock prism: ${(error as Error).message}\n`)
    return 1
  }
}

/** Copies Prism's output through; its "listening on" line (its own URL, right for --port 0) is announced once. */
function relayOutput(child: ChildProcessByStdio<null, Readable, Readable>, run: PrismRun, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream): void {
  let announced = false
  const relay = (stream: NodeJS.ReadableStream, to: NodeJS.WritableStream) => {
    let buffered = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      to.write(chunk)
      buffered = (buffered + chunk).slice(-4096)
      const url = /Prism is listening on (\S+)/.exec(buffered.replace(ANSI, ''))?.[1]
      if (url && !announced) {
        announced = true
        stdout.write(`veomock prism: ${run.vendor} (specs/${run.vendor}.openapi.yaml) mocked by Prism at ${url}\n`)
      }
    })
  }
  relay(child.stdout, stdout)
  relay(child.stderr, stderr)
}

/** Waits for Prism to exit, stopping it with veomock (signals) or with the caller (abort); its exit code. */
function waitForPrism(child: ChildProcessByStdio<null, Readable, Readable>, options: PrismCommandOptions, stderr: NodeJS.WritableStream): Promise<number> {
  // Ctrl-C and service managers stop veomock; Prism must stop with it, not linger on the port.
  const forwarded: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal)
  }
  for (const signal of forwarded) process.on(signal, forward)
  const abort = () => child.kill('SIGTERM')
  options.signal?.addEventListener('abort', abort, { once: true })
  if (options.signal?.aborted) abort()

  return new Promise<number>((resolve) => {
    const done = (code: number) => {
      for (const signal of forwarded) process.off(signal, forward)
      options.signal?.removeEventListener('abort', abort)
      resolve(code)
    }
    child.once('error', (error) => {
      stderr.write(`veomock prism: Failed to start Prism: ${error.message}\n`)
      done(1)
    })
    child.once('exit', (code, signal) => {
      // A signal death is reported the shell's way: 128 + the signal number.
      done(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1))
    })
  })
}

export async function prismCommand(argv: string[], options: PrismCommandOptions = {}): Promise<number> {
  const stdout = options.stdout ?? process.stdout
  const stderr = options.stderr ?? process.stderr
  const run = preparePrism(argv, stdout, stderr)
  if (typeof run === 'number') return run
  const args = [run.binary, 'mock', run.spec, '--port', run.port, '--host', run.host, ...(run.dynamic ? ['--dynamic'] : [])]
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  relayOutput(child, run, stdout, stderr)
  return await waitForPrism(child, options, stderr)
}
