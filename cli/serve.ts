// `veomock serve`: the mock on one port, every vendor under its prefix (contract §1).
import { VENDOR_IDS } from '../vendors/index.js'
import { DEFAULT_PORT, DEFAULT_SEED, DEFAULT_TIME_SCALE, type MockServerOptions, type RunningMockServer, startMockServer } from '../mock-server/src/server.js'
import { VERSION } from '../mock-server/src/version.js'
import { parseAddressRules } from '../mock-server/src/core/callback-address.js'
import { parseClockStart, parseLimit, parseMegabytes, parseNamespaceIdle, parseTimeScale, parseVendors, UsageError } from './usage.js'
import { parseArgs } from 'node:util'
import { portProblem, urlProblem } from '../mock-server/src/ports.js'
import type { LogFormat } from '../mock-server/src/request-log.js'
import { joinNegativeNumbers } from '../mock-server/src/usage.js'

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
  --max-requests <n>      request journal entries kept. Default 20000
  --max-callbacks <n>     callback attempts kept. Default 20000
  --max-task-mb <n>       approximate megabytes of tasks (request bodies included) kept. Default 128
  --max-request-mb <n>    approximate megabytes of request journal kept. Default 48
  --max-callback-mb <n>   approximate megabytes of callback journal kept. Default 24
                          (evictions are counted in GET /__admin/health; every limit must be >= 1)
  --callbacks-allow <list> callback receivers allowed besides loopback: IPs, CIDR ranges, host names
                          (*.example.com) or private, link-local, public, any. The mock's own address
                          and port are never allowed; only http and https URLs are
  --callbacks-deny <list> callback receivers refused, even when allowed (e.g. loopback)
  --admin-token <token>   require "Authorization: Bearer <token>" on the admin API (all but health and
                          the admin page); also from VEOMOCK_ADMIN_TOKEN. Set it with --host 0.0.0.0
  --replay <dir>          serve recorded episodes (veomock verify --record) on the virtual clock
  --store <redis://host:port[/db]>
                          keep all state in Redis: several replicas on one store behind a load balancer act
                          as one mock (contract §4.1); unreachable at start = exit 1, lost later = 503s
  --store-log-cap <n>     with --store: entries a namespace's log keeps (default 200000); a snapshot every
                          quarter of it lets a replica that starts late join from it plus the log's tail
  --store-log-mb <n>      with --store: megabytes of requests a namespace's log keeps at most (default 256)
  --namespace-idle <time> forget a namespace (/ns/<name>/…) unused this long, e.g. 30m, 2h, off. Default 1h
  --public-url <url>      the URL clients reach the mock at when it is not the listening address (a
                          container, a compose service, a proxy): base and result URLs start with it
  --cors                  let browser pages on other origins call the vendor APIs, result files and
                          specs (never the admin API): any origin, or --cors-origins <a,b> for a list
  --cors-origins <list>   comma-separated origins for --cors, e.g. http://localhost:5173
  --log-format <f>        the request log: pretty (one line per request, coloured on a terminal) or
                          json (JSON lines for log collectors). Default pretty
  --quiet                 no request log (start-up banner and errors only)
  -h, --help              this text

