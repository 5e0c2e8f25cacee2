// Replay dialects (`veomock serve --replay <dir>`): the mock answers with what a vendor answered
// while `veomock verify --record` ran, on the virtual clock. One dialect per recorded vendor, built
// on that vendor's real dialect: the same spec routes, error rendering, callback policy and ids.
//
// How a recording maps onto the clock:
// - Every recorded submit is a "track". The n-th submit a client sends on a route gets the n-th
//   recorded track of that route (episodes ordered by `recordedAt`): the recorded answer, and for
//   an accepted one a task with the recorded task id.
// - Each track's exchanges are placed at offsets from the recorded submit. A poll answers the
//   recorded poll whose offset is the latest one ≤ (virtual now − task creation), so a client
//   polling on the virtual clock sees the recorded states at the recorded times.
// - The task's timeline comes from the recording (left queued at the first non-queued poll,
//   settled at the first terminal poll or callback), so the admin API shows matching states, and
//   the recorded callback is delivered at that moment to the callback URL the client gave.
// - Submits beyond the recording cycle through the recorded tracks again with fresh ids; routes
//   or tasks with nothing recorded are answered by the real dialect, as the mock would.
import type {
  CustomRoute,
  Dialect,
  DialectContext,
  DialectRoute,
  PollRoute,
  SubmitRoute,
  TaskIntent,
  VendorId,
  WireRequest,
  WireResponse,
} from '../../../mock-server/src/core/dialect.js'
import { VENDOR_IDS } from '../../../mock-server/src/core/dialect.js'
import { isScenarioName, isTaskFailure, promptToken, SCENARIO_HEADER, type ScenarioName, type TaskFailure } from '../../../mock-server/src/core/scenario.js'
import type { CanonicalState, Task, TaskOperation, Timing } from '../../../mock-server/src/core/task.js'
import { specValidator } from '../../../mock-server/src/core/validation.js'
import { allDialects } from '../../../mock-server/src/dialects/index.js'
import { type RecordedExchange, type Recording, readRecordings } from './recording.js'

/** A vendor's word for a task's state in a recorded body, mapped onto the canonical lifecycle. */
export interface RecordedState {
  state: CanonicalState
  /** The vendor's own state, e.g. `successFlag:1`, `processing`. */
  label: string
  /** The vendor's failure code and message, for guessing the failure kind. */
  failureText?: string
}

