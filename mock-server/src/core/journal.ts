// The request journal and the callback journal: bounded rings of what happened, secrets redacted.
// Bounded in bytes as well as entries: a few hundred 1 MB bodies must not fill the heap.
import { copyJson } from '../../../lib/json-body.js'
import type { ScenarioName } from '../../../lib/scenarios.js'
import { redactHeaderValue } from '../../../lib/redaction.js'

export interface JournalEntry {
  seq: number
  vendor: string | null
  method: string
  path: string
  route: string | null
  operationId: string | null
  query: Record<string, unknown>
  status: number
  at: number
  durationMs: number
  valid: boolean
  issues: string[]
  taskId: string | null
  keyId: string | null
  authorization: 'bearer' | 'missing' | 'other'
  scenario: ScenarioName | null
  requestBody: unknown
  /**
   * The response body as sent (JSON text, or a note for bytes). Kept as the text the server wrote
   * rather than an object tree: a third of the memory, and no second serialization.
   */
  responseText: string
  /** Request headers as Node's flat [name, value, …] list, credentials already redacted. */
  headers: string[]
}

/** A journal entry as the admin API shows it (specs/admin.openapi.yaml JournalEntry). */
export function publicEntry(entry: JournalEntry): Omit<JournalEntry, 'responseText' | 'headers'> & { responseBody: unknown; headers: Record<string, string> } {
  const { responseText, headers, ...rest } = entry
  let responseBody: unknown = responseText
  try {
    responseBody = responseText === '' ? null : JSON.parse(responseText)
  } catch {
    // not JSON (a file, plain text): shown as the text itself
  }
  const named: Record<string, string> = {}
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = (headers[i] as string).toLowerCase()
    named[name] = named[name] === undefined ? (headers[i + 1] as string) : `${named[name]}, ${headers[i + 1]}`
  }
  // `requestBody` is required by the admin spec: a request without a body shows null, not nothing.
  return { ...rest, requestBody: rest.requestBody === undefined ? null : rest.requestBody, headers: named, responseBody }
}

/** Header bytes a journal entry keeps; past it values are cut (Node itself accepts 16 KB). */
export const MAX_KEPT_HEADER_BYTES = 4096
/** Body bytes a journal entry keeps; a larger body is journalled as a note of its size. */
export const MAX_KEPT_BODY_BYTES = 64 * 1024

/**
 * A copy of Node's flat header list with every credential redacted (see redactHeaders) and the
 * whole cut to `maxBytes`, so 15 kB of headers per request cannot fill the journal.
 */
export function redactRawHeaders(raw: readonly string[], maxBytes = MAX_KEPT_HEADER_BYTES): string[] {
  const out = raw.slice()
  let budget = maxBytes
  for (let i = 0; i + 1 < out.length; i += 2) {
    const name = out[i] as string
    let value = redactHeaderValue(name.toLowerCase(), out[i + 1] as string)
    budget -= name.length
    if (value.length > budget) value = `${value.slice(0, Math.max(0, budget))}…[${value.length} chars, cut]`
    budget = Math.max(0, budget - value.length)
    out[i + 1] = value
  }
  return out
}

/** Approximate bytes of a flat header list. */
export function headerBytes(raw: readonly string[]): number {
  let n = 0
  for (const part of raw) n += part.length
  return n
}

/** The body as a journal keeps it: itself, or a note of its size when over MAX_KEPT_BODY_BYTES. */
export function keptBody(body: unknown, rawBytes: number): unknown {
  return rawBytes > MAX_KEPT_BODY_BYTES ? `[${rawBytes} bytes, not kept: over ${MAX_KEPT_BODY_BYTES}]` : body
}

export interface CallbackAttempt {
  seq: number
  taskId: string
  vendor: string
  url: string
  attempt: number
  at: number
  event: string
  body: unknown
  headers: Record<string, string>
  status: number | null
  error: string | null
  /** What kind of transport error (null when a response arrived). */
  errorKind: CallbackErrorKind | null
  durationMs: number
  delivered: boolean
  nextAttemptAt: number | null
  /** What the delivery was: genuine, a duplicate of it, or a forgery (contract §3). */
  kind: 'genuine' | 'duplicate' | 'forged'
  /** Virtual ms the receiver took to answer; null when it did not. */
  ackMs: number | null
}

export type CallbackErrorKind = 'timeout' | 'refused' | 'reset' | 'blocked' | 'other'

/**
 * Every secret value the mock has held since it started (an HMAC key rotated through the admin
 * API must stay redacted in the entries journalled before), newest first, bounded.
 */
export class SecretHistory {
  private values: string[] = []
  private readonly cap: number

  constructor(cap = 32) {
    this.cap = cap
  }

  remember(value: string): void {
    if (!value) return
    this.values = [value, ...this.values.filter((v) => v !== value)].slice(0, this.cap)
  }

  list(): readonly string[] {
    return this.values
  }

  restore(values: readonly string[]): void {
    this.values = values.slice(0, this.cap)
  }
}

/**
 * A ring bounded by entries and by approximate bytes (what each push declares): past either
 * bound the oldest entries are evicted and counted. The newest entry is always kept.
 */
export class Ring<T extends { seq: number }> {
  private items: T[] = []
  private sizes: number[] = []
  private head = 0
  private seq = 0
  private used = 0
  evicted = 0
  readonly cap: number
  readonly maxBytes: number

  constructor(cap: number, maxBytes = Infinity) {
    this.cap = cap
    this.maxBytes = maxBytes
  }

  nextSeq(): number {
    return ++this.seq
  }

  push(item: T, bytes = 0): void {
    this.items.push(item)
    this.sizes.push(bytes)
    this.used += bytes
    while (this.items.length - this.head > 1 && (this.items.length - this.head > this.cap || this.used > this.maxBytes)) {
      this.used -= this.sizes[this.head] as number
      // Let go of the entry now, not at the next compaction.
      this.items[this.head] = undefined as unknown as T
      this.head++
      this.evicted++
    }
    // Compact now and then instead of shifting on every push.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.sizes = this.sizes.slice(this.head)
      this.head = 0
    }
  }

  get size(): number {
    return this.items.length - this.head
  }

  /** Approximate bytes held (the sum of what each push declared). */
  get bytes(): number {
    return this.used
  }

  filter(predicate: (item: T) => boolean, limit = Infinity): T[] {
    const out: T[] = []
    for (let i = this.head; i < this.items.length && out.length < limit; i++) {
      const item = this.items[i] as T
      if (predicate(item)) out.push(item)
    }
    return out
  }

  clear(): void {
    this.items = []
    this.sizes = []
    this.head = 0
    this.seq = 0
    this.used = 0
    this.evicted = 0
  }

  /** Plain data for a shared-store snapshot; restore() takes it back. */
  snapshot(): { items: T[]; sizes: number[]; seq: number; used: number; evicted: number } {
    return { items: this.items.slice(this.head), sizes: this.sizes.slice(this.head), seq: this.seq, used: this.used, evicted: this.evicted }
  }

  restore(data: ReturnType<Ring<T>['snapshot']>): void {
    Object.assign(this, { items: data.items.slice(), sizes: data.sizes.slice(), head: 0, seq: data.seq, used: data.used, evicted: data.evicted })
  }
}
