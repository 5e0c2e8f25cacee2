// One namespace on one replica of a shared mock: a local engine kept identical to every other
// replica's by applying the namespace's log (redis-store.ts) in order.
//
// - A request is appended to the log (one round trip that also returns the entries this replica
//   has not seen; requests arriving meanwhile share the next one, append-batch.ts); the replica
//   applies everything before it, then its own entry, and answers with what its own entry
//   produced. The pipeline is deterministic given (state, request, virtual arrival time), so
//   every replica computes the same ids, bodies and journal.
// - A replica that joins late starts from a snapshot plus the log's tail (namespace-snapshots.ts).
// - The clock (log-clock.ts) is set by the entries; in scaled mode a replica with a timer due
//   syncs, which moves its clock to the store's "now" after the last entry: every replica runs a
//   due timer at the same point of the log.
// - Callbacks: every replica's outbox renders the same attempts; a lease (SET NX PX) picks the one
//   replica that sends each; its result is appended to the log so every outbox records it and
//   schedules the same retry. A lease that expires (its replica died) lets another replica send.
import type { RequestHandler } from 'express'
import express from 'express'
import type { EngineResponse, IncomingRequest, MockEngine } from '../core/engine.js'
import type { UnroutedRequest } from '../namespaces/namespace-app.js'
import type { CallbackSender } from '../core/outbox.js'
import { type AdvanceResult, adminGate, type InjectedAnswer, NamespaceUnavailableError, unavailableResponse } from './admin-replication.js'
import { AppendBatch, type QueuedItem } from './append-batch.js'
import { applyAfterTimers, applyEntry, localAdminApp, settle } from './apply-entry.js'
import { type CallbackResult, type LeaseHost, LeasedCallbacks } from './leased-callbacks.js'
import { DueTick } from './due-tick.js'
import { LogClock } from './log-clock.js'
import { captureNamespace, isQuiet, NamespaceSnapshots, restoreNamespace, type SavedSnapshot, stateBytes } from './namespace-snapshots.js'
import { carriesCallbackUrl, encodeVendorRequest } from './log-entry.js'
import { type AppendKind, type AppendReply, type LogRecord, type RedisStore, StoreUnavailableError } from './redis-store.js'
import type { EngineFactory } from './shared-store.js'

const NONE: Promise<void>[] = []

export class ReplicatedNamespace implements LeaseHost {
  readonly engine: MockEngine
  readonly adminGate: RequestHandler
  readonly clock: LogClock
  readonly localAdmin: express.Express
  private gen = ''
  /** Last entry fully applied. */
  private applied = 0
  /** Last entry taken for applying (one ahead of applied while an admin write is applied). */
  private taken = 0
  private known = 0
  private readonly buffer = new Map<number, LogRecord>()
  private readonly results = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
  private readonly batch: AppendBatch
  private barriers: Array<{ seq: number; resolve(): void }> = []
  /** After a sync: once entry `after` is applied, move the clock to the store's `now`. */
  private catchUp: { after: number; now: number } | undefined
  private draining = false
  private filling = false
  private readonly snapshots: NamespaceSnapshots
  /** A snapshot to start from, taken up between two entries. */
  private restoring: SavedSnapshot | undefined
  private following = false
  readonly callbacks: LeasedCallbacks
  private readonly tick: DueTick
  private lastUse = 0
  private broken: string | undefined
  private closed = false

