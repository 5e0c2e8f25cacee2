// Pure Xenodia mappings as tables: canonical view → state, billing, ETA; error kind → status and
// body; model and resolution → price; request → normalized copy.
import { describe, expect, it } from 'vitest'
import type { CoreError, CoreErrorKind } from '../../core/dialect.js'
import type { Task, TaskView } from '../../core/task.js'
import { errorRendering, renderXenodiaError } from './errors.js'
import { normalizeRequest } from './generations.js'
import { pricingTiers, renderModelList } from './models.js'
import { taskPrice } from './pricing.js'
import { billingOf, etaHintSeconds, updatedAt, xenodiaState } from './tasks.js'

const view = (state: TaskView['state'], progress: number, extra: Partial<TaskView> = {}): TaskView => ({
  state,
  progress,
  settledAt: null,
  failure: null,
  ...extra,
})

function task(overrides: Partial<Task> = {}): Task {
  return {
    id: '0f6b9f2f-4d2a-4e1a-ae49-3e5d4f88dc2f',
    vendor: 'xenodia',
    operation: 'generate',
    parentId: null,
    seq: 1,
    scenario: 'success',
    scenarioSource: 'default',
    keyId: 'key_x',
    createdAt: 1_000_000,
    queuedUntil: 1_005_000,
    completesAt: 1_205_000,
    outcome: 'succeeded',
    settledByAdmin: false,
    request: { prompt: 'p' },
    wire: {},
    callbackUrl: null,
    files: ['video.mp4'],
    polls: 0,
    charged: 300_000,
    ...overrides,
  }
}

describe('xenodiaState', () => {
  const cases: Array<[string, { given: TaskView; want: string }]> = [
    ['a queued task is waiting', { given: view('queued', 0), want: 'waiting' }],
    ['a task just out of the queue is queuing', { given: view('running', 1), want: 'queuing' }],
    ['a running task below 10 % is still queuing', { given: view('running', 9), want: 'queuing' }],
    ['a running task from 10 % on is generating', { given: view('running', 10), want: 'generating' }],
    ['a stuck task frozen at 42 is generating', { given: view('running', 42), want: 'generating' }],
    ['a running task at 99 % is generating', { given: view('running', 99), want: 'generating' }],
    ['a succeeded task is success', { given: view('succeeded', 100, { settledAt: 1 }), want: 'success' }],
    ['a failed task is fail', { given: view('failed', 0, { settledAt: 1, failure: 'content_violation' }), want: 'fail' }],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(xenodiaState(given)).toBe(want)
  })
})

describe('billingOf', () => {
  const cases: Array<[string, { given: TaskView; want: ReturnType<typeof billingOf> }]> = [
    [
      'reserves the price while waiting',
      {
        given: view('queued', 0),
        want: { status: 'reserved', reserve_amount_micro_usdc: 300_000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 0 },
      },
    ],
    [
      'reserves the price while generating',
      {
        given: view('running', 50),
        want: { status: 'reserved', reserve_amount_micro_usdc: 300_000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 0 },
      },
    ],
    [
      'commits the price on success (X-TR example)',
      {
        given: view('succeeded', 100, { settledAt: 1 }),
        want: { status: 'committed', reserve_amount_micro_usdc: 300_000, actual_amount_micro_usdc: 300_000, released_amount_micro_usdc: 0 },
      },
    ],
    [
      'releases the reserve on failure',
      {
        given: view('failed', 0, { settledAt: 1, failure: 'generation_failed' }),
        want: { status: 'released', reserve_amount_micro_usdc: 300_000, actual_amount_micro_usdc: 0, released_amount_micro_usdc: 300_000 },
      },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(billingOf(task(), given)).toEqual(want)
  })
})

