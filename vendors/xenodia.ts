// Xenodia facts. @see docs/vendors/xenodia.md
import type { VendorFacts } from './vendor.js'

export const xenodia = {
  id: 'xenodia',
  title: 'Xenodia',
  spec: 'xenodia',
  // @see https://docs.xenodia.xyz/docs/authentication (docs/vendors/xenodia.md §1)
  liveBaseUrl: 'https://api.xenodia.xyz',
  basePath: '',
  keyEnv: 'XENODIA_API_KEY',
  callbackField: 'callBackUrl',
  // `state` waiting | queuing | generating | success | fail. `waiting` is not yet scheduled (the
  // queued span); `queuing` is already handed to the upstream and queued there, which the mock
  // renders in the first part of the running span (dialects/xenodia/tasks.ts), so it is running.
  // @see https://docs.xenodia.xyz/docs/api/task-retrieval (docs/vendors/xenodia.md §4)
  statePointer: '/state',
  states: { waiting: 'queued', queuing: 'running', generating: 'running', success: 'succeeded', fail: 'failed' },
  docs: [
    'https://docs.xenodia.xyz/docs/authentication',
    'https://docs.xenodia.xyz/docs/api/video-generation-veo31',
    'https://docs.xenodia.xyz/docs/api/task-retrieval',
  ],
} as const satisfies VendorFacts
