// Apixo's durations and limits on the virtual clock.
import type { RateLimit } from '../../core/accounts.js'
import type { TaskOperation, Timing } from '../../core/task.js'
import { URL_LIFETIME_MS } from './options.js'

/**
 * Average generation 120 s (S001) / "~2 min" (S003, A-G2): a short `pending` then ~2 minutes of
 * `processing`, 120 s on average. @see https://apixo.ai/en/docs/models/veo-3-1 (docs/vendors/apixo.md §6)
 */
const GENERATE: Timing = {
  queued: { minMs: 2_000, maxMs: 6_000 },
  running: { minMs: 100_000, maxMs: 132_000 },
}

export const APIXO_TIMINGS: Partial<Record<TaskOperation, Timing>> = {
  generate: GENERATE,
  // Extend durations are not documented; INFER: like a generation. @see docs/vendors/apixo.md §3.4
  extend: GENERATE,
}

/** Result files: 24 h (A-RF), the `urlLifetimeMs` default. @see https://apixo.ai/docs/api-reference/response-format (docs/vendors/apixo.md §7.9) */
export const RETENTION_MS = URL_LIFETIME_MS

/** 10000 requests per minute; excess → 429 "Wait and retry". @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md §6, S003) */
export const RATE_LIMIT: RateLimit = { limit: 10_000, windowMs: 60_000 }
