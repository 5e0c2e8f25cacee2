// Callbacks of a namespace that no live replica holds. A replica opens a namespace only when a
// request for it arrives, so a client that submits once and then waits for its callback (contract
// §5.2, callback mode) may have reached one replica only; if that replica dies, no other one would
// send the callback or its retries until some request for the namespace came.
//
// So a replica with callback work in a namespace (a delivery scheduled, or an attempt waiting for
// its result) keeps a short-lived watch key for it and lists the namespace in one shared set. Every
// replica looks at that set once a second: a listed namespace whose watch key has expired (its
// replica died, or the work is done) is opened here and brought up to date; if it still has work,
// this replica watches it from now on (the lease of each attempt, leased-callbacks.ts, keeps every
// callback to one sender), and if not, it leaves the set.
import type { Redis } from 'ioredis'

/** How long a watch lasts without being renewed (renewed every WATCH_ROUND_MS). */
export const WATCH_TTL_MS = 3000
const WATCH_ROUND_MS = 1000
/** The set of namespaces some replica has callback work in. */
export const WATCHED = 'veomock:watched'

/** The key a replica renews while it has callback work in a namespace. */
export function watchKey(prefix: string, name: string): string {
  return `${prefix}${name}:watch`
}

/** Removes a namespace from the set unless a replica watches it (checked atomically). */
const LEAVE = `
if redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SREM', KEYS[1], ARGV[1]) end
return 1
`

/** A namespace as the watch sees it. */
export interface Watchable {
  hasCallbackWork(): boolean
  sync(): Promise<void>
}

export interface WatchOptions {
  redis: Redis
  replica: string
  /** Key prefix of a namespace's keys, e.g. `veomock:ns:`. */
  prefix: string
  /** The namespaces this replica holds now. */
  held(): ReadonlyMap<string, Watchable>
  /** Opens a namespace here (undefined when the server cannot). */
  adopt(name: string): Watchable | undefined
}

export class CallbackWatch {
  private announced = new Set<string>()
  private timer: ReturnType<typeof setInterval> | undefined
  private running = false

  constructor(private readonly options: WatchOptions) {
    options.redis.defineCommand('veomockLeaveWatch', { numberOfKeys: 2, lua: LEAVE })
  }

  start(): void {
    this.timer = setInterval(() => void this.round(), WATCH_ROUND_MS)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
  }

  /** Callback work appeared in a namespace here: say so at once, not at the next round. */
  announce(name: string): void {
    if (this.announced.has(name)) return
    this.announced.add(name)
    this.mark([name]).catch(() => this.announced.delete(name))
  }

  /** One round: renew the watches of this replica's work, then take up namespaces nobody watches. */
  async round(): Promise<void> {
    if (this.running) return
    this.running = true
    try {
      const busy = [...this.options.held()].filter(([, ns]) => ns.hasCallbackWork()).map(([name]) => name)
      this.announced = new Set(busy)
      if (busy.length > 0) await this.mark(busy)
      for (const name of await this.options.redis.smembers(WATCHED)) if (!this.announced.has(name)) await this.takeUp(name)
    } catch {
      // the store is away: the next round tries again
    } finally {
      this.running = false
    }
  }

  private async takeUp(name: string): Promise<void> {
    const { redis, prefix } = this.options
    const [watched, exists] = await Promise.all([redis.exists(watchKey(prefix, name)), redis.exists(`${prefix}${name}:clock`)])
    if (watched) return
    if (!exists) return void (await this.leave(name))
    const ns = this.options.held().get(name) ?? this.options.adopt(name)
    if (!ns) return
    await ns.sync()
    if (ns.hasCallbackWork()) await this.mark([name])
    else await this.leave(name)
  }

  private async mark(names: readonly string[]): Promise<void> {
    const { redis, prefix, replica } = this.options
    const pipeline = redis.pipeline()
    for (const name of names) pipeline.set(watchKey(prefix, name), replica, 'PX', WATCH_TTL_MS)
    pipeline.sadd(WATCHED, ...names)
    await pipeline.exec()
  }

  private async leave(name: string): Promise<void> {
    const { redis, prefix } = this.options
    await (redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).veomockLeaveWatch!(WATCHED, watchKey(prefix, name), name)
  }
}
