// JSON as untrusted input: parsing with a depth limit, and walking values without recursion.
// A body nested a few thousand levels deep used to overflow the stack of every recursive walk
// (token stripping, secret redaction, the admin answers that show it) and a `__proto__` key,
// copied by assignment, became the copy's prototype. Every walk here is iterative and every
// copy has a null prototype, so a key is always just a key.

/** Deeper than any vendor body (they nest 3–4 levels); deep enough for any honest client. */
export const MAX_JSON_DEPTH = 64

/** What a walk puts in place of a value nested deeper than it is willing to go. */
export const TOO_DEEP = '[nested too deep]'

export class JsonBodyError extends Error {
  readonly reason: 'malformed' | 'too_deep'
  /** What is wrong, without the "Failed to parse" lead: for vendor error messages. */
  readonly detail: string
  constructor(reason: 'malformed' | 'too_deep', detail: string) {
    super(`Failed to parse the request body: ${detail}`)
    this.reason = reason
    this.detail = detail
  }
}

/**
 * Parses a request body as JSON: throws JsonBodyError for text that is not JSON or that nests
 * deeper than `maxDepth`. Objects come back with a null prototype.
 */
export function parseJsonBody(raw: string | Uint8Array, maxDepth = MAX_JSON_DEPTH): unknown {
  // Checked on the text, before parsing: JSON.parse itself takes seconds on 1 MB of brackets.
  if (textDepthExceeds(raw, maxDepth)) {
    throw new JsonBodyError('too_deep', `it nests deeper than ${maxDepth} levels`)
  }
  let value: unknown
  try {
    value = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'))
  } catch (e) {
    throw new JsonBodyError('malformed', `it is not valid JSON: ${(e as Error).message}`)
  }
  return copyJson(value, identity)
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_SQUARE = 0x5b
const OPEN_CURLY = 0x7b
const CLOSE_SQUARE = 0x5d
const CLOSE_CURLY = 0x7d

/**
 * Whether JSON text opens more than `max` arrays/objects at once, scanning characters (or UTF-8
 * bytes: every byte of a multi-byte character is >= 0x80, so none is mistaken for a bracket).
 */
export function textDepthExceeds(raw: string | Uint8Array, max: number): boolean {
  // Two copies of one loop: indexing a string and a byte array directly keeps it fast (~1 ms/MB).
  let depth = 0
  let inString = false
  if (typeof raw === 'string') {
    for (let i = 0; i < raw.length; i++) {
      const c = raw.charCodeAt(i)
      if (inString) {
        if (c === BACKSLASH) i++
        else if (c === QUOTE) inString = false
      } else if (c === QUOTE) inString = true
      else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
        if (++depth > max) return true
      } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) depth--
    }
    return false
  }
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as number
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > max) return true
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) depth--
  }
  return false
}

/** True when a value nests arrays/objects more than `max` levels deep (iterative, stops early). */
export function depthExceeds(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false
  const values: unknown[] = [value]
  const depths: number[] = [1]
  while (values.length > 0) {
    const v = values.pop() as object
    const depth = depths.pop() as number
    if (depth > max) return true
    const children = Array.isArray(v) ? v : Object.values(v)
    for (const child of children) {
      if (child !== null && typeof child === 'object') {
        values.push(child)
        depths.push(depth + 1)
      }
    }
  }
  return false
}

/**
 * A deep copy of a JSON value with every string passed through `mapString`, key order kept.
 * Iterative; objects get a null prototype; anything deeper than `maxDepth` becomes TOO_DEEP.
 */
export function copyJson(value: unknown, mapString: (s: string) => string, maxDepth = 4 * MAX_JSON_DEPTH): unknown {
  const root: Record<string, unknown> = Object.create(null)
  // Jobs are popped last-in first-out; children are pushed in reverse so keys keep their order.
  const stack: Array<{ src: unknown; into: Record<string | number, unknown>; key: string | number; depth: number }> = [
    { src: value, into: root, key: 'v', depth: 0 },
  ]
  while (stack.length > 0) {
    const { src, into, key, depth } = stack.pop() as (typeof stack)[number]
    if (typeof src === 'string') into[key] = mapString(src)
    else if (src === null || typeof src !== 'object') into[key] = src
    else if (depth >= maxDepth) into[key] = TOO_DEEP
    else if (Array.isArray(src)) {
      const out: unknown[] = new Array(src.length)
      into[key] = out
      for (let i = src.length - 1; i >= 0; i--) stack.push({ src: src[i], into: out as unknown as Record<number, unknown>, key: i, depth: depth + 1 })
    } else {
      const out: Record<string, unknown> = Object.create(null)
      into[key] = out
      const keys = Object.keys(src)
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string
        stack.push({ src: (src as Record<string, unknown>)[k], into: out, key: k, depth: depth + 1 })
      }
    }
  }
  return root.v
}

function identity(s: string): string {
  return s
}
