// Usage errors and the flag parsers every command shares: a UsageError exits 2 with its message.
import type { TimeScale } from '../mock-server/src/core/clock.js'
import { parseIdle } from '../mock-server/src/namespaces/namespace-path.js'
import { VENDOR_IDS, type VendorId } from '../vendors/index.js'

export class UsageError extends Error {}

export function parseTimeScale(raw: string): TimeScale {
  if (raw === 'manual') return 'manual'
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--time-scale must be a positive number or "manual", got "${raw}"`)
  return n
}

export function parseVendors(raw: string | undefined): VendorId[] | undefined {
  if (raw === undefined) return undefined
  const list = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  for (const v of list)
    if (!(VENDOR_IDS as readonly string[]).includes(v)) throw new UsageError(`--vendors: unknown vendor "${v}"; choose from ${VENDOR_IDS.join(', ')}`)
  return list as VendorId[]
}

export function parseClockStart(raw: string | undefined, now = Date.now()): number | undefined {
  if (raw === undefined) return undefined
  if (raw === 'now') return now
  const ms = Date.parse(raw)
  if (!Number.isFinite(ms)) throw new UsageError(`--clock-start must be an ISO date-time or "now", got "${raw}"`)
  return ms
}

export function parseInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number >= 0, got "${raw}"`)
  return n
}

export function parseNamespaceIdle(raw: string): number {
  try {
    return parseIdle(raw)
  } catch (error) {
    throw new UsageError(`--namespace-idle: ${(error as Error).message}`)
  }
}

/** A limit: a whole number >= 1 (0 would keep nothing, and used to be silently ignored). */
export function parseLimit(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number >= 1, got "${raw}"`)
  return n
}

/** A byte limit given in megabytes (>= 1), returned in bytes. */
export function parseMegabytes(name: string, raw: string | undefined): number | undefined {
  const mb = parseLimit(name, raw)
  return mb === undefined ? undefined : mb * 1024 * 1024
}
