#!/usr/bin/env -S node --max-old-space-size=320
// The heap cap keeps a long run's memory flat: under load V8 otherwise lets garbage grow the heap
// to several times the live data (bench/scale.mjs: 100k tasks are ~80 MB live, 400+ MB RSS
// uncapped, ~230 MB capped). The default task and journal caps fit well inside it.
// `veomock serve | conformance | verify | prism`: the command line of contract §1, §5 and §6.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { TimeScale } from './core/clock.js'
import { VENDOR_IDS, type VendorId } from './core/dialect.js'
import { DEFAULT_PORT, DEFAULT_SEED, DEFAULT_TIME_SCALE, startMockServer } from './server.js'
import { VERSION } from './version.js'

const SERVE_HELP = `veomock serve: a stateful mock of the Veo 3.1 APIs of KIE.ai, Apixo, Xenodia and odkkk.

Usage: veomock serve [options]      (npm start runs it with the defaults)

Every vendor is served on one port under its own prefix, with the vendor's own paths after it:
  http://127.0.0.1:4010/kie       POST /api/v1/veo/generate, GET /api/v1/veo/record-info?taskId=
  http://127.0.0.1:4010/apixo     POST /api/v1/generateTask/veo-3-1, GET /api/v1/statusTask/veo-3-1?taskId=
  http://127.0.0.1:4010/xenodia   POST /v1/videos/generations, GET /v1/tasks/{id}
  http://127.0.0.1:4010/odkkk     POST /v1/videos/generations, GET /v1/tasks/{id}
A client switches from the real vendor to the mock by changing its base URL only.
The admin API (health, reset, clock, tasks, journal, callbacks, scenarios, accounts, options) is
under http://127.0.0.1:4010/__admin (specs/admin.openapi.yaml).

Options:
  --port <n>              main port (admin and every vendor under its prefix); 0 = any free port. Default ${DEFAULT_PORT}
  --host <addr>           address to listen on. Default 127.0.0.1
  --vendors <list>        comma-separated vendors to serve (${VENDOR_IDS.join(',')}). Default all
  --time-scale <N|manual> N virtual seconds pass per real second; manual = only POST /__admin/clock/advance
                          moves time. Default ${DEFAULT_TIME_SCALE} (a 2–5 minute KIE task takes 2–5 s)
  --seed <int>            seed for ids, timings and bodies; same seed + same requests = same answers. Default ${DEFAULT_SEED}
  --clock-start <iso|now> virtual time at start and after a reset. Default 2026-01-01T00:00:00Z, so runs are
                          repeatable; "now" gives today's timestamps (and gives up byte-identical runs)
  --port-per-vendor       also serve each vendor on its own port without prefix (main port + 1, + 2, … in
                          the order kie, apixo, xenodia, odkkk), for clients that cannot take a path prefix
  --strict                validate every response and callback against its spec; a violation is answered
                          500 with a problem+json body and printed to stderr
  --strict-callbacks      enforce odkkk's callback rule (HTTPS only, no private or loopback addresses);
                          off by default so local receivers work
  --kie-hmac-key <key>    KIE webhookHmacKey: KIE callbacks carry X-Webhook-Timestamp and
                          X-Webhook-Signature (also from the environment variable VEOMOCK_KIE_HMAC_KEY)
  --max-tasks <n>         tasks kept in memory before the oldest are evicted. Default 200000
  --max-requests <n>      journal entries kept. Default 20000
  --replay <dir>          serve recorded episodes (veomock verify --record) on the virtual clock
  -h, --help              this text

Choose what happens to a task (contract §3): header x-veomock-scenario: <name>, an admin rule
(POST /__admin/scenarios), a prompt token "[veomock:<name>]", or the API key "veomock:<name>".
Scenarios: success slow stuck content_violation invalid_image generation_failed unauthorized
insufficient_credits rate_limited server_error maintenance upstream_error flaky_poll duplicate_callback
`

const MAIN_HELP = `veomock ${VERSION}: contract testing for the Veo 3.1 APIs of KIE.ai, Apixo, Xenodia and odkkk.

Usage:
  veomock serve [options]                                   run the mock (see veomock serve --help)
  veomock conformance --vendor <id> --client "<command>"   judge a client implementation (any language)
  veomock verify --vendor <id> --target mock|live|<url>     probe a vendor (or the mock) for drift
  veomock prism <vendor>                                    a stateless Prism mock of one vendor's spec

Run "veomock <command> --help" for each command's options.
`

