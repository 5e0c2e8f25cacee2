// Every example body KIE's pages show for the Veo 3.1 API, copied as shown (docs/vendors/kie.md),
// including each side of a conflict: the English and Chinese record-info examples (with and
// without `fullResultUrls`, §8.13), the documented and the live 401 text (§8.10), both 4K callback
// shapes (§8.9) and the JSON-string result URLs of the callback schema (§8.8).
import { describeDocumentedExamples, type ExampleRow } from './documented-example.js'

const GEN = 'https://docs.kie.ai/veo3-api/generate-veo-3-video'
const REC = 'https://docs.kie.ai/veo3-api/get-veo-3-video-details'
const REC_CN = 'https://docs.kie.ai/cn/veo3-api/get-veo-3-video-details'
const P1080 = 'https://docs.kie.ai/veo3-api/get-veo-3-1080-p-video'
const P4K = 'https://docs.kie.ai/veo3-api/get-veo-3-4k-video'
const P4KCB = 'https://docs.kie.ai/veo3-api/get-veo-3-4k-video-callbacks'
const EXT = 'https://docs.kie.ai/veo3-api/extend-video'
const CB = 'https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks'

const post = (path: string, status = 200) => ({ path, method: 'post' as const, status })
const get = (path: string, status = 200) => ({ path, method: 'get' as const, status })
const TASK = 'veo_task_abcdef123456'
const PARAM_JSON = '{"prompt":"A futuristic city with flying cars at sunset.","waterMark":"KieAI"}'
const record = (response: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  code: 200,
  msg: 'success',
  data: {
    taskId: TASK,
    paramJson: PARAM_JSON,
    completeTime: '2025-06-06 10:30:00',
    response: { taskId: TASK, resultUrls: ['http://example.com/video1.mp4'], ...response },
    successFlag: 1,
    errorCode: null,
    errorMessage: '',
    createTime: '2025-06-06 10:25:00',
    ...extra,
  },
})
const FLOW = 'Your request was rejected by Flow(original error message). You may consider using our other fallback channels, which are likely to succeed. Please refer to the documentation.'
const genCallback = (code: number, msg: string) => ({ code, msg, data: { taskId: TASK, fallbackFlag: false } })

