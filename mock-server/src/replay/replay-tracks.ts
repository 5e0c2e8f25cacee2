// Recorded episodes laid out as tracks on the virtual clock: every recorded submit is a track, and
// the polls, callbacks and custom calls that followed it are placed at offsets from it. The
// track's timeline (queued until, settles at, outcome) and its result files come from what was
// observed. See replay-dialect.ts for how tracks are served.
import { VENDORS, type VendorId } from '../../../vendors/index.js'
import type { Dialect, DialectRoute, PollRoute, WireRequest } from '../core/dialect.js'
import type { TaskFailure } from '../../../lib/scenarios.js'
import { specValidator } from '../../../lib/spec/validation.js'
import { failureOf, type RecordedState, recordedStateOf } from './recorded-state.js'
import type { RecordedExchange, Recording } from './recording-format.js'
import { lowerKeys } from './replayed-messages.js'

/** One recorded exchange placed on a track: its offset from the recorded submit, its route and state. */
export interface Observation {
  offset: number
  /** `get /v1/tasks/{task_id}`; empty for callbacks. */
  route: string
  exchange: RecordedExchange
  state: RecordedState | undefined
}

/** One recorded submit and everything that followed it. */
export interface Track {
  index: number
  episode: string
  /** The submit route, `post /api/v1/veo/generate`. */
  route: string
  submit: RecordedExchange
  /** The recorded task id; null when the vendor rejected the submit. */
  taskId: string | null
  /** The callback URL the recording client gave, to swap for the replaying client's. */
  callbackUrl: string | null
  polls: Observation[]
  callbacks: Observation[]
  customs: Observation[]
  queuedOffset: number
  completesOffset: number | null
  outcome: 'succeeded' | TaskFailure | null
  /** Vendor result URLs in order of first appearance; the i-th is served as files[i]. */
  resultUrls: string[]
  files: string[]
}

export interface ReplayWire {
  track: number
  episode: string
  recordedTaskId: string | null
}