describe('etaHintSeconds', () => {
  const cases: Array<[string, { given: { task: Task; view: TaskView; now: number }; want: number }]> = [
    ['counts whole seconds up to completesAt', { given: { task: task(), view: view('queued', 0), now: 1_000_000 }, want: 205 }],
    ['rounds a part second up', { given: { task: task(), view: view('running', 50), now: 1_204_500 }, want: 1 }],
    ['is 0 once settled', { given: { task: task(), view: view('succeeded', 100, { settledAt: 1_205_000 }), now: 1_300_000 }, want: 0 }],
    [
      'promises a typical remainder for a stuck task',
      { given: { task: task({ completesAt: null, outcome: null }), view: view('running', 5), now: 1_005_000 }, want: 200 },
    ],
    [
      'never goes negative for a stuck task past its typical end',
      { given: { task: task({ completesAt: null, outcome: null }), view: view('running', 42), now: 9_000_000 }, want: 0 },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(etaHintSeconds(given.task, given.view, given.now, 200_000)).toBe(want)
  })
})

describe('updatedAt', () => {
  const cases: Array<[string, { given: { task: Task; view: TaskView; now: number }; want: number }]> = [
    ['is the creation while waiting', { given: { task: task(), view: view('queued', 0), now: 1_003_000 }, want: 1_000_000 }],
    ['follows the clock while progress rises', { given: { task: task(), view: view('running', 40), now: 1_090_000 }, want: 1_090_000 }],
    ['is the settling time once settled', { given: { task: task(), view: view('succeeded', 100, { settledAt: 1_205_000 }), now: 2_000_000 }, want: 1_205_000 }],
    [
      'freezes with a stuck task’s progress',
      { given: { task: task({ completesAt: null, outcome: null }), view: view('running', 42), now: 90_000_000 }, want: 1_005_000 + 41 * 3000 },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(updatedAt(given.task, given.view, given.now)).toBe(want)
  })
})

describe('taskPrice', () => {
  const cases: Array<[string, { given: [string | undefined, string | undefined]; want: number }]> = [
    ['the default model and resolution (fast, 720p)', { given: [undefined, undefined], want: 300_000 }],
    ['veo3_fast 720p as veo3.1_fast', { given: ['veo3_fast', '720p'], want: 300_000 }],
    ['veo3.1_fast 1080p', { given: ['veo3.1_fast', '1080p'], want: 350_000 }],
    ['veo3.1_fast 4k', { given: ['veo3.1_fast', '4k'], want: 1_000_000 }],
    ['veo3 (quality) 720p', { given: ['veo3', '720p'], want: 1_250_000 }],
    ['veo3.1 (quality) 4k', { given: ['veo3.1', '4k'], want: 2_500_000 }],
    ['veo3_lite 1080p', { given: ['veo3_lite', '1080p'], want: 200_000 }],
    ['veo3.1_lite 4k (accepted, open question)', { given: ['veo3.1_lite', '4k'], want: 800_000 }],
  ]
  it.each(cases)('prices %s', (_name, { given, want }) => {
    expect(taskPrice(...given)).toBe(want)
  })

  it('charges what GET /v1/models lists for every model and resolution', () => {
    for (const model of renderModelList().data) {
      for (const tier of model.capabilities?.pricing?.tiers ?? []) expect(taskPrice(model.id, tier.id)).toBe(tier.price_micro_usdc)
    }
    expect(pricingTiers('fast').map((t) => t.id)).toEqual(['720p', '1080p', '4k'])
  })
})

