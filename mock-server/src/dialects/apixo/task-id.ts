// Apixo task ids.
import type { Random } from '../../../../lib/seeded-random.js'

/** Doc examples read `task_12345678`, but a public client saw 32-hex ids from the live API; veomock issues those (INFER). @see docs/vendors/apixo.md §1 (PC) */
export function apixoTaskId(random: Random): string {
  return random.hex(32)
}

export const TASK_ID_PATTERN = /^[0-9a-f]{32}$/
