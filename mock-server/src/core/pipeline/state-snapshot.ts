// A namespace's whole state as plain JSON data, so a replica of a shared mock can start from a
// snapshot plus the tail of the namespace's log instead of replaying the log from its start (the
// log can then be trimmed). Taken at any point where no callback attempt is on the wire (a
// connection is not data); deliveries waiting for their next attempt are data (core/outbox.ts) and
// are set again on the restored clock.
import type { ClockSnapshot } from '../clock.js'
import type { VendorOptions } from '../dialect.js'
import type { EngineState } from './engine-state.js'

export interface StateSnapshot {
  clock: ClockSnapshot
  random: Array<[string, number[]]>
  tasks: ReturnType<EngineState['tasks']['snapshot']>
  journal: ReturnType<EngineState['journal']['snapshot']>
  outbox: NonNullable<ReturnType<EngineState['outbox']['snapshot']>>
  rules: ReturnType<EngineState['rules']['snapshot']>
  accounts: ReturnType<EngineState['accounts']['snapshot']>
  options: Array<[string, VendorOptions]>
  submits: Array<[string, number]>
  refunds: ReturnType<EngineState['refunds']['snapshot']>
  secrets: string[]
  violations: string[]
  cutSubmits: string[]
}

/**
 * No callback attempt on the wire or waiting for a free slot, and every timer a waiting delivery's
 * (the outbox is the only scheduled thing; any other timer would be lost): the state is plain data.
 */
export function isCapturable(state: EngineState): boolean {
  return state.outbox.idle() && state.clock.pendingTimers() === state.outbox.pendingCount()
}

/** The state now, or undefined when it is not capturable (isCapturable). */
export function captureState(state: EngineState): StateSnapshot | undefined {
  const outbox = isCapturable(state) ? state.outbox.snapshot() : undefined
  if (!outbox) return undefined
  return {
    clock: state.clock.snapshot(),
    random: state.random.snapshot(),
    tasks: state.tasks.snapshot(),
    journal: state.journal.snapshot(),
    outbox,
    rules: state.rules.snapshot(),
    accounts: state.accounts.snapshot(),
    options: [...state.options],
    submits: [...state.submits],
    refunds: state.refunds.snapshot(),
    secrets: [...state.secretHistory.list()],
    violations: [...state.violations],
    cutSubmits: [...state.cutSubmits],
  }
}

/**
 * Replaces the state with a snapshot's. The clock is the caller's (it knows where time comes from):
 * set its time first, since waiting deliveries are scheduled on it here.
 */
export function restoreState(state: EngineState, snapshot: StateSnapshot): void {
  state.outbox.restore(snapshot.outbox, (vendor) => state.config.vendors.get(vendor)?.dialect.callbacks.policy)
  state.random.restore(snapshot.random)
  state.tasks.restore(snapshot.tasks)
  state.journal.restore(snapshot.journal)
  state.rules.restore(snapshot.rules)
  state.accounts.restore(snapshot.accounts)
  // In place: other parts of the engine may hold these very collections.
  state.options.clear()
  for (const [vendor, options] of snapshot.options) state.options.set(vendor, options)
  state.submits.clear()
  for (const [vendor, n] of snapshot.submits) state.submits.set(vendor, n)
  state.refunds.restore(snapshot.refunds)
  state.secretHistory.restore(snapshot.secrets)
  state.violations.splice(0, state.violations.length, ...snapshot.violations)
  state.cutSubmits.clear()
  for (const key of snapshot.cutSubmits) state.cutSubmits.add(key)
}
