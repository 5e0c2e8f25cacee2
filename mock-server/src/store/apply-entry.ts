// How a replica applies one entry of a namespace's log to its own engine (replicated-namespace.ts
// decides when). The same entry gives the same result on every replica.
import express from 'express'
import { createAdminRouter } from '../admin/admin-routes.js'
import type { TimeScale } from '../core/clock.js'
import type { MockEngine } from '../core/engine.js'
import { type AdvanceResult, injectAdmin } from './admin-replication.js'
import type { CallbackResult, LeasedCallbacks } from './leased-callbacks.js'
import type { LogClock } from './log-clock.js'
import { type AdminEntry, decodeVendorRequest, type VendorEntry } from './log-entry.js'
import type { LogRecord } from './redis-store.js'

/** Lets work started in this tick reach its first real wait (microtasks run before setImmediate). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export interface ApplyTarget {
  readonly engine: MockEngine
  readonly clock: LogClock
  readonly callbacks: LeasedCallbacks
  /** The namespace's own admin router, which admin writes from the log are applied to. */
  readonly localAdmin: express.Express
}

/** An admin router that only the log reaches (no guard, no gate: the write was checked where it arrived). */
export function localAdminApp(engine: MockEngine, namespace: string): express.Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('query parser', 'simple')
  app.use('/__admin', createAdminRouter(engine, { namespace }))
  return app
}

/** Runs the timers due by the entry's time (each at its own time), then applies the entry. */
export async function applyAfterTimers(target: ApplyTarget, record: LogRecord): Promise<unknown> {
  const started = await target.clock.runTo(record.at, settle)
  return applyEntry(target, record, started)
}

export function applyEntry({ engine, clock, callbacks, localAdmin }: ApplyTarget, record: LogRecord, started: Promise<void>[]): unknown {
  clock.set(Math.max(clock.now(), record.at))
  const payload = typeof record.payload === 'string' ? (record.payload ? JSON.parse(record.payload) : {}) : record.payload
  switch (record.kind) {
    case 'v':
      return engine.handle(decodeVendorRequest(payload as VendorEntry))
    case 'u': {
      const { e, s, t } = payload as { e: VendorEntry; s: number; t: string }
      return engine.journalUnrouted(decodeVendorRequest(e), s, t)
    }
    case 'a':
      return injectAdmin(localAdmin, payload as AdminEntry)
    case 'x':
      return { snapshot: clock.snapshot(), done: Promise.all(started) } satisfies AdvanceResult
    case 'k':
      // Applied on every replica at the same point of the log (the store re-anchored its clock).
      clock.setScale((payload as { s: TimeScale }).s)
      return clock.snapshot()
    case 'c':
      // The outbox records the attempt (and schedules a retry, or starts an attempt that waited
      // for a free slot) before the next entry applies.
      return callbacks.settle(payload as CallbackResult) ? settle() : undefined
    default:
      return undefined
  }
}
