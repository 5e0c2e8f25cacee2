// Balances per API key (by fingerprint) and rate-limit windows, both on the virtual clock.

export interface RateLimit {
  /** Requests allowed per window per key. */
  limit: number
  windowMs: number
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number }

/** Windows are swept of idle keys once this many keys have one, so a long run stays bounded. */
const SWEEP_AT = 10_000

export class Accounts {
  // Balances are per vendor and key, each in that vendor's unit (credits, USD, micro-USDC
  // micro-USDC…), so one key used against two vendors is charged twice, not mixed. The admin
  // API sets a key's balance for every vendor at once. Nested maps, not `${vendor}:${key}`
  // strings, so no composite key string is kept per account.
  private balances = new Map<string, Map<string, number>>()
  private byKey = new Map<string, number>()
  private windows = new Map<string, Map<string, number[]>>()
  private windowKeys = 0
  private sweepAt = SWEEP_AT

  /** A key's balance at a vendor; a key never set starts with the vendor's default. */
  balance(vendor: string, keyId: string, initial: number): number {
    return this.balances.get(vendor)?.get(keyId) ?? this.byKey.get(keyId) ?? initial
  }

  /** Whether the admin API set this key's balance. */
  has(keyId: string): boolean {
    return this.byKey.has(keyId)
  }

  /** The value last set by the admin API, if any. */
  setValue(keyId: string): number | undefined {
    return this.byKey.get(keyId)
  }

  /** Vendors the key has been charged at, with their balances. */
  balancesOf(keyId: string): Record<string, number> {
    const out: Record<string, number> = {}
    for (const [vendor, byVendor] of this.balances) {
      const value = byVendor.get(keyId)
      if (value !== undefined) out[vendor] = value
    }
    return out
  }

  /** Sets a key's balance at every vendor (PUT /__admin/accounts/{apiKey}). */
  set(keyId: string, credits: number): void {
    this.byKey.set(keyId, credits)
    for (const byVendor of this.balances.values()) byVendor.delete(keyId)
  }

  /** Charges a price if the balance covers it. */
  charge(vendor: string, keyId: string, price: number, initial: number): boolean {
    const current = this.balance(vendor, keyId, initial)
    if (current < price) return false
    let byVendor = this.balances.get(vendor)
    if (!byVendor) this.balances.set(vendor, (byVendor = new Map()))
    // Round to keep bodies free of float noise (some vendors give USD balances with 4 decimals).
    byVendor.set(keyId, Math.round((current - price) * 1e6) / 1e6)
    return true
  }

  /** Gives an amount back (a failed task's released reservation). */
  credit(vendor: string, keyId: string, amount: number, initial: number): void {
    let byVendor = this.balances.get(vendor)
    if (!byVendor) this.balances.set(vendor, (byVendor = new Map()))
    byVendor.set(keyId, Math.round((this.balance(vendor, keyId, initial) + amount) * 1e6) / 1e6)
  }

  /**
   * A sliding window per vendor and key: excess requests are rejected, not queued, as the vendors that
   * document a limit do (e.g. "20 new generation requests per 10 seconds … rejected with HTTP 429").
   */
  admit(vendor: string, keyId: string, limit: RateLimit, now: number): RateDecision {
    let byVendor = this.windows.get(vendor)
    if (!byVendor) this.windows.set(vendor, (byVendor = new Map()))
    const since = now - limit.windowMs
    const previous = byVendor.get(keyId)
    if (!previous) this.windowKeys++
    const hits = previous ? previous.filter((t) => t > since) : []
    if (hits.length >= limit.limit) {
      byVendor.set(keyId, hits)
      return { allowed: false, retryAfterMs: Math.max(1, (hits[0] as number) + limit.windowMs - now) }
    }
    hits.push(now)
    byVendor.set(keyId, hits)
    if (this.windowKeys >= this.sweepAt) this.sweep(vendor, since)
    return { allowed: true }
  }

  // Forget keys whose every hit has left the window: they would be admitted afresh anyway.
  /** How many keys have a rate-limit window in memory (health counts and the memory bound's test). */
  windowCount(): number {
    let n = 0
    for (const m of this.windows.values()) n += m.size
    return n
  }

  private sweep(vendor: string, since: number): void {
    const byVendor = this.windows.get(vendor)
    if (!byVendor) return
    for (const [key, hits] of byVendor) if ((hits[hits.length - 1] ?? 0) <= since) byVendor.delete(key)
    this.windowKeys = 0
    for (const m of this.windows.values()) this.windowKeys += m.size
    // Many live keys: sweep less often, so admitting stays O(1) on average.
    this.sweepAt = Math.max(SWEEP_AT, this.windowKeys * 2)
  }

  clear(): void {
    this.balances.clear()
    this.byKey.clear()
    this.windows.clear()
    this.windowKeys = 0
    this.sweepAt = SWEEP_AT
  }

  /** Plain data for a shared-store snapshot (maps as entry lists); restore() takes it back. */
  snapshot(): AccountsSnapshot {
    const nested = <V>(m: Map<string, Map<string, V>>) => [...m].map(([k, inner]) => [k, [...inner]] as [string, Array<[string, V]>])
    return { balances: nested(this.balances), byKey: [...this.byKey], windows: nested(this.windows), windowKeys: this.windowKeys, sweepAt: this.sweepAt }
  }

  restore(data: AccountsSnapshot): void {
    this.balances = new Map(data.balances.map(([k, inner]) => [k, new Map(inner)]))
    this.byKey = new Map(data.byKey)
    this.windows = new Map(data.windows.map(([k, inner]) => [k, new Map(inner)]))
    this.windowKeys = data.windowKeys
    this.sweepAt = data.sweepAt
  }
}

export interface AccountsSnapshot {
  balances: Array<[string, Array<[string, number]>]>
  byKey: Array<[string, number]>
  windows: Array<[string, Array<[string, number[]]>]>
  windowKeys: number
  sweepAt: number
}
