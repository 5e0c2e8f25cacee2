// Every vendor's facts, in the contract's vendor order (kie, apixo, xenodia, odkkk).
import { apixo } from './apixo.js'
import { kie } from './kie.js'
import { odkkk } from './odkkk.js'
import type { LifecycleState, VendorFacts } from './vendor.js'
import { xenodia } from './xenodia.js'

export type { LifecycleState, VendorFacts }
export { apixo, kie, odkkk, xenodia }

export const VENDORS = { kie, apixo, xenodia, odkkk } as const

export type VendorId = keyof typeof VENDORS

/** The ids in the contract's order. */
export const VENDOR_IDS: readonly VendorId[] = ['kie', 'apixo', 'xenodia', 'odkkk']

export function isVendorId(value: unknown): value is VendorId {
  return typeof value === 'string' && Object.hasOwn(VENDORS, value)
}

export function vendorFacts(id: VendorId): VendorFacts {
  return VENDORS[id]
}

/** The canonical state of a vendor's state word (`'1'`, `processing`), or undefined for an unknown word. */
export function lifecycleOf(id: VendorId, word: unknown): LifecycleState | undefined {
  if (typeof word !== 'string' && typeof word !== 'number') return undefined
  const states: Readonly<Record<string, LifecycleState>> = VENDORS[id].states
  return Object.hasOwn(states, String(word)) ? states[String(word)] : undefined
}

/** The state words in lifecycle order: running (queued and running), the success word, the failure words. */
export function stateWords(id: VendorId): { pointer: string; running: string[]; success: string; failed: string[] } {
  const states: Readonly<Record<string, LifecycleState>> = VENDORS[id].states
  const words = Object.keys(states)
  const of = (...wanted: LifecycleState[]) => words.filter((w) => wanted.includes(states[w] as LifecycleState))
  return { pointer: VENDORS[id].statePointer, running: of('queued', 'running'), success: of('succeeded')[0] ?? '', failed: of('failed') }
}

/**
 * The vendor's word for each lifecycle state, for a rendering that needs exactly one: the first word
 * of `states` that maps to it (vendors whose queue has two words, or failure two codes, pick their own).
 */
export function wordOf<S extends Readonly<Record<string, LifecycleState>>>(states: S, state: LifecycleState): Extract<keyof S, string> {
  const word = Object.keys(states).find((w) => states[w] === state)
  if (word === undefined) throw new Error(`Failed to name the state ${state}: the vendor's facts have no word for it`)
  return word as Extract<keyof S, string>
}

/** Live base URLs by vendor (docs/contract.md §6). */
export const LIVE_BASE_URLS = Object.fromEntries(VENDOR_IDS.map((id) => [id, VENDORS[id].liveBaseUrl])) as Record<VendorId, string>

/** Contract §6: live keys come only from these environment variables. */
export const KEY_ENV_VARS = Object.fromEntries(VENDOR_IDS.map((id) => [id, VENDORS[id].keyEnv])) as Record<VendorId, string>
