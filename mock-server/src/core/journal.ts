// The request journal and the callback journal: bounded rings of what happened, secrets redacted.
import type { ScenarioName } from './scenario.js'

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
  return { ...rest, headers: named, responseBody }
}

/** A copy of Node's flat header list with every credential redacted (see redactHeaders). */
export function redactRawHeaders(raw: readonly string[]): string[] {
  const out = raw.slice()
  for (let i = 0; i + 1 < out.length; i += 2) out[i + 1] = redactHeaderValue((out[i] as string).toLowerCase(), out[i + 1] as string)
  return out
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
  durationMs: number
  delivered: boolean
  nextAttemptAt: number | null
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key'])
export const REDACTED = '[redacted]'

/** Request headers with every credential replaced; the scheme of Authorization is kept. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue
    const lower = name.toLowerCase()
    out[lower] = redactHeaderValue(lower, Array.isArray(raw) ? raw.join(', ') : raw)
  }
  return out
}

/** One header's value with its credential replaced; the scheme of Authorization is kept. */
function redactHeaderValue(lowerName: string, value: string): string {
  if (lowerName === 'authorization' || lowerName === 'proxy-authorization') {
    const scheme = /^(\S+)\s/.exec(value)?.[1]
    return scheme ? `${scheme} ${REDACTED}` : REDACTED
  }
  return SECRET_HEADERS.has(lowerName) ? REDACTED : value
}

/**
 * Removes known secrets from any JSON value: every occurrence of a secret string is replaced,
 * wherever it sits (a key echoed in a body, a URL query, a header).
 */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const live = secrets.filter((s) => s.length >= 4)
  if (live.length === 0) return value
  const scrub = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let s = v
      for (const secret of live) if (s.includes(secret)) s = s.split(secret).join(REDACTED)
      return s
    }
    if (Array.isArray(v)) return v.map(scrub)
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) out[k] = scrub(x)
      return out
    }
    return v
  }
  return scrub(value) as T
}

export class Ring<T extends { seq: number }> {
  private items: T[] = []
  private head = 0
  private seq = 0
  evicted = 0
  readonly cap: number

  constructor(cap: number) {
    this.cap = cap
  }

  nextSeq(): number {
    return ++this.seq
  }

  push(item: T): void {
    this.items.push(item)
    if (this.items.length - this.head > this.cap) {
      this.head++
      this.evicted++
      // Compact now and then instead of shifting on every push.
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head)
        this.head = 0
      }
    }
  }

  get size(): number {
    return this.items.length - this.head
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
    this.head = 0
    this.seq = 0
    this.evicted = 0
  }
}