const rows: ExampleRow[] = [
  // generate (K-GEN, S002)
  [
    'the generate request assembled from the field examples of K-GEN/S002 (two images: first and last frame)',
    {
      url: GEN,
      doc: 'docs/vendors/kie.md §4.1',
      request: { path: '/api/v1/veo/generate' },
      body: {
        prompt: 'A dog playing in a park',
        imageUrls: ['http://example.com/image1.jpg', 'http://example.com/image2.jpg'],
        model: 'veo3_fast',
        generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
        aspect_ratio: '16:9',
        seeds: 12345,
        callBackUrl: 'http://your-callback-url.com/complete',
        enableFallback: false,
        enableTranslation: true,
        watermark: 'MyBrand',
      },
    },
  ],
  ['the generate request in the CN schema spelling aspectRatio', { url: 'https://docs.kie.ai/cn/veo3-api/generate-veo-3-video', doc: 'docs/vendors/kie.md §8.2', request: { path: '/api/v1/veo/generate' }, body: { prompt: 'A dog playing in a park', model: 'veo3_fast', aspectRatio: '16:9' } }],
  ['the generate success answer', { url: GEN, doc: 'docs/vendors/kie.md §4.1', response: post('/api/v1/veo/generate'), body: { code: 200, msg: 'success', data: { taskId: TASK } } }],
  ['the HTTP 500 "request failed" answer', { url: GEN, doc: 'docs/vendors/kie.md §3', response: post('/api/v1/veo/generate', 500), body: { code: 500, msg: 'Server Error - An unexpected error occurred while processing the request', data: null } }],
  ['the 401 body of Getting Started (no data)', { url: 'https://docs.kie.ai/1973359m0', doc: 'docs/vendors/kie.md §2', response: post('/api/v1/veo/generate'), body: { code: 401, msg: 'You do not have access permissions' } }],
  [
    'the live 401 text a public client recorded (HTTP 200)',
    { url: 'github:patelhardik369/kie/.claude/skills/kie-api/SKILL.md', doc: 'docs/vendors/kie.md §8.10', response: post('/api/v1/veo/generate'), body: { code: 401, msg: 'Unauthorized – Authentication failed. Please check that your Authorization and Content-Type headers are correctly set.' } },
  ],
  ['the 422 Flow rejection (fallback off)', { url: GEN, doc: 'docs/vendors/kie.md §4.1', response: post('/api/v1/veo/generate'), body: { code: 422, msg: FLOW, data: null } }],
  // record-info (K-REC): three revisions of one success example
  [
    'the English record-info success with fullResultUrls',
    { url: REC, doc: 'docs/vendors/kie.md §4.2', response: get('/api/v1/veo/record-info'), body: record({ originUrls: ['http://example.com/original_video1.mp4'], fullResultUrls: ['http://example.com/full_result.mp4'], resolution: '1080p' }, { fallbackFlag: false }) },
  ],
  ['the English record-info success without fullResultUrls', { url: REC, doc: 'docs/vendors/kie.md §8.13', response: get('/api/v1/veo/record-info'), body: record({ originUrls: ['http://example.com/original_video1.mp4'], resolution: '1080p' }, { fallbackFlag: false }) }],
  ['the Chinese record-info success (no fullResultUrls, resolution or fallbackFlag)', { url: REC_CN, doc: 'docs/vendors/kie.md §8.13', response: get('/api/v1/veo/record-info'), body: record({ originUrls: ['http://example.com/original_video1.mp4'] }) }],
  ['record-info "record is null" for an unknown task', { url: REC, doc: 'docs/vendors/kie.md §4.2', response: get('/api/v1/veo/record-info'), body: { code: 422, msg: 'record is null', data: null } }],
  ['record-info past retention', { url: REC, doc: 'docs/vendors/kie.md §4.2', response: get('/api/v1/veo/record-info'), body: { code: 422, msg: 'Temporarily supports records within 14 days', data: null } }],
  // 1080P (K-1080) and 4K (K-4K)
  [
    'the 1080P success answer',
    { url: P1080, doc: 'docs/vendors/kie.md §4.3', response: get('/api/v1/veo/get-1080p-video'), body: { code: 200, msg: 'success', data: { resultUrl: 'https://tempfile.aiquickdraw.com/p/f3b1c2d4e5a6_1759980000.mp4' } } },
  ],
  ['the 1080P "is processing" answer clients poll through', { url: P1080, doc: 'docs/vendors/kie.md §4.3', response: get('/api/v1/veo/get-1080p-video'), body: { code: 400, msg: '1080P is processing. It should be ready in 1-2 minutes. Please check back shortly.', data: null } }],
  ['the 4K first call', { url: P4K, doc: 'docs/vendors/kie.md §4.4', response: post('/api/v1/veo/get-4k-video'), body: { code: 200, msg: 'success', data: { taskId: TASK, resultUrls: null, imageUrls: null } } }],
  [
    'the 4K repeat call while processing',
    { url: P4K, doc: 'docs/vendors/kie.md §4.4', response: post('/api/v1/veo/get-4k-video'), body: { code: 422, msg: '4k is processing. It should be ready in 5-10 minutes. Please check back shortly.', data: { taskId: TASK, resultUrls: null, imageUrls: null } } },
  ],
  [
    'the 4K repeat call when done',
    {
      url: P4K,
      doc: 'docs/vendors/kie.md §4.4',
      response: post('/api/v1/veo/get-4k-video'),
      body: { code: 422, msg: 'The video has been generated successfully', data: { taskId: TASK, resultUrls: ['https://tempfile.aiquickdraw.com/v/a1b2_1759980000.mp4'], imageUrls: ['https://tempfile.aiquickdraw.com/v/a1b2_1759980000.jpg'] } },
    },
  ],
  // extend (K-EXT)
  [
    'the extend request',
    {
      url: EXT,
      doc: 'docs/vendors/kie.md §4.5',
      request: { path: '/api/v1/veo/extend' },
      body: { taskId: TASK, prompt: 'The dog continues running through the park, jumping over obstacles and playing with other dogs', seeds: 12345, watermark: 'MyBrand', callBackUrl: 'https://your-callback-url.com/veo-extend-callback' },
    },
  ],
  ['the extend success answer', { url: EXT, doc: 'docs/vendors/kie.md §4.5', response: post('/api/v1/veo/extend'), body: { code: 200, msg: 'success', data: { taskId: 'veo_extend_task_xyz789' } } }],
  // common API (K-CRED, K-DL)
  ['the credit answer (bare integer)', { url: 'https://docs.kie.ai/common-api/get-account-credits', doc: 'docs/vendors/kie.md §4.6', response: get('/api/v1/chat/credit'), body: { code: 200, msg: 'success', data: 100 } }],
  ['the download-url request', { url: 'https://docs.kie.ai/common-api/download-url', doc: 'docs/vendors/kie.md §4.7', request: { path: '/api/v1/common/download-url' }, body: { url: 'https://tempfile.aiquickdraw.com/p/f3b1c2d4e5a6_1759980000.mp4' } }],
  ['the download-url answer (bare string)', { url: 'https://docs.kie.ai/common-api/download-url', doc: 'docs/vendors/kie.md §4.7', response: post('/api/v1/common/download-url'), body: { code: 200, msg: 'success', data: 'https://tempfile.aiquickdraw.com/p/f3b1c2d4e5a6_1759980000.mp4' } }],
  // callbacks (K-CB, K-4KCB, K-4K)
  [
    'the generation success callback',
    {
      url: CB,
      doc: 'docs/vendors/kie.md §6.2',
      webhook: 'veoGenerationCallback',
      body: {
        code: 200,
        msg: 'Veo3.1 video generated successfully.',
        data: {
          taskId: TASK,
          promptJson: '{"aspectRatio":"16:9","callBackUrl":"...","enableFallback":false,"enableTranslation":true,"model":"veo3_fast","prompt":"cat"}',
          info: { resultUrls: ['http://example.com/video1.mp4'], originUrls: ['http://example.com/original_video1.mp4'], resolution: '1080p' },
          fallbackFlag: false,
        },
      },
    },
  ],
  [
    'the generation success callback with result URLs as a JSON string (callback OpenAPI)',
    { url: GEN, doc: 'docs/vendors/kie.md §8.8', webhook: 'veoGenerationCallback', body: { code: 200, msg: 'Veo3.1 video generated successfully.', data: { taskId: TASK, info: { resultUrls: '[http://example.com/video1.mp4]' }, fallbackFlag: false } } },
  ],
  ['the content-policy failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(400, 'Your prompt was flagged by Website as violating content policies.') }],
  ['the English-only failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(400, 'Only English prompts are supported at this time.') }],
  ['the image-fetch failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(400, 'Failed to fetch the image. Kindly verify any access limits set by you or your service provider.') }],
  ['the unsafe-image failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(400, 'public error unsafe image upload.') }],
  ['the Flow-rejection failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(422, FLOW) }],
  ['the internal-error failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(500, 'Internal Error, Please try again later.') }],
  ['the timeout failure callback', { url: CB, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: genCallback(500, 'Internal Error - Timeout') }],
  [
    'the extension success callback',
    { url: EXT, doc: 'docs/vendors/kie.md §6.2', webhook: 'veoGenerationCallback', body: { code: 200, msg: 'Veo3.1 video extension successful.', data: { taskId: 'veo_extend_task_xyz789', info: { resultUrls: ['http://example.com/video1.mp4'] }, fallbackFlag: false } } },
  ],
  [
    'the 4K success callback (camelCase with info)',
    { url: P4KCB, doc: 'docs/vendors/kie.md §6.3', webhook: 'veo4kCallback', body: { code: 200, msg: '4K Video generated successfully.', data: { taskId: TASK, info: { resultUrls: ['https://tempfile.aiquickdraw.com/v/a.mp4'], imageUrls: ['https://tempfile.aiquickdraw.com/v/a.jpg'] } } } },
  ],
  ['the 4K failure callback', { url: P4KCB, doc: 'docs/vendors/kie.md §6.3', webhook: 'veo4kCallback', body: { code: 500, msg: 'The 4K version of this video is unavailable. Please try a different video.', data: { taskId: TASK } } }],
  [
    'the 4K callback of the OpenAPI page (snake_case, no info)',
    { url: P4K, doc: 'docs/vendors/kie.md §8.9', webhook: 'veo4kCallback', body: { code: 200, msg: '4K Video generated successfully.', data: { task_id: TASK, result_urls: ['https://tempfile.aiquickdraw.com/v/a.mp4'], media_ids: ['m1'], image_urls: ['https://tempfile.aiquickdraw.com/v/a.jpg'] } } },
  ],
]

describeDocumentedExamples('kie', rows)