Choose what happens to a task (contract §3): header x-veomock-scenario: <name>, an admin rule
(POST /__admin/scenarios), a prompt token "[veomock:<name>]", or the API key "veomock:<name>".
Scenarios: success slow stuck content_violation invalid_image generation_failed unauthorized
insufficient_credits rate_limited server_error maintenance upstream_error flaky_poll duplicate_callback
callback_lost callback_delayed callback_forged
`

/** How long a SIGTERM/SIGINT waits for requests and callbacks in flight. */
const SHUTDOWN_GRACE_MS = 3000

const VALUED = ['--port', '--seed', '--max-tasks', '--max-requests', '--time-scale']

type ServeFlags = ReturnType<typeof parseServeFlags>

function parseServeFlags(argv: string[]) {
  return parseArgs({
    args: joinNegativeNumbers(argv, new Set(VALUED)),
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
      'max-callbacks': { type: 'string' },
      'max-task-mb': { type: 'string' },
      'max-request-mb': { type: 'string' },
      'max-callback-mb': { type: 'string' },
      'callbacks-allow': { type: 'string' },
      'callbacks-deny': { type: 'string' },
      'admin-token': { type: 'string' },
      replay: { type: 'string' },
      store: { type: 'string' },
      'store-log-cap': { type: 'string' },
      'store-log-mb': { type: 'string' },
      'namespace-idle': { type: 'string' },
      'public-url': { type: 'string' },
      cors: { type: 'boolean' },
      'cors-origins': { type: 'string' },
      'log-format': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values
}

/** Flags that are checked on their own: a bad one is a usage error before anything starts. */
function checkFlags(values: ServeFlags) {
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`)
  const port = values.port ?? String(DEFAULT_PORT)
  const badPort = portProblem(port)
  if (badPort) throw new UsageError(badPort)
  const publicUrlProblem = values['public-url'] === undefined ? null : urlProblem(values['public-url'], '--public-url')
  if (publicUrlProblem) throw new UsageError(publicUrlProblem)
  const format = values['log-format'] ?? 'pretty'
  if (format !== 'pretty' && format !== 'json') throw new UsageError(`--log-format must be pretty or json, got "${format}"`)
  if (values['cors-origins'] !== undefined && !values.cors) throw new UsageError('--cors-origins needs --cors')
  return { seed: seed ?? DEFAULT_SEED, port, format: format as LogFormat }
}

function checkAddressRules(values: ServeFlags): void {
  for (const flag of ['callbacks-allow', 'callbacks-deny'] as const) {
    try {
      parseAddressRules(values[flag])
    } catch (e) {
      throw new UsageError(`--${flag}: ${(e as Error).message}`)
    }
  }
}

function limitsOf(values: ServeFlags): MockServerOptions['limits'] {
  const limits = {
    maxTasks: parseLimit('max-tasks', values['max-tasks']),
    maxRequests: parseLimit('max-requests', values['max-requests']),
    maxCallbacks: parseLimit('max-callbacks', values['max-callbacks']),
    maxTaskBytes: parseMegabytes('max-task-mb', values['max-task-mb']),
    maxRequestBytes: parseMegabytes('max-request-mb', values['max-request-mb']),
    maxCallbackBytes: parseMegabytes('max-callback-mb', values['max-callback-mb']),
  }
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined))
}

/** The mock's options from the flags (and VEOMOCK_ADMIN_TOKEN, VEOMOCK_KIE_HMAC_KEY). */
async function serveOptions(values: ServeFlags) {
  const { seed, port, format } = checkFlags(values)
  const cors = values.cors ? (values['cors-origins']?.split(',').map((o) => o.trim()) ?? true) : false
  // pino is loaded only when there is something to log (--quiet starts faster).
  const requestLog = values.quiet ? undefined : (await import('../mock-server/src/request-log.js')).createRequestLog({ format })
  const clockStart = parseClockStart(values['clock-start'])
  const limits = limitsOf(values)
  checkAddressRules(values)
  const adminToken = values['admin-token'] ?? (process.env.VEOMOCK_ADMIN_TOKEN || undefined)
  const replayDialects = values.replay ? (await import('../mock-server/src/replay/index.js')).loadReplayDialects(values.replay) : undefined
  return {
    port: Number(port),
    host: values.host ?? '127.0.0.1',
    vendors: parseVendors(values.vendors),
    timeScale: values['time-scale'] ? parseTimeScale(values['time-scale']) : DEFAULT_TIME_SCALE,
    seed,
    ...(clockStart === undefined ? {} : { clockStart }),
    strict: values.strict ?? false,
    strictCallbacks: values['strict-callbacks'] ?? false,
    portPerVendor: values['port-per-vendor'] ?? false,
    kieHmacKey: values['kie-hmac-key'] ?? process.env.VEOMOCK_KIE_HMAC_KEY,
    limits,
    ...(values['callbacks-allow'] ? { callbacksAllow: `loopback,${values['callbacks-allow']}` } : {}),
    ...(values['callbacks-deny'] ? { callbacksDeny: values['callbacks-deny'] } : {}),
    ...(adminToken ? { adminToken } : {}),
    ...(replayDialects ? { dialects: replayDialects } : {}),
    ...(values.store ? { store: values.store } : {}),
    ...(values['store-log-cap'] === undefined ? {} : { storeLogCap: parseLimit('store-log-cap', values['store-log-cap']) }),
    ...(values['store-log-mb'] === undefined ? {} : { storeLogBytes: parseMegabytes('store-log-mb', values['store-log-mb']) }),
    ...(values['namespace-idle'] === undefined ? {} : { namespaceIdleMs: parseNamespaceIdle(values['namespace-idle']) }),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    cors,
    ...(requestLog ? { onRequest: requestLog.log } : {}),
  } satisfies MockServerOptions
}