const URL_PATTERN = /https?:\/\/[^\s"'\\<>]+/g
const IMAGE_EXTENSION = /\.(jpe?g|png|webp|gif)(\?|#|$)/i

export function routeKey(method: string, template: string): string {
  return `${method.toLowerCase()} ${template}`
}

/** A recorded request as the dialect's own routes see one. */
function wireRequestOf(e: RecordedExchange, params: Record<string, string>): WireRequest {
  return { method: e.method, path: e.path, query: e.query, params, headers: lowerKeys(e.requestHeaders), body: e.requestBody, keyId: null }
}

/** The first string under a task-id-like key, breadth first (KIE `data.taskId`, odkkk `id`, Xenodia `task_id`). */
function idInBody(body: unknown): string | null {
  let level: unknown[] = [body]
  while (level.length > 0) {
    const next: unknown[] = []
    for (const node of level) {
      if (node === null || typeof node !== 'object') continue
      for (const [key, value] of Object.entries(node)) {
        if (/^(task_?id|id)$/i.test(key) && typeof value === 'string' && value) return value
        if (value && typeof value === 'object') next.push(value)
      }
    }
    level = next
  }
  return null
}

/** The callback URL of a submit body, in the vendor's own field (vendors/<vendor>.ts callbackField). */
export function callbackUrlInBody(vendor: VendorId, body: unknown): string | null {
  if (!body || typeof body !== 'object') return null
  const value = (body as Record<string, unknown>)[VENDORS[vendor].callbackField]
  return typeof value === 'string' && value ? value : null
}

function contains(value: unknown, text: string): boolean {
  if (value === undefined) return false
  return (typeof value === 'string' ? value : JSON.stringify(value)).includes(text)
}

/** The latest observation at or before `elapsed` (the first one before any), preferring the same route. */
export function observationAt(list: readonly Observation[], route: string | undefined, elapsed: number): Observation | undefined {
  const same = route === undefined ? list : list.filter((o) => o.route === route)
  const pool = same.length > 0 ? same : list
  let chosen: Observation | undefined
  for (const o of pool) if (o.offset <= elapsed && (!chosen || o.offset >= chosen.offset)) chosen = o
  return chosen ?? pool[0]
}

export function buildTracks(vendor: VendorId, real: Dialect, recordings: readonly Recording[]): { tracks: Track[]; customs: Observation[] } {
  const spec = specValidator(real.spec)
  const states = (body: unknown, kind: 'poll' | 'callback') => recordedStateOf(vendor, body, kind)
  const tracks: Track[] = []
  const customs: Observation[] = []
  for (const recording of recordings) {
    type Routed = { exchange: RecordedExchange; route: DialectRoute; key: string; params: Record<string, string> }
    const routed: Routed[] = []
    const callbacks: RecordedExchange[] = []
    for (const raw of recording.exchanges) {
      // A path may still carry its query string; the query field wins for duplicate names.
      const [pathOnly = raw.path, search] = raw.path.split('?', 2)
      const exchange: RecordedExchange = { ...raw, path: pathOnly, query: { ...Object.fromEntries(new URLSearchParams(search ?? '')), ...raw.query } }
      if (exchange.kind === 'callback') {
        callbacks.push(exchange)
        continue
      }
      const match = spec.matchPath(exchange.path)
      if (!match) continue
      const route = real.routes.find((r) => r.path === match.template && r.method === exchange.method.toLowerCase())
      if (!route) continue
      routed.push({ exchange, route, key: routeKey(route.method, route.path), params: match.params })
    }
    const byTime = <T extends { at: number }>(list: T[]) => [...list].sort((a, b) => a.at - b.at)
    const submits = byTime(routed.map((r) => ({ ...r, at: r.exchange.at }))).filter((r) => r.route.kind === 'submit')
    const polls = routed
      .filter((r) => r.route.kind === 'poll')
      .map((r) => ({ ...r, taskId: (r.route as PollRoute).taskId(wireRequestOf(r.exchange, r.params)) ?? null }))
    const episodeTracks: Track[] = submits.map((s) => {
      // The recorded id: the one a later poll asked for, if the submit answer carries it; else a task-id-like field.
      const polled = polls.find((p) => p.taskId && contains(s.exchange.responseBody, p.taskId))?.taskId
      const taskId = polled ?? (s.exchange.status >= 200 && s.exchange.status < 300 ? idInBody(s.exchange.responseBody) : null)
      return {
        index: tracks.length + submits.indexOf(s),
        episode: recording.episode,
        route: s.key,
        submit: s.exchange,
        taskId,
        callbackUrl: callbackUrlInBody(vendor, s.exchange.requestBody),
        polls: [],
        callbacks: [],
        customs: [],
        queuedOffset: 0,
        completesOffset: null,
        outcome: null,
        resultUrls: [],
        files: [],
      }
    })
    const accepted = episodeTracks.filter((t) => t.taskId !== null)
    const place = (track: Track, list: Observation[], exchange: RecordedExchange, route: string, state: RecordedState | undefined) =>
      list.push({ offset: Math.max(0, exchange.at - track.submit.at), route, exchange, state })
    for (const p of polls) {
      const track = accepted.find((t) => t.taskId === p.taskId)
      // Polls of ids that were never submitted here (not-found probes) have nothing to replay.
      if (track) place(track, track.polls, p.exchange, p.key, states(p.exchange.responseBody, 'poll'))
    }
    for (const c of callbacks) {
      const track = accepted.find((t) => t.taskId !== null && contains(c.requestBody, t.taskId)) ?? [...accepted].reverse().find((t) => t.submit.at <= c.at)
      if (track) place(track, track.callbacks, c, '', states(c.requestBody, 'callback'))
    }
    for (const r of routed.filter((x) => x.route.kind === 'custom')) {
      const request = [r.exchange.path, r.exchange.query, r.exchange.requestBody]
      const track = accepted.find((t) => t.taskId !== null && request.some((part) => contains(part, t.taskId as string)))
      if (track) place(track, track.customs, r.exchange, r.key, undefined)
      else customs.push({ offset: r.exchange.at, route: r.key, exchange: r.exchange, state: undefined })
    }
    for (const track of episodeTracks) settleTrack(track)
    tracks.push(...episodeTracks)
  }
  return { tracks, customs }
}

/** The track's timeline and result files, from its recorded observations. */
function settleTrack(track: Track): void {
  for (const list of [track.polls, track.callbacks, track.customs]) list.sort((a, b) => a.offset - b.offset)
  // A callback is only sent once a task settles (K-CB, A-WH, S004): one without a readable state counts as success.
  const observed = [
    ...track.polls.filter((o) => o.state),
    ...track.callbacks.map((o) => ({ ...o, state: o.state ?? { state: 'succeeded' as const, label: 'callback' } })),
  ].sort((a, b) => a.offset - b.offset)
  const terminal = observed.find((o) => o.state?.state === 'succeeded' || o.state?.state === 'failed')
  track.completesOffset = terminal ? terminal.offset : null
  track.outcome = !terminal?.state ? null : terminal.state.state === 'succeeded' ? 'succeeded' : failureOf(terminal.state.failureText ?? '')
  const startsQueued = observed[0]?.state?.state === 'queued'
  const leftQueue = observed.find((o) => o.state?.state !== 'queued')
  const lastOffset = observed.at(-1)?.offset ?? 0
  track.queuedOffset = !startsQueued ? 0 : (leftQueue?.offset ?? track.completesOffset ?? lastOffset + 1)
  if (track.completesOffset !== null) track.queuedOffset = Math.min(track.queuedOffset, track.completesOffset)

  // Result URLs point at the vendor's CDN, which a replay must not depend on (offline CI, expired
  // links): every URL the vendor produced, i.e. one in a poll, callback or task-bound answer that
  // the client did not send itself, is served by this mock as one of the task's files instead.
  const sent = JSON.stringify(track.submit.requestBody ?? null)
  const seen = new Set<string>()
  const bodies = [
    ...track.polls.map((o) => o.exchange.responseBody),
    ...track.callbacks.map((o) => o.exchange.requestBody),
    ...track.customs.map((o) => o.exchange.responseBody),
  ]
  for (const body of bodies) {
    for (const url of JSON.stringify(body ?? null).match(URL_PATTERN) ?? []) {
      if (seen.has(url) || sent.includes(url) || url === track.callbackUrl) continue
      seen.add(url)
      track.resultUrls.push(url)
    }
  }
  track.files = track.resultUrls.map((url, i) => `result-${i + 1}.${IMAGE_EXTENSION.test(url.split('?')[0] ?? url) ? 'jpg' : 'mp4'}`)
}
