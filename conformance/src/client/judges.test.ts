import { describe, expect, it } from 'vitest'
import type { AdminTask, JournalEntry } from '../../../mock-server/src/admin/admin-client.js'
import { catalogFor } from './catalog.js'
import type { ConformanceCase, VendorProfile } from './conformance-case.js'
import {
  bearerAuth,
  boundedSubmitRetries,
  caseApiKey,
  givesUpWithinBudget,
  type Judge,
  type JudgeInput,
  judgeCase,
  mockStrict,
  noRetryAfterFinal4xx,
  oneTaskPerRequest,
  outcome,
  pollCount,
  pollInterval,
  requestsValid,
  retryAfterHonoured,
  videoUrls,
} from './judges.js'
import type { ClientOutcome } from './protocol.js'

const T0 = Date.UTC(2026, 0, 1)
const S = 1000
const TASK = 'task-1'

const kie = catalogFor('kie')
const apixo = catalogFor('apixo')
const xenodia = catalogFor('xenodia')
const odkkk = catalogFor('odkkk')

function caseOf(vendor: { cases: readonly ConformanceCase[] }, id: string): ConformanceCase {
  const found = vendor.cases.find((c) => c.id === id)
  if (!found) throw new Error(`no case ${id}`)
  return found
}

let seq = 0
function entry(partial: Partial<JournalEntry> & Pick<JournalEntry, 'method' | 'route' | 'status' | 'at'>): JournalEntry {
  seq += 1
  return {
    seq,
    vendor: 'kie',
    path: partial.route ?? '/nowhere',
    operationId: null,
    query: {},
    durationMs: 1,
    valid: true,
    issues: [],
    taskId: null,
    keyId: 'key_case',
    authorization: 'bearer',
    scenario: null,
    requestBody: {},
    responseBody: {},
    headers: {},
    ...partial,
  } as JournalEntry
}

const submit = (profile: VendorProfile, at: number, extra: Partial<JournalEntry> = {}) =>
  entry({ method: 'POST', route: profile.submitRoutes[0] as string, status: 200, at: T0 + at, taskId: TASK, ...extra })
const poll = (profile: VendorProfile, at: number, extra: Partial<JournalEntry> = {}) =>
  entry({ method: 'GET', route: profile.pollRoutes[0] as string, status: 200, at: T0 + at, taskId: TASK, ...extra })
/** Polls at the given virtual seconds after T0. */
const pollsAt = (profile: VendorProfile, seconds: number[], extra: Partial<JournalEntry> = {}) => seconds.map((s) => poll(profile, s * S, extra))

function task(partial: Partial<AdminTask> = {}): AdminTask {
  return {
    id: TASK,
    vendor: 'kie',
    operation: 'generate',
    parentId: null,
    scenario: 'success',
    scenarioSource: 'rule',
    state: 'succeeded',
    vendorState: '1',
    progress: 100,
    createdAt: T0,
    timeline: { queuedUntil: T0, completesAt: T0 + 120 * S, settledAt: T0 + 120 * S },
    failure: null,
    resultUrls: ['http://mock/kie/files/task-1/video.mp4'],
    callbackUrl: null,
    keyId: 'key_case',
    request: {},
    ...partial,
  } as AdminTask
}

function input(testCase: ConformanceCase, profile: VendorProfile, given: Partial<JudgeInput>): JudgeInput {
  return { testCase, profile, outcome: null, entries: [], unattributed: [], tasks: [], timeScale: 300, ...given }
}

const succeeded: ClientOutcome = { status: 'succeeded', taskId: TASK, videoUrls: ['http://mock/kie/files/task-1/video.mp4'] }
const failedWith = (kind: string, vendorCode: string, taskId: string | null = null): ClientOutcome =>
  ({ status: 'failed', taskId, error: { kind, vendorCode, message: 'x' } }) as ClientOutcome

type Row = [name: string, { judge: Judge; given: JudgeInput; want: string[] }]