function field(value: unknown, ...keys: string[]): unknown {
  let node = value
  for (const key of keys) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/**
 * Reading each vendor's state out of a poll answer or a callback body.
 * Polls and callbacks share a shape except at KIE, whose callback has no successFlag.
 */
export const RECORDED_STATES: Readonly<Record<VendorId, (body: unknown, kind: 'poll' | 'callback') => RecordedState | undefined>> = {
  // `data.successFlag` 0 generating, 1 success, 2 failed, 3 generation failed (K-REC); the callback
  // carries only `code`, 200 on success (K-CB). (vendor-notes/kie.md §5, §6.2)
  kie: (body, kind) => {
    const flag = field(body, 'data', 'successFlag')
    const text = () =>
      `${String(field(body, 'data', 'errorCode') ?? field(body, 'code') ?? '')} ${String(field(body, 'data', 'errorMessage') ?? field(body, 'msg') ?? '')}`
    if (flag === 0) return { state: 'running', label: 'successFlag:0' }
    if (flag === 1) return { state: 'succeeded', label: 'successFlag:1' }
    if (flag === 2 || flag === 3) return { state: 'failed', label: `successFlag:${flag}`, failureText: text() }
    const code = field(body, 'code')
    if (kind === 'callback' && typeof code === 'number') {
      return code === 200 ? { state: 'succeeded', label: 'code:200' } : { state: 'failed', label: `code:${code}`, failureText: text() }
    }
    return undefined
  },
  // `data.state` pending → processing → success | failed; failures carry failCode/failMsg (S001, S003).
  // (vendor-notes/apixo.md §4)
  apixo: (body) => {
    const state = field(body, 'data', 'state')
    const map: Record<string, CanonicalState> = { pending: 'queued', processing: 'running', success: 'succeeded', failed: 'failed' }
    if (typeof state !== 'string' || !map[state]) return undefined
    const failureText = `${String(field(body, 'data', 'failCode') ?? '')} ${String(field(body, 'data', 'failMsg') ?? '')}`
    return { state: map[state] as CanonicalState, label: state, ...(state === 'failed' ? { failureText } : {}) }
  },
  // `state` waiting | queuing | generating | success | fail; failures carry `error` (X-TR).
  // (vendor-notes/xenodia.md §4)
  xenodia: (body) => {
    const state = field(body, 'state')
    const map: Record<string, CanonicalState> = { waiting: 'queued', queuing: 'queued', generating: 'running', success: 'succeeded', fail: 'failed' }
    if (typeof state !== 'string' || !map[state]) return undefined
    return { state: map[state] as CanonicalState, label: state, ...(state === 'fail' ? { failureText: JSON.stringify(field(body, 'error') ?? '') } : {}) }
  },
  // `status` pending → processing → completed | failed (FOX's `cancelled` read as failed); failures
  // carry `error{code,message}` (E-TASK, E-ERR). (vendor-notes/odkkk.md §4)
  odkkk: (body) => {
    const status = field(body, 'status')
    const map: Record<string, CanonicalState> = { pending: 'queued', processing: 'running', completed: 'succeeded', failed: 'failed', cancelled: 'failed' }
    if (typeof status !== 'string' || !map[status]) return undefined
    return {
      state: map[status] as CanonicalState,
      label: status,
      ...(map[status] === 'failed' ? { failureText: JSON.stringify(field(body, 'error') ?? '') } : {}),
    }
  },
}

/** The failure kind behind a vendor's failure text; only for the admin view, the bodies are the recorded ones. */
export function failureOf(text: string): TaskFailure {
  if (/content|polic|safety|nsfw|sensitive|violat|flagged|prohibited|unsafe/i.test(text)) return 'content_violation'
  if (/image/i.test(text)) return 'invalid_image'
  return 'generation_failed'
}

/** One recorded exchange placed on a track: its offset from the recorded submit, its route and state. */
interface Observation {
  offset: number
  /** `get /v1/tasks/{task_id}`; empty for callbacks. */
  route: string
  exchange: RecordedExchange
  state: RecordedState | undefined
}

/** One recorded submit and everything that followed it. */
interface Track {
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

interface ReplayWire {
  track: number
  episode: string
  recordedTaskId: string | null
}

const URL_PATTERN = /https?:\/\/[^\s"'\\<>]+/g
const IMAGE_EXTENSION = /\.(jpe?g|png|webp|gif)(\?|#|$)/i

function routeKey(method: string, template: string): string {
  return `${method.toLowerCase()} ${template}`
}

function lowerKeys(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(record)) out[k.toLowerCase()] = v
  return out
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

/** The callback URL of a submit body: `callBackUrl` (KIE, Xenodia) or `callback_url` (Apixo, odkkk). */
function callbackUrlInBody(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null
  for (const [key, value] of Object.entries(body)) if (/^call_?back_?url$/i.test(key) && typeof value === 'string' && value) return value
  return null
}

function contains(value: unknown, text: string): boolean {
  if (value === undefined) return false
  return (typeof value === 'string' ? value : JSON.stringify(value)).includes(text)
}

/** Replaces every `from` in every string of a JSON value in one pass (longest first, no cascades). */
export function rewriteStrings<T>(value: T, replacements: ReadonlyMap<string, string>): T {
  const froms = [...replacements.keys()].filter((k) => k && replacements.get(k) !== k).sort((a, b) => b.length - a.length)
  if (froms.length === 0) return value
  const pattern = new RegExp(froms.map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(pattern, (m) => replacements.get(m) ?? m)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) out[k] = walk(x)
      return out
    }
    return v
  }
  return walk(value) as T
}

/** The latest observation at or before `elapsed` (the first one before any), preferring the same route. */
function observationAt(list: readonly Observation[], route: string | undefined, elapsed: number): Observation | undefined {
  const same = route === undefined ? list : list.filter((o) => o.route === route)
  const pool = same.length > 0 ? same : list
  let chosen: Observation | undefined
  for (const o of pool) if (o.offset <= elapsed && (!chosen || o.offset >= chosen.offset)) chosen = o
  return chosen ?? pool[0]
}

function buildTracks(real: Dialect, recordings: readonly Recording[]): { tracks: Track[]; customs: Observation[] } {
  const spec = specValidator(real.spec)
  const states = RECORDED_STATES[real.id]
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
        callbackUrl: callbackUrlInBody(s.exchange.requestBody),
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

/** The scenario a submit names where a dialect can see it (header, prompt token); admin rules and keys are not visible. */
function visibleScenario(header: string | undefined, prompt: string | undefined): ScenarioName {
  const named = header?.trim() || promptToken(prompt)
  return isScenarioName(named) ? named : 'success'
}

/**
 * The timing that makes the engine's planTimeline (core/task.ts) settle a task exactly at
 * `completesOffset` under a scenario: failures settle after 40 % of the running time, `slow`
 * stretches it tenfold. The engine schedules the callback from that plan, so this is what puts
 * the recorded callback at its recorded offset.
 */
export function replayTiming(queuedOffset: number, completesOffset: number | null, scenario: ScenarioName): Timing {
  const span = Math.max(0, (completesOffset ?? queuedOffset + 1) - queuedOffset)
  let running = span
  if (isTaskFailure(scenario)) {
    running = Math.ceil(span * 2.5)
    while (running > 0 && Math.floor(running * 0.4) > span) running--
    while (Math.floor(running * 0.4) < span) running++
  } else if (scenario === 'slow') {
    running = Math.max(0, Math.round((span + queuedOffset) / 10) - queuedOffset)
  }
  return { queued: { minMs: queuedOffset, maxMs: queuedOffset }, running: { minMs: running, maxMs: running } }
}

function replayOf(task: Task): ReplayWire | undefined {
  const replay = task.wire.replay as ReplayWire | undefined
  return replay && typeof replay.track === 'number' ? replay : undefined
}

/** Headers worth replaying: rate-limit hints; a content type only for non-JSON bodies (the server sets JSON's). */
function replayedHeaders(recorded: Record<string, string>, body: unknown): Record<string, string> | undefined {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(lowerKeys(recorded))) {
    if (name === 'retry-after' || name.startsWith('x-ratelimit-') || name.startsWith('ratelimit')) out[name] = value
  }
  if (typeof body === 'string') out['content-type'] = lowerKeys(recorded)['content-type'] ?? 'text/plain; charset=utf-8'
  return Object.keys(out).length > 0 ? out : undefined
}

/**
 * Signature headers of a recorded callback (KIE's X-Webhook-Timestamp / X-Webhook-Signature sign
 * `taskId.timestamp`, not the body, so they still verify while the task id is the recorded one;
 * K-HMAC, vendor-notes/kie.md §6.4). Transport and proxy headers are not the vendor's.
 */
function replayedCallbackHeaders(recorded: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(lowerKeys(recorded))) {
    if (!name.startsWith('x-') || name.startsWith('x-forwarded-') || name === 'x-real-ip' || value.includes('[redacted]')) continue
    out[name] = value
  }
  return out
}

/** A replay dialect for one vendor from its recordings, on top of the vendor's real dialect. */
export function replayDialect(real: Dialect, recordings: readonly Recording[]): Dialect {
  const { tracks, customs } = buildTracks(real, recordings)
  const states = RECORDED_STATES[real.id]

  // Replay is stateful where the mock is not: which recorded submit comes next. The engine calls
  // accept → taskId/timings → render synchronously for one submit, so `pending` carries the chosen
  // track across those calls.
  let pending: { track: Track; taskId: string | null; scenario: ScenarioName } | undefined
  let lastPrompt: string | undefined
  const used = new Set<number>()
  const cycles = new Map<string, number>()
  let lastIssued: string | undefined
  let lastSubmitAt = -Infinity

  // POST /__admin/reset forgets every task and moves the clock back: start the recording over.
  const rewindAfterReset = (ctx: DialectContext) => {
    if (ctx.now < lastSubmitAt || (lastIssued !== undefined && !ctx.findTask(lastIssued))) {
      used.clear()
      cycles.clear()
      lastIssued = undefined
    }
    lastSubmitAt = ctx.now
  }

  const nextTrack = (route: string): Track | undefined => {
    const ofRoute = tracks.filter((t) => t.route === route)
    const fresh = ofRoute.find((t) => !used.has(t.index))
    if (fresh) {
      used.add(fresh.index)
      return fresh
    }
    if (ofRoute.length === 0) return undefined
    const n = cycles.get(route) ?? 0
    cycles.set(route, n + 1)
    return ofRoute[n % ofRoute.length]
  }

  const rewriter = (track: Track, task: Task, ctx: DialectContext): ReadonlyMap<string, string> => {
    const map = new Map<string, string>()
    if (track.taskId && track.taskId !== task.id) map.set(track.taskId, task.id)
    if (track.callbackUrl && task.callbackUrl && track.callbackUrl !== task.callbackUrl) map.set(track.callbackUrl, task.callbackUrl)
    const files = ctx.fileUrls(task)
    track.resultUrls.forEach((url, i) => {
      const local = files[i]
      if (local) map.set(url, local)
    })
    return map
  }

  const recorded = (exchange: RecordedExchange, replacements: ReadonlyMap<string, string> = new Map()): WireResponse => {
    const body = rewriteStrings(exchange.responseBody, replacements)
    const headers = replayedHeaders(exchange.responseHeaders, body)
    return headers ? { status: exchange.status, body, headers } : { status: exchange.status, body }
  }

  const trackOf = (task: Task): Track | undefined => {
    const replay = replayOf(task)
    return replay ? tracks[replay.track] : undefined
  }

  const submitRoute = (route: SubmitRoute): SubmitRoute => ({
    kind: 'submit',
    method: route.method,
    path: route.path,
    // The engine reads the prompt (for its scenario token) just before accept; kept for replayTiming.
    prompt: (body) => (lastPrompt = route.prompt(body)),
    accept(request, ctx) {
      pending = undefined
      const prompt = lastPrompt
      lastPrompt = undefined
      rewindAfterReset(ctx)
      // The real dialect still reads the request (operation, price, the client's callback URL, its
      // private wire facts); the recording decides the answer.
      const real = route.accept(request, ctx)
      const intent = (real as TaskIntent).operation !== undefined ? (real as TaskIntent) : undefined
      const track = nextTrack(routeKey(route.method, route.path))
      if (!track) return real
      if (track.taskId === null) return recorded(track.submit)
      // Cycling past the recording: the recorded id is taken, the real dialect makes a fresh one.
      pending = { track, taskId: ctx.findTask(track.taskId) ? null : track.taskId, scenario: visibleScenario(request.headers[SCENARIO_HEADER], prompt) }
      const callbackUrl = intent?.callbackUrl ?? callbackUrlInBody(request.body)
      const wire: ReplayWire = { track: track.index, episode: track.episode, recordedTaskId: track.taskId }
      return {
        operation: intent?.operation ?? 'generate',
        parentId: intent?.parentId ?? null,
        // Only what was recorded is delivered: no recorded callback, none scheduled.
        callbackUrl: track.callbacks.length > 0 ? callbackUrl : null,
        price: intent?.price ?? 0,
        wire: { ...intent?.wire, replay: wire },
        ...(track.files.length > 0 ? { files: track.files } : intent?.files ? { files: intent.files } : {}),
      }
    },
    render(task, ctx) {
      pending = undefined
      const track = trackOf(task)
      if (!track) return route.render(task, ctx)
      // The recording decides the task's course, whatever timeline the scenario planned.
      task.queuedUntil = task.createdAt + track.queuedOffset
      task.completesAt = track.completesOffset === null ? null : task.createdAt + track.completesOffset
      task.outcome = track.outcome
      return { ...recorded(track.submit, rewriter(track, task, ctx)), taskId: task.id }
    },
  })

  const pollRoute = (route: PollRoute): PollRoute => ({
    kind: 'poll',
    method: route.method,
    path: route.path,
    taskId: route.taskId,
    ...(route.operations ? { operations: route.operations } : {}),
    render(task, view, ctx) {
      const track = trackOf(task)
      // An admin finish jumps to the end of the recording.
      const elapsed = task.settledByAdmin ? Infinity : ctx.now - task.createdAt
      const observation = track && observationAt(track.polls, routeKey(route.method, route.path), elapsed)
      if (!track || !observation) return route.render(task, view, ctx)
      return { ...recorded(observation.exchange, rewriter(track, task, ctx)), taskId: task.id }
    },
  })

  /** A replayed task the request names (in its query, path or body), e.g. KIE's get-1080p-video?taskId=. */
  const taskNamedBy = (request: WireRequest, ctx: DialectContext): Task | undefined => {
    const candidates = [...Object.values(request.query), ...Object.values(request.params)]
    if (request.body && typeof request.body === 'object') for (const v of Object.values(request.body)) if (typeof v === 'string') candidates.push(v)
    for (const id of candidates) {
      const task = ctx.findTask(id)
      if (task && replayOf(task)) return task
    }
    return undefined
  }

  const customRoute = (route: CustomRoute): CustomRoute => ({
    kind: 'custom',
    method: route.method,
    path: route.path,
    handle(request, ctx) {
      pending = undefined
      const key = routeKey(route.method, route.path)
      const task = taskNamedBy(request, ctx)
      const track = task && trackOf(task)
      if (task && track) {
        const observation = observationAt(
          track.customs.filter((o) => o.route === key),
          key,
          ctx.now - task.createdAt,
        )
        if (observation) return { ...recorded(observation.exchange, rewriter(track, task, ctx)), taskId: task.id }
      }
      // Account-level answers (balances, models): the recording of the same path and query, else of the route.
      const sameRoute = customs.filter((o) => o.route === key)
      const samePath = sameRoute.find((o) => o.exchange.path === request.path && JSON.stringify(o.exchange.query) === JSON.stringify(request.query))
      const observation = samePath ?? sameRoute[0]
      return observation ? recorded(observation.exchange) : route.handle(request, ctx)
    },
  })

  const routes = real.routes.map((route): DialectRoute =>
    route.kind === 'submit' ? submitRoute(route) : route.kind === 'poll' ? pollRoute(route) : customRoute(route),
  )

  const replay: Dialect = {
    id: real.id,
    spec: real.spec,
    title: `${real.title} (replay of ${recordings.length} recorded episode${recordings.length === 1 ? '' : 's'})`,
    routes,
    taskId(random, now) {
      const id = pending?.taskId ?? real.taskId(random, now)
      // Once only: should the id be taken after all, the engine asks again and gets a fresh one.
      if (pending) pending.taskId = null
      lastIssued = id
      return id
    },
    // The engine plans a task's timeline from `timings` before the submit is rendered, and
    // schedules its callback from it: during a replayed submit they are the track's exact offsets.
    get timings(): Partial<Record<TaskOperation, Timing>> {
      if (!pending) return real.timings
      const timing = replayTiming(pending.track.queuedOffset, pending.track.completesOffset, pending.scenario)
      return { generate: timing, extend: timing, 'upgrade-1080p': timing, 'upgrade-4k': timing }
    },
    retentionMs: real.retentionMs,
    ...(real.retentionFor ? { retentionFor: real.retentionFor } : {}),
    ...(real.rateLimit ? { rateLimit: real.rateLimit } : {}),
    initialCredits: real.initialCredits,
    defaultOptions: real.defaultOptions,
    ...(real.secretOptions ? { secretOptions: real.secretOptions } : {}),
    vendorState(task, view) {
      const track = trackOf(task)
      const seen = track && [...track.polls, ...track.callbacks].find((o) => o.state?.state === view.state)
      return seen?.state?.label ?? real.vendorState(task, view)
    },
    renderError: real.renderError,
    callbacks: {
      policy: real.callbacks.policy,
      webhook: real.callbacks.webhook,
      render(task, view, ctx, attemptAt) {
        const track = trackOf(task)
        const observation = track && observationAt(track.callbacks, undefined, attemptAt - task.createdAt)
        if (!track || !observation) return real.callbacks.render(task, view, ctx, attemptAt)
        return {
          event: observation.state?.label ?? states(observation.exchange.requestBody, 'callback')?.label ?? 'replay',
          body: rewriteStrings(observation.exchange.requestBody, rewriter(track, task, ctx)),
          headers: replayedCallbackHeaders(observation.exchange.requestHeaders),
        }
      },
    },
  }
  return replay
}

/**
 * Replay dialects for every vendor recorded under `dir` (`<dir>/<vendor>/<episode>.json`), in the
 * contract's vendor order. Only recorded vendors are served.
 */
export function loadReplayDialects(dir: string): Dialect[] {
  const recordings = readRecordings(dir)
  if (recordings.length === 0) throw new Error(`Failed to load replays from ${dir}: no recordings (<vendor>/<episode>.json) found`)
  const byVendor = new Map<VendorId, Recording[]>()
  for (const recording of recordings) {
    if (!(VENDOR_IDS as readonly string[]).includes(recording.vendor)) {
      throw new Error(
        `Failed to load the replay of episode ${recording.episode}: unknown vendor "${recording.vendor}"; expected one of ${VENDOR_IDS.join(', ')}`,
      )
    }
    const vendor = recording.vendor as VendorId
    byVendor.set(vendor, [...(byVendor.get(vendor) ?? []), recording])
  }
  return allDialects.filter((d) => byVendor.has(d.id)).map((d) => replayDialect(d, byVendor.get(d.id) ?? []))
}
