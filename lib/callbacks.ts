// Callback delivery as data: a vendor's delivery policy, its optional signing and the other documented
// forms of a body. The mock's outbox follows them; the suite judges receivers and clients by them.

export interface CallbackPolicy {
  /** The vendor's receiver timeout, in virtual milliseconds. */
  timeoutMs: number
  /** Delay before each retry after a failed attempt; its length is the number of retries. */
  retryDelaysMs: readonly number[]
  /** Which receiver statuses count as delivered. */
  isDelivered(status: number): boolean
  /** Where the vendor documents it (docs/vendors/<vendor>.md section or URL). */
  source?: string
  /** The parts no vendor source gives, chosen by veomock (INFER). */
  inferred?: ReadonlyArray<'timeoutMs' | 'retryDelaysMs' | 'isDelivered'>
}

/** How a vendor signs its callbacks (an optional HMAC), for the mock and for receiver tests. */
export interface CallbackSigning {
  /** The vendor option that holds the key (one of the dialect's `secretOptions`). */
  keyOption: string
  /** The signature header names, for forging deliveries without them. */
  headerNames: readonly string[]
  /** Signature headers for a body, stamped with wall-clock Unix ms; undefined when the body names no task. */
  headers(body: unknown, wallMs: number, key: string): Record<string, string> | undefined
  /** How far from the receiver's clock a signature timestamp may be before it counts as stale (advice). */
  freshnessMs: number
}

/** Another documented form of a callback body, where the vendor's sources disagree or list several. */
export interface CallbackVariant {
  /** Short name, e.g. `4k-snake-case`. */
  form: string
  body: unknown
  /** Which source documents it (docs/vendors/<vendor>.md section or the vendor URL). */
  source: string
}
