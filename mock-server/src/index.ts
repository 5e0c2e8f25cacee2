// veomock's library surface: start the mock in other projects' tests, talk to its admin API.
export { startMockServer, createMockServer, type MockServerOptions, type RunningMockServer } from './server.js'
export { AdminClient, AdminError } from './admin/admin-client.js'
export type { Dialect, VendorId, WireRequest, WireResponse } from './core/dialect.js'
export { SCENARIOS, type ScenarioName } from './core/scenario.js'
