// Snapshots of a replicated namespace (contract §4.1 shared state), so a replica that joins after
// the log has grown long starts from a snapshot plus the log's tail, and the log stays bounded.
//
// When: every replica applies the same log, so every replica sees the same "due" point, the first
// entry at least `every` entries (or EVERY_BYTES of entries) after the last snapshot at which the
// namespace is quiet: no callback attempt on the wire or waiting for its result from the log (a
// connection is not data). Deliveries waiting for a later attempt are data and go into the
// snapshot, so a namespace with callbacks always scheduled is still snapshotted. Only the replica
// that wrote that entry serializes and saves it; the others just move on.
// Saving trims the log up to the previous snapshot, so a replica a little behind can still
// follow the log, and the log holds about two snapshot intervals.
import type { MockEngine } from '../core/engine.js'
import { captureState, isCapturable, restoreState, type StateSnapshot } from '../core/pipeline/state-snapshot.js'
import type { LeasedCallbacks } from './leased-callbacks.js'
import type { LogClock } from './log-clock.js'
import type { LogRecord, RedisStore } from './redis-store.js'

/** Bytes of log entries between snapshots, besides the entry count. */
const EVERY_BYTES = 16 * 1024 * 1024
/**
 * A namespace holding more than this (tasks, request and callback journals, as the engine counts
 * them) is not snapshotted. It is above what the engine's default bounds allow (128 + 48 + 24 MB,
 * core/pipeline/engine-state.ts DEFAULT_LIMITS), so it only stops namespaces of a server started
 * with larger --max-* bounds; a replica joining one of those after its log was capped answers 503
 * until it is reset. At the default bounds' fullest (100 000 tasks, 20 000 requests) the snapshot
 * is 84 MB of JSON: about 0.6–0.75 s to write on the saving replica and 0.8–1.3 s to take up, on
 * this project's 2-core machine.
 */
export const MAX_SNAPSHOT_BYTES = 208 * 1024 * 1024
/** Above this, a snapshot stalls its writer for a noticeable time: take one every other interval. */
export const LARGE_SNAPSHOT_BYTES = 32 * 1024 * 1024

export interface SavedSnapshot {
  gen: string
  seq: number
  /** The namespace's state at `seq` (JSON text). */
  state: string
}

export class NamespaceSnapshots {
  private last = 0
  private bytes = 0
  private saving = false

  constructor(
    private readonly store: RedisStore,
    private readonly name: string,
    /** Entries between snapshots. */
    private readonly every: number,
  ) {}

  /**
   * After entry `record` is applied: records its size and, when due and quiet, saves the state. A
   * large state is due every other interval: its writer stalls for longer, and the log (capped at
   * four intervals) still holds everything after it.
   */
  afterApply(record: LogRecord, gen: string, parts: { quiet(): boolean; stateBytes(): number; capture(): string }): void {
    this.bytes += record.bytes
    const entries = record.seq - this.last
    if (entries < this.every && this.bytes < EVERY_BYTES) return
    if (!parts.quiet()) return
    const size = parts.stateBytes()
    if (size > MAX_SNAPSHOT_BYTES || (size > LARGE_SNAPSHOT_BYTES && entries < 2 * this.every && this.bytes < 2 * EVERY_BYTES)) return
    this.last = record.seq
    this.bytes = 0
    if (record.replica !== this.store.replica || this.saving) return
    this.saving = true
    void this.store
      .saveSnapshot(this.name, gen, record.seq, parts.capture())
      .catch(() => undefined) // the store is away: the next due point tries again
      .finally(() => (this.saving = false))
  }

  /** The namespace started over (seq 0) or was restored from a snapshot at `seq`. */
  reset(seq = 0): void {
    this.last = seq
    this.bytes = 0
  }
}

/** What a snapshot holds of a replicated namespace. */
export interface SnapshotParts {
  readonly engine: MockEngine
  readonly clock: LogClock
  readonly callbacks: LeasedCallbacks
}

/**
 * No callback attempt waiting for its result from the log, and the engine's state capturable
 * (core/pipeline/state-snapshot.ts isCapturable). The same answer on every replica: it depends on
 * the log alone.
 */
export function isQuiet({ engine, callbacks }: SnapshotParts): boolean {
  return callbacks.pending === 0 && isCapturable(engine.state)
}

/** The namespace's size as the engine counts it (tasks, request and callback journals). */
export function stateBytes({ engine }: SnapshotParts): number {
  return engine.tasks.bytes + engine.journal.bytes + engine.outbox.journal.bytes
}

/** The namespace's state as JSON text; call only when isQuiet. */
export function captureNamespace({ engine, callbacks }: SnapshotParts): string {
  return JSON.stringify({ state: captureState(engine.state), sends: callbacks.sent })
}

export function restoreNamespace({ engine, clock, callbacks }: SnapshotParts, text: string): void {
  const { state, sends } = JSON.parse(text) as { state: StateSnapshot; sends: number }
  engine.reset()
  // Time first: restoring the outbox sets the waiting deliveries' timers on this clock.
  clock.restoreAt(state.clock.now, state.clock.scale)
  restoreState(engine.state, state)
  callbacks.resume(sends)
}
