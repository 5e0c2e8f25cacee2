// `GET /v1/tasks/{task_id}` (EvoLink get-task-detail): the canonical task rendered as odkkk's
// TaskDetailResponse. The same body is POSTed to `callback_url` (S004).
import type { components } from '../../../../generated/odkkk.js'
import type { DialectContext, PollRoute } from '../../core/dialect.js'
import type { CanonicalState, Task, TaskView } from '../../core/task.js'
import type { TaskFailure } from '../../../../lib/scenarios.js'
import { odkkk, wordOf } from '../../../../vendors/index.js'
import { usageOf } from './billing.js'
import { TASK_ID_PREFIX } from './task-id.js'
import { remainingSeconds, estimatedSeconds, VIDEO_DURATION_SECONDS } from './timings.js'

type Schemas = components['schemas']
export type TaskDetail = Schemas['TaskDetailResponse']
export type TaskStatus = Schemas['TaskStatus']
export type TaskError = Schemas['TaskError']

export const MODEL = 'veo3.1-pro'

// Four statuses, pending → processing → completed | failed (the words from vendors/odkkk.ts).
// @see https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md (docs/vendors/odkkk.md §4, E-TASK)
export const STATUS_BY_STATE: Readonly<Record<CanonicalState, TaskStatus>> = {
  queued: wordOf(odkkk.states, 'queued'),
  running: wordOf(odkkk.states, 'running'),
  succeeded: wordOf(odkkk.states, 'succeeded'),
  failed: wordOf(odkkk.states, 'failed'),
}

/**
 * Failed tasks carry `error{code, message}` with a string business code (newer EvoLink only). Codes are
 * documented; the message texts are not (INFER except the content-policy one).
 * @see https://docs.evolink.ai/en/api-manual/task-management/error-codes (docs/vendors/odkkk.md §8, E-ERR)
 */
export const TASK_ERROR_BY_FAILURE: Readonly<Record<TaskFailure, TaskError>> = {
  content_violation: { code: 'content_policy_violation', message: 'Content policy violation' },
  invalid_image: { code: 'image_processing_error', message: 'Failed to fetch or process input image' },
  generation_failed: { code: 'generation_failed_no_content', message: 'Generation failed' },
}

function modelOf(task: Task): string {
  return typeof task.wire.model === 'string' ? task.wire.model : MODEL
}

/** The task detail body for a task's view at `ctx.now` (or at a callback attempt). */
export function renderTaskDetail(task: Task, view: TaskView, ctx: Pick<DialectContext, 'fileUrls'>, now: number): TaskDetail {
  const base = {
    created: Math.floor(task.createdAt / 1000),
    id: task.id,
    model: modelOf(task),
    object: 'video.generation.task',
    type: 'video',
  } as const
  switch (view.state) {
    case 'queued':
      // A pending task still shows the submit answer's estimate and can be cancelled (S004).
      return {
        ...base,
        progress: 0,
        status: 'pending',
        task_info: { can_cancel: true, estimated_time: estimatedSeconds(task), video_duration: VIDEO_DURATION_SECONDS },
        usage: usageOf(task.charged),
      } satisfies TaskDetail
    case 'running':
      // The spec's processing example: progress between 0 and 100, no results, remaining estimate (INFER).
      return {
        ...base,
        progress: view.progress,
        status: 'processing',
        task_info: { can_cancel: false, estimated_time: remainingSeconds(task, now), video_duration: VIDEO_DURATION_SECONDS },
        usage: usageOf(task.charged),
      } satisfies TaskDetail
    case 'succeeded':
      // `results` holds the video URLs, valid 24 h (E-TASK; completed example E-LITE).
      return {
        ...base,
        progress: 100,
        results: ctx.fileUrls(task),
        status: 'completed',
        task_info: { can_cancel: false, video_duration: VIDEO_DURATION_SECONDS },
      } satisfies TaskDetail
    case 'failed':
      // EvoLink's failed example reports progress 0 and `error` only on failed tasks (E-ERR).
      return {
        ...base,
        progress: 0,
        status: 'failed',
        task_info: { can_cancel: false },
        error: { ...TASK_ERROR_BY_FAILURE[view.failure ?? 'generation_failed'] },
      } satisfies TaskDetail
  }
}

/** The poll route; the core answers unknown ids (404) and malformed ids (spec pattern, 400). */
export const taskDetailRoute = {
  kind: 'poll',
  method: 'get',
  path: '/v1/tasks/{task_id}',
  taskId: (request) => {
    const id = request.params.task_id
    return id && id.startsWith(TASK_ID_PREFIX) ? id : undefined
  },
  render: (task, view, ctx) => ({ status: 200, body: renderTaskDetail(task, view, ctx, ctx.now) }),
} satisfies PollRoute
