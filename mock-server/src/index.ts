// veomock's library surface: start the mock in other projects' tests, talk to its admin API.
export { startMockServer, createMockServer, type MockServerOptions, type RunningMockServer } from './server.js'
export {
  AdminClient,
  AdminError,
  type AdminTask,
  type CallbackAttempt,
  type Clock,
  type Health,
  type JournalEntry,
  type Options,
  type ScenarioRule,
} from './admin/admin-client.js'
export type { Dialect, WireRequest, WireResponse } from './core/dialect.js'
export { VENDOR_IDS, type VendorId } from '../../vendors/index.js'
export { SCENARIOS, type ScenarioName } from '../../lib/scenarios.js'