describe('normalizeRequest', () => {
  const cases: Array<[string, { given: Record<string, unknown>; want: Record<string, unknown> }]> = [
    [
      'applies the documented defaults to a bare prompt',
      { given: { prompt: 'p' }, want: { model: 'veo3.1_fast', prompt: 'p', aspect_ratio: '16:9', resolution: '720p', enableTranslation: true } },
    ],
    [
      'keeps every documented field as sent',
      {
        given: {
          model: 'veo3_lite',
          prompt: 'p',
          generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
          imageUrls: ['https://e.x/a.png'],
          aspect_ratio: 'Auto',
          resolution: '4k',
          seeds: 12345,
          enableFallback: false,
          enableTranslation: false,
          watermark: 'w',
          callBackUrl: 'https://c.x/cb',
          channel_id: 1,
        },
        want: {
          model: 'veo3_lite',
          prompt: 'p',
          generationType: 'FIRST_AND_LAST_FRAMES_2_VIDEO',
          imageUrls: ['https://e.x/a.png'],
          aspect_ratio: 'Auto',
          resolution: '4k',
          seeds: 12345,
          enableFallback: false,
          enableTranslation: false,
          watermark: 'w',
          callBackUrl: 'https://c.x/cb',
          channel_id: 1,
        },
      },
    ],
    [
      'drops undocumented extra fields',
      { given: { prompt: 'p', duration: 8 }, want: { model: 'veo3.1_fast', prompt: 'p', aspect_ratio: '16:9', resolution: '720p', enableTranslation: true } },
    ],
  ]
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(normalizeRequest(given as Parameters<typeof normalizeRequest>[0])).toEqual(want)
  })
})

describe('errorRendering', () => {
  const cases: Array<[CoreErrorKind, { want: { status: number; error: string; code?: string } }]> = [
    ['unauthorized', { want: { status: 401, error: 'unauthorized', code: 'invalid_api_key' } }],
    ['insufficient_credits', { want: { status: 402, error: 'insufficient_balance', code: 'insufficient_balance' } }],
    ['rate_limited', { want: { status: 429, error: 'rate_limited', code: 'rate_limited' } }],
    ['server_error', { want: { status: 500, error: 'internal_error', code: 'internal_error' } }],
    ['maintenance', { want: { status: 503, error: 'service_unavailable', code: 'service_unavailable' } }],
    ['upstream_error', { want: { status: 502, error: 'upstream_error', code: 'upstream_error' } }],
    ['flaky_poll', { want: { status: 502, error: 'bad_gateway' } }],
    ['invalid_request', { want: { status: 400, error: 'bad_request', code: 'invalid_parameter' } }],
    ['malformed_json', { want: { status: 400, error: 'bad_request', code: 'invalid_json' } }],
    ['unsupported_media_type', { want: { status: 400, error: 'bad_request', code: 'unsupported_content_type' } }],
    ['payload_too_large', { want: { status: 413, error: 'payload_too_large', code: 'payload_too_large' } }],
    ['route_not_found', { want: { status: 404, error: 'not_found' } }],
    ['method_not_allowed', { want: { status: 405, error: 'method_not_allowed', code: 'method_not_allowed' } }],
    ['task_not_found', { want: { status: 404, error: 'not_found' } }],
  ]
  it.each(cases)('renders %s in the flat shape', (kind, { want }) => {
    const { status, body } = errorRendering({ kind, message: 'm' })
    expect(status).toBe(want.status)
    expect(body.error).toBe(want.error)
    expect(typeof body.message).toBe('string')
    expect(body.code).toBe(want.code)
  })

  it('names the failing field of an invalid request', () => {
    expect(errorRendering({ kind: 'invalid_request', message: '/seeds must be >= 10000', field: 'seeds' }).body.message).toBe(
      'Invalid parameter seeds: /seeds must be >= 10000',
    )
  })

  const rateCases: Array<[string, { given: Partial<CoreError>; want: string }]> = [
    ['sends Retry-After 10 for a scenario rejection', { given: {}, want: '10' }],
    ['rounds a real window up to whole seconds', { given: { retryAfterMs: 1500 }, want: '2' }],
    ['never sends Retry-After 0', { given: { retryAfterMs: 1 }, want: '1' }],
  ]
  it.each(rateCases)('%s', (_name, { given, want }) => {
    const error: CoreError = { kind: 'rate_limited', message: 'm', route: '/v1/videos/generations', fromScenario: true, ...given }
    expect(renderXenodiaError(error).headers).toEqual({ 'retry-after': want })
  })

  it('lists the allowed methods on a 405', () => {
    const error: CoreError = { kind: 'method_not_allowed', message: 'm', route: '/v1/tasks/{task_id}', allow: ['GET'], fromScenario: false }
    expect(renderXenodiaError(error).headers).toEqual({ allow: 'GET' })
  })
})
