// Every example body Xenodia's pages show for Veo, copied as shown (docs/vendors/xenodia.md),
// including both sides of each conflict: the `veo3*` ids of the captured page and the `veo3.1*` ids
// of the current one (§7.1), the alternate-route "-t" requests with `duration` and a boolean
// `watermark` (§7.9), and both error-body styles (§7.5).
import { describeDocumentedExamples, type ExampleRow } from './documented-example.js'

const VEO = 'https://docs.xenodia.xyz/docs/api/video-generation-veo31'
const VEOT = 'https://docs.xenodia.xyz/docs/api/video-generation-veo-t'
const CVG = 'https://docs.xenodia.xyz/docs/api/reference/createVideoGeneration'
const HACK = 'github:xenodiaofficial/xenodia-0g-hackathon/frontend/lib/server/api-proxy.ts'
const CREATE = { path: '/v1/videos/generations' }
const created = (status: number) => ({ path: '/v1/videos/generations', method: 'post' as const, status })
const polled = (status: number) => ({ path: '/v1/tasks/{task_id}', method: 'get' as const, status })
const DASHBOARD = 'A cinematic close-up of a developer dashboard showing model routing and API latency.'
const WALKTHROUGH = 'Animate the reference into a polished product walkthrough.'
const REFS = ['https://example.com/reference-1.png', 'https://example.com/reference-2.png']

const text = (model: string) => ({ model, prompt: DASHBOARD, generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9', resolution: '720p' })
const reference = (model: string) => ({ model, prompt: WALKTHROUGH, generationType: 'REFERENCE_2_VIDEO', imageUrls: REFS, aspect_ratio: '16:9', resolution: '1080p' })

const rows: ExampleRow[] = [
  ['the captured page\'s text-to-video request (veo3_fast)', { url: VEO, doc: 'docs/vendors/xenodia.md §3.1', request: CREATE, body: text('veo3_fast') }],
  ['the captured page\'s reference-to-video request (veo3_fast)', { url: VEO, doc: 'docs/vendors/xenodia.md §3.1', request: CREATE, body: reference('veo3_fast') }],
  ['the current page\'s text-to-video request (veo3.1_fast)', { url: VEO, doc: 'docs/vendors/xenodia.md §7.1', request: CREATE, body: text('veo3.1_fast') }],
  ['the current page\'s reference-to-video request (veo3.1_fast)', { url: VEO, doc: 'docs/vendors/xenodia.md §7.2', request: CREATE, body: reference('veo3.1_fast') }],
  ['the same request on the compatibility alias path', { url: VEO, doc: 'docs/vendors/xenodia.md §3.1', request: { path: '/v1/video/generations' }, body: text('veo3.1_fast') }],
  [
    'the alternate-route text-to-video request (veo3.1-pro-t, duration)',
    { url: VEOT, doc: 'docs/vendors/xenodia.md §7.9', request: CREATE, body: { model: 'veo3.1-pro-t', prompt: DASHBOARD, aspect_ratio: '16:9', resolution: '720p', duration: 8 } },
  ],
  [
    'the alternate-route reference request (veo3.1-components-t, boolean watermark)',
    {
      url: VEOT,
      doc: 'docs/vendors/xenodia.md §7.9',
      request: CREATE,
      body: {
        model: 'veo3.1-components-t',
        prompt: 'Animate the references into a polished product walkthrough.',
        imageUrls: [...REFS, 'https://example.com/reference-3.png'],
        aspect_ratio: '16:9',
        resolution: '1080p',
        duration: 8,
        watermark: false,
      },
    },
  ],
  [
    'the create answer (task envelope in state waiting)',
    {
      url: VEO,
      doc: 'docs/vendors/xenodia.md §3.1',
      response: created(200),
      body: { task_id: 'task_123', object: 'task', model: 'veo3_fast', type: 'video', state: 'waiting', created_at: 1760000000, poll_url: '/v1/tasks/task_123', recommended_poll_interval_ms: 5000 },
    },
  ],
  [
    'the create answer as HTTP 202 (status undocumented)',
    {
      url: CVG,
      doc: 'docs/vendors/xenodia.md §7.3',
      response: created(202),
      body: { task_id: 'task_123', object: 'task', model: 'veo3_fast', type: 'video', state: 'waiting', created_at: 1760000000, poll_url: '/v1/tasks/task_123', recommended_poll_interval_ms: 5000 },
    },
  ],
  [
    'the successful poll (only the fields the page shows)',
    {
      url: VEO,
      doc: 'docs/vendors/xenodia.md §3.2',
      response: polled(200),
      body: { task_id: 'task_123', state: 'success', result: { created: 1760000100, data: [{ url: 'https://cdn.example.com/video.mp4' }], resolution: '720p' }, progress: 100, poll_url: '/v1/tasks/task_123' },
    },
  ],
  ['the flat error body of the API reference', { url: CVG, doc: 'docs/vendors/xenodia.md §3.5', response: created(400), body: { error: 'bad_request', message: 'string', type: 'string', code: 'string' } }],
  ['the two-field error body of Xenodia\'s own gateway code', { url: HACK, doc: 'docs/vendors/xenodia.md §7.5', response: created(502), body: { error: 'bad_gateway', message: 'Failed to reach upstream' } }],
  ['the two-field not_found of Xenodia\'s own gateway code', { url: 'github:xenodiaofficial/xenodia-0g-hackathon/backend/gateway-svc/handler/admin_zerog_handler.go', doc: 'docs/vendors/xenodia.md §3.5', response: polled(404), body: { error: 'not_found', message: 'Task not found' } }],
]

describeDocumentedExamples('xenodia', rows)
