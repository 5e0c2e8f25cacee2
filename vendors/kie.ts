// KIE.ai facts. @see docs/vendors/kie.md
import type { VendorFacts } from './vendor.js'

export const kie = {
  id: 'kie',
  title: 'KIE.ai',
  spec: 'kie',
  // @see https://docs.kie.ai/veo3-api/generate-veo-3-video servers (docs/vendors/kie.md §1)
  liveBaseUrl: 'https://api.kie.ai',
  basePath: '',
  keyEnv: 'KIE_API_KEY',
  callbackField: 'callBackUrl',
  // record-info `data.successFlag`: 0 generating, 1 success, 2 failed, 3 generation failed; KIE has
  // no separate queued state. @see https://docs.kie.ai/veo3-api/get-veo-3-video-details (docs/vendors/kie.md §5)
  statePointer: '/data/successFlag',
  states: { '0': 'running', '1': 'succeeded', '2': 'failed', '3': 'failed' },
  docs: [
    'https://docs.kie.ai/veo3-api/quickstart',
    'https://docs.kie.ai/veo3-api/generate-veo-3-video',
    'https://docs.kie.ai/veo3-api/get-veo-3-video-details',
    'https://docs.kie.ai/veo3-api/generate-veo-3-video-callbacks',
  ],
} as const satisfies VendorFacts
