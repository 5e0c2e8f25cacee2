// `GET /api/v1/statusTask/{model}?taskId=`: the canonical task rendered as Apixo's task record.
import type { components } from '../../../../generated/apixo.js'
import type { DialectContext, PollRoute, WireResponse } from '../../core/dialect.js'
import type { CanonicalState, Task, TaskOperation, TaskView } from '../../core/task.js'
import { apixo, wordOf } from '../../../../vendors/index.js'
import { FAIL_REASONS, type FailReason, TASKID_ERROR } from './fail-codes.js'

type Schemas = components['schemas']
export type ApixoState = Schemas['TaskState']
export type TaskStatusData = Schemas['TaskStatusData']

/** Canonical → Apixo state, from the vendor's facts (vendors/apixo.ts): `pending` is the queue (A-ST), `processing` generation. @see https://apixo.ai/docs/api-reference/status-task (docs/vendors/apixo.md §4) */
export const APIXO_STATE: Record<CanonicalState, ApixoState> = {
  queued: wordOf(apixo.states, 'queued'),
  running: wordOf(apixo.states, 'running'),
  succeeded: wordOf(apixo.states, 'succeeded'),
  failed: wordOf(apixo.states, 'failed'),
}

/** Why a settled task failed, or null when it did not (not settled, or succeeded). */
export function failReasonOf(task: Task, view: TaskView): FailReason | null {
  if (view.state !== 'succeeded' && view.state !== 'failed') return null
  // An extend of an unusable source task is accepted, then fails with TASKID_ERROR whatever its generation did. @see https://apixo.ai/docs/models/video/veo-3-1-extend (docs/vendors/apixo.md §3.4)
  if (task.wire.sourceError === true) return TASKID_ERROR
  return view.failure ? FAIL_REASONS[view.failure] : null
}

export function apixoState(task: Task, view: TaskView): ApixoState {
  return failReasonOf(task, view) ? 'failed' : APIXO_STATE[view.state]
}

export interface StatusDataOptions {
  /** S001's failure callback carries `costTime`; the status endpoint's failed example does not. */
  costOnFailure?: boolean
}

/** The `data` record of the status envelope (and of callbacks), field by field as S001 shows it. */
export function taskStatusData(task: Task, view: TaskView, resultUrls: readonly string[], options: StatusDataOptions = {}): TaskStatusData {
  const state = apixoState(task, view)
  const base = { taskId: task.id, state, createTime: task.createdAt }
  if (view.settledAt === null) return base
  const completeTime = view.settledAt
  const costTime = completeTime - task.createdAt
  const reason = failReasonOf(task, view)
  if (reason) {
    const failed: TaskStatusData = { ...base, failCode: reason.failCode, failMsg: reason.failMsg, completeTime }
    return options.costOnFailure ? { ...failed, costTime } : failed
  }
  // `resultJson` is a JSON-encoded STRING, not an object. @see https://apixo.ai/en/docs/models/veo-3-1 (docs/vendors/apixo.md §3.2, S001 and S003)
  const resultJson = JSON.stringify({ resultUrls: [...resultUrls] } satisfies Schemas['ResultJson'])
  return { ...base, resultJson, costTime, completeTime }
}

/** A found task answers HTTP 200 and `code: 200` even when it failed. @see https://apixo.ai/docs/api-reference/status-task (docs/vendors/apixo.md §3.2) */
export function renderTaskStatus(task: Task, view: TaskView, ctx: DialectContext): WireResponse {
  const body = { code: 200, message: 'success', data: taskStatusData(task, view, ctx.fileUrls(task)) } satisfies Schemas['TaskStatusResponse']
  return { status: 200, body, taskId: task.id }
}

function statusRoute(path: string, operation: TaskOperation): PollRoute {
  return {
    kind: 'poll',
    method: 'get',
    path,
    // The status call must use the submit model; there is no model-agnostic status endpoint. @see https://apixo.ai/docs/api-reference/status-task (docs/vendors/apixo.md §1)
    operations: [operation],
    taskId: (request) => request.query.taskId,
    render: renderTaskStatus,
  }
}

export const STATUS_PATH = '/api/v1/statusTask/veo-3-1'
export const EXTEND_STATUS_PATH = '/api/v1/statusTask/veo-3-1-extend'

export const statusTaskRoute = statusRoute(STATUS_PATH, 'generate')
export const extendStatusTaskRoute = statusRoute(EXTEND_STATUS_PATH, 'extend')
