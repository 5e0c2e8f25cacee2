// The recording file format (`<dir>/<vendor>/<episode>.json`, written by `veomock verify --record`)
// and reading it back for `veomock serve --replay <dir>`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

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
