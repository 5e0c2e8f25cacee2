// Recordings of provider exchanges (`veomock verify --record <dir>`): one JSON file per episode,
// `<dir>/<vendor>/<episode>.json`, with every credential redacted before anything reaches disk.
// `veomock serve --replay <dir>` serves them again on the virtual clock (replay.ts).
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { REDACTED, redactHeaders, redactSecrets } from '../../../mock-server/src/core/journal.js'

/** One HTTP exchange with the provider, or one callback the provider sent to us. */
export interface RecordedExchange {
  /** The episode (probe, scenario) this exchange belongs to; one file per episode. */
  episode: string
  /** Milliseconds since the episode's start, in virtual (vendor) time. */
  at: number
  method: string
  /** Path after the base URL, e.g. `/api/v1/veo/record-info` (no query string). */
  path: string
  query: Record<string, string>
  requestHeaders: Record<string, string>
  requestBody: unknown
  status: number
  responseHeaders: Record<string, string>
  responseBody: unknown
  /** `callback`: the vendor POSTed to our receiver; the request is the vendor's, the response ours. */
  kind?: 'request' | 'callback'
}

/** The file format: exchanges in the order they were recorded. */
export interface Recording {
  vendor: string
  episode: string
  /** Wall-clock ISO time of the episode's first exchange; orders episodes on replay. */
  recordedAt: string
  exchanges: RecordedExchange[]
}

export interface RecorderOptions {
  vendor: string
  /** Strings to remove wherever they occur (API keys, HMAC keys); shorter than 4 characters are ignored. */
  secrets: string[]
  /** Wall clock for `recordedAt`; default Date.now. */
  now?: () => number
}

export interface Recorder {
  exchange(e: RecordedExchange): void
  /** Writes every episode recorded so far; the recorder takes no exchange afterwards. */
  close(): Promise<void>
}

/** Episode and vendor names become file names: anything outside [A-Za-z0-9._-] turns into `-`. */
export function fileNameOf(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '')
  return safe || 'episode'
}

export function recordingFile(dir: string, vendor: string, episode: string): string {
  return path.join(dir, fileNameOf(vendor), `${fileNameOf(episode)}.json`)
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of Object.keys(record).sort()) out[key] = record[key] as string
  return out
}

/**
 * An exchange as it may be written: credential headers reduced to `[redacted]` (the scheme of
 * Authorization is kept: `Bearer [redacted]`), then every secret string replaced wherever it sits
 * (a key echoed back in a body, a URL, a header value), header and query names in a stable order.
 */
export function redactExchange(e: RecordedExchange, secrets: readonly string[]): RecordedExchange {
  const out: RecordedExchange = {
    episode: e.episode,
    at: e.at,
    method: e.method.toUpperCase(),
    path: e.path,
    query: sortedRecord({ ...e.query }),
    requestHeaders: sortedRecord(redactHeaders(e.requestHeaders)),
    requestBody: e.requestBody,
    status: e.status,
    responseHeaders: sortedRecord(redactHeaders(e.responseHeaders)),
    responseBody: e.responseBody,
    kind: e.kind ?? 'request',
  }
  // Query keys (`?key=…`) carry credentials too; their names are not secret, their values are.
  for (const name of Object.keys(out.query)) if (/^(api[-_]?key|key|token|access[-_]?token)$/i.test(name)) out.query[name] = REDACTED
  return redactSecrets(out, secrets)
}

