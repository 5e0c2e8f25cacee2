// Recordings of provider exchanges (`veomock verify --record <dir>`): one JSON file per episode,
// `<dir>/<vendor>/<episode>.json`, with every credential redacted before anything reaches disk.
// `veomock serve --replay <dir>` serves them again on the virtual clock (mock-server/src/replay/).
import { mkdir, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { REDACTED, redactHeaders, redactSecrets } from '../../../lib/redaction.js'
import type { RecordedExchange, Recording } from '../../../mock-server/src/replay/recording-format.js'

// The file format (and reading it back) belongs to replay, a mock feature; recording writes it.
export { parseRecording, readRecordings, type RecordedExchange, type Recording } from '../../../mock-server/src/replay/recording-format.js'

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
