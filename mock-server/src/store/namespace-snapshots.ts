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
import { captureState, restoreState, type StateSnapshot } from '../core/pipeline/state-snapshot.js'
import type { LeasedCallbacks } from './leased-callbacks.js'
import type { LogClock } from './log-clock.js'
import type { LogRecord, RedisStore } from './redis-store.js'

/** Bytes of log entries between snapshots, besides the entry count. */
const EVERY_BYTES = 16 * 1024 * 1024
/**
 * A namespace holding more than this (tasks, request and callback journals, as the engine counts
 * them) is not snapshotted: its JSON would take a replica's memory and stall it for too long. A
 * replica joining such a namespace after its log was capped answers 503 until it is reset.
 */
export const MAX_SNAPSHOT_BYTES = 32 * 1024 * 1024

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

  /** After entry `record` is applied: records its size and, when due and quiet, saves the state. */
  afterApply(record: LogRecord, gen: string, quiet: () => boolean, capture: () => string): void {
    this.bytes += record.bytes
    if (record.seq - this.last < this.every && this.bytes < EVERY_BYTES) return
    if (!quiet()) return
    this.last = record.seq
    this.bytes = 0
    if (record.replica !== this.store.replica || this.saving) return
    this.saving = true
    void this.store
      .saveSnapshot(this.name, gen, record.seq, capture())
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
 * No callback attempt on the wire or waiting for its result (the state is plain data; deliveries
 * waiting for a later attempt are timers, which are data), and not too large to write out. The
 * same answer on every replica: it depends on the log alone.
 */
export function isQuiet({ engine, clock, callbacks }: SnapshotParts): boolean {
  const bytes = engine.tasks.bytes + engine.journal.bytes + engine.outbox.journal.bytes
  return (
    callbacks.pending === 0 &&
    engine.outbox.idle() &&
    // Every timer is a waiting delivery's (the outbox is the only scheduled thing).
    clock.pendingTimers() === engine.outbox.pendingCount() &&
    bytes <= MAX_SNAPSHOT_BYTES
  )
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