const rows: Row[] = [
  // requests-valid
  [
    'requests-valid passes valid requests',
    { judge: requestsValid, given: input(caseOf(kie, 'success'), kie.profile, { entries: [submit(kie.profile, 0), poll(kie.profile, 30 * S)] }), want: [] },
  ],
  [
    'requests-valid flags a request the spec rejects',
    {
      judge: requestsValid,
      given: input(caseOf(kie, 'success'), kie.profile, { entries: [submit(kie.profile, 0, { valid: false, issues: ['/aspect_ratio must be one of …'] })] }),
      want: ['requests-valid'],
    },
  ],
  [
    'requests-valid flags a request to no operation of the spec',
    {
      judge: requestsValid,
      given: input(caseOf(kie, 'success'), kie.profile, { entries: [entry({ method: 'GET', route: null, status: 200, at: T0 })] }),
      want: ['requests-valid'],
    },
  ],
  // bearer-auth
  [
    'bearer-auth passes when every request has a bearer key',
    { judge: bearerAuth, given: input(caseOf(kie, 'success'), kie.profile, { entries: [submit(kie.profile, 0)] }), want: [] },
  ],
  [
    'bearer-auth flags a poll without Authorization',
    {
      judge: bearerAuth,
      given: input(caseOf(kie, 'success'), kie.profile, {
        entries: [submit(kie.profile, 0)],
        unattributed: [poll(kie.profile, 30 * S, { keyId: null, authorization: 'missing', status: 200 })],
      }),
      want: ['bearer-auth'],
    },
  ],
  // case-api-key
  [
    'case-api-key flags a client that never used VEO_API_KEY',
    { judge: caseApiKey, given: input(caseOf(kie, 'success'), kie.profile, { entries: [] }), want: ['case-api-key'] },
  ],
  [
    'case-api-key allows rejecting an invalid request client-side',
    { judge: caseApiKey, given: input(caseOf(kie, 'invalid_request'), kie.profile, { entries: [] }), want: [] },
  ],
  // no-retry-after-final-4xx
  [
    'no-retry passes a single rejected submit',
    {
      judge: noRetryAfterFinal4xx,
      given: input(caseOf(apixo, 'insufficient_credits'), apixo.profile, { entries: [submit(apixo.profile, 0, { status: 402, taskId: null })] }),
      want: [],
    },
  ],
  [
    'no-retry flags a second submit after HTTP 402',
    {
      judge: noRetryAfterFinal4xx,
      given: input(caseOf(odkkk, 'insufficient_credits'), odkkk.profile, {
        entries: [submit(odkkk.profile, 0, { status: 402, taskId: null }), submit(odkkk.profile, 5 * S, { status: 402, taskId: null })],
      }),
      want: ['no-retry-after-final-4xx'],
    },
  ],
  [
    "no-retry flags a second submit after KIE's HTTP 200 with body code 401",
    {
      judge: noRetryAfterFinal4xx,
      given: input(caseOf(kie, 'unauthorized'), kie.profile, {
        entries: [
          submit(kie.profile, 0, { taskId: null, responseBody: { code: 401, msg: 'You do not have access permissions' } }),
          submit(kie.profile, 1 * S, { taskId: null, responseBody: { code: 401 } }),
        ],
      }),
      want: ['no-retry-after-final-4xx'],
    },
  ],
  [
    'no-retry allows retrying a 429',
    {
      judge: noRetryAfterFinal4xx,
      given: input(caseOf(apixo, 'rate_limited'), apixo.profile, {
        entries: [submit(apixo.profile, 0, { status: 429, taskId: null }), submit(apixo.profile, 10 * S, { status: 429, taskId: null })],
      }),
      want: [],
    },
  ],
  [
    'no-retry allows a HTTP 200 with another vendor envelope code 402 (not KIE)',
    {
      judge: noRetryAfterFinal4xx,
      given: input(caseOf(apixo, 'success'), apixo.profile, {
        // Body code 402 in an HTTP 200 is only a rejection where the vendor answers that way (KIE).
        entries: [submit(apixo.profile, 0, { responseBody: { code: 402 } }), submit(apixo.profile, 1 * S, { responseBody: { code: 402 } })],
      }),
      want: [],
    },
  ],
  // retry-after-honoured
  [
    'retry-after passes a retry 60 s after an odkkk 429 with Retry-After 60',
    {
      judge: retryAfterHonoured,
      given: input(caseOf(odkkk, 'rate_limited'), odkkk.profile, {
        entries: [
          submit(odkkk.profile, 0, { status: 429, taskId: null, scenario: 'rate_limited' }),
          submit(odkkk.profile, 61 * S, { status: 429, taskId: null, scenario: 'rate_limited' }),
        ],
      }),
      want: [],
    },
  ],
  [
    'retry-after flags a retry 5 s after an odkkk 429 with Retry-After 60',
    {
      judge: retryAfterHonoured,
      given: input(caseOf(odkkk, 'rate_limited'), odkkk.profile, {
        entries: [
          submit(odkkk.profile, 0, { status: 429, taskId: null, scenario: 'rate_limited' }),
          submit(odkkk.profile, 5 * S, { status: 429, taskId: null, scenario: 'rate_limited' }),
        ],
      }),
      want: ['retry-after-honoured'],
    },
  ],
  [
    'retry-after flags a retry 2 s after a Xenodia 429 with Retry-After 10',
    {
      judge: retryAfterHonoured,
      given: input(caseOf(xenodia, 'rate_limited'), xenodia.profile, {
        entries: [
          submit(xenodia.profile, 0, { status: 429, taskId: null, scenario: 'rate_limited' }),
          submit(xenodia.profile, 2 * S, { status: 429, taskId: null, scenario: 'rate_limited' }),
        ],
      }),
      want: ['retry-after-honoured'],
    },
  ],
  [
    'retry-after has nothing to judge where the vendor sends none (Apixo)',
    {
      judge: retryAfterHonoured,
      given: input(caseOf(apixo, 'rate_limited'), apixo.profile, {
        entries: [
          submit(apixo.profile, 0, { status: 429, taskId: null, scenario: 'rate_limited' }),
          submit(apixo.profile, 1, { status: 429, taskId: null, scenario: 'rate_limited' }),
        ],
      }),
      want: [],
    },
  ],
  // bounded-submit-retries
  [
    'bounded retries passes three submits on a lasting 503',
    {
      judge: boundedSubmitRetries,
      given: input(caseOf(apixo, 'maintenance'), apixo.profile, {
        entries: [0, 5, 20].map((s) => submit(apixo.profile, s * S, { status: 503, taskId: null })),
      }),
      want: [],
    },
  ],
  [
    'bounded retries flags twenty submits',
    {
      judge: boundedSubmitRetries,
      given: input(caseOf(apixo, 'maintenance'), apixo.profile, {
        entries: Array.from({ length: 20 }, (_, i) => submit(apixo.profile, i * 10 * S, { status: 503, taskId: null })),
      }),
      want: ['bounded-submit-retries'],
    },
  ],
  // poll-interval
  [
    'poll-interval passes KIE polls every 30 s',
    {
      judge: pollInterval,
      given: input(caseOf(kie, 'success'), kie.profile, { entries: [submit(kie.profile, 0), ...pollsAt(kie.profile, [30, 60, 90, 120])], tasks: [task()] }),
      want: [],
    },
  ],
  [
    'poll-interval flags KIE polls every second',
    {
      judge: pollInterval,
      given: input(caseOf(kie, 'success'), kie.profile, {
        entries: [
          submit(kie.profile, 0),
          ...pollsAt(
            kie.profile,
            Array.from({ length: 20 }, (_, i) => 100 + i),
          ),
        ],
        tasks: [task()],
      }),
      want: ['poll-interval'],
    },
  ],
  [
    'poll-interval forgives a handful of quick retries (flaky polls)',
    {
      judge: pollInterval,
      given: input(caseOf(kie, 'flaky_poll'), kie.profile, {
        entries: [submit(kie.profile, 0), ...pollsAt(kie.profile, [30, 31, 32, 62, 92, 122])],
        tasks: [task()],
      }),
      want: [],
    },
  ],
  [
    'poll-interval flags Apixo polling from the start instead of after the 90 s wait',
    {
      judge: pollInterval,
      given: input(caseOf(apixo, 'success'), apixo.profile, {
        entries: [submit(apixo.profile, 0), ...pollsAt(apixo.profile, [5, 10, 15, 20, 25, 30, 35, 40])],
        tasks: [task()],
      }),
      want: ['poll-interval'],
    },
  ],
  [
    'poll-interval passes Apixo polling every 5 s after 90 s',
    {
      judge: pollInterval,
      given: input(caseOf(apixo, 'success'), apixo.profile, {
        entries: [submit(apixo.profile, 0), ...pollsAt(apixo.profile, [90, 95, 100, 105, 110, 115, 120])],
        tasks: [task()],
      }),
      want: [],
    },
  ],
  [
    "poll-interval holds Xenodia to the server's recommended_poll_interval_ms",
    {
      judge: pollInterval,
      given: input(caseOf(xenodia, 'success'), xenodia.profile, {
        entries: [
          submit(xenodia.profile, 0, { responseBody: { recommended_poll_interval_ms: 20_000 } }),
          ...pollsAt(xenodia.profile, [5, 10, 15, 20, 25, 30, 35, 40], { responseBody: { recommended_poll_interval_ms: 20_000 } }),
        ],
        tasks: [task()],
      }),
      want: ['poll-interval'],
    },
  ],
  // poll-count
  [
    'poll-count passes polling that stops at the settled state',
    {
      judge: pollCount,
      given: input(caseOf(kie, 'success'), kie.profile, {
        entries: [submit(kie.profile, 0), ...pollsAt(kie.profile, [30, 60, 90, 120], { responseBody: { code: 200 } })],
        tasks: [task()],
      }),
      want: [],
    },
  ],
  [
    'poll-count flags polls after a poll has shown the task settled',
    {
      judge: pollCount,
      given: input(caseOf(kie, 'success'), kie.profile, {
        entries: [submit(kie.profile, 0), ...pollsAt(kie.profile, [30, 60, 90, 120, 150, 180], { responseBody: { code: 200 } })],
        tasks: [task()],
      }),
      want: ['poll-count'],
    },
  ],
  [
    'poll-count does not count a failed poll after settling as seeing it',
    {
      judge: pollCount,
      given: input(caseOf(kie, 'flaky_poll'), kie.profile, {
        entries: [submit(kie.profile, 0), poll(kie.profile, 120 * S, { status: 500 }), poll(kie.profile, 150 * S, { responseBody: { code: 200 } })],
        tasks: [task()],
      }),
      want: [],
    },
  ],
  // gives-up-within-budget
  [
    'gives-up passes a stuck task abandoned at its 300 s budget',
    {
      judge: givesUpWithinBudget,
      given: input(caseOf(kie, 'stuck'), kie.profile, {
        entries: [submit(kie.profile, 0), ...pollsAt(kie.profile, [30, 60, 90, 120, 150, 180, 210, 240, 270, 300])],
        tasks: [task({ state: 'running', timeline: { queuedUntil: T0, completesAt: null, settledAt: null } })],
      }),
      want: [],
    },
  ],
  [
    'gives-up flags a client still polling at 20 minutes on a 5 minute budget',
    {
      judge: givesUpWithinBudget,
      given: input(caseOf(kie, 'stuck'), kie.profile, {
        entries: [
          submit(kie.profile, 0),
          ...pollsAt(
            kie.profile,
            Array.from({ length: 40 }, (_, i) => 30 * (i + 1)),
          ),
        ],
      }),
      want: ['gives-up-within-budget'],
    },
  ],
  // one-task-per-request
  [
    'one task passes a single accepted submit',
    {
      judge: oneTaskPerRequest,
      given: input(caseOf(xenodia, 'success'), xenodia.profile, { entries: [submit(xenodia.profile, 0)], tasks: [task()] }),
      want: [],
    },
  ],
  [
    'one task flags a client that submitted twice',
    {
      judge: oneTaskPerRequest,
      given: input(caseOf(xenodia, 'success'), xenodia.profile, {
        entries: [submit(xenodia.profile, 0), submit(xenodia.profile, 1 * S, { taskId: 'task-2' })],
        tasks: [task(), task({ id: 'task-2' })],
      }),
      want: ['one-task-per-request'],
    },
  ],
  [
    'one task flags a task created where the submit must be rejected',
    {
      judge: oneTaskPerRequest,
      given: input(caseOf(xenodia, 'invalid_request'), xenodia.profile, { entries: [submit(xenodia.profile, 0)], tasks: [task()] }),
      want: ['one-task-per-request'],
    },
  ],
  // outcome
  [
    'outcome passes a success',
    { judge: outcome, given: input(caseOf(kie, 'success'), kie.profile, { outcome: succeeded, entries: [submit(kie.profile, 0)], tasks: [task()] }), want: [] },
  ],
  [
    'outcome passes KIE content policy as content_policy / "400"',
    {
      judge: outcome,
      given: input(caseOf(kie, 'content_violation'), kie.profile, {
        outcome: failedWith('content_policy', '400', TASK),
        entries: [submit(kie.profile, 0)],
        tasks: [task({ state: 'failed' })],
      }),
      want: [],
    },
  ],
  [
    'outcome flags content policy reported as generation_failed',
    {
      judge: outcome,
      given: input(caseOf(xenodia, 'content_violation'), xenodia.profile, {
        outcome: failedWith('generation_failed', 'content_policy_violation', TASK),
        entries: [submit(xenodia.profile, 0)],
        tasks: [task({ state: 'failed' })],
      }),
      want: ['outcome'],
    },
  ],
  [
    'outcome accepts the HTTP status as odkkk vendorCode, an identifier its answer carries (register all.vendor-code)',
    {
      judge: outcome,
      given: input(caseOf(odkkk, 'insufficient_credits'), odkkk.profile, {
        outcome: failedWith('insufficient_credits', '402'),
        entries: [submit(odkkk.profile, 0, { status: 402, taskId: null })],
        tasks: [],
      }),
      want: [],
    },
  ],
  [
    'outcome accepts error.code and error.type of an odkkk answer, and flags a code the answer never carried',
    {
      judge: (i) => [
        ...outcome({ ...i, outcome: failedWith('insufficient_credits', 'insufficient_quota_error') }),
        ...outcome({ ...i, outcome: failedWith('insufficient_credits', '429') }),
      ],
      given: input(caseOf(odkkk, 'insufficient_credits'), odkkk.profile, {
        entries: [
          submit(odkkk.profile, 0, {
            status: 402,
            taskId: null,
            responseBody: { error: { code: 402, message: 'Insufficient quota', type: 'insufficient_quota_error' } },
          }),
        ],
        tasks: [],
      }),
      want: ['outcome'],
    },
  ],
  [
    "outcome accepts a failed task's state as vendorCode (Xenodia `fail`)",
    {
      judge: outcome,
      given: input(caseOf(xenodia, 'content_violation'), xenodia.profile, {
        outcome: failedWith('content_policy', 'fail', TASK),
        entries: [
          submit(xenodia.profile, 0),
          poll(xenodia.profile, 5 * S, { responseBody: { state: 'fail', type: 'video', error: { code: 'content_policy_violation', message: 'x' } } }),
        ],
        tasks: [task({ vendor: 'xenodia' })],
      }),
      want: [],
    },
  ],
  [
    'outcome accepts either reading of Apixo MODEL_UNAVAILABLE',
    {
      judge: outcome,
      given: input(caseOf(apixo, 'upstream_error'), apixo.profile, {
        outcome: failedWith('server_error', '503'),
        entries: [submit(apixo.profile, 0, { status: 503, taskId: null })],
        tasks: [],
      }),
      want: [],
    },
  ],
  [
    'outcome accepts any vendor code for a timeout',
    {
      judge: outcome,
      given: input(caseOf(odkkk, 'stuck'), odkkk.profile, {
        outcome: failedWith('timeout', 'processing', TASK),
        entries: [submit(odkkk.profile, 0)],
        tasks: [task({ state: 'running' })],
      }),
      want: [],
    },
  ],
  [
    'outcome ignores the code of an invalid request rejected client-side',
    {
      judge: outcome,
      given: input(caseOf(odkkk, 'invalid_request'), odkkk.profile, { outcome: failedWith('invalid_request', 'client'), entries: [], tasks: [] }),
      want: [],
    },
  ],
  [
    'outcome judges the code of an invalid request the vendor answered',
    {
      judge: outcome,
      given: input(caseOf(odkkk, 'invalid_request'), odkkk.profile, {
        outcome: failedWith('invalid_request', '422'),
        entries: [submit(odkkk.profile, 0, { status: 400, taskId: null })],
        tasks: [],
      }),
      want: ['outcome'],
    },
  ],
  [
    'outcome flags a success where a failure was due',
    {
      judge: outcome,
      given: input(caseOf(kie, 'unauthorized'), kie.profile, { outcome: succeeded, entries: [submit(kie.profile, 0)], tasks: [] }),
      want: ['outcome', 'outcome-task-id'],
    },
  ],
  [
    'outcome flags a taskId other than the task created',
    {
      judge: outcome,
      given: input(caseOf(kie, 'success'), kie.profile, {
        outcome: { ...succeeded, taskId: 'other' } as ClientOutcome,
        entries: [submit(kie.profile, 0)],
        tasks: [task()],
      }),
      want: ['outcome-task-id'],
    },
  ],
  [
    'outcome flags a taskId on a rejection that created no task',
    {
      judge: outcome,
      given: input(caseOf(apixo, 'unauthorized'), apixo.profile, {
        outcome: failedWith('unauthorized', '401', 'undefined'),
        entries: [submit(apixo.profile, 0, { status: 401, taskId: null })],
        tasks: [],
      }),
      want: ['outcome-task-id'],
    },
  ],
  // video-urls
  [
    'video-urls passes the main result URL',
    {
      judge: videoUrls,
      given: input(caseOf(kie, 'success'), kie.profile, {
        outcome: succeeded,
        tasks: [task({ resultUrls: ['http://mock/kie/files/task-1/video.mp4', 'http://mock/kie/files/task-1/video-1080p.mp4'] })],
      }),
      want: [],
    },
  ],
  [
    'video-urls flags a URL the task does not have',
    {
      judge: videoUrls,
      given: input(caseOf(kie, 'success'), kie.profile, {
        outcome: { ...succeeded, videoUrls: ['http://elsewhere/video.mp4'] } as ClientOutcome,
        tasks: [task()],
      }),
      want: ['video-urls'],
    },
  ],
  // mock-strict
  [
    'mock-strict reports a mock response that violates its own spec',
    {
      judge: mockStrict,
      given: input(caseOf(kie, 'success'), kie.profile, {
        entries: [poll(kie.profile, 30 * S, { status: 500, responseBody: { type: 'https://veomock.dev/problems/strict-response', detail: 'x' } })],
      }),
      want: ['mock-strict'],
    },
  ],
]

