// Replay dialects (`veomock serve --replay <dir>`): the mock answers with what a vendor answered
// while `veomock verify --record` ran, on the virtual clock. One dialect per recorded vendor, built
// on that vendor's real dialect: the same spec routes, error rendering, callback policy and ids.
//
// How a recording maps onto the clock (tracks: replay-tracks.ts):
// - The n-th submit a client sends on a route gets the n-th recorded track of that route (episodes
//   ordered by `recordedAt`): the recorded answer, and for an accepted one a task with the
//   recorded task id.
// - The task's course comes from the recording through the core's timeline hook
//   (TaskIntent.timeline): queued until the first non-queued observation, settled at the first
//   terminal poll or callback, so the admin API shows matching states and the core delivers the
//   recorded callback at that moment to the callback URL the client gave.
// - A poll answers the recorded poll whose offset is the latest one ≤ (virtual now − creation).
// - Submits beyond the recording cycle through the recorded tracks again with fresh ids; routes
//   or tasks with nothing recorded are answered by the real dialect, as the mock would.
import type { VendorId } from '../../../vendors/index.js'
import type { CustomRoute, Dialect, DialectContext, DialectRoute, PollRoute, SubmitRoute, TaskIntent, WireRequest } from '../core/dialect.js'
import type { Task } from '../core/task.js'
import { recordedStateOf } from './recorded-state.js'
import type { Recording } from './recording-format.js'
import { recordedResponse, replayedCallbackHeaders, rewriteStrings } from './replayed-messages.js'
import { buildTracks, callbackUrlInBody, type Observation, observationAt, type ReplayWire, routeKey, type Track } from './replay-tracks.js'

function replayOf(task: Task): ReplayWire | undefined {
  const replay = task.wire.replay as ReplayWire | undefined
  return replay && typeof replay.track === 'number' ? replay : undefined
}

/** Which recorded submit comes next: replay is stateful where the mock is not. */
class TrackCursor {
  private used = new Set<number>()
  private cycles = new Map<string, number>()
  private lastIssued: string | undefined
  private lastSubmitAt = -Infinity

  constructor(private readonly tracks: readonly Track[]) {}

  // POST /__admin/reset forgets every task and moves the clock back: start the recording over.
  rewindAfterReset(ctx: DialectContext): void {
    if (ctx.now < this.lastSubmitAt || (this.lastIssued !== undefined && !ctx.findTask(this.lastIssued))) {
      this.used.clear()
      this.cycles.clear()
      this.lastIssued = undefined
    }
    this.lastSubmitAt = ctx.now
  }

  next(route: string): Track | undefined {
    const ofRoute = this.tracks.filter((t) => t.route === route)
    const fresh = ofRoute.find((t) => !this.used.has(t.index))
    if (fresh) {
      this.used.add(fresh.index)
      return fresh
    }
    if (ofRoute.length === 0) return undefined
    const n = this.cycles.get(route) ?? 0
    this.cycles.set(route, n + 1)
    return ofRoute[n % ofRoute.length]
  }

  issued(taskId: string): void {
    this.lastIssued = taskId
  }
}