/** Starts the mock; a port in use or not allowed is said in words, not as an errno. */
function listenOrExplain(options: MockServerOptions & { host: string; port: number }): Promise<RunningMockServer> {
  return startMockServer(options).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new Error(
        `Failed to listen on ${options.host}:${options.port}: the port is in use (another veomock?); pick another with --port <n>, or --port 0 for any free port`,
      )
    if (error.code === 'EACCES') throw new Error(`Failed to listen on port ${options.port}: not allowed for this user; pick one above 1023 with --port <n>`)
    throw error
  })
}

function printBanner(mock: RunningMockServer, options: Awaited<ReturnType<typeof serveOptions>>): void {
  const scale = options.timeScale
  const adminToken = 'adminToken' in options ? options.adminToken : undefined
  process.stdout.write(
    `veomock ${VERSION} serving on ${mock.url} (time scale ${scale === 'manual' ? 'manual' : `${scale}x`}, seed ${options.seed}${options.strict ? ', strict' : ''})\n`,
  )
  for (const [vendor, url] of Object.entries(mock.baseUrls)) process.stdout.write(`  ${vendor.padEnd(8)} ${url}\n`)
  process.stdout.write(`  admin    ${mock.url}/__admin${adminToken ? ' (token required)' : ''}\n`)
  const host = options.host
  if (host === '0.0.0.0' || host === '::') {
    process.stdout.write(
      `  listening on every interface (${host}), not only ${new URL(mock.url).hostname}: reachable from the network${adminToken ? '' : '; set --admin-token to protect the admin API'}\n`,
    )
  }
}

/** Graceful on SIGINT/SIGTERM: stop accepting, answer what is in flight, say what callbacks will not be sent. */
function stopOnSignals(mock: RunningMockServer): void {
  let stopping = false
  const stop = () => {
    if (stopping) return
    stopping = true
    void mock.shutdown(SHUTDOWN_GRACE_MS).then((report) => {
      const pending = Object.entries(report.pendingCallbacks)
      const total = pending.reduce((n, [, count]) => n + count, 0)
      process.stderr.write(
        `veomock: stopped${report.unanswered ? `; ${report.unanswered} requests were still unanswered after ${SHUTDOWN_GRACE_MS / 1000} s` : ''}${total ? `; ${total} pending callbacks were not delivered (${pending.map(([v, n]) => `${v} ${n}`).join(', ')})` : ''}\n`,
      )
      process.exit(0)
    })
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

export async function serveCommand(argv: string[]): Promise<void> {
  const values = parseServeFlags(argv)
  if (values.help) {
    process.stdout.write(SERVE_HELP)
    return
  }
  const options = await serveOptions(values)
  const mock = await listenOrExplain(options)
  printBanner(mock, options)
  stopOnSignals(mock)
}
