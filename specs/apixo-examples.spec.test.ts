// Every example body Apixo's Veo pages show, from both page generations (docs/vendors/apixo.md:
// g001 = the older page, g003 = the later one) and the shared API-reference pages, copied as
// shown, including both sides of each conflict: the two failure-callback codes (§7.1) and the
// insufficient-credits answer as HTTP 400 on the later Veo page versus 402 on the errors page (§7.15).
import { describeDocumentedExamples, type ExampleRow } from './documented-example.js'

const G001 = 'https://apixo.ai/en/docs/models/veo-3-1'
const G003 = 'https://apixo.ai/docs/models/video/veo-3-1'
const SUBMIT = '/api/v1/generateTask/veo-3-1'
const STATUS = '/api/v1/statusTask/veo-3-1'
const ok = { code: 200, message: 'success' }
const submitted = (path = SUBMIT, status = 200) => ({ path, method: 'post' as const, status })
const polled = (path = STATUS) => ({ path, method: 'get' as const, status: 200 })
const TIMES = { createTime: 1698765400000, completeTime: 1698765525000 }
const FAILED = { taskId: 'task_12345678', state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content does not meet safety guidelines' }

const rows: ExampleRow[] = [
  // g001 requests
  [
    'the g001 request body structure (its "..." line left out)',
    { url: G001, doc: 'docs/vendors/apixo.md §3.1', request: { path: SUBMIT }, body: { request_type: 'async', callback_url: 'https://your-server.com/callback', input: { mode: 'quality', prompt: 'Your video description', generationType: 'TEXT_2_VIDEO' } } },
  ],
  [
    'the g001 quick-start text-to-video request',
    { url: G001, doc: 'docs/vendors/apixo.md §3.1', request: { path: SUBMIT }, body: { request_type: 'async', input: { mode: 'fast', prompt: 'A dog playing in a park', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9' } } },
  ],
  [
    'the g001 image-to-video frame-transition request',
    {
      url: G001,
      doc: 'docs/vendors/apixo.md §3.1',
      request: { path: SUBMIT },
      body: {
        request_type: 'async',
        input: {
          mode: 'quality',
          prompt: 'Smooth transition between the two landscapes',
          generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
          image_urls: ['https://example.com/first-frame.jpg', 'https://example.com/last-frame.jpg'],
          aspect_ratio: '16:9',
        },
      },
    },
  ],
  // g003 and the current page
  [
    'the g003 request template with provider, watermark "" and seed (placeholder URLs filled in, two frames)',
    {
      url: G003,
      doc: 'docs/vendors/apixo.md §3.1',
      request: { path: SUBMIT },
      body: {
        request_type: 'async',
        callback_url: 'https://example.com/callback',
        provider: 'auto',
        input: { mode: 'quality', prompt: '...', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', aspect_ratio: '16:9', image_urls: ['https://example.com/frame.jpg'], watermark: '', seed: 1234 },
      },
    },
  ],
  [
    'the g003 and current-page text-to-video request',
    { url: G003, doc: 'docs/vendors/apixo.md §3.1', request: { path: SUBMIT }, body: { request_type: 'async', input: { mode: 'quality', prompt: 'a cinematic flyover of a futuristic city at sunrise', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9' } } },
  ],
  [
    'the g003 first/last-frame request in callback mode',
    {
      url: G003,
      doc: 'docs/vendors/apixo.md §5',
      request: { path: SUBMIT },
      body: {
        request_type: 'callback',
        callback_url: 'https://your-server.com/callback',
        input: { mode: 'quality', prompt: 'a calm ocean turning into a storm', generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', image_urls: ['https://example.com/first.jpg', 'https://example.com/last.jpg'], aspect_ratio: '16:9' },
      },
    },
  ],
  [
    'the intermediate page\'s fast text-to-video request',
    { url: G003, doc: 'docs/vendors/apixo.md §3.1', request: { path: SUBMIT }, body: { request_type: 'async', input: { mode: 'fast', prompt: 'A golden retriever running through a field of flowers', generationType: 'TEXT_2_VIDEO', aspect_ratio: '16:9' } } },
  ],
  [
    'the intermediate page\'s frame-transition request',
    {
      url: G003,
      doc: 'docs/vendors/apixo.md §3.1',
      request: { path: SUBMIT },
      body: {
        request_type: 'async',
        input: {
          mode: 'quality',
          prompt: 'Smooth morphing transition between the two landscapes',
          generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
          image_urls: ['https://example.com/start-frame.jpg', 'https://example.com/end-frame.jpg'],
          aspect_ratio: '16:9',
        },
      },
    },
  ],
  // answers
  ['the submit answer', { url: G001, doc: 'docs/vendors/apixo.md §3.1', response: submitted(), body: { ...ok, data: { taskId: 'task_12345678' } } }],
  ['the g003 insufficient-credits answer (HTTP 400)', { url: G003, doc: 'docs/vendors/apixo.md §7.15', response: submitted(SUBMIT, 400), body: { code: 400, message: 'Insufficient credits', data: null } }],
  [
    'the validation error of the older errors page',
    { url: 'https://apixo.ai/docs/api-reference/error-codes', doc: 'docs/vendors/apixo.md §3.1', response: submitted(SUBMIT, 400), body: { code: 400, message: 'Invalid request', data: { error: 'Missing required field: input.prompt' } } },
  ],
  ['the 401 of the authentication page', { url: 'https://apixo.ai/docs/concepts/authentication', doc: 'docs/vendors/apixo.md §2', response: submitted(SUBMIT, 401), body: { code: 401, message: 'Invalid or missing API key' } }],
  ['the processing status', { url: G001, doc: 'docs/vendors/apixo.md §3.2', response: polled(), body: { ...ok, data: { taskId: 'task_12345678', state: 'processing', createTime: 1698765400000 } } }],
  [
    'the success status',
    { url: G001, doc: 'docs/vendors/apixo.md §3.2', response: polled(), body: { ...ok, data: { taskId: 'task_12345678', state: 'success', resultJson: '{"resultUrls":["https://example.com/video.mp4"]}', costTime: 125000, ...TIMES } } },
  ],
  ['the quick-start success status (three fields)', { url: G001, doc: 'docs/vendors/apixo.md §3.2', response: polled(), body: { ...ok, data: { taskId: 'task_12345678', state: 'success', resultJson: '{"resultUrls":["https://example.com/video.mp4"]}' } } }],
  ['the failed status', { url: G001, doc: 'docs/vendors/apixo.md §3.2', response: polled(), body: { ...ok, data: { ...FAILED, ...TIMES } } }],
  ['the balance answer', { url: 'https://apixo.ai/docs/api-reference/system', doc: 'docs/vendors/apixo.md §3.3', response: { path: '/api/v1/apikeys/current-balance', method: 'get', status: 200 }, body: { ...ok, data: 74.87 } }],
  // extend (A-EXT)
  [
    'the extend request',
    {
      url: 'https://apixo.ai/docs/models/video/veo-3-1-extend',
      doc: 'docs/vendors/apixo.md §3.4',
      request: { path: '/api/v1/generateTask/veo-3-1-extend' },
      body: { request_type: 'async', input: { taskId: 'task_id_from_previous_veo_3_1_generation', mode: 'fast', prompt: 'continue this scene with a smooth camera move and richer visual rhythm' } },
    },
  ],
  ['the extend submit answer', { url: 'https://apixo.ai/docs/models/video/veo-3-1-extend', doc: 'docs/vendors/apixo.md §3.4', response: submitted('/api/v1/generateTask/veo-3-1-extend'), body: { ...ok, data: { taskId: 'extend_task_12345678' } } }],
  // callbacks
  [
    'the success callback',
    { url: G001, doc: 'docs/vendors/apixo.md §5', webhook: 'taskCallback', body: { ...ok, data: { taskId: 'task_12345678', state: 'success', resultJson: '{"resultUrls":["https://example.com/result.mp4"]}', ...TIMES, costTime: 125000 } } },
  ],
  ['the g001 failure callback (code 400, message failed)', { url: G001, doc: 'docs/vendors/apixo.md §7.1', webhook: 'taskCallback', body: { code: 400, message: 'failed', data: { ...FAILED, ...TIMES, costTime: 125000 } } }],
  [
    'the webhooks page failure callback (code 200, no costTime)',
    { url: 'https://apixo.ai/docs/api-reference/webhooks', doc: 'docs/vendors/apixo.md §7.1', webhook: 'taskCallback', body: { ...ok, data: { taskId: 'task_12345678', state: 'failed', failCode: 'CONTENT_VIOLATION', failMsg: 'Content violates usage policy', ...TIMES } } },
  ],
]

describeDocumentedExamples('apixo', rows)
