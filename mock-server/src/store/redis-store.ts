// `--store redis://host:port[/db]`: every namespace's state shared by several `veomock serve`
// replicas through one Redis (contract §4.1). Loaded by server.ts only when --store is given.
//
// How replicas stay one mock: the mock is a deterministic state machine given (state, request,
// virtual arrival time). Each namespace has an ordered log in Redis (a stream); every request that
// changes state (vendor requests, polls included, since they are journalled; admin writes; clock
// advances; callback results) is appended with its virtual arrival time by one atomic script, and
// each replica applies the log in order to its own in-memory engine before answering from its own
// entry. See replicated-namespace.ts.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { TimeScale } from '../core/clock.js'
import type { MockEngine } from '../core/engine.js'
import type { CallbackSender } from '../core/outbox.js'
import type { NamespaceInfo } from '../namespaces/namespace-registry.js'
import { CallbackWatch, WATCH_TTL_MS, WATCHED, watchKey } from './callback-watch.js'
import { ReplicatedNamespace } from './replicated-namespace.js'
import type { SavedSnapshot } from './namespace-snapshots.js'
import { APPEND, DROP, SNAPSHOT, SWEEP } from './redis-scripts.js'
import type { EngineFactory, SharedNamespace, SharedStore, StoreSettings } from './shared-store.js'

const PREFIX = 'veomock:ns:'
const REGISTRY = 'veomock:namespaces'
/**
 * Entries a namespace's log holds at most. Snapshots (namespace-snapshots.ts) are taken every
 * quarter of it and trim the log, so it normally holds about half; the cap is only reached while
 * the namespace never comes to a quiet point, and a replica joining then cannot rebuild it.
 */
export const LOG_CAP = 200_000
/**
 * Payload bytes a namespace's log holds at most (about: the script trims by a moving average of
 * entry sizes). Snapshots are due every 16 MB of entries, so this only bounds a namespace that
 * cannot be snapshotted (a callback attempt always on the wire, or a state over the snapshot bound):
 * Redis memory stays bounded in bytes, not only in entries.
 */
export const LOG_MAX_BYTES = 256 * 1024 * 1024
/** Entries per read of the log (a reply, a gap fill): a late joiner never pulls the whole log at once. */
export const READ_CHUNK = 1000
/** How long a start waits for the store before giving up with one clear line. */
const CONNECT_TIMEOUT_MS = 3000

export type AppendKind = 'v' | 'u' | 'a' | 'x' | 'k' | 'c' | 's'

export interface LogRecord {
  seq: number
  at: number
  replica: string
  kind: AppendKind
  /** JSON text from the store, or the entry itself when this replica wrote it. */
  payload: string | object
  /** Length of the entry's JSON text (the same on every replica). */
  bytes: number
}

/** One item of a batch: what a replica appends (or, for a sync, only reads). */
export interface AppendItem {
  kind: AppendKind
  payload: string
  /** Advance: ms; time scale: the scale; callback result: the generation it belongs to; vendor request: "w" when it carries a callback URL. */
  arg: string
}

export interface AppendReply {
  /** '' when a batch of callback results found its namespace gone. */
  gen: string
  start: number
  /** The log's last seq after the batch. */
  head: number
  /** Entries this replica has not seen and did not write (from the log's start on a new generation). */
  entries: LogRecord[]
  /** Per item: its seq (0 = dropped; for a sync, the head at that point). */
  seqs: number[]
  /** Per item: its virtual time. */
  ats: number[]
  /** The namespace's time scale after the batch. */
  scale: TimeScale
}

/** A store error while answering: the namespace answers vendor-shaped 503s until the store is back. */
export class StoreUnavailableError extends Error {}

type RawEntry = [string, string[]]

function toRecord([id, fields]: RawEntry): LogRecord {
  const get = (name: string) => fields[fields.indexOf(name) + 1] as string
  const payload = get('e')
  return { seq: Number(id.slice(0, id.indexOf('-'))), at: Number(get('a')), replica: get('r'), kind: get('k') as AppendKind, payload, bytes: payload.length }
}

/** Redis URL without a password, for health and messages. */
export function describeStore(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    u.username = ''
    return u.toString().replace(/\/$/, '')
  } catch {
    return 'redis://(unreadable URL)'
  }
}

