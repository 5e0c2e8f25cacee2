// The Xenodia dialect: an API gateway in front of KIE's Veo with its own task resource, real HTTP
// statuses, flat error bodies and micro-USDC billing.
// @see docs/vendors/xenodia.md, specs/xenodia.openapi.yaml
import type { Dialect } from '../../core/dialect.js'
import { xenodiaCallbacks } from './callbacks.js'
import { creditsBalanceRoute, INITIAL_BALANCE_MICRO_USDC } from './credits-balance.js'
import { renderXenodiaError } from './errors.js'
import { createVideoGenerationAliasRoute, createVideoGenerationRoute } from './generations.js'
import { listModelsRoute } from './models.js'
import { xenodiaTaskId } from './task-id.js'
import { retrieveTaskRoute, xenodiaState } from './tasks.js'
import { GENERATE_TIMING, RETENTION_MS } from './timings.js'

export const xenodiaDialect = {
  id: 'xenodia',
  spec: 'xenodia',
  title: 'Xenodia',
  routes: [createVideoGenerationRoute, createVideoGenerationAliasRoute, retrieveTaskRoute, listModelsRoute, creditsBalanceRoute],
  taskId: (random) => xenodiaTaskId(random),
  timings: { generate: GENERATE_TIMING },
  retentionMs: RETENTION_MS,
  // No rate limit: X-AUTH documents only "429 = rate limit or quota boundary", no numbers (§6).
  initialCredits: INITIAL_BALANCE_MICRO_USDC,
  // The task's `billing` reserves the price at create and releases it on failure (X-TR example
  // `released_amount_micro_usdc`), so a failed task gives its price back to the balance.
  refundsFailedTasks: true,
  // admin.openapi.yaml XenodiaOptions: `createStatus` 200 (INFER) or 202 (docs/vendors/xenodia.md §7.3).
  defaultOptions: { createStatus: 200 },
  vendorState: (_task, view) => xenodiaState(view),
  renderError: (error) => renderXenodiaError(error),
  callbacks: xenodiaCallbacks,
} satisfies Dialect
