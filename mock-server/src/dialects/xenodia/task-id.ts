// Task ids: a UUID, as in GeeAgent's "official" test payload `0f6b9f2f-4d2a-4e1a-ae49-3e5d4f88dc2f`
// (S000's `task_123` is a placeholder). INFER. (docs/vendors/xenodia.md §1)
import type { Random } from '../../../../lib/seeded-random.js'

export function xenodiaTaskId(random: Random): string {
  return random.uuid()
}
