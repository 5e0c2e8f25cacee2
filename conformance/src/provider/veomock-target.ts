// Is a `--target <url>` itself a veomock (or a replay, which runs on the same server)? Then any
// bearer token is an account and generations are free, so verify sends a dummy key and runs every
// probe instead of skipping them (contract §6, docs/contract.md §6).
import type { VendorId } from '../../../vendors/index.js'

/**
 * Where a veomock's health check would be for this base URL: the admin API sits beside the vendor
 * prefix (`…/kie` → `…/__admin/health`, also under a `/ns/<name>` namespace).
 */
export function healthUrlsFor(baseUrl: string, vendor: VendorId): string[] {
  const base = baseUrl.replace(/\/+$/, '')
  const suffix = `/${vendor}`
  return base.endsWith(suffix) ? [`${base.slice(0, -suffix.length)}/__admin/health`] : [`${base}/__admin/health`]
}

/** True when the target answers a veomock health check that lists this vendor. */
export async function isVeomock(baseUrl: string, vendor: VendorId, timeoutMs = 3000): Promise<boolean> {
  for (const url of healthUrlsFor(baseUrl, vendor)) {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
      if (!response.ok) continue
      const health = (await response.json()) as { status?: unknown; vendors?: unknown }
      const vendors = Array.isArray(health.vendors) ? health.vendors : []
      if (health.status === 'ok' && vendors.some((v) => (v as { id?: unknown } | null)?.id === vendor)) return true
    } catch {
      // Not reachable or not JSON: not a veomock (the probes will say why the target fails).
    }
  }
  return false
}
