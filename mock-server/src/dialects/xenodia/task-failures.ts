// The `error` object of a task that ended in `state: "fail"`. Xenodia documents only "inspect
// `error`"; the codes are invented and the messages are KIE's upstream texts (INFER).
// @see https://docs.xenodia.xyz/docs/api/task-retrieval (docs/vendors/xenodia.md §3.2, §8)
import type { components } from '../../../../generated/xenodia.js'
import type { TaskFailure } from '../../../../lib/scenarios.js'

type TaskError = components['schemas']['TaskError']

export const TASK_FAILURE_ERRORS: Readonly<Record<TaskFailure, TaskError>> = {
  // KIE's content-policy text, passed through by the gateway (INFER; docs/vendors/xenodia.md §8).
  content_violation: { code: 'content_policy_violation', message: 'Your prompt was flagged by Website as violating content policies.' },
  // KIE's image-fetch text (INFER; docs/vendors/xenodia.md §8).
  invalid_image: { code: 'image_fetch_failed', message: 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.' },
  // Generic failure (INFER; docs/vendors/xenodia.md §8).
  generation_failed: { code: 'generation_failed', message: 'Video generation task failed' },
}