/** Deterministic text of a recording: fixed field order, two-space indent, trailing newline. */
export function formatRecording(recording: Recording): string {
  const ordered: Recording = {
    vendor: recording.vendor,
    episode: recording.episode,
    recordedAt: recording.recordedAt,
    exchanges: recording.exchanges,
  }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

export function createRecorder(dir: string, options: RecorderOptions): Recorder {
  const now = options.now ?? Date.now
  const secrets = [...options.secrets]
  const episodes = new Map<string, Recording>()
  let closed = false
  let lastStart = -Infinity
  return {
    exchange(e) {
      if (closed) throw new Error(`Failed to record an exchange of episode ${e.episode}: the recorder is already closed`)
      let recording = episodes.get(e.episode)
      if (!recording) {
        // Strictly increasing start times, so ordering by recordedAt replays episodes in recording order.
        lastStart = Math.max(now(), lastStart + 1)
        recording = { vendor: options.vendor, episode: e.episode, recordedAt: new Date(lastStart).toISOString(), exchanges: [] }
        episodes.set(e.episode, recording)
      }
      // Redact now rather than at close: a secret must not even sit in memory longer than needed.
      recording.exchanges.push(redactExchange(e, secrets))
    },
    async close() {
      if (closed) return
      closed = true
      for (const recording of episodes.values()) {
        const file = recordingFile(dir, recording.vendor, recording.episode)
        await mkdir(path.dirname(file), { recursive: true })
        // Write then rename, so a replay never reads half a file.
        const partial = `${file}.partial`
        await writeFile(partial, formatRecording(recording), 'utf8')
        await rename(partial, file)
      }
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Parses one recording file's text, checking the fields replay relies on. */
export function parseRecording(text: string, file: string): Recording {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`Failed to read the recording ${file}: ${(error as Error).message}`)
  }
  const fail = (why: string): never => {
    throw new Error(`Failed to read the recording ${file}: ${why}`)
  }
  if (!isRecord(parsed)) return fail('it is not a JSON object')
  if (typeof parsed.vendor !== 'string') return fail('"vendor" is missing')
  if (typeof parsed.episode !== 'string') return fail('"episode" is missing')
  if (!Array.isArray(parsed.exchanges)) return fail('"exchanges" is not an array')
  const exchanges = parsed.exchanges.map((raw, i): RecordedExchange => {
    if (!isRecord(raw)) return fail(`exchanges[${i}] is not an object`)
    if (typeof raw.method !== 'string' || typeof raw.path !== 'string') return fail(`exchanges[${i}] needs "method" and "path"`)
    if (typeof raw.at !== 'number' || typeof raw.status !== 'number') return fail(`exchanges[${i}] needs numeric "at" and "status"`)
    const strings = (value: unknown): Record<string, string> => {
      const out: Record<string, string> = {}
      if (isRecord(value)) for (const [k, v] of Object.entries(value)) out[k] = String(v)
      return out
    }
    return {
      episode: typeof raw.episode === 'string' ? raw.episode : (parsed as { episode: string }).episode,
      at: raw.at,
      method: raw.method.toUpperCase(),
      path: raw.path,
      query: strings(raw.query),
      requestHeaders: strings(raw.requestHeaders),
      requestBody: raw.requestBody,
      status: raw.status,
      responseHeaders: strings(raw.responseHeaders),
      responseBody: raw.responseBody,
      kind: raw.kind === 'callback' ? 'callback' : 'request',
    }
  })
  return { vendor: parsed.vendor, episode: parsed.episode, recordedAt: typeof parsed.recordedAt === 'string' ? parsed.recordedAt : '', exchanges }
}

/**
 * Every recording under a directory: `<dir>/<vendor>/<episode>.json` as the recorder writes them,
 * or the files of one vendor directly in `<dir>`. Ordered by `recordedAt`, then episode name.
 */
export function readRecordings(dir: string): Recording[] {
  const files: string[] = []
  const walk = (at: string, depth: number) => {
    let names: string[]
    try {
      names = readdirSync(at).sort()
    } catch (error) {
      throw new Error(`Failed to read recordings from ${dir}: ${(error as Error).message}`)
    }
    for (const name of names) {
      const full = path.join(at, name)
      if (statSync(full).isDirectory()) {
        if (depth < 2) walk(full, depth + 1)
      } else if (name.endsWith('.json')) {
        files.push(full)
      }
    }
  }
  walk(dir, 0)
  const recordings = files.map((file) => parseRecording(readFileSync(file, 'utf8'), file))
  return recordings.sort((a, b) =>
    a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : a.episode < b.episode ? -1 : a.episode > b.episode ? 1 : 0,
  )
}
