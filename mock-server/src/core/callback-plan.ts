// Which callback deliveries a settled task gets, per scenario (contract §3), and what each one is:
// the genuine callback, a duplicate of it, or a forgery. Vendor-neutral: a dialect renders the
// body; where the dialect signs (`callbacks.signing`) the signature is added here, stamped with
// the wall clock (contract §5.2) so a receiver's freshness check works at any time scale.
import type { CallbackSigning } from '../../../lib/callbacks.js'
import type { DialectCallbacks, VendorOptions } from './dialect.js'
import type { CallbackMessage, DeliveryKind } from './outbox.js'
import type { Task, TaskView } from './task.js'

/**
 * The second delivery of a `duplicate_callback` task follows the first by this much: none, as when
 * two of a vendor's workers deliver one event at once (at-least-once delivery, docs/contract.md §3).
 * Both reach a client while it still runs, so answering the second one wrongly cannot hide behind
 * the client's exit.
 */
export const DUPLICATE_CALLBACK_GAP_MS = 0
/** `callback_delayed`: the callback comes this long after the task finished, far past any vendor's usual delay. */
export const CALLBACK_DELAY_MS = 30 * 60_000
/** `callback_forged`: forgeries arrive this long before the genuine callback (while the task still runs). */
export const FORGED_LEAD_MS = 30_000
/** A stale forged signature is this far in the past: outside any replay window. */
export const STALE_SIGNATURE_MS = 3600_000
/** What an unsigned forgery claims: the task failed on content policy, although it succeeds. */
export const FORGED_FAILURE = 'content_violation' as const

export type Forgery = 'bad-signature' | 'missing-signature' | 'stale-signature' | 'lie'

export interface PlannedCallback {
  /** Virtual time of the first attempt. */
  at: number
  kind: DeliveryKind
  forgery?: Forgery
}

/** The deliveries of a task that settles at `at`; `signs` when the vendor signs and a key is set. */
export function planCallbacks(task: Pick<Task, 'scenario' | 'createdAt'>, at: number, signs: boolean): PlannedCallback[] {
  switch (task.scenario) {
    case 'callback_lost':
      return []
    case 'callback_delayed':
      return [{ at: at + CALLBACK_DELAY_MS, kind: 'genuine' }]
    case 'duplicate_callback':
      return [
        { at, kind: 'genuine' },
        { at: at + DUPLICATE_CALLBACK_GAP_MS, kind: 'duplicate' },
      ]
    case 'callback_forged': {
      const first = Math.max(task.createdAt, at - FORGED_LEAD_MS)
      const forged: Forgery[] = signs ? ['bad-signature', 'missing-signature', 'stale-signature'] : ['lie']
      return [...forged.map((forgery, i) => ({ at: Math.min(at - 1, first + i), kind: 'forged' as const, forgery })), { at, kind: 'genuine' }]
    }
    default:
      return [{ at, kind: 'genuine' }]
  }
}

/** The key a dialect signs with under these options, when it signs. */
export function signingKey(callbacks: DialectCallbacks, options: VendorOptions): { signing: CallbackSigning; key: string } | undefined {
  const signing = callbacks.signing
  const key = signing ? options[signing.keyOption] : undefined
  return signing && typeof key === 'string' && key !== '' ? { signing, key } : undefined
}

/** The view a forgery claims: the task failed (it is sent while the task still runs). */
export function forgedView(attemptAt: number): TaskView {
  return { state: 'failed', progress: 0, settledAt: attemptAt, failure: FORGED_FAILURE }
}

/**
 * The message with the vendor's signature headers, when it signs and a key is set; a forgery gets
 * a wrong key, no headers or an hour-old timestamp. Stamped with the wall clock (contract §5.2).
 */
export function signCallback(message: CallbackMessage, key: ReturnType<typeof signingKey>, wallMs: number, forgery?: Forgery): CallbackMessage {
  if (!key || forgery === 'missing-signature') return message
  const secret = forgery === 'bad-signature' ? `${key.key}-forged` : key.key
  const when = forgery === 'stale-signature' ? wallMs - STALE_SIGNATURE_MS : wallMs
  return { ...message, headers: { ...message.headers, ...key.signing.headers(message.body, when, secret) } }
}
