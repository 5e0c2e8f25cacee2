// GET /api/v1/veo/record-info?taskId=: the authoritative status of generate, extend and 4K tasks.
// @see https://docs.kie.ai/veo3-api/get-veo-3-video-details (K-REC; docs/vendors/kie.md §4.2, §5)
import type { components } from '../../../../generated/kie.js'
import type { DialectContext, PollRoute, WireResponse } from '../../core/dialect.js'
import type { Task, TaskView } from '../../core/task.js'
import { businessError, KIE_MESSAGES } from './errors.js'
import { KIE_FAILURES, successFlagOf } from './task-states.js'
import { fileUrl, isPastRetention, KIE_FILES, type KieFile, kieTime, kieWire, paramJsonOf } from './task-wire.js'

type Schemas = components['schemas']

/**
 * `data.response` of a succeeded task: which file is which depends on the operation. Only an
 * extension has a stitched video, so only it carries `fullResultUrls`; a generation or 4K record
 * leaves it out as KIE's Chinese success example does, rather than repeating `resultUrls` (a client
 * that joins both lists would download every video twice). @see https://docs.kie.ai/cn/veo3-api/get-veo-3-video-details (docs/vendors/kie.md §8.13)
 */
export function recordResult(task: Task, ctx: Pick<DialectContext, 'fileUrls'>): Schemas['RecordInfoResult'] {
  const wire = kieWire(task)
  const url = (name: KieFile) => fileUrl(ctx, task, name)
  if (task.operation === 'upgrade-4k') {
    return { taskId: task.id, resultUrls: [url(KIE_FILES.video4k)], originUrls: null, resolution: wire.resolution }
  }
  if (task.operation === 'extend') {
    // fullResultUrls = stitched video, resultUrls = the segment (K-EXT).
    return { taskId: task.id, resultUrls: [url(KIE_FILES.video)], originUrls: null, fullResultUrls: [url(KIE_FILES.full)], resolution: wire.resolution }
  }
  return {
    taskId: task.id,
    resultUrls: [url(KIE_FILES.video)],
    // originUrls "only when the ratio is not 16:9", else null (K-REC).
    originUrls: task.files.includes(KIE_FILES.origin) ? [url(KIE_FILES.origin)] : null,
    resolution: wire.resolution,
  }
}

/** 4K records carry `mediaIds` and no `fallbackFlag` (K-4K prose; K-REC "absent on 4K tasks"); the id form is INFER. */
export function mediaIdsOf(task: Task): string[] {
  return [`media_${task.id.slice(0, 8)}`]
}

export function renderRecord(task: Task, view: TaskView, ctx: Pick<DialectContext, 'fileUrls'>): Schemas['RecordInfoSuccessResponse'] {
  const failure = view.state === 'failed' ? KIE_FAILURES[view.failure ?? 'generation_failed'] : null
  const data: Schemas['RecordInfoData'] = {
    taskId: task.id,
    paramJson: paramJsonOf(task),
    completeTime: view.settledAt === null ? null : kieTime(view.settledAt),
    // In progress and failed: `response` null (INFER, §4.2).
    response: view.state === 'succeeded' ? recordResult(task, ctx) : null,
    successFlag: successFlagOf(view),
    errorCode: failure?.errorCode ?? null,
    // The K-REC success example has errorMessage ""; null while generating (INFER).
    errorMessage: failure ? failure.errorMessage : view.state === 'succeeded' ? '' : null,
    createTime: kieTime(task.createdAt),
    ...(task.operation === 'upgrade-4k' ? { mediaIds: mediaIdsOf(task) } : { fallbackFlag: false }),
  }
  return { code: 200, msg: 'success', data }
}

export const recordInfoRoute: PollRoute = {
  kind: 'poll',
  method: 'get',
  path: '/api/v1/veo/record-info',
  taskId: (request) => request.query.taskId,
  render(task, view, ctx): WireResponse {
    // Records older than 14 days answer 422 (K-REC; K-GS retention).
    if (isPastRetention(task, ctx.now)) return businessError(ctx, 422, KIE_MESSAGES.recordTooOld)
    return { status: 200, body: renderRecord(task, view, ctx), taskId: task.id }
  },
}
