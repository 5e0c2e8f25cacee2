// The contract's scenario names (docs/contract.md §3) and how a request names one: the vocabulary
// the mock resolves and the suite arms and judges. How the mock resolves them is core/scenario.ts.

export const SCENARIOS = [
  'success',
  'slow',
  'stuck',
  'content_violation',
  'invalid_image',
  'generation_failed',
  'unauthorized',
  'insufficient_credits',
  'rate_limited',
  'server_error',
  'maintenance',
  'upstream_error',
  'flaky_poll',
  'duplicate_callback',
  'callback_lost',
  'callback_delayed',
  'callback_forged',
  'connection_reset',
  'hang',
  'queue_long',
] as const

export type ScenarioName = (typeof SCENARIOS)[number]

/** Scenarios that cut or stall the connection itself (no vendor rendering); tested in transport-scenarios.test.ts. */
export const TRANSPORT_SCENARIOS: readonly ScenarioName[] = ['connection_reset', 'hang']

/** Scenarios about callback delivery alone: without a callback URL the task is a plain success. */
export const CALLBACK_SCENARIOS = ['callback_lost', 'callback_delayed', 'callback_forged'] as const

/** Scenarios that reject the submit call itself; the task is never created. */
export const SUBMIT_REJECTIONS = ['unauthorized', 'insufficient_credits', 'rate_limited', 'server_error', 'maintenance', 'upstream_error'] as const
export type SubmitRejection = (typeof SUBMIT_REJECTIONS)[number]

/** Scenarios whose task is accepted and later fails. */
export const TASK_FAILURES = ['content_violation', 'invalid_image', 'generation_failed'] as const
export type TaskFailure = (typeof TASK_FAILURES)[number]

/** The request header that names a scenario (docs/contract.md §3). */
export const SCENARIO_HEADER = 'x-veomock-scenario'
/** An API key `veomock:<name>` names a scenario (docs/contract.md §3). */
export const API_KEY_PREFIX = 'veomock:'

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIOS as readonly string[]).includes(value)
}

export function isSubmitRejection(value: ScenarioName): value is SubmitRejection {
  return (SUBMIT_REJECTIONS as readonly string[]).includes(value)
}

export function isTaskFailure(value: unknown): value is TaskFailure {
  return typeof value === 'string' && (TASK_FAILURES as readonly string[]).includes(value)
}
