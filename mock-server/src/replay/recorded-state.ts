// Reading a vendor's task state out of a recorded poll answer or callback body. The state words
// and where they sit are vendors/ facts; what replay adds is the label it shows and the failure
// text it keeps for the admin view.
import { type LifecycleState, lifecycleOf, VENDORS, type VendorId } from '../../../vendors/index.js'
import type { TaskFailure } from '../../../lib/scenarios.js'

/** A vendor's word for a task's state in a recorded body, mapped onto the canonical lifecycle. */
export interface RecordedState {
  state: LifecycleState
  /** The vendor's own state, e.g. `successFlag:1`, `processing`. */
  label: string
  /** The vendor's failure code and message, for guessing the failure kind. */
  failureText?: string
}

/** The value at a JSON pointer (`/data/state`), or undefined. */
export function atPointer(value: unknown, pointer: string): unknown {
  let node = value
  for (const key of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** Where each vendor puts a failure's code and message (docs/vendors/<vendor>.md §4). */
const FAILURE_TEXT: Record<VendorId, (body: unknown) => string> = {
  kie: (body) =>
    `${String(atPointer(body, '/data/errorCode') ?? atPointer(body, '/code') ?? '')} ${String(atPointer(body, '/data/errorMessage') ?? atPointer(body, '/msg') ?? '')}`,
  apixo: (body) => `${String(atPointer(body, '/data/failCode') ?? '')} ${String(atPointer(body, '/data/failMsg') ?? '')}`,
  xenodia: (body) => JSON.stringify(atPointer(body, '/error') ?? ''),
  odkkk: (body) => JSON.stringify(atPointer(body, '/error') ?? ''),
}

/**
 * The state in a recorded body. Polls and callbacks share a shape except at KIE, whose callback
 * has no successFlag and carries only `code`, 200 on success.
 * @see https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks (docs/vendors/kie.md §6.2)
 */
export function recordedStateOf(vendor: VendorId, body: unknown, kind: 'poll' | 'callback'): RecordedState | undefined {
  const facts = VENDORS[vendor]
  const word = atPointer(body, facts.statePointer)
  const tolerated: Readonly<Record<string, LifecycleState>> = 'alsoSeen' in facts ? facts.alsoSeen : {}
  const state = lifecycleOf(vendor, word) ?? (typeof word === 'string' && Object.hasOwn(tolerated, word) ? tolerated[word] : undefined)
  if (state) {
    // A numeric state word is shown with its field's name (`successFlag:1`).
    const label = typeof word === 'number' ? `${facts.statePointer.split('/').at(-1)}:${word}` : String(word)
    return { state, label, ...(state === 'failed' ? { failureText: FAILURE_TEXT[vendor](body) } : {}) }
  }
  const code = atPointer(body, '/code')
  if (vendor === 'kie' && kind === 'callback' && typeof code === 'number') {
    return code === 200 ? { state: 'succeeded', label: 'code:200' } : { state: 'failed', label: `code:${code}`, failureText: FAILURE_TEXT.kie(body) }
  }
  return undefined
}

/** The failure kind behind a vendor's failure text; only for the admin view, the bodies are the recorded ones. */
export function failureOf(text: string): TaskFailure {
  if (/content|polic|safety|nsfw|sensitive|violat|flagged|prohibited|unsafe/i.test(text)) return 'content_violation'
  if (/image/i.test(text)) return 'invalid_image'
  return 'generation_failed'
}
