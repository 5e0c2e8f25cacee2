// Virtual durations. Xenodia states none; its upstream is KIE, whose Veo tasks take 2–5 minutes
// (INFER, docs/vendors/xenodia.md §6 "generation time"). `waiting` (not yet scheduled) is a few
// seconds (INFER); the running span covers `queuing` then `generating`.
import type { Timing } from '../../core/task.js'

export const GENERATE_TIMING: Timing = {
  queued: { minMs: 2_000, maxMs: 8_000 },
  running: { minMs: 110_000, maxMs: 290_000 },
}

/** A stuck task's ETA keeps promising the middle of the running span (INFER). */
export const TYPICAL_RUNNING_MS = Math.round((GENERATE_TIMING.running.minMs + GENERATE_TIMING.running.maxMs) / 2)

/**
 * Result URL lifetime: undocumented for Xenodia; its upstream KIE keeps generated media 14 days
 * (INFER, docs/vendors/xenodia.md §6 "result URL lifetime").
 */
export const RETENTION_MS = 14 * 24 * 60 * 60 * 1000
