// Virtual time for the probes (contract §2, §6). Every wait a probe makes is a vendor (virtual)
// duration: against a veomock running at `--time-scale N` it sleeps duration / N real time; against
// an in-process mock with a manual clock it moves that clock instead of sleeping.
import type { AdminClient } from '../../../mock-server/src/admin/admin-client.js'

export interface ProbeClock {
  /** `N` or `manual`, for the report. */
  readonly scale: number | 'manual'
  /** Virtual milliseconds on this clock; only differences are meaningful. */
  now(): Promise<number>
  /** Lets `virtualMs` of vendor time pass. */
  sleep(virtualMs: number): Promise<void>
}

/** Real time divided by N: N = 1 for a live vendor. */
export function scaledClock(scale: number): ProbeClock {
  if (!(scale > 0)) throw new Error(`Failed to create the probe clock: the time scale must be positive, got ${scale}`)
  return {
    scale,
    now: async () => performance.now() * scale,
    sleep: (virtualMs) => new Promise((resolve) => setTimeout(resolve, Math.max(0, virtualMs / scale))),
  }
}

/** The in-process mock's manual clock: sleeping advances it through the admin API. */
export function manualClock(admin: AdminClient): ProbeClock {
  return {
    scale: 'manual',
    now: async () => (await admin.clock()).now,
    sleep: async (virtualMs) => {
      if (virtualMs > 0) await admin.advance(Math.round(virtualMs))
    },
  }
}

/** `95000` → `1m35s`, for progress lines and messages. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  return rest ? `${minutes}m${String(rest).padStart(2, '0')}s` : `${minutes}m`
}
