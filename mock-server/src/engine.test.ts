// The request pipeline as a function: (state, request, virtual arrival time) in, a response and its
// journal entry out. Given/want tables over the real dialects, no sockets and no wall clock.
import { describe, expect, it } from 'vitest'
import { VirtualClock } from './core/clock.js'
import { engineConfig } from './core/engine.js'
import { renderCallback } from './core/pipeline/callbacks.js'
import { createEngineState, type EngineConfig, type EngineState } from './core/pipeline/engine-state.js'
import { handleRequest } from './core/pipeline/handle-request.js'
import type { IncomingRequest } from './core/pipeline/request-route.js'
import { allDialects } from './dialects/index.js'

const START = Date.UTC(2026, 0, 1)
const still = { now: () => 0, setTimeout: () => 0, clearTimeout: () => undefined }
const config: EngineConfig = engineConfig({ dialects: allDialects, seed: 42, strict: true, baseUrl: (v) => `http://mock/${v}` })

function freshState(): EngineState {
  const clock = new VirtualClock({ scale: 'manual', real: still, start: START })
  return createEngineState(config, { clock, send: async () => ({ status: 200 }), renderCallback })
}

interface Given {
  vendor: string
  method: string
  path: string
  query?: Record<string, string>
  key?: string | null
  body?: unknown
  raw?: string
  contentType?: string
  tooLarge?: boolean
}

function request(given: Given): IncomingRequest {
  const raw = given.raw ?? (given.body === undefined ? undefined : JSON.stringify(given.body))
  return {
    vendor: given.vendor,
    method: given.method,
    path: given.path,
    fullPath: `/${given.vendor}${given.path}`,
    query: given.query ?? {},
    headers: {
      ...(given.key === null ? {} : { authorization: `Bearer ${given.key ?? 'sk-table'}` }),
      ...(raw === undefined ? {} : { 'content-type': given.contentType ?? 'application/json' }),
    },
    rawBody: raw === undefined ? undefined : Buffer.from(raw),
    bodyTooLarge: given.tooLarge ?? false,
  }
}

interface Want {
  status: number
  /** A subset of the parsed response body. */
  body?: unknown
  /** A subset of the journal entry. */
  entry?: Record<string, unknown>
}

const KIE_SUBMIT = { prompt: 'a cat playing piano', model: 'veo3_fast', aspect_ratio: '16:9' }
const ODKKK_SUBMIT = { model: 'veo3.1-pro', prompt: 'a cat playing piano' }

