// The odkkk dialect (an EvoLink white-label): bare OpenAI-style objects on success, `{"error": {…}}`
// with an integer `code` on errors, task ids `task-unified-…`, statuses pending → processing →
// completed | failed, callbacks carrying the task detail.
// @see specs/odkkk.openapi.yaml, docs/vendors/odkkk.md
import type { Dialect } from '../../core/dialect.js'
import { INITIAL_CREDITS } from './billing.js'
import { ODKKK_DEFAULT_OPTIONS, odkkkCallbacks } from './callbacks.js'
import { renderOdkkkError } from './errors.js'
import { STATUS_BY_STATE, taskDetailRoute } from './task-detail.js'
import { odkkkTaskId } from './task-id.js'
import { GENERATE_TIMING, RETENTION_MS } from './timings.js'
import { videoGenerationRoute } from './video-generation.js'

export const odkkkDialect = {
  id: 'odkkk',
  spec: 'odkkk',
  title: 'odkkk (EvoLink) Veo 3.1 Pro',
  routes: [videoGenerationRoute, taskDetailRoute],
  taskId: odkkkTaskId,
  timings: { generate: GENERATE_TIMING },
  retentionMs: RETENTION_MS,
  // No rate limit is documented (S004 gives no numbers), so none is enforced; `rate_limited` is a scenario only.
  initialCredits: INITIAL_CREDITS,
  defaultOptions: { ...ODKKK_DEFAULT_OPTIONS },
  vendorState: (_task, view) => STATUS_BY_STATE[view.state],
  renderError: (error) => renderOdkkkError(error),
  callbacks: odkkkCallbacks,
} satisfies Dialect