/** Recorded ids, callback URLs and CDN URLs → this task's. */
function rewriter(track: Track, task: Task, ctx: DialectContext): ReadonlyMap<string, string> {
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

/** A replayed task the request names (in its query, path or body), e.g. KIE's get-1080p-video?taskId=. */
function taskNamedBy(request: WireRequest, ctx: DialectContext): Task | undefined {
  const candidates = [...Object.values(request.query), ...Object.values(request.params)]
  if (request.body && typeof request.body === 'object') for (const v of Object.values(request.body)) if (typeof v === 'string') candidates.push(v)
  for (const id of candidates) {
    const task = ctx.findTask(id)
    if (task && replayOf(task)) return task
  }
  return undefined
}

/** The intent of a replayed submit: the real dialect's reading of the request, the recording's course. */
function replayIntent(vendor: VendorId, track: Track, real: TaskIntent | undefined, request: WireRequest, ctx: DialectContext): TaskIntent {
  const wire: ReplayWire = { track: track.index, episode: track.episode, recordedTaskId: track.taskId }
  const callbackUrl = real?.callbackUrl ?? callbackUrlInBody(vendor, request.body)
  return {
    operation: real?.operation ?? 'generate',
    parentId: real?.parentId ?? null,
    // Only what was recorded is delivered: no recorded callback, none scheduled.
    callbackUrl: track.callbacks.length > 0 ? callbackUrl : null,
    price: real?.price ?? 0,
    wire: { ...real?.wire, replay: wire },
    ...(track.files.length > 0 ? { files: track.files } : real?.files ? { files: real.files } : {}),
    timeline: {
      // Cycling past the recording: the recorded id is taken, the real dialect makes a fresh one.
      ...(track.taskId && !ctx.findTask(track.taskId) ? { taskId: track.taskId } : {}),
      queuedMs: track.queuedOffset,
      completesMs: track.completesOffset,
      outcome: track.outcome,
    },
  }
}

function submitRoute(vendor: VendorId, route: SubmitRoute, cursor: TrackCursor, trackOf: (task: Task) => Track | undefined): SubmitRoute {
  return {
    kind: 'submit',
    method: route.method,
    path: route.path,
    prompt: route.prompt,
    accept(request, ctx) {
      cursor.rewindAfterReset(ctx)
      // The real dialect still reads the request (operation, price, the client's callback URL, its
      // private wire facts); the recording decides the answer.
      const real = route.accept(request, ctx)
      const intent = (real as TaskIntent).operation !== undefined ? (real as TaskIntent) : undefined
      const track = cursor.next(routeKey(route.method, route.path))
      if (!track) return real
      if (track.taskId === null) return recordedResponse(track.submit)
      return replayIntent(vendor, track, intent, request, ctx)
    },
    render(task, ctx) {
      cursor.issued(task.id)
      const track = trackOf(task)
      if (!track) return route.render(task, ctx)
      return { ...recordedResponse(track.submit, rewriter(track, task, ctx)), taskId: task.id }
    },
  }
}

function pollRoute(route: PollRoute, trackOf: (task: Task) => Track | undefined): PollRoute {
  return {
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
      return { ...recordedResponse(observation.exchange, rewriter(track, task, ctx)), taskId: task.id }
    },
  }
}

function customRoute(route: CustomRoute, customs: readonly Observation[], trackOf: (task: Task) => Track | undefined): CustomRoute {
  return {
    kind: 'custom',
    method: route.method,
    path: route.path,
    handle(request, ctx) {
      const key = routeKey(route.method, route.path)
      const task = taskNamedBy(request, ctx)
      const track = task && trackOf(task)
      if (task && track) {
        const observation = observationAt(
          track.customs.filter((o) => o.route === key),
          key,
          ctx.now - task.createdAt,
        )
        if (observation) return { ...recordedResponse(observation.exchange, rewriter(track, task, ctx)), taskId: task.id }
      }
      // Account-level answers (balances, models): the recording of the same path and query, else of the route.
      const sameRoute = customs.filter((o) => o.route === key)
      const samePath = sameRoute.find((o) => o.exchange.path === request.path && JSON.stringify(o.exchange.query) === JSON.stringify(request.query))
      const observation = samePath ?? sameRoute[0]
      return observation ? recordedResponse(observation.exchange) : route.handle(request, ctx)
    },
  }
}

/** A replay dialect for one vendor from its recordings, on top of the vendor's real dialect. */
export function replayDialect(vendor: VendorId, real: Dialect, recordings: readonly Recording[]): Dialect {
  const { tracks, customs } = buildTracks(vendor, real, recordings)
  const cursor = new TrackCursor(tracks)
  const trackOf = (task: Task): Track | undefined => {
    const replay = replayOf(task)
    return replay ? tracks[replay.track] : undefined
  }
  const routes = real.routes.map((route): DialectRoute =>
    route.kind === 'submit'
      ? submitRoute(vendor, route, cursor, trackOf)
      : route.kind === 'poll'
        ? pollRoute(route, trackOf)
        : customRoute(route, customs, trackOf),
  )
  return {
    ...real,
    title: `${real.title} (replay of ${recordings.length} recorded episode${recordings.length === 1 ? '' : 's'})`,
    routes,
    vendorState(task, view) {
      const track = trackOf(task)
      const seen = track && [...track.polls, ...track.callbacks].find((o) => o.state?.state === view.state)
      return seen?.state?.label ?? real.vendorState(task, view)
    },
    callbacks: {
      policy: real.callbacks.policy,
      webhook: real.callbacks.webhook,
      render(task, view, ctx, attemptAt) {
        const track = trackOf(task)
        const observation = track && observationAt(track.callbacks, undefined, attemptAt - task.createdAt)
        if (!track || !observation) return real.callbacks.render(task, view, ctx, attemptAt)
        return {
          event: observation.state?.label ?? recordedStateOf(vendor, observation.exchange.requestBody, 'callback')?.label ?? 'replay',
          body: rewriteStrings(observation.exchange.requestBody, rewriter(track, task, ctx)),
          headers: replayedCallbackHeaders(observation.exchange.requestHeaders),
        }
      },
    },
  }
}