const cases: Array<[string, { given: Given; want: Want }]> = [
  [
    'a KIE submit is accepted with HTTP 200 and journalled with its route, operation and task',
    {
      given: { vendor: 'kie', method: 'POST', path: '/api/v1/veo/generate', body: KIE_SUBMIT },
      want: {
        status: 200,
        body: { code: 200, msg: 'success' },
        entry: { route: '/api/v1/veo/generate', operationId: 'generateVeoVideo', valid: true, scenario: 'success', authorization: 'bearer' },
      },
    },
  ],
  [
    'a submit without a key is refused in the vendor shape before the body is looked at',
    {
      given: { vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', key: null, raw: '{not json' },
      want: { status: 401, entry: { authorization: 'missing', keyId: null, valid: true } },
    },
  ],
  [
    'an oversized body is refused before the key is checked',
    {
      given: { vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', key: null, raw: '{}', tooLarge: true },
      want: { status: 413 },
    },
  ],
  [
    'malformed JSON is the vendor’s 400, never a stack trace',
    {
      given: { vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', raw: '{"model":' },
      want: { status: 400, entry: { route: '/v1/videos/generations', requestBody: undefined } },
    },
  ],
  [
    'a non-JSON content type is refused with the vendor’s 400 (odkkk has no 415)',
    {
      given: { vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', raw: 'model=x', contentType: 'application/x-www-form-urlencoded' },
      want: { status: 400, entry: { requestBody: undefined } },
    },
  ],
  [
    'a spec-invalid body is journalled as invalid with its issues',
    {
      given: { vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', body: { model: 'veo3.1-pro' } },
      want: { status: 400, entry: { valid: false, issues: [expect.stringContaining('prompt')] } },
    },
  ],
  [
    'an unknown path has no route in the journal',
    { given: { vendor: 'odkkk', method: 'GET', path: '/v1/nothing-here' }, want: { status: 404, entry: { route: null, operationId: null } } },
  ],
  [
    'a wrong method names the route and the allowed methods',
    { given: { vendor: 'odkkk', method: 'DELETE', path: '/v1/videos/generations' }, want: { status: 405, entry: { route: '/v1/videos/generations' } } },
  ],
  [
    'a scenario named by a prompt token is resolved at submit and journalled',
    {
      given: { vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', body: { ...ODKKK_SUBMIT, prompt: 'p [veomock:server_error]' } },
      want: { status: 500, entry: { scenario: 'server_error' } },
    },
  ],
  [
    'a poll of an unknown task is the vendor’s not-found, journalled with the id asked for',
    {
      given: { vendor: 'odkkk', method: 'GET', path: '/v1/tasks/task-unified-0000000000-nothere' },
      want: { status: 404, entry: { taskId: 'task-unified-0000000000-nothere' } },
    },
  ],
  [
    'a result file of an unknown task is a plain 404',
    { given: { vendor: 'kie', method: 'GET', path: '/files/abc/video.mp4' }, want: { status: 404, entry: { route: null } } },
  ],
]

describe('the request pipeline', () => {
  it.each(cases)('%s', (_name, { given, want }) => {
    const state = freshState()
    const { response, entry } = handleRequest(state, request(given), START)
    expect(response.status).toBe(want.status)
    if (want.body !== undefined) expect(JSON.parse(response.text ?? '')).toMatchObject(want.body as object)
    expect(entry).toMatchObject({ status: want.status, at: START, vendor: given.vendor, responseText: response.text, ...want.entry })
    expect(state.journal.filter(() => true)).toEqual([entry])
    expect(state.violations).toEqual([])
  })

  it('answers the same for the same state, request and arrival time (determinism)', () => {
    const run = () => {
      const state = freshState()
      const submit = handleRequest(state, request({ vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', body: ODKKK_SUBMIT }), START)
      const id = (JSON.parse(submit.response.text ?? '{}') as { id: string }).id
      const poll = handleRequest(state, request({ vendor: 'odkkk', method: 'GET', path: `/v1/tasks/${id}` }), START + 90_000)
      return [submit.response.text, poll.response.text, submit.entry, poll.entry]
    }
    expect(run()).toEqual(run())
  })

  it('computes a poll from the arrival time it is given, not from a clock', () => {
    const state = freshState()
    const submit = handleRequest(state, request({ vendor: 'odkkk', method: 'POST', path: '/v1/videos/generations', body: ODKKK_SUBMIT }), START)
    const id = (JSON.parse(submit.response.text ?? '{}') as { id: string }).id
    const statusAt = (at: number) =>
      (JSON.parse(handleRequest(state, request({ vendor: 'odkkk', method: 'GET', path: `/v1/tasks/${id}` }), at).response.text ?? '{}') as { status: string })
        .status
    expect(statusAt(START)).toBe('pending')
    expect(statusAt(START + 3_600_000)).toBe('completed')
    expect(state.clock.now()).toBe(START)
  })

  it('keeps states apart: a fresh state over the same compiled config starts empty', () => {
    const a = freshState()
    handleRequest(a, request({ vendor: 'kie', method: 'POST', path: '/api/v1/veo/generate', body: KIE_SUBMIT }), START)
    const b = freshState()
    expect([a.tasks.size, b.tasks.size, a.journal.size, b.journal.size]).toEqual([1, 0, 1, 0])
    expect(b.config).toBe(a.config)
  })
})