export class RedisStore implements SharedStore {
  readonly description: string
  readonly replica = randomUUID()
  readonly settings: StoreSettings
  private readonly logCap: number
  private readonly logMaxBytes: number
  private readonly redis: Redis
  private readonly open = new Map<string, ReplicatedNamespace>()
  private sweeper: ReturnType<typeof setInterval> | undefined
  private follower: ReturnType<typeof setInterval> | undefined
  /** Takes up the callbacks of namespaces no live replica holds (callback-watch.ts). */
  readonly watch: CallbackWatch
  private adopter: ((name: string) => void) | undefined

  constructor(redis: Redis, url: string, settings: StoreSettings) {
    this.redis = redis
    this.description = describeStore(url)
    this.settings = settings
    this.logCap = settings.logCap ?? LOG_CAP
    this.logMaxBytes = settings.logMaxBytes ?? LOG_MAX_BYTES
    redis.defineCommand('veomockAppend', { numberOfKeys: 6, lua: APPEND })
    redis.defineCommand('veomockDrop', { numberOfKeys: 5, lua: DROP })
    redis.defineCommand('veomockSweep', { numberOfKeys: 1, lua: SWEEP })
    redis.defineCommand('veomockSnapshot', { numberOfKeys: 3, lua: SNAPSHOT })
    if (settings.idleMs > 0) {
      this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), Math.max(1000, Math.min(settings.idleMs / 4, 60_000)))
      this.sweeper.unref()
    }
    // Replicas follow the logs they hold, so a callback whose replica died is still sent and a
    // replica without traffic does not fall far behind.
    this.follower = setInterval(() => {
      for (const ns of this.open.values()) void ns.follow()
    }, 250)
    this.follower.unref()
    this.watch = new CallbackWatch({ redis, replica: this.replica, prefix: PREFIX, held: () => this.open, adopt: (name) => this.adopt(name) })
    this.watch.start()
  }

  /** How the server opens a namespace here that no request has reached yet (for CallbackWatch). */
  adoptWith(open: (name: string) => void): void {
    this.adopter = open
  }

  private adopt(name: string): ReplicatedNamespace | undefined {
    try {
      this.adopter?.(name)
    } catch {
      // the server holds as many namespaces as it may: the next round tries again
    }
    return this.open.get(name)
  }

  private keys(name: string): [string, string, string, string] {
    return [`${PREFIX}${name}:clock`, `${PREFIX}${name}:log`, `${PREFIX}${name}:cursors`, REGISTRY]
  }

  /** Entries between snapshots of a namespace. */
  get snapshotEvery(): number {
    return Math.max(1, Math.floor(this.logCap / 4))
  }

  /** Appends a batch of items to a namespace's log in one atomic script (redis-scripts.ts APPEND). */
  async append(name: string, gen: string, items: readonly AppendItem[]): Promise<AppendReply> {
    const args: string[] = [
      name,
      this.replica,
      gen,
      String(this.settings.clockStart),
      String(this.settings.scale),
      String(this.logCap),
      String(this.logMaxBytes),
      String(WATCH_TTL_MS),
    ]
    for (const item of items) args.push(item.kind, item.payload, item.arg)
    let raw: [string, string, number, RawEntry[], number[], string[], string]
    try {
      raw = await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<typeof raw>>).veomockAppend!(
        ...this.keys(name),
        watchKey(PREFIX, name),
        WATCHED,
        ...args,
      )
    } catch (error) {
      throw new StoreUnavailableError(`Failed to reach the store ${this.description}: ${(error as Error).message}`)
    }
    return {
      gen: raw[0],
      start: Number(raw[1]),
      head: Number(raw[2]),
      entries: raw[3].map(toRecord),
      seqs: raw[4].map(Number),
      ats: raw[5].map(Number),
      scale: raw[6] === 'manual' ? 'manual' : Number(raw[6]),
    }
  }

  /** Entries from..to of a namespace's log (a gap after a lost reply). */
  async range(name: string, from: number, to: number): Promise<LogRecord[]> {
    try {
      const raw = (await this.redis.xrange(this.keys(name)[1], `${from}-0`, `${to}-0`, 'COUNT', READ_CHUNK)) as RawEntry[]
      return raw.map(toRecord)
    } catch (error) {
      throw new StoreUnavailableError(`Failed to reach the store ${this.description}: ${(error as Error).message}`)
    }
  }

  /** Saves a namespace's state at `seq` and trims its log up to the previous snapshot (redis-scripts.ts SNAPSHOT). */
  async saveSnapshot(name: string, gen: string, seq: number, state: string): Promise<boolean> {
    const [clock, log] = this.keys(name)
    const saved = await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<number>>).veomockSnapshot!(
      clock,
      log,
      `${PREFIX}${name}:snapshot`,
      gen,
      String(seq),
      state,
    )
    return saved === 1
  }

  async loadSnapshot(name: string): Promise<SavedSnapshot | undefined> {
    let raw: Array<string | null>
    try {
      raw = await this.redis.hmget(`${PREFIX}${name}:snapshot`, 'gen', 'seq', 'state')
    } catch (error) {
      throw new StoreUnavailableError(`Failed to reach the store ${this.description}: ${(error as Error).message}`)
    }
    const [gen, seq, state] = raw
    return gen && seq && state ? { gen, seq: Number(seq), state } : undefined
  }

  async drop(name: string): Promise<void> {
    try {
      await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>).veomockDrop!(
        ...this.keys(name),
        `${PREFIX}${name}:snapshot`,
        name,
      )
    } catch (error) {
      throw new StoreUnavailableError(`Failed to reach the store ${this.description}: ${(error as Error).message}`)
    }
  }

  /** Takes a callback delivery's lease: true for exactly one replica until it expires. */
  async lease(name: string, key: string, ms: number): Promise<boolean> {
    const ok = await this.redis.set(`${PREFIX}${name}:lease:${key}`, this.replica, 'PX', Math.ceil(ms), 'NX')
    return ok === 'OK'
  }

  openNamespace(name: string, makeEngine: EngineFactory, send: CallbackSender): SharedNamespace {
    const ns = new ReplicatedNamespace(this, name, makeEngine, send)
    this.open.set(name, ns)
    return {
      engine: ns.engine,
      dispatch: (req) => ns.dispatch(req),
      sync: () => ns.sync(),
      journalUnrouted: (req, status, text) => ns.journalUnrouted(req, status, text),
      adminGate: ns.adminGate,
      close: () => {
        ns.close()
        if (this.open.get(name) === ns) this.open.delete(name)
      },
    }
  }

  async namespaces(local: (name: string) => MockEngine | undefined): Promise<NamespaceInfo[]> {
    let all: Record<string, string>
    try {
      all = await this.redis.hgetall(REGISTRY)
    } catch (error) {
      throw new StoreUnavailableError(`Failed to reach the store ${this.description}: ${(error as Error).message}`)
    }
    return Object.entries(all)
      .map(([name, used]) => {
        const engine = local(name)
        return { name, lastUsedAt: Number(used), ...(engine ? { tasks: engine.tasks.size, requests: engine.journal.size } : {}) }
      })
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt)
  }

  private async sweep(): Promise<void> {
    const gone = (await (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<string[]>>).veomockSweep!(
      REGISTRY,
      String(this.settings.idleMs),
      PREFIX,
    )) as string[]
    for (const name of gone) this.open.get(name)?.forget()
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper)
    if (this.follower) clearInterval(this.follower)
    this.watch.stop()
    for (const ns of this.open.values()) ns.close()
    this.open.clear()
    await this.redis.quit().catch(() => this.redis.disconnect())
  }
}

