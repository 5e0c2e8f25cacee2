// Callbacks to `callBackUrl`. Xenodia documents only the field ("optional upstream callback URL";
// polling stays supported); payload, signature, retries and timeout are undocumented (S000, X-TR).
// veomock POSTs the current task envelope, as `GET /v1/tasks/{task_id}` returns it (INFER,
// vendor-notes/xenodia.md §5, §7.8), unsigned.
import type { DialectCallbacks } from '../../core/dialect.js'
import { renderTask, xenodiaState } from './tasks.js'

/** The spec's `webhooks:` entry the payload is validated against. */
export const TASK_CALLBACK_WEBHOOK = 'taskCallback'

// INFER: no Xenodia source gives a policy. 15 s receiver timeout; three retries after 10 s, 30 s
// and 90 s; any 2xx counts as delivered (the spec's webhook: "Any 2xx acknowledges").
export const xenodiaCallbacks: DialectCallbacks = {
  policy: {
    timeoutMs: 15_000,
    retryDelaysMs: [10_000, 30_000, 90_000],
    isDelivered: (status) => status >= 200 && status < 300,
  },
  webhook: () => TASK_CALLBACK_WEBHOOK,
  render: (task, view, ctx, attemptAt) => ({ event: `task.${xenodiaState(view)}`, body: renderTask(task, view, attemptAt, ctx) }),
}
