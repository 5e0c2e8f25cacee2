// The interface between the HTTP wiring and a shared store (contract §4.1). Types only: server.ts
// imports this file, and loads an implementation (redis-store.ts) only when --store is given.
import type { RequestHandler } from 'express'
import type { RealTime, TimeScale, VirtualClock } from '../core/clock.js'
import type { MockEngine } from '../core/engine.js'
import type { CallbackSender } from '../core/outbox.js'
import type { UnroutedRequest, VendorDispatch } from '../namespaces/namespace-app.js'
import type { NamespaceInfo } from '../namespaces/namespace-registry.js'

export interface StoreSettings {
  /** The time scale of every namespace's clock. */
  scale: TimeScale
  /** Virtual Unix ms at a namespace's creation and after its reset. */
  clockStart: number
  /** Forget a named namespace after this many real ms without a request (0 = never). */
  idleMs: number
  /** Entries a namespace's log keeps (default LOG_CAP in redis-store.ts). */
  logCap?: number
  /** Payload bytes a namespace's log holds at most (default LOG_MAX_BYTES in redis-store.ts). */
  logMaxBytes?: number
  real: RealTime
}

/** Builds a namespace's engine on the clock and callback transport the store provides. */
export type EngineFactory = (clock: VirtualClock, send: CallbackSender) => MockEngine

/** A namespace whose state is kept identical on every replica. */
export interface SharedNamespace {
  engine: MockEngine
  /** Answers a vendor request once every earlier request of the namespace has been applied. */
  dispatch: VendorDispatch
  /** Applies everything the namespace's log holds now, and moves the clock to the shared now. */
  sync(): Promise<void>
  /** Journals a request outside every vendor prefix on every replica. */
  journalUnrouted(req: UnroutedRequest, status: number, text: string): Promise<void>
  /** Replicates admin writes; lets reads through once synced. */
  adminGate: RequestHandler
  close(): void
}

export interface SharedStore {
  /** The store's URL without credentials, for health and logs. */
  readonly description: string
  /** `send` is the real callback transport, used by whichever replica holds a delivery's lease. */
  openNamespace(name: string, makeEngine: EngineFactory, send: CallbackSender): SharedNamespace
  /**
   * How the server opens a namespace no request has reached here: the store takes up the callbacks
   * of namespaces whose replica died (store/callback-watch.ts).
   */
  adoptWith(open: (name: string) => void): void
  /** Every namespace in the store; counts from the local engine when this replica holds it. */
  namespaces(local: (name: string) => MockEngine | undefined): Promise<NamespaceInfo[]>
  close(): Promise<void>
}
