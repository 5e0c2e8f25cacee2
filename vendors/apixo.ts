// Apixo facts. @see docs/vendors/apixo.md
import type { VendorFacts } from './vendor.js'

export const apixo = {
  id: 'apixo',
  title: 'Apixo',
  spec: 'apixo',
  // @see https://apixo.ai/docs/models/video/veo-3-1 (docs/vendors/apixo.md §1)
  liveBaseUrl: 'https://api.apixo.ai',
  basePath: '',
  keyEnv: 'APIXO_API_KEY',
  // Only used with `request_type: "callback"`. @see https://apixo.ai/docs/api-reference/webhooks
  callbackField: 'callback_url',
  // `data.state` pending → processing → success | failed.
  // @see https://apixo.ai/docs/api-reference/status-task (docs/vendors/apixo.md §4)
  statePointer: '/data/state',
  states: { pending: 'queued', processing: 'running', success: 'succeeded', failed: 'failed' },
  docs: [
    'https://apixo.ai/docs/models/video/veo-3-1',
    'https://apixo.ai/docs/api-reference/status-task',
    'https://apixo.ai/docs/api-reference/webhooks',
    'https://apixo.ai/docs/api-reference/errors',
  ],
} as const satisfies VendorFacts
