// odkkk (EvoLink) facts. @see docs/vendors/odkkk.md
import type { VendorFacts } from './vendor.js'

export const odkkk = {
  id: 'odkkk',
  title: 'odkkk (EvoLink) Veo 3.1 Pro',
  spec: 'odkkk',
  // The server URL carries a path; `/v1/...` is appended to it, not resolved against the host
  // (docs/vendors/odkkk.md §1).
  liveBaseUrl: 'https://ai.odkkk.com/apiv1',
  basePath: '/apiv1',
  keyEnv: 'ODKKK_API_KEY',
  callbackField: 'callback_url',
  // `status` pending → processing → completed | failed.
  // @see https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md (docs/vendors/odkkk.md §4)
  statePointer: '/status',
  states: { pending: 'queued', processing: 'running', completed: 'succeeded', failed: 'failed' },
  // A diverged white-label lists `cancelled`; specs/odkkk.openapi.yaml does not accept it.
  alsoSeen: { cancelled: 'failed' },
  docs: [
    'https://docs.evolink.ai/en/api-manual/video-series/veo3.1/veo3.1-pro-video-generate',
    'https://docs.evolink.ai/en/api-manual/task-management/get-task-detail.md',
    'https://docs.evolink.ai/en/api-manual/task-management/error-codes',
  ],
} as const satisfies VendorFacts