export class UsageError extends Error {}

export function parseTimeScale(raw: string): TimeScale {
  if (raw === 'manual') return 'manual'
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--time-scale must be a positive number or "manual", got "${raw}"`)
  return n
}

export function parseVendors(raw: string | undefined): VendorId[] | undefined {
  if (raw === undefined) return undefined
  const list = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  for (const v of list)
    if (!(VENDOR_IDS as readonly string[]).includes(v)) throw new UsageError(`--vendors: unknown vendor "${v}"; choose from ${VENDOR_IDS.join(', ')}`)
  return list as VendorId[]
}

export function parseClockStart(raw: string | undefined, now = Date.now()): number | undefined {
  if (raw === undefined) return undefined
  if (raw === 'now') return now
  const ms = Date.parse(raw)
  if (!Number.isFinite(ms)) throw new UsageError(`--clock-start must be an ISO date-time or "now", got "${raw}"`)
  return ms
}

function parseInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number >= 0, got "${raw}"`)
  return n
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      vendors: { type: 'string' },
      'time-scale': { type: 'string' },
      seed: { type: 'string' },
      'clock-start': { type: 'string' },
      'port-per-vendor': { type: 'boolean' },
      strict: { type: 'boolean' },
      'strict-callbacks': { type: 'boolean' },
      'kie-hmac-key': { type: 'string' },
      'max-tasks': { type: 'string' },
      'max-requests': { type: 'string' },
      replay: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  })
  if (values.help) {
    process.stdout.write(SERVE_HELP)
    return
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`)
  const clockStart = parseClockStart(values['clock-start'])
  const maxTasks = parseInteger('max-tasks', values['max-tasks'])
  const maxRequests = parseInteger('max-requests', values['max-requests'])
  const replayDialects = values.replay ? (await import('../../conformance/src/provider/replay.js')).loadReplayDialects(values.replay) : undefined
  const mock = await startMockServer({
    port: parseInteger('port', values.port) ?? DEFAULT_PORT,
    host: values.host ?? '127.0.0.1',
    vendors: parseVendors(values.vendors),
    timeScale: values['time-scale'] ? parseTimeScale(values['time-scale']) : DEFAULT_TIME_SCALE,
    seed: seed ?? DEFAULT_SEED,
    ...(clockStart === undefined ? {} : { clockStart }),
    strict: values.strict ?? false,
    strictCallbacks: values['strict-callbacks'] ?? false,
    portPerVendor: values['port-per-vendor'] ?? false,
    kieHmacKey: values['kie-hmac-key'] ?? process.env.VEOMOCK_KIE_HMAC_KEY,
    limits: { ...(maxTasks ? { maxTasks } : {}), ...(maxRequests ? { maxRequests } : {}) },
    ...(replayDialects ? { dialects: replayDialects } : {}),
  })
  const scale = mock.engine.clock.scale
  process.stdout.write(
    `veomock ${VERSION} serving on ${mock.url} (time scale ${scale === 'manual' ? 'manual' : `${scale}x`}, seed ${mock.engine.random.seed}${mock.engine.strict ? ', strict' : ''})\n`,
  )
  for (const [vendor, url] of Object.entries(mock.baseUrls)) process.stdout.write(`  ${vendor.padEnd(8)} ${url}\n`)
  process.stdout.write(`  admin    ${mock.url}/__admin\n`)
  const stop = () => {
    void mock.close().then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        await serve(rest)
        return 0
      case 'conformance':
        return await (await import('../../conformance/src/client/conformance-command.js')).conformanceCommand(rest)
      case 'verify':
        return await (await import('../../conformance/src/provider/verify-command.js')).verifyCommand(rest)
      case 'prism':
        return await (await import('../../conformance/src/provider/prism-command.js')).prismCommand(rest)
      case '--version':
      case '-v':
        process.stdout.write(`${VERSION}\n`)
        return 0
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(MAIN_HELP)
        return 0
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`veomock: ${(error as Error).message}\nRun "veomock --help" for usage.\n`)
      return 2
    }
    process.stderr.write(`veomock: ${(error as Error).message}\n`)
    return 1
  }
}

// Run when this file is the program (also through npm's bin symlink), not when imported by tests.
function isEntryPoint(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2))
  // serve keeps running; other commands exit with their code.
  if (process.argv[2] !== 'serve' || code !== 0) process.exit(code)
}
