// Apixo's task failure codes: `data.failCode` / `data.failMsg` of a failed task.
import type { TaskFailure } from '../../../../lib/scenarios.js'

export interface FailReason {
  failCode: string
  failMsg: string
}

/** Canonical failures in Apixo's UPPER_SNAKE catalog (S003, A-EC), not the newer CamelCase one (docs/vendors/apixo.md §7.12). */
export const FAIL_REASONS: Record<TaskFailure, FailReason> = {
  // S001's wording; S003 and A-WH word it differently, clients must key on failCode. @see https://apixo.ai/en/docs/models/veo-3-1 (docs/vendors/apixo.md §7.11)
  content_violation: { failCode: 'CONTENT_VIOLATION', failMsg: 'Content does not meet safety guidelines' },
  // S003's code and text for an image Apixo could not fetch. @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md §3.5)
  invalid_image: { failCode: 'INVALID_IMAGE_URL', failMsg: 'Cannot access provided image URL' },
  // A-EC's generic code; the message text is INFER. @see https://apixo.ai/docs/api-reference/error-codes (docs/vendors/apixo.md §8)
  generation_failed: { failCode: 'GENERATION_FAILED', failMsg: 'Generation failed' },
}

/** An extend whose source is not a finished veo-3-1 task of the caller fails with TASKID_ERROR. @see https://apixo.ai/docs/models/video/veo-3-1-extend (docs/vendors/apixo.md §3.4) */
export const TASKID_ERROR: FailReason = { failCode: 'TASKID_ERROR', failMsg: 'Invalid or expired source taskId' }