describe('judges', () => {
  it.each(rows)('%s', (_name, { judge, given, want }) => {
    expect(judge(given).map((f) => f.check)).toEqual(want)
  })

  it('show the offending journal entries with method, path, status and virtual time', () => {
    const [finding] = noRetryAfterFinal4xx(
      input(caseOf(odkkk, 'insufficient_credits'), odkkk.profile, {
        entries: [submit(odkkk.profile, 0, { status: 402, taskId: null }), submit(odkkk.profile, 5 * S, { status: 402, taskId: null })],
      }),
    )
    expect(finding?.evidence).toEqual([
      { method: 'POST', path: '/v1/videos/generations', status: 402, at: T0, t: '+0.0 s', note: 'final rejection' },
      { method: 'POST', path: '/v1/videos/generations', status: 402, at: T0 + 5 * S, t: '+5.0 s', note: 'retry' },
    ])
  })

  it('skip every judge that reads the journal when given none (live target)', () => {
    const testCase = caseOf(kie, 'success')
    const given = input(testCase, kie.profile, { outcome: succeeded, entries: null, unattributed: null, tasks: null })
    expect(judgeCase(given)).toEqual([])
    expect(judgeCase({ ...given, outcome: failedWith('server_error', '500') }).map((f) => f.check)).toEqual(['outcome'])
  })
})
