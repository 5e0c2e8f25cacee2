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

  // A key belongs to one vendor in practice, so balances are kept per key, in the unit of the
  // vendor that reads them; a key never set starts with the vendor's default.

  balance(keyId: string, initial: number): number {
    return this.balances.get(keyId) ?? initial
  }

  has(keyId: string): boolean {
    return this.balances.has(keyId)
  }

  set(keyId: string, credits: number): void {
    this.balances.set(keyId, credits)
  }

  /** Charges a price if the balance covers it. */
  charge(keyId: string, price: number, initial: number): boolean {
    const current = this.balance(keyId, initial)
    if (current < price) return false
    // Round to keep bodies free of float noise (Apixo balances are USD with 4 decimals).
    this.balances.set(keyId, Math.round((current - price) * 1e6) / 1e6)
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
    this.windows.clear()
  }
}
