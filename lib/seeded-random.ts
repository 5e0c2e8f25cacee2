// Seeded randomness. A stream is derived from (seed, label), so the same seed and label give the same
// ids and timings in the mock, in replicas and in the suite's generated deliveries.
import { createHash } from 'node:crypto'

export interface Random {
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number
  hex(length: number): string
  /** Lowercase letters and digits. */
  alnum(length: number): string
  uuid(): string
}

function seedWords(seed: number, label: string): [number, number, number, number] {
  const digest = createHash('sha256').update(`${seed}:${label}`).digest()
  return [digest.readUInt32LE(0), digest.readUInt32LE(4), digest.readUInt32LE(8), digest.readUInt32LE(12)]
}

/** A seeded stream whose position can be saved and taken up again (shared-store snapshots). */
export interface SeededRandom extends Random {
  words(): [number, number, number, number]
}

/** sfc32: small, fast and good enough for ids and jitter; never for secrets. `from` resumes a saved position. */
export function seededRandom(seed: number, label: string, from?: readonly number[]): SeededRandom {
  let [a, b, c, d] = from && from.length === 4 ? (from as [number, number, number, number]) : seedWords(seed, label)
  const next = (): number => {
    a >>>= 0
    b >>>= 0
    c >>>= 0
    d >>>= 0
    let t = (a + b) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    d = (d + 1) | 0
    t = (t + d) | 0
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  // Built from char codes in one go: `out += c` would leave a chain of one rope node per
  // character, about 800 bytes per id that lives as long as its task.
  const pick = (alphabet: string, length: number): string => {
    const codes = new Array<number>(length)
    for (let i = 0; i < length; i++) codes[i] = alphabet.charCodeAt(Math.floor(next() * alphabet.length))
    return String.fromCharCode(...codes)
  }
  return {
    next,
    words: () => [a, b, c, d],
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    hex: (length) => pick('0123456789abcdef', length),
    alnum: (length) => pick('abcdefghijklmnopqrstuvwxyz0123456789', length),
    uuid: () => {
      const h = pick('0123456789abcdef', 32)
      const variant = '89ab'[Math.floor(next() * 4)]
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
    },
  }
}
