// The tasks `veomock webhooks` creates on its own mock so that every documented callback body of a
// vendor exists with real result URLs: a success, each failure scenario, and the vendor's follow-up
// operations that call back too (KIE 1080p, extend and 4K; Apixo extend).
// @see contract §8; docs/vendors/kie.md §4.4, §4.5, §6; docs/vendors/apixo.md §3.4, §5
import type { ScenarioName } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import type { ClientRequest } from '../client/protocol.js'

export interface SourceTask {
  /** Short name used in delivery labels, e.g. `success-1080p`. */
  label: string
  scenario: ScenarioName
  request?: Partial<ClientRequest>
}

/** A second submit on a finished task that calls back on its own (extend, 4K upgrade). */
export interface FollowUp {
  label: string
  /** Which source task it acts on. */
  parent: string
  path: string
  body(parentTaskId: string, callbackUrl: string): unknown
  /** Settle the follow-up task this way through the admin API (a 4K upgrade that fails). */
  finishAs?: 'generation_failed'
}

export interface VendorSources {
  tasks: readonly SourceTask[]
  followUps: readonly FollowUp[]
}

const FAILURES: readonly SourceTask[] = [
  { label: 'content-violation', scenario: 'content_violation' },
  {
    label: 'invalid-image',
    scenario: 'invalid_image',
    request: { generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO', imageUrls: ['https://example.com/veomock/first-frame.png'] },
  },
  { label: 'generation-failed', scenario: 'generation_failed' },
]

export const WEBHOOK_SOURCES: Readonly<Record<VendorId, VendorSources>> = {
  kie: {
    tasks: [{ label: 'success', scenario: 'success' }, { label: 'success-1080p', scenario: 'success', request: { resolution: '1080p' } }, ...FAILURES],
    followUps: [
      // K-EXT: extend calls back in the generation format (docs/vendors/kie.md §4.5).
      {
        label: 'extend',
        parent: 'success',
        path: '/api/v1/veo/extend',
        body: (taskId, url) => ({ taskId, prompt: 'the fox jumps over a log', callBackUrl: url }),
      },
      // K-4K / K-4KCB: the 4K upgrade calls back in its own shape, success or "unavailable" (docs/vendors/kie.md §4.4, §6.3).
      { label: '4k', parent: 'success', path: '/api/v1/veo/get-4k-video', body: (taskId, url) => ({ taskId, callBackUrl: url }) },
      {
        label: '4k-unavailable',
        parent: 'success-1080p',
        path: '/api/v1/veo/get-4k-video',
        body: (taskId, url) => ({ taskId, callBackUrl: url }),
        finishAs: 'generation_failed',
      },
    ],
  },
  apixo: {
    tasks: [{ label: 'success', scenario: 'success' }, ...FAILURES],
    followUps: [
      // veo-3-1-extend takes the same callback fields (docs/vendors/apixo.md §3.4).
      {
        label: 'extend',
        parent: 'success',
        path: '/api/v1/generateTask/veo-3-1-extend',
        body: (taskId, url) => ({ request_type: 'callback', callback_url: url, input: { taskId, prompt: 'the fox jumps over a log' } }),
      },
    ],
  },
  xenodia: { tasks: [{ label: 'success', scenario: 'success' }, ...FAILURES], followUps: [] },
  odkkk: { tasks: [{ label: 'success', scenario: 'success' }, ...FAILURES], followUps: [] },
}
