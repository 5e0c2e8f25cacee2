// Balances per API key (by fingerprint) and rate-limit windows, both on the virtual clock.

export interface RateLimit {
  /** Requests allowed per window per key. */
  limit: number
  windowMs: number
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number }

export class Accounts {
  private balances = new Map<string, number>()
  private windows = new Map<string, number[]>()

  // Balances are per vendor and key, each in that vendor's unit (KIE credits, Apixo USD, Xenodia
  // micro-USDC…), so one key used against two vendors is charged twice, not mixed. The admin
  // API sets a key's balance for every vendor at once.
  private byKey = new Map<string, number>()

  /** A key's balance at a vendor; a key never set starts with the vendor's default. */
  balance(vendor: string, keyId: string, initial: number): number {
    return this.balances.get(`${vendor}:${keyId}`) ?? this.byKey.get(keyId) ?? initial
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
    for (const [k, v] of this.balances) if (k.endsWith(`:${keyId}`)) out[k.slice(0, -keyId.length - 1)] = v
    return out
  }

  /** Sets a key's balance at every vendor (PUT /__admin/accounts/{apiKey}). */
  set(keyId: string, credits: number): void {
    this.byKey.set(keyId, credits)
    for (const k of [...this.balances.keys()]) if (k.endsWith(`:${keyId}`)) this.balances.delete(k)
  }

  /** Charges a price if the balance covers it. */
  charge(vendor: string, keyId: string, price: number, initial: number): boolean {
    const current = this.balance(vendor, keyId, initial)
    if (current < price) return false
    // Round to keep bodies free of float noise (Apixo balances are USD with 4 decimals).
    this.balances.set(`${vendor}:${keyId}`, Math.round((current - price) * 1e6) / 1e6)
    return true
  }

  /**
   * A sliding window per vendor and key: excess requests are rejected, not queued (KIE: "20 new
   * generation requests per 10 seconds … rejected with HTTP 429").
   */
  admit(vendor: string, keyId: string, limit: RateLimit, now: number): RateDecision {
    const key = `${vendor}:${keyId}`
    const since = now - limit.windowMs
    const hits = (this.windows.get(key) ?? []).filter((t) => t > since)
    if (hits.length >= limit.limit) {
      this.windows.set(key, hits)
      return { allowed: false, retryAfterMs: Math.max(1, (hits[0] as number) + limit.windowMs - now) }
    }
    hits.push(now)
    this.windows.set(key, hits)
    return { allowed: true }
  }

  clear(): void {
    this.balances.clear()
    this.byKey.clear()
    this.windows.clear()
  }
}
