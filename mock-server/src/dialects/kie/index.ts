// The KIE.ai dialect: every response is the envelope `{code, msg, data}`, business errors travel with
// HTTP 200 and the verdict in body `code`, task ids are 32 hex chars, record-info reports
// `successFlag` 0 → 1 | 2 | 3, 1080P and 4K are separate upgrade endpoints, and callbacks may be
// HMAC-signed. @see specs/kie.openapi.yaml, docs/vendors/kie.md
import type { Dialect } from '../../core/dialect.js'
import { kieCallbacks } from './callbacks.js'
import { creditRoute } from './credit.js'
import { downloadUrlRoute } from './download-url.js'
import { renderKieError } from './errors.js'
import { extendRoute } from './extend.js'
import { generateRoute } from './generate.js'
import { get1080pVideoRoute } from './get-1080p-video.js'
import { get4kVideoRoute } from './get-4k-video.js'
import { KIE_DEFAULT_OPTIONS, KIE_SECRET_OPTIONS } from './options.js'
import { INITIAL_CREDITS } from './pricing.js'
import { recordInfoRoute } from './record-info.js'
import { kieVendorState } from './task-states.js'
import { kieTaskId } from './task-id.js'
import { EXTEND_TIMING, GENERATE_TIMING, RATE_LIMIT, RETENTION_MS, UPGRADE_4K_TIMING } from './timings.js'

export const kieDialect = {
  id: 'kie',
  spec: 'kie',
  title: 'KIE.ai',
  routes: [generateRoute, recordInfoRoute, get1080pVideoRoute, get4kVideoRoute, extendRoute, creditRoute, downloadUrlRoute],
  taskId: (random) => kieTaskId(random),
  // 1080P is not a task of its own: its readiness is drawn at submit (task.wire.upgrade1080pMs).
  timings: { generate: GENERATE_TIMING, extend: EXTEND_TIMING, 'upgrade-4k': UPGRADE_4K_TIMING },
  retentionMs: RETENTION_MS,
  rateLimit: RATE_LIMIT,
  initialCredits: INITIAL_CREDITS,
  defaultOptions: { ...KIE_DEFAULT_OPTIONS },
  secretOptions: KIE_SECRET_OPTIONS,
  vendorState: (_task, view) => kieVendorState(view),
  renderError: (error, ctx) => renderKieError(error, ctx),
  callbacks: kieCallbacks,
} satisfies Dialect
