// Every example body odkkk's create page shows, and the EvoLink task-detail examples odkkk serves
// (docs/vendors/odkkk.md), copied as shown, including both sides of each conflict: integer and
// string `error.code` (§7.5), failed tasks with and without `error` (§7.6).
import { describeDocumentedExamples, type ExampleRow } from './documented-example.js'

const PAGE = 'https://t0ai.cn/docs/video-series/veo3.1/veo3.1-pro-video-generate'
const TASK = 'https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md'
const TASK_CN = 'https://docs.evolink.ai/cn/api-manual/task-management/get-task-detail.md'
const ERR = 'https://docs.evolink.ai/en/api-manual/task-management/error-codes'
const created = (status: number) => ({ path: '/v1/videos/generations', method: 'post' as const, status })
const polled = (status: number) => ({ path: '/v1/tasks/{task_id}', method: 'get' as const, status })
const ID = 'task-unified-1757169743-7cvnl5zw'

type ErrorRow = [status: number, type: string, message: string, param?: string, fallback?: string]
const createErrors: ErrorRow[] = [
  [400, 'invalid_request_error', 'Invalid duration parameter', 'duration', 'use duration between 1-12 seconds'],
  [401, 'authentication_error', 'Invalid or expired token'],
  [402, 'insufficient_quota_error', 'Insufficient quota', undefined, 'https://ai.odkkk.com/apiv1/dashboard/billing'],
  [403, 'permission_error', 'Access denied for this model', 'model'],
  [404, 'not_found_error', 'Specified model not found', 'model', 'veo3.1-pro'],
  [413, 'request_too_large_error', 'Image file too large', 'image_urls', 'compress image to under 4MB'],
  [429, 'rate_limit_error', 'Rate limit exceeded', undefined, 'retry after 60 seconds'],
  [500, 'internal_server_error', 'Internal server error', undefined, 'try again later'],
  [502, 'upstream_error', 'Upstream AI service unavailable', undefined, 'try different model'],
  [503, 'service_unavailable_error', 'Service temporarily unavailable', undefined, 'retry after 30 seconds'],
]
const errorBody = ([code, type, message, param, fallback]: ErrorRow) => ({
  error: { code, message, type, ...(param ? { param } : {}), ...(fallback ? { fallback_suggestion: fallback } : {}) },
})

const rows: ExampleRow[] = [
  ['the create request', { url: PAGE, doc: 'docs/vendors/odkkk.md §3.1', request: { path: '/v1/videos/generations' }, body: { model: 'veo3.1-pro', prompt: 'A cat playing piano' } }],
  ['the EvoLink "Lite" create request with quality', { url: 'https://docs.evolink.ai/en/api-manual/video-series/veo3.1/veo3.1-pro-video-generate', doc: 'docs/vendors/odkkk.md §7.1', request: { path: '/v1/videos/generations' }, body: { model: 'veo3.1-pro', prompt: 'A cat playing piano', quality: '1080p' } }],
  [
    'the create answer (assembled from the schema field examples)',
    {
      url: PAGE,
      doc: 'docs/vendors/odkkk.md §3.1',
      response: created(200),
      body: {
        created: 1757169743,
        id: ID,
        model: 'veo3.1-pro',
        object: 'video.generation.task',
        progress: 0,
        status: 'pending',
        task_info: { can_cancel: true, estimated_time: 180, video_duration: 8 },
        type: 'video',
        usage: { billing_rule: 'per_call', credits_reserved: 25.7, user_group: 'default' },
      },
    },
  ],
  ...createErrors.map((row): ExampleRow => [`the create ${row[0]} example`, { url: PAGE, doc: 'docs/vendors/odkkk.md §3.1', response: created(row[0]), body: errorBody(row) }]),
  [
    'the completed task detail (EvoLink)',
    {
      url: TASK,
      doc: 'docs/vendors/odkkk.md §3.2',
      response: polled(200),
      body: { id: ID, model: 'veo3.1-fast', object: 'video.generation.task', progress: 100, results: ['http://example.com/video.mp4'], status: 'completed', task_info: { can_cancel: false }, type: 'video' },
    },
  ],
  [
    'the failed task with a string error.code (newer EvoLink; its example is an image task, object set to video)',
    { url: ERR, doc: 'docs/vendors/odkkk.md §7.5', response: polled(200), body: { id: ID, object: 'video.generation.task', status: 'failed', progress: 0, error: { code: 'content_policy_violation', message: 'Content policy violation' } } },
  ],
  ['the failed task without error (older EvoLink schema)', { url: TASK, doc: 'docs/vendors/odkkk.md §7.6', response: polled(200), body: { id: ID, model: 'veo3.1-pro', object: 'video.generation.task', progress: 0, status: 'failed', task_info: { can_cancel: false }, type: 'video' } }],
  [
    'the task 404 (not found or expired)',
    { url: TASK, doc: 'docs/vendors/odkkk.md §3.2', response: polled(404), body: { error: { code: 404, message: 'Task not found or expired', type: 'not_found_error', param: 'task_id' } } },
  ],
  ['the task 400 with an integer code', { url: TASK, doc: 'docs/vendors/odkkk.md §3.2', response: polled(400), body: { error: { code: 400, message: 'Invalid task ID format', type: 'invalid_request_error', param: 'task_id' } } }],
  [
    'the task 400 with a string code (newer EvoLink)',
    { url: TASK_CN, doc: 'docs/vendors/odkkk.md §7.5', response: polled(400), body: { error: { code: 'invalid_task_id', message: "Invalid task ID format, must start with 'task-unified-'", type: 'invalid_request_error', param: 'task_id' } } },
  ],
  [
    'the callback body (the task detail, EvoLink)',
    {
      url: 'https://docs.evolink.ai/en/api-manual/video-series/veo3.1/veo3.1-fast-video-generate',
      doc: 'docs/vendors/odkkk.md §5',
      webhook: 'taskCallback',
      body: { id: ID, model: 'veo3.1-pro', object: 'video.generation.task', progress: 100, results: ['http://example.com/video.mp4'], status: 'completed', task_info: { can_cancel: false }, type: 'video' },
    },
  ],
]

describeDocumentedExamples('odkkk', rows)