  constructor(
    readonly store: RedisStore,
    readonly name: string,
    makeEngine: EngineFactory,
    transport: CallbackSender,
  ) {
    const { settings } = store
    this.clock = new LogClock({ scale: settings.scale, start: settings.clockStart, real: settings.real })
    this.callbacks = new LeasedCallbacks(this, transport)
    this.snapshots = new NamespaceSnapshots(store, name, store.snapshotEvery)
    this.tick = new DueTick(this.clock, settings.real, () => this.sync())
    this.batch = new AppendBatch({
      generation: () => this.gen,
      append: (gen, items) => this.store.append(this.name, gen, items),
      take: (reply, items) => this.take(reply, items),
    })
    this.engine = makeEngine(this.clock, this.callbacks.send)
    this.localAdmin = localAdminApp(this.engine, name)
    this.adminGate = adminGate({
      sync: () => this.sync(),
      drop: async () => {
        await this.store.drop(this.name)
        this.forget()
        this.broken = undefined
      },
      advance: (ms) => this.submit('x', {}, String(ms)) as Promise<AdvanceResult>,
      scale: (scale) => this.submit('k', { s: scale }, String(scale)),
      write: (entry) => this.submit('a', entry) as Promise<InjectedAnswer>,
      now: () => this.store.settings.real.now(),
    })
  }

  generation(): string {
    return this.gen
  }

  isClosed(): boolean {
    return this.closed
  }

  /** A delivery scheduled or an attempt waiting for its result: a replica must keep watching this namespace. */
  hasCallbackWork(): boolean {
    return this.callbacks.pending > 0 || this.engine.outbox.pendingCount() > 0
  }

  // ---------------------------------------------------------------------------------------------
  // Answering

  async dispatch(req: IncomingRequest): Promise<EngineResponse> {
    try {
      return (await this.submit('v', encodeVendorRequest(req), carriesCallbackUrl(req) ? 'w' : '')) as EngineResponse
    } catch (error) {
      if (error instanceof StoreUnavailableError || error instanceof NamespaceUnavailableError)
        return unavailableResponse(this.engine, req.vendor, error.message)
      throw error
    }
  }

  /** A request outside every vendor prefix, journalled on every replica (best effort: the answer is a 404 anyway). */
  async journalUnrouted(req: UnroutedRequest, status: number, text: string): Promise<void> {
    const entry = encodeVendorRequest({ vendor: '', path: req.fullPath, rawBody: undefined, bodyTooLarge: false, ...req })
    await this.submit('u', { e: entry, s: status, t: text }).catch(() => undefined)
  }

  /** Applies every entry the log holds now and moves the clock to the store's now. */
  async sync(): Promise<void> {
    this.check()
    const head = (await this.batch.push({ kind: 's', payload: '', arg: '' })) as number
    await this.appliedUpTo(head)
  }

  /** Periodic: keeps a replica without traffic current while the namespace has work in flight. */
  async follow(): Promise<void> {
    if (this.following || this.closed || this.broken) return
    const busy = this.callbacks.pending > 0 || this.clock.nextDue() !== undefined || this.store.settings.real.now() - this.lastUse < 10_000
    if (!busy) return
    this.following = true
    try {
      await this.sync()
    } catch {
      // the store is away; the next round tries again
    } finally {
      this.following = false
    }
  }

  private submit(kind: AppendKind, entry: object, arg = ''): Promise<unknown> {
    this.check()
    this.lastUse = this.store.settings.real.now()
    return this.batch.push({ kind, payload: JSON.stringify(entry), arg, entry })
  }

  /** A callback attempt's result, for the generation that made it (dropped if that is gone). */
  recordResult(result: CallbackResult, gen: string): Promise<unknown> {
    if (this.closed) return Promise.resolve(undefined)
    return this.batch.push({ kind: 'c', payload: JSON.stringify(result), arg: gen, entry: result })
  }

  private check(): void {
    if (this.closed) throw new NamespaceUnavailableError(`Failed to answer in namespace ${this.name}: it is closing`)
    if (this.broken) throw new NamespaceUnavailableError(this.broken)
  }

