// Durations, limits and lifetimes on the virtual clock. @see docs/vendors/kie.md §7
import type { RateLimit } from '../../core/accounts.js'
import type { DurationRange, Timing } from '../../core/task.js'

const SECOND = 1000
const MINUTE = 60 * SECOND
const DAY = 24 * 60 * MINUTE

// Time before a task leaves the queue: undocumented, a few seconds (INFER). successFlag stays 0 meanwhile.
const QUEUED: DurationRange = { minMs: 5 * SECOND, maxMs: 15 * SECOND }

/** Generation "typically 2–5 min" in total. @see https://docs.kie.ai/veo3-api/quickstart (K-QS) */
export const GENERATE_TIMING: Timing = { queued: QUEUED, running: { minMs: 2 * MINUTE - QUEUED.minMs, maxMs: 5 * MINUTE - QUEUED.maxMs } }

/** Extension takes "several to 10+ minutes": 3–10 min here. @see https://docs.kie.ai/veo3-api/extend-video (K-EXT) */
export const EXTEND_TIMING: Timing = { queued: QUEUED, running: { minMs: 3 * MINUTE - QUEUED.minMs, maxMs: 10 * MINUTE - QUEUED.maxMs } }

/** 4K "should be ready in 5-10 minutes". @see https://docs.kie.ai/veo3-api/get-veo-3-4k-video (K-4K) */
export const UPGRADE_4K_TIMING: Timing = { queued: QUEUED, running: { minMs: 5 * MINUTE - QUEUED.minMs, maxMs: 10 * MINUTE - QUEUED.maxMs } }

/** The 1080P version is ready ~1–3 min after the video. @see https://docs.kie.ai/veo3-api/get-veo-3-1080-p-video (K-1080) */
export const UPGRADE_1080P_DELAY: DurationRange = { minMs: 1 * MINUTE, maxMs: 3 * MINUTE }

/** Media is kept 14 days; record-info/1080P/4K refuse older records. @see https://docs.kie.ai/1973359m0 (K-GS; K-REC) */
export const RETENTION_MS = 14 * DAY

/** "20 new generation requests per 10 seconds" per account, excess rejected, not queued. @see https://docs.kie.ai/1973359m0 (K-GS) */
export const RATE_LIMIT: RateLimit = { limit: 20, windowMs: 10 * SECOND }

/** download-url links are "valid for 20 minutes". @see https://docs.kie.ai/common-api/download-url (K-DL) */
export const DOWNLOAD_LINK_MS = 20 * MINUTE
