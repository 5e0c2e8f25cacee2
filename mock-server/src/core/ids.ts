// Seeded ids and randomness. A stream is derived from (seed, label), so a vendor's n-th task gets the
// same id and timings whatever the other vendors are doing at the same time.
import { createHash } from 'node:crypto'
import { type Random, type SeededRandom, seededRandom } from '../../../lib/seeded-random.js'

/** Per-label random streams for one seed; reset() starts every stream again. */
export class RandomSource {
  readonly seed: number
  private streams = new Map<string, SeededRandom>()

  constructor(seed: number) {
    this.seed = seed
  }

  stream(label: string): Random {
    let s = this.streams.get(label)
    if (!s) {
      s = seededRandom(this.seed, label)
      this.streams.set(label, s)
    }
    return s
  }

  reset(): void {
    this.streams.clear()
  }

  /** Every stream's position, to be taken up again by restore(). */
  snapshot(): Array<[string, number[]]> {
    return [...this.streams].map(([label, s]) => [label, s.words()])
  }

  restore(positions: ReadonlyArray<[string, number[]]>): void {
    this.streams = new Map(positions.map(([label, words]) => [label, seededRandom(this.seed, label, words)]))
  }
}

/**
 * A short, stable, non-secret fingerprint of an API key, so the journal can say which key sent a
 * request without ever holding the key.
 */
const fingerprints = new Map<string, string>()

/**
 * Marks a value that is already a fingerprint (a replica of a shared mock reads keys in this form
 * from the store, which never holds the keys themselves). No HTTP header can carry a NUL.
 */
export const PRE_FINGERPRINTED = '\u0000'

export function keyFingerprint(apiKey: string): string {
  if (apiKey.startsWith(PRE_FINGERPRINTED)) return apiKey.slice(1)
  let id = fingerprints.get(apiKey)
  if (id === undefined) {
    // Hex of the first 6 bytes only: a slice of the full digest string would keep all of it alive.
    id = `key_${createHash('sha256').update(apiKey).digest().subarray(0, 6).toString('hex')}`
    // Every request hashes its key; a small cache spares the hash for the keys in use.
    if (fingerprints.size >= 1000) fingerprints.clear()
    fingerprints.set(apiKey, id)
  }
  return id
}
