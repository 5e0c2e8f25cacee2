// KIE task ids: doc examples read `veo_task_abcdef123456`, but real ids are 32 lowercase hex chars,
// e.g. `ee9c2715375b7837f8bb51d641ff5863`. @see https://docs.kie.ai/common-api/webhook-verification (docs/vendors/kie.md §1)
import type { Random } from '../../../../lib/seeded-random.js'

export const KIE_TASK_ID = /^[0-9a-f]{32}$/

export function kieTaskId(random: Random): string {
  return random.hex(32)
}