  /** Takes in a batch's reply: the entries of other replicas, then each item in the batch's order. */
  private take(reply: AppendReply, items: QueuedItem[]): void {
    if (this.closed) return items.forEach((item) => item.reject(new NamespaceUnavailableError(`Failed to answer in namespace ${this.name}: it is closing`)))
    if (reply.gen === '') return items.forEach((item) => item.resolve(undefined))
    // A log that is shorter than what was applied is a new one too (defensive; generations differ).
    if (reply.gen !== this.gen || reply.head < this.taken) this.restart(reply)
    this.tick.saw(Math.max(...reply.ats))
    for (const record of reply.entries) if (record.seq > this.taken) this.buffer.set(record.seq, record)
    items.forEach((item, i) => {
      const seq = reply.seqs[i] as number
      const at = reply.ats[i] as number
      // A sync: once everything up to its point is applied, time moves to the store's now.
      if (item.kind === 's') {
        this.catchUp = { after: Math.max(seq, this.catchUp?.after ?? 0), now: Math.max(at, this.catchUp?.now ?? 0) }
        return item.resolve(seq)
      }
      if (seq === 0) return item.resolve(undefined)
      this.buffer.set(seq, { seq, at, replica: this.store.replica, kind: item.kind, payload: item.entry ?? {}, bytes: item.payload.length })
      this.results.set(seq, item)
    })
    this.known = Math.max(this.known, reply.head)
    this.drain()
    if (this.known > this.taken && !this.buffer.has(this.taken + 1)) void this.fillGap()
  }

  /** A new generation of the namespace (created, reset, or the store lost its data): start over. */
  private restart(reply: AppendReply): void {
    const hadState = this.gen !== '' || this.applied > 0
    this.gen = reply.gen
    this.clock.rebase(reply.start)
    if (hadState) this.forgetState(`Failed to answer in namespace ${this.name}: it was reset while this request was answered`)
    // The scale the store holds now; time scale entries replayed from the log set it on the way.
    this.clock.setScale(reply.scale)
  }

  /** Forgets local state (reset here or elsewhere, idle sweep); the next request rebuilds from the log. */
  forget(): void {
    this.gen = ''
    this.forgetState(`Failed to answer in namespace ${this.name}: it was forgotten while this request was answered`)
  }

  private forgetState(reason: string): void {
    for (const waiter of this.results.values()) waiter.reject(new NamespaceUnavailableError(reason))
    this.results.clear()
    for (const barrier of this.barriers) barrier.resolve()
    this.barriers = []
    this.callbacks.clear()
    this.buffer.clear()
    this.catchUp = undefined
    this.restoring = undefined
    this.snapshots.reset()
    this.applied = 0
    this.taken = 0
    this.known = 0
    this.engine.reset()
    this.tick.disarm()
  }

  /** Resolves once entry `seq` is applied and, after a sync, the clock has caught up. */
  private appliedUpTo(seq: number): Promise<void> {
    if (this.applied >= seq && !this.catchUpDue()) return Promise.resolve()
    return new Promise((resolve) => {
      this.barriers.push({ seq, resolve })
      this.drain()
    })
  }

  private catchUpDue(): boolean {
    return this.catchUp !== undefined && this.applied >= this.catchUp.after
  }

  private releaseBarriers(): void {
    if (this.barriers.length === 0 || this.catchUpDue()) return
    const due = this.barriers.filter((b) => b.seq <= this.applied)
    this.barriers = this.barriers.filter((b) => b.seq > this.applied)
    for (const b of due) b.resolve()
  }

  private drain(): void {
    if (this.draining) return
    this.draining = true
    void this.drainLoop().finally(() => {
      this.draining = false
      if (this.buffer.has(this.taken + 1) || this.catchUpDue() || this.restoring) this.drain()
      else if (this.known > this.taken) void this.fillGap()
    })
  }

