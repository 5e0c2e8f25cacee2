// The canonical lifecycle in KIE's words: record-info `successFlag` 0 generating, 1 success,
// 2 failed, 3 generation failed, with `errorCode`/`errorMessage` per failure.
// @see https://docs.kie.ai/veo3-api/get-veo-3-video-details (K-REC; docs/vendors/kie.md §5, §9)
import type { components } from '../../../../generated/kie.js'
import type { TaskFailure } from '../../../../lib/scenarios.js'
import type { TaskView } from '../../core/task.js'

type RecordInfoData = components['schemas']['RecordInfoData']
export type SuccessFlag = RecordInfoData['successFlag']

export interface KieFailure {
  successFlag: Extract<SuccessFlag, 2 | 3>
  /** record-info `errorCode` and the generation callback's body `code` (K-CB). */
  errorCode: NonNullable<RecordInfoData['errorCode']>
  errorMessage: string
}

export const KIE_FAILURES: Record<TaskFailure, KieFailure> = {
  // K-REC errorCode 400 with the K-CB content-policy text.
  content_violation: { successFlag: 2, errorCode: 400, errorMessage: 'Your prompt was flagged by Website as violating content policies.' },
  // K-CB image-fetch text with errorCode 400 (body 451 is the alternative, §8.11).
  invalid_image: {
    successFlag: 2,
    errorCode: 400,
    errorMessage: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.',
  },
  // successFlag 3 = "created OK, upstream failed"; 501 "generation failed"; text INFER from "Failed - Video generation task failed".
  generation_failed: { successFlag: 3, errorCode: 501, errorMessage: 'Video generation task failed' },
}

/** successFlag 0 while queued or running: KIE has no separate queued state (K-REC). */
export function successFlagOf(view: TaskView): SuccessFlag {
  if (view.state === 'succeeded') return 1
  if (view.state === 'failed') return KIE_FAILURES[view.failure ?? 'generation_failed'].successFlag
  return 0
}

/** The admin view's vendor state: the successFlag as a string (`'0'`…`'3'`, specs/admin.openapi.yaml example). */
export function kieVendorState(view: TaskView): string {
  return String(successFlagOf(view))
}