/** Connects, or fails with one clear line (contract §4.1: an unreachable store stops the start). */
export async function connectRedisStore(url: string, settings: StoreSettings): Promise<RedisStore> {
  if (!/^rediss?:\/\//.test(url)) throw new Error(`Failed to use the store ${url}: only redis://host:port[/db] (or rediss://) is supported`)
  let started = false
  let lastError: Error | undefined
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // A lost store must answer 503 at once, not queue requests until it is back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: 5000,
    // No auto-pipelining: requests are already batched per namespace (append-batch.ts), and ioredis's
    // own batching wraps every call in a pipeline on the next tick, which measured 46 µs of CPU per
    // round trip against 27 µs without it (a PING loop on this project's 2-core bench machine).
    enableAutoPipelining: false,
    // At start one try is enough to say so; once running, reconnect for as long as it takes.
    retryStrategy: (times) => (started ? Math.min(times * 100, 1000) : null),
  })
  redis.on('error', (error: Error) => (lastError = error))
  try {
    await redis.connect()
    await redis.ping()
  } catch (error) {
    redis.disconnect()
    const why = lastError?.message || (error as Error).message || 'no answer'
    throw new Error(`Failed to connect to the store ${describeStore(url)}: ${why}`)
  }
  started = true
  return new RedisStore(redis, url, settings)
}