  private async drainLoop(): Promise<void> {
    for (;;) {
      // Between entries: the place where a snapshot can replace everything up to its seq.
      if (this.restoring) this.restore(this.restoring)
      const seq = this.taken + 1
      const record = this.buffer.get(seq)
      if (!record) {
        const catchUp = this.catchUpDue() ? this.catchUp : undefined
        if (!catchUp) break
        // After a sync with nothing newer in the log: time moves to the store's now, and the
        // timers due by then run here, where every replica runs them (before any later entry).
        this.catchUp = undefined
        if (this.clock.hasDueBy(catchUp.now)) await this.clock.runTo(catchUp.now, settle)
        else if (this.clock.now() < catchUp.now) this.clock.set(catchUp.now)
        this.releaseBarriers()
        continue
      }
      // A later entry moves time at least as far as a pending catch-up would.
      if (this.catchUpDue()) this.catchUp = undefined
      this.buffer.delete(seq)
      this.taken = seq
      const waiter = this.results.get(seq)
      this.results.delete(seq)
      try {
        const outcome = this.clock.hasDueBy(record.at) ? applyAfterTimers(this, record) : applyEntry(this, record, NONE)
        const value = outcome instanceof Promise ? await outcome : outcome
        waiter?.resolve(value)
      } catch (error) {
        waiter?.reject(error as Error)
      }
      // A reset in between started the namespace over: this entry belonged to the old one.
      if (this.taken !== seq) break
      this.applied = seq
      this.snapshots.afterApply(record, this.gen, { quiet: () => isQuiet(this), stateBytes: () => stateBytes(this), capture: () => captureNamespace(this) })
      this.releaseBarriers()
    }
    if (!this.closed) {
      this.tick.arm()
      if (this.hasCallbackWork()) this.store.watch.announce(this.name)
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Snapshots (namespace-snapshots.ts)

  /** Replaces everything up to the snapshot's seq with its state; later entries apply as usual. */
  private restore(snapshot: SavedSnapshot): void {
    this.restoring = undefined
    if (snapshot.seq <= this.taken) return
    // Own entries inside the snapshot were applied elsewhere; their answers are lost here (rare: this
    // replica fell a whole snapshot interval behind while answering).
    for (const [seq, waiter] of this.results)
      if (seq <= snapshot.seq) {
        waiter.reject(new NamespaceUnavailableError(`Failed to answer in namespace ${this.name}: this replica fell behind the log`))
        this.results.delete(seq)
      }
    for (const seq of this.buffer.keys()) if (seq <= snapshot.seq) this.buffer.delete(seq)
    restoreNamespace(this, snapshot.state)
    this.snapshots.reset(snapshot.seq)
    this.taken = snapshot.seq
    this.applied = snapshot.seq
    this.known = Math.max(this.known, snapshot.seq)
    this.releaseBarriers()
  }

  // ---------------------------------------------------------------------------------------------
  // Gaps

  private async fillGap(): Promise<void> {
    if (this.filling) return
    this.filling = true
    try {
      while (this.known > this.taken && !this.buffer.has(this.taken + 1) && !this.restoring) {
        const from = this.taken + 1
        const records = await this.store.range(this.name, from, this.known)
        if (records[0]?.seq !== from) {
          // The log was trimmed past `from`: start from the namespace's snapshot instead.
          const snapshot = await this.store.loadSnapshot(this.name)
          if (snapshot && snapshot.gen === this.gen && snapshot.seq >= from && (records[0]?.seq ?? snapshot.seq + 1) <= snapshot.seq + 1) {
            this.restoring = snapshot
            for (const record of records) if (record.seq > snapshot.seq) this.buffer.set(record.seq, record)
            this.drain()
            return
          }
          this.broken = `Failed to rebuild namespace ${this.name}: its log no longer reaches back to entry ${from} and no snapshot covers it; reset the namespace (POST /__admin/reset)`
          this.forgetState(this.broken)
          return
        }
        for (const record of records) if (record.seq > this.taken) this.buffer.set(record.seq, record)
        this.drain()
      }
    } catch {
      // the store is away: the next request or follow round tries again
    } finally {
      this.filling = false
    }
  }

  close(): void {
    this.closed = true
    this.tick.disarm()
    this.callbacks.clear()
    for (const waiter of this.results.values()) waiter.reject(new NamespaceUnavailableError(`Failed to answer in namespace ${this.name}: it is closing`))
    this.results.clear()
    this.batch.fail(new NamespaceUnavailableError(`Failed to answer in namespace ${this.name}: it is closing`))
    this.clock.stop()
  }
}
