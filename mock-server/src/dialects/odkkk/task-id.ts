// odkkk task ids: `task-unified-<unix seconds>-<8 lowercase alphanumerics>`.
import type { Random } from '../../../../lib/seeded-random.js'

/** Every EvoLink task id starts with this; newer EvoLink rejects others with 400 `invalid_task_id`. */
export const TASK_ID_PREFIX = 'task-unified-'

// EvoLink hallmark id, e.g. `task-unified-1757169743-7cvnl5zw`.
// @see https://ai.odkkk.com/apiv1 (docs/vendors/odkkk.md §1, S004)
export function odkkkTaskId(random: Random, now: number): string {
  return `${TASK_ID_PREFIX}${Math.floor(now / 1000)}-${random.alnum(8)}`
}

/** Whether an id has the vendor's shape (prefix, creation seconds, 8-character suffix). */
export function isOdkkkTaskId(id: string): boolean {
  return /^task-unified-\d+-[a-z0-9]{8}$/.test(id)
}
