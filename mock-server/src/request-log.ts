// The console request log of `veomock serve`: one line per request with the time, vendor, method,
// path, status, scenario, task id and virtual time. pino writes it (JSON lines with
// --log-format json, for log shippers); pino-pretty lays it out for people, coloured on a TTY.
// Only what is listed here is logged: never a header, a body or a query string, so no API key,
// callback secret or prompt can reach the console.
import type { Writable } from 'node:stream'
import { pino, type Logger } from 'pino'
import pretty from 'pino-pretty'

export type LogFormat = 'pretty' | 'json'
export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json']

/** One answered request, as the log shows it. */
export interface RequestLogEntry {
  /** A vendor id, or "admin" for the admin API. */
  vendor: string
  method: string
  /** The path as received, without its query string. */
  path: string
  status: number
  scenario: string | null
  taskId: string | null
  /** Virtual Unix ms of arrival (contract §2). */
  virtualTime: number
  durationMs: number
}

export interface RequestLogOptions {
  format: LogFormat
  /** Colour in the pretty format; default: when the destination is a TTY. */
  color?: boolean
  /** Default: standard output. */
  destination?: Writable
}

export interface RequestLog {
  log(entry: RequestLogEntry): void
  /** Also for start-up messages and errors, in the same format. */
  logger: Logger
  flush(): void
}

function virtualClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19)
}

type Colors = { red(s: string): string; yellow(s: string): string; green(s: string): string; gray(s: string): string; cyan(s: string): string }

function statusColor(status: number, c: Colors): (s: string) => string {
  return status >= 500 ? c.red : status >= 400 ? c.yellow : c.green
}

/** pino-pretty's message for a request: `kie POST /kie/api/v1/veo/generate 200 success task=… vt=00:03:00`. */
function requestLine(log: Record<string, unknown>, c: Colors): string {
  if (log.status === undefined) return String(log.msg ?? '')
  const status = Number(log.status)
  const parts = [
    c.cyan(String(log.vendor).padEnd(7)),
    String(log.method).padEnd(4),
    String(log.path),
    statusColor(status, c)(String(status)),
    log.scenario ? String(log.scenario) : '',
    log.taskId ? c.gray(`task=${String(log.taskId)}`) : '',
    c.gray(`vt=${virtualClock(Number(log.virtualTime))}`),
    c.gray(`${Number(log.durationMs).toFixed(1)}ms`),
  ]
  return parts.filter(Boolean).join(' ')
}

export function createRequestLog(options: RequestLogOptions): RequestLog {
  const destination = options.destination ?? process.stdout
  const base = { base: null, formatters: { level: (label: string) => ({ level: label }) } }
  let logger: Logger
  if (options.format === 'json') {
    logger = pino({ ...base, timestamp: pino.stdTimeFunctions.isoTime }, destination)
  } else {
    const colorize = options.color ?? Boolean((destination as { isTTY?: boolean }).isTTY)
    const stream = pretty({
      colorize,
      destination,
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,level',
      hideObject: true,
      customColors: 'message:reset',
      messageFormat: (log, _key, _label, extras) => requestLine(log, extras.colors as unknown as Colors),
    })
    logger = pino(base, stream)
  }
  return {
    logger,
    log: (entry) => logger.info({ ...entry, durationMs: Math.round(entry.durationMs * 10) / 10 }),
    flush: () => logger.flush(),
  }
}
