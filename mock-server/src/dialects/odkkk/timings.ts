// How long odkkk tasks take on the virtual clock, and how long their result links live.
import type { Task, Timing } from '../../core/task.js'

const SECOND = 1000

/**
 * veo3.1-pro generation. The only numbers are `task_info.estimated_time` examples of 180 s (S004) and
 * 300 s (E-LITE); INFER: a few seconds `pending`, then 150–250 s `processing`, so totals fall
 * between those examples.
 * @see https://ai.odkkk.com/apiv1 (docs/vendors/odkkk.md §6)
 */
export const GENERATE_TIMING: Timing = {
  queued: { minMs: 2 * SECOND, maxMs: 8 * SECOND },
  running: { minMs: 150 * SECOND, maxMs: 250 * SECOND },
}

// Generated video links are valid for 24 hours.
// @see https://ai.odkkk.com/apiv1, https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md (docs/vendors/odkkk.md §6)
export const RETENTION_MS = 24 * 60 * 60 * SECOND

/** The submit example's estimate (S004), used when a task has no planned end (stuck). */
export const DEFAULT_ESTIMATED_SECONDS = 180

/** Length of a veo3.1-pro clip; `video_duration: 8` in S004's example. */
export const VIDEO_DURATION_SECONDS = 8

/** `task_info.estimated_time` at submit: the task's planned duration in whole seconds. */
export function estimatedSeconds(task: Pick<Task, 'createdAt' | 'completesAt'>): number {
  if (task.completesAt === null) return DEFAULT_ESTIMATED_SECONDS
  return Math.max(0, Math.ceil((task.completesAt - task.createdAt) / SECOND))
}

/**
 * Seconds left until the planned end, for a task still in progress. The spec's processing example
 * (`progress: 45`, `estimated_time: 99`) reads as remaining time (INFER).
 */
export function remainingSeconds(task: Pick<Task, 'completesAt'>, now: number): number {
  if (task.completesAt === null) return DEFAULT_ESTIMATED_SECONDS
  return Math.max(0, Math.ceil((task.completesAt - now) / SECOND))
}
