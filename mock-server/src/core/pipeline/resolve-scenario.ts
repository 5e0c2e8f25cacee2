// Scenario resolution at submit (contract §3): header, admin rule, prompt token or API key name the
// scenario; a submit rejection is answered here; the vendor's rate limit is applied here too,
// before validation, as the vendors count attempts rather than accepted tasks.
import type { SubmitRoute } from '../dialect.js'
import { isSubmitRejection, SCENARIO_HEADER, SCENARIOS } from '../../../../lib/scenarios.js'
import { type ResolvedScenario, resolveScenario } from '../scenario.js'
import type { CompiledVendor, EngineState } from './engine-state.js'
import { type Credentials, headerValue, type IncomingRequest, type StepError } from './request-route.js'

export function scenarioOf(
  state: EngineState,
  vendor: CompiledVendor,
  route: SubmitRoute,
  req: IncomingRequest,
  body: unknown,
  credentials: Credentials,
  now: number,
): { scenario: ResolvedScenario; error?: StepError } {
  const { dialect } = vendor
  const header = headerValue(req.headers[SCENARIO_HEADER])
  const scenario = resolveScenario(
    { vendor: dialect.id, header, prompt: route.prompt(body), apiKey: credentials.apiKey, keyId: credentials.keyId },
    state.rules,
  )
  if (scenario.unknown !== undefined) {
    const message = `Unknown veomock scenario "${scenario.unknown}" (from the ${scenario.source}); expected one of ${SCENARIOS.join(', ')}`
    return { scenario, error: { kind: 'invalid_request', message, field: 'x-veomock-scenario' } }
  }
  if (isSubmitRejection(scenario.scenario)) {
    return { scenario, error: { kind: scenario.scenario, message: `veomock scenario ${scenario.scenario}`, fromScenario: true } }
  }
  if (dialect.rateLimit && credentials.keyId) {
    const decision = state.accounts.admit(dialect.id, credentials.keyId, dialect.rateLimit, now)
    if (!decision.allowed) {
      const { limit, windowMs } = dialect.rateLimit
      return { scenario, error: { kind: 'rate_limited', message: `More than ${limit} submits in ${windowMs / 1000} s`, retryAfterMs: decision.retryAfterMs } }
    }
  }
  return { scenario }
}
