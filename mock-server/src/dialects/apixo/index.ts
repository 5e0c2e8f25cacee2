// The Apixo dialect: Veo 3.1 through `generateTask/{model}` and `statusTask/{model}`, serving both
// documentation generations (seed 001 = g001, seed 003 = g003) with one set of routes.
// @see specs/apixo.openapi.yaml, docs/vendors/apixo.md
import type { Dialect } from '../../core/dialect.js'
import { apixoCallbacks } from './callbacks.js'
import { currentBalanceRoute } from './current-balance.js'
import { renderApixoError } from './errors.js'
import { extendTaskRoute, generateTaskRoute } from './generate-task.js'
import { apixoOptions, defaultApixoOptions } from './options.js'
import { INITIAL_BALANCE_USD } from './pricing.js'
import { apixoState, extendStatusTaskRoute, statusTaskRoute } from './status-task.js'
import { apixoTaskId } from './task-id.js'
import { APIXO_TIMINGS, RATE_LIMIT, RETENTION_MS } from './timings.js'

export const apixoDialect = {
  id: 'apixo',
  spec: 'apixo',
  title: 'Apixo',
  routes: [generateTaskRoute, statusTaskRoute, extendTaskRoute, extendStatusTaskRoute, currentBalanceRoute],
  taskId: apixoTaskId,
  timings: APIXO_TIMINGS,
  retentionMs: RETENTION_MS,
  // Result URLs live as long as the `urlLifetimeMs` option says (24 h A-RF, or 15 days per g003).
  retentionFor: (options) => apixoOptions(options).urlLifetimeMs,
  rateLimit: RATE_LIMIT,
  initialCredits: INITIAL_BALANCE_USD,
  defaultOptions: defaultApixoOptions,
  vendorState: apixoState,
  renderError: renderApixoError,
  callbacks: apixoCallbacks,
} satisfies Dialect
