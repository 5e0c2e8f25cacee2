// The cases of `veomock conformance --mode callback` (contract §5.2): every case of the vendor's
// catalog that creates a task (each §3 scenario the task goes through), plus the callback
// scenarios — a callback that never comes, one that comes long after the task finished, and a
// forged one before the genuine one. Each carries the callback judges besides its own.
import type { VendorId } from '../../../vendors/index.js'
import { catalogFor } from './catalog.js'
import { SUCCESS_JUDGES as POLL_SUCCESS_JUDGES, TIME_SCALES } from './shared-cases.js'
import { BASE_REQUEST, BUDGET, type ConformanceCase, type JudgeName } from './conformance-case.js'

/**
 * N of the callback scenarios (callback_lost, callback_delayed, callback_forged): the N of the poll
 * mode's timing cases (shared-cases.ts TIME_SCALES.timing). The other callback cases keep their
 * catalog case's N. At 60, the fallback polls a client sends while it waits (contract §5.2: no
 * tighter than the guidance) are timed to about a second of vendor time per 16 ms of real noise,
 * and the callback-ack judge's real-time margin (callback-judges.ts) is 2 vendor minutes, not 10.
 */
export const CALLBACK_SCENARIO_TIME_SCALE = TIME_SCALES.timing

export const CALLBACK_JUDGE_NAMES = ['callback-url', 'callback-ack', 'callback-forged-refused', 'callback-fallback', 'callback-confirmed'] as const
export type CallbackJudgeName = (typeof CALLBACK_JUDGE_NAMES)[number]

export interface CallbackCase extends ConformanceCase {
  callbackJudges: readonly CallbackJudgeName[]
}

const BASE_CALLBACK_JUDGES: readonly CallbackJudgeName[] = ['callback-url', 'callback-ack']
// The polling catalog's success judges less request-fidelity and base-path, which the polling run
// applies: callback mode hands clients the advertised base URLs (contract §1), not a real base path.
const SUCCESS_JUDGES: readonly JudgeName[] = POLL_SUCCESS_JUDGES.filter((j) => j !== 'request-fidelity' && j !== 'base-path')

/** Whether callbacks of this vendor are signed in a callback-mode run (the suite always sets the key where the vendor signs). */
export type SignsCallbacks = (vendor: VendorId) => boolean

export function callbackCases(vendor: VendorId, signs: SignsCallbacks): CallbackCase[] {
  const fromCatalog = catalogFor(vendor).cases.filter((c) => c.tasks === 1)
  const base: CallbackCase[] = fromCatalog.map((c) => ({ ...c, callbackJudges: BASE_CALLBACK_JUDGES }))
  const request = { ...BASE_REQUEST, timeoutMs: BUDGET.normal }
  // Twice the longest documented task (5 minutes): a client that falls back to polling ends well
  // within it; one that only waits for the callback runs it out (and the case takes its length).
  const fallbackRequest = { ...BASE_REQUEST, timeoutMs: 10 * 60_000 }
  const timeScale = CALLBACK_SCENARIO_TIME_SCALE
  const signed = signs(vendor)
  // The three callback scenarios share everything but their name, extra judge and outcome judges.
  const callbackCase = (
    id: 'callback_lost' | 'callback_delayed' | 'callback_forged',
    name: string,
    judge: CallbackJudgeName,
    judges = SUCCESS_JUDGES,
  ): CallbackCase => ({
    id,
    name,
    request: id === 'callback_forged' ? request : fallbackRequest,
    arm: { scenario: id },
    expect: { status: 'succeeded' },
    tasks: 1,
    maxSubmits: 1,
    timeScale,
    judges,
    callbackJudges: [...BASE_CALLBACK_JUDGES, judge],
  })
  base.push(
    callbackCase(
      'callback_lost',
      'a task whose completion callback never comes still succeeds: the client falls back to polling within its budget',
      'callback-fallback',
    ),
    callbackCase(
      'callback_delayed',
      'a task whose callback comes long after it finished still succeeds within the budget: the client does not wait for it',
      'callback-fallback',
    ),
    signed
      ? callbackCase(
          'callback_forged',
          'forged callbacks (wrong key, no signature, a stale timestamp) before the genuine one are refused and change nothing',
          'callback-forged-refused',
        )
      : callbackCase(
          'callback_forged',
          'an unsigned callback that lies about the outcome is confirmed through the poll API before it is acted on',
          'callback-confirmed',
          // The outcome is judged by callback-confirmed: acting on the lie is a warn for a vendor that does not sign (contract §5.2).
          SUCCESS_JUDGES.filter((j) => j !== 'outcome' && j !== 'video-urls'),
        ),
  )
  return base
}
