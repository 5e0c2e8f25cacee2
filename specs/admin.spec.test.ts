// Table-driven checks of specs/admin.openapi.yaml: the admin API accepts realistic bodies for every
// operation and rejects what the design forbids, each rejection pinned to the field at fault.
import { describe, expect, it } from 'vitest'
import { SCENARIOS } from '../lib/scenarios.js'
import { specValidator, type HttpMethod } from '../lib/spec/validation.js'

const spec = specValidator('admin')
const PROBLEM = 'application/problem+json'

const clock = { now: 1767225660000, start: 1767225600000, elapsedMs: 60000, scale: 'manual' }

const task = {
  id: 'veo_task_abcdef123456',
  vendor: 'kie',
  operation: 'generate',
  parentId: null,
  scenario: 'success',
  scenarioSource: 'default',
  state: 'running',
  vendorState: '0',
  progress: 35,
  createdAt: 1767225600000,
  timeline: { queuedUntil: 1767225605000, completesAt: 1767225720000, settledAt: null },
  failure: null,
  resultUrls: [],
  callbackUrl: 'https://client.example.test/hooks/kie',
  keyId: 'k_3b7d20',
  request: { prompt: 'a red fox in snow', model: 'veo3_fast' },
}

const journalEntry = {
  seq: 1,
  vendor: 'kie',
  method: 'POST',
  path: '/kie/api/v1/veo/generate',
  route: '/api/v1/veo/generate',
  operationId: 'generateVideo',
  query: {},
  status: 200,
  at: 1767225600000,
  durationMs: 1.7,
  valid: true,
  issues: [],
  taskId: 'veo_task_abcdef123456',
  keyId: 'k_3b7d20',
  authorization: 'bearer',
  scenario: 'success',
  requestBody: { prompt: 'a red fox in snow' },
  responseBody: { code: 200, msg: 'success', data: { taskId: 'veo_task_abcdef123456' } },
  headers: { authorization: '[redacted]', 'content-type': 'application/json', accept: ['a', 'b'] },
}

const callbackAttempt = {
  seq: 1,
  taskId: 'veo_task_abcdef123456',
  vendor: 'kie',
  url: 'https://client.example.test/hooks/kie',
  attempt: 1,
  at: 1767225720000,
  event: 'completed',
  body: { code: 200, msg: 'success', data: { taskId: 'veo_task_abcdef123456' } },
  headers: { 'X-Webhook-Timestamp': '1767225720', 'X-Webhook-Signature': 'abc=' },
  status: 200,
  error: null,
  durationMs: 4,
  delivered: true,
  nextAttemptAt: null,
}

const rule = { id: 'rule_1', scenario: 'rate_limited', match: { vendor: 'kie' }, times: 2, remaining: 2, createdAt: 1767225600000 }

const options = {
  kie: { webhookHmacKey: '[redacted]', errorTransport: 'http200', callbackTaskIdFields: false },
  apixo: { failureCallbackForm: 'code200', urlLifetimeMs: 86400000 },
  xenodia: { createStatus: 200 },
  odkkk: { strictCallbacks: false },
}

const health = {
  status: 'ok',
  version: '0.1.0',
  seed: 42,
  clock,
  vendors: [
    { id: 'kie', baseUrl: 'http://127.0.0.1:4010/kie', specUrl: '/specs/kie.openapi.yaml' },
    { id: 'odkkk', baseUrl: 'http://127.0.0.1:4010/odkkk' },
  ],
  counts: { tasks: 1, requests: 2, callbacks: 0 },
  evicted: { tasks: 0, requests: 0, callbacks: 0 },
  limits: { maxTasks: 10000, maxRequests: 50000, maxCallbacks: 10000 },
}

const problem = (status: number, detail = 'x') => ({ type: 'urn:veomock:problem:test', title: 'Test', status, detail })

interface BodyCase {
  given: { template: string; method: HttpMethod; body: unknown }
  want: { valid: true } | { valid: false; pointer: string; message: RegExp }
}

const requestBodies: Array<[string, BodyCase]> = [
  ['advance accepts a positive ms', { given: { template: '/__admin/clock/advance', method: 'post', body: { ms: 60000 } }, want: { valid: true } }],
  ['advance accepts zero ms', { given: { template: '/__admin/clock/advance', method: 'post', body: { ms: 0 } }, want: { valid: true } }],
  ['finish accepts success', { given: { template: '/__admin/tasks/{id}/finish', method: 'post', body: { scenario: 'success' } }, want: { valid: true } }],
  ...(['content_violation', 'invalid_image', 'generation_failed'] as const).map(
    (scenario): [string, BodyCase] => [
      `finish accepts the failure ${scenario}`,
      { given: { template: '/__admin/tasks/{id}/finish', method: 'post', body: { scenario } }, want: { valid: true } },
    ],
  ),
  [
    'a scenario rule accepts a vendor match with a count',
    { given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'rate_limited', match: { vendor: 'kie' }, times: 2 } }, want: { valid: true } },
  ],
  [
    'a scenario rule accepts a prompt and API key match without a count',
    {
      given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'content_violation', match: { prompt: 'nsfw', apiKey: 'sk-test-123' } } },
      want: { valid: true },
    },
  ],
  ['a scenario rule accepts a bare scenario', { given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'duplicate_callback' } }, want: { valid: true } }],
  ['an account accepts zero credits', { given: { template: '/__admin/accounts/{apiKey}', method: 'put', body: { credits: 0 } }, want: { valid: true } }],
  ['an account accepts fractional credits', { given: { template: '/__admin/accounts/{apiKey}', method: 'put', body: { credits: 12.5 } }, want: { valid: true } }],
  [
    'an options patch accepts a single field',
    { given: { template: '/__admin/options', method: 'patch', body: { kie: { webhookHmacKey: 'my-hmac-secret' } } }, want: { valid: true } },
  ],
  ['an options patch accepts null to unsign kie', { given: { template: '/__admin/options', method: 'patch', body: { kie: { webhookHmacKey: null } } }, want: { valid: true } }],
  ['an options patch accepts every section', { given: { template: '/__admin/options', method: 'patch', body: options }, want: { valid: true } }],
  ['an options patch accepts an empty object', { given: { template: '/__admin/options', method: 'patch', body: {} }, want: { valid: true } }],

  [
    'advance rejects negative ms',
    { given: { template: '/__admin/clock/advance', method: 'post', body: { ms: -1 } }, want: { valid: false, pointer: '/ms', message: />= 0/ } },
  ],
  [
    'advance rejects ms as a string',
    { given: { template: '/__admin/clock/advance', method: 'post', body: { ms: '1000' } }, want: { valid: false, pointer: '/ms', message: /integer/ } },
  ],
  [
    'advance rejects a fractional ms',
    { given: { template: '/__admin/clock/advance', method: 'post', body: { ms: 1.5 } }, want: { valid: false, pointer: '/ms', message: /integer/ } },
  ],
  ['advance rejects a missing ms', { given: { template: '/__admin/clock/advance', method: 'post', body: {} }, want: { valid: false, pointer: '', message: /'ms'/ } }],
  [
    'advance rejects an unknown field',
    { given: { template: '/__admin/clock/advance', method: 'post', body: { ms: 1, seconds: 1 } }, want: { valid: false, pointer: '', message: /seconds/ } },
  ],
  [
    'finish rejects a submit-time scenario',
    { given: { template: '/__admin/tasks/{id}/finish', method: 'post', body: { scenario: 'rate_limited' } }, want: { valid: false, pointer: '/scenario', message: /allowed values/ } },
  ],
  [
    'finish rejects an unknown scenario name',
    { given: { template: '/__admin/tasks/{id}/finish', method: 'post', body: { scenario: 'explode' } }, want: { valid: false, pointer: '/scenario', message: /allowed values/ } },
  ],
  ['finish rejects a missing scenario', { given: { template: '/__admin/tasks/{id}/finish', method: 'post', body: {} }, want: { valid: false, pointer: '', message: /'scenario'/ } }],
  [
    'a scenario rule rejects an unknown scenario name',
    { given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'explode' } }, want: { valid: false, pointer: '/scenario', message: /allowed values/ } },
  ],
  [
    'a scenario rule rejects times 0',
    { given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'slow', times: 0 } }, want: { valid: false, pointer: '/times', message: />= 1/ } },
  ],
  [
    'a scenario rule rejects a fractional times',
    { given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'slow', times: 1.5 } }, want: { valid: false, pointer: '/times', message: /integer/ } },
  ],
  [
    'a scenario rule rejects an unknown vendor',
    {
      given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'slow', match: { vendor: 'openai' } } },
      want: { valid: false, pointer: '/match/vendor', message: /allowed values/ },
    },
  ],
  [
    'a scenario rule rejects a misspelt count field',
    { given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'slow', count: 2 } }, want: { valid: false, pointer: '', message: /count/ } },
  ],
  [
    'a scenario rule rejects a match on keyId (the request takes apiKey)',
    {
      given: { template: '/__admin/scenarios', method: 'post', body: { scenario: 'slow', match: { keyId: 'k_1' } } },
      want: { valid: false, pointer: '/match', message: /keyId/ },
    },
  ],
  ['a scenario rule rejects a missing scenario', { given: { template: '/__admin/scenarios', method: 'post', body: { times: 1 } }, want: { valid: false, pointer: '', message: /'scenario'/ } }],
  [
    'an account rejects negative credits',
    { given: { template: '/__admin/accounts/{apiKey}', method: 'put', body: { credits: -5 } }, want: { valid: false, pointer: '/credits', message: />= 0/ } },
  ],
  [
    'an account rejects credits as a string',
    { given: { template: '/__admin/accounts/{apiKey}', method: 'put', body: { credits: '100' } }, want: { valid: false, pointer: '/credits', message: /number/ } },
  ],
  ['an account rejects a missing credits', { given: { template: '/__admin/accounts/{apiKey}', method: 'put', body: {} }, want: { valid: false, pointer: '', message: /'credits'/ } }],
  [
    'an options patch rejects an unknown xenodia create status',
    { given: { template: '/__admin/options', method: 'patch', body: { xenodia: { createStatus: 201 } } }, want: { valid: false, pointer: '/xenodia/createStatus', message: /allowed values/ } },
  ],
  [
    'an options patch rejects an unknown kie error transport',
    { given: { template: '/__admin/options', method: 'patch', body: { kie: { errorTransport: 'http500' } } }, want: { valid: false, pointer: '/kie/errorTransport', message: /allowed values/ } },
  ],
  [
    'an options patch rejects an unknown apixo failure form',
    { given: { template: '/__admin/options', method: 'patch', body: { apixo: { failureCallbackForm: 'code500' } } }, want: { valid: false, pointer: '/apixo/failureCallbackForm', message: /allowed values/ } },
  ],
  [
    'an options patch rejects an unknown vendor section',
    { given: { template: '/__admin/options', method: 'patch', body: { openai: {} } }, want: { valid: false, pointer: '', message: /openai/ } },
  ],
  [
    'an options patch rejects an unknown option inside a section',
    { given: { template: '/__admin/options', method: 'patch', body: { odkkk: { strict: true } } }, want: { valid: false, pointer: '/odkkk', message: /strict/ } },
  ],
]

interface ResponseCase {
  given: { template: string; method: HttpMethod; status: number; body: unknown; contentType?: string }
  want: { valid: true } | { valid: false; pointer: string; message: RegExp }
}

const responses: Array<[string, ResponseCase]> = [
  ['health answers its full shape', { given: { template: '/__admin/health', method: 'get', status: 200, body: health }, want: { valid: true } }],
  ['reset answers reset true with the clock', { given: { template: '/__admin/reset', method: 'post', status: 200, body: { reset: true, clock } }, want: { valid: true } }],
  ['the clock reads with manual scale', { given: { template: '/__admin/clock', method: 'get', status: 200, body: clock }, want: { valid: true } }],
  ['the clock reads with a numeric scale', { given: { template: '/__admin/clock', method: 'get', status: 200, body: { ...clock, scale: 1000 } }, want: { valid: true } }],
  ['advance answers the clock', { given: { template: '/__admin/clock/advance', method: 'post', status: 200, body: clock }, want: { valid: true } }],
  ['the task list answers tasks', { given: { template: '/__admin/tasks', method: 'get', status: 200, body: { tasks: [task] } }, want: { valid: true } }],
  ['the task list answers an empty list', { given: { template: '/__admin/tasks', method: 'get', status: 200, body: { tasks: [] } }, want: { valid: true } }],
  ['one task answers a running task', { given: { template: '/__admin/tasks/{id}', method: 'get', status: 200, body: task }, want: { valid: true } }],
  [
    'one task answers a failed upgrade with its parent',
    {
      given: {
        template: '/__admin/tasks/{id}',
        method: 'get',
        status: 200,
        body: {
          ...task,
          operation: 'upgrade-4k',
          parentId: 'veo_task_parent',
          scenario: 'generation_failed',
          scenarioSource: 'rule',
          state: 'failed',
          vendorState: '3',
          failure: 'generation_failed',
          keyId: null,
          callbackUrl: null,
          timeline: { queuedUntil: 1, completesAt: null, settledAt: 3 },
        },
      },
      want: { valid: true },
    },
  ],
  [
    'finish answers the settled task',
    { given: { template: '/__admin/tasks/{id}/finish', method: 'post', status: 200, body: { ...task, state: 'succeeded', scenarioSource: 'admin', progress: 100, resultUrls: ['http://127.0.0.1:4010/__files/a.mp4'] } }, want: { valid: true } },
  ],
  ['the journal answers entries', { given: { template: '/__admin/requests', method: 'get', status: 200, body: { requests: [journalEntry] } }, want: { valid: true } }],
  [
    'the journal answers an unmatched, unauthenticated entry',
    {
      given: {
        template: '/__admin/requests',
        method: 'get',
        status: 200,
        body: { requests: [{ ...journalEntry, vendor: null, route: null, operationId: null, valid: false, issues: ['no operation'], taskId: null, keyId: null, authorization: 'missing', scenario: null, requestBody: 'not json', responseBody: null }] },
      },
      want: { valid: true },
    },
  ],
  ['the callback list answers attempts', { given: { template: '/__admin/callbacks', method: 'get', status: 200, body: { callbacks: [callbackAttempt] } }, want: { valid: true } }],
  [
    'the callback list answers a failed attempt with a retry due',
    {
      given: { template: '/__admin/callbacks', method: 'get', status: 200, body: { callbacks: [{ ...callbackAttempt, attempt: 2, status: null, error: 'ECONNREFUSED', delivered: false, nextAttemptAt: 1767225790000 }] } },
      want: { valid: true },
    },
  ],
  ['creating a rule answers 201 with the rule', { given: { template: '/__admin/scenarios', method: 'post', status: 201, body: rule }, want: { valid: true } }],
  [
    'creating an open-ended rule answers null times and remaining',
    { given: { template: '/__admin/scenarios', method: 'post', status: 201, body: { ...rule, match: { keyId: 'k_1', prompt: 'x' }, times: null, remaining: null } }, want: { valid: true } },
  ],
  ['the rule list answers rules', { given: { template: '/__admin/scenarios', method: 'get', status: 200, body: { rules: [rule] } }, want: { valid: true } }],
  ['deleting all rules answers 204', { given: { template: '/__admin/scenarios', method: 'delete', status: 204, body: undefined }, want: { valid: true } }],
  ['deleting one rule answers 204', { given: { template: '/__admin/scenarios/{id}', method: 'delete', status: 204, body: undefined }, want: { valid: true } }],
  ['setting an account answers the account', { given: { template: '/__admin/accounts/{apiKey}', method: 'put', status: 200, body: { keyId: 'k_3b7d20', credits: 100 } }, want: { valid: true } }],
  ['reading an account answers the account', { given: { template: '/__admin/accounts/{apiKey}', method: 'get', status: 200, body: { keyId: 'k_3b7d20', credits: 0 } }, want: { valid: true } }],
  ['the options read back in full', { given: { template: '/__admin/options', method: 'get', status: 200, body: options }, want: { valid: true } }],
  ['patching options answers the full options', { given: { template: '/__admin/options', method: 'patch', status: 200, body: { ...options, kie: { ...options.kie, webhookHmacKey: null } } }, want: { valid: true } }],

  ...(
    [
      ['/__admin/clock/advance', 'post', 400],
      ['/__admin/clock/advance', 'post', 413],
      ['/__admin/reset', 'post', 413],
      ['/__admin/tasks', 'get', 400],
      ['/__admin/tasks/{id}', 'get', 404],
      ['/__admin/tasks/{id}/finish', 'post', 400],
      ['/__admin/tasks/{id}/finish', 'post', 404],
      ['/__admin/tasks/{id}/finish', 'post', 409],
      ['/__admin/tasks/{id}/finish', 'post', 413],
      ['/__admin/requests', 'get', 400],
      ['/__admin/callbacks', 'get', 400],
      ['/__admin/scenarios', 'post', 400],
      ['/__admin/scenarios', 'post', 413],
      ['/__admin/scenarios/{id}', 'delete', 404],
      ['/__admin/accounts/{apiKey}', 'put', 400],
      ['/__admin/accounts/{apiKey}', 'put', 413],
      ['/__admin/accounts/{apiKey}', 'get', 404],
      ['/__admin/options', 'patch', 400],
      ['/__admin/options', 'patch', 413],
      ['/__admin/health', 'get', 500],
    ] as Array<[string, HttpMethod, number]>
  ).map(([template, method, status]): [string, ResponseCase] => [
    `${method.toUpperCase()} ${template} answers ${status} as problem+json`,
    { given: { template, method, status, contentType: PROBLEM, body: { ...problem(status), instance: template.replace(/\{[^}]+\}/g, 'x'), errors: ['/x is wrong'] } }, want: { valid: true } },
  ]),

  [
    'a task with an unknown state is rejected',
    { given: { template: '/__admin/tasks/{id}', method: 'get', status: 200, body: { ...task, state: 'done' } }, want: { valid: false, pointer: '/state', message: /allowed values/ } },
  ],
  [
    'a task with an unknown scenario is rejected',
    { given: { template: '/__admin/tasks/{id}', method: 'get', status: 200, body: { ...task, scenario: 'explode' } }, want: { valid: false, pointer: '/scenario', message: /allowed values/ } },
  ],
  [
    'a task with an unknown operation is rejected',
    { given: { template: '/__admin/tasks/{id}', method: 'get', status: 200, body: { ...task, operation: 'upgrade-8k' } }, want: { valid: false, pointer: '/operation', message: /allowed values/ } },
  ],
  [
    'a task with progress over 100 is rejected',
    { given: { template: '/__admin/tasks/{id}', method: 'get', status: 200, body: { ...task, progress: 101 } }, want: { valid: false, pointer: '/progress', message: /<= 100/ } },
  ],
  [
    'a task without its timeline is rejected',
    { given: { template: '/__admin/tasks/{id}', method: 'get', status: 200, body: (({ timeline: _t, ...rest }) => rest)(task) }, want: { valid: false, pointer: '', message: /'timeline'/ } },
  ],
  [
    'a task list with an unknown state is rejected',
    { given: { template: '/__admin/tasks', method: 'get', status: 200, body: { tasks: [{ ...task, state: 'pending' }] } }, want: { valid: false, pointer: '/tasks/0/state', message: /allowed values/ } },
  ],
  [
    'a clock with a negative scale is rejected',
    { given: { template: '/__admin/clock', method: 'get', status: 200, body: { ...clock, scale: -1 } }, want: { valid: false, pointer: '/scale', message: /> 0|manual/ } },
  ],
  [
    'a journal entry with an unknown authorization kind is rejected',
    { given: { template: '/__admin/requests', method: 'get', status: 200, body: { requests: [{ ...journalEntry, authorization: 'basic' }] } }, want: { valid: false, pointer: '/requests/0/authorization', message: /allowed values/ } },
  ],
  [
    'a callback attempt numbered 0 is rejected',
    { given: { template: '/__admin/callbacks', method: 'get', status: 200, body: { callbacks: [{ ...callbackAttempt, attempt: 0 }] } }, want: { valid: false, pointer: '/callbacks/0/attempt', message: />= 1/ } },
  ],
  [
    'an account with negative credits is rejected',
    { given: { template: '/__admin/accounts/{apiKey}', method: 'get', status: 200, body: { keyId: 'k_1', credits: -1 } }, want: { valid: false, pointer: '/credits', message: />= 0/ } },
  ],
  [
    'options missing a vendor section are rejected',
    { given: { template: '/__admin/options', method: 'get', status: 200, body: { kie: options.kie, apixo: options.apixo, xenodia: options.xenodia } }, want: { valid: false, pointer: '', message: /'odkkk'/ } },
  ],
  [
    'a health with an unknown vendor is rejected',
    { given: { template: '/__admin/health', method: 'get', status: 200, body: { ...health, vendors: [{ id: 'openai', baseUrl: 'http://127.0.0.1:4010/openai' }] } }, want: { valid: false, pointer: '/vendors/0/id', message: /allowed values/ } },
  ],
  [
    'a problem without detail is rejected',
    { given: { template: '/__admin/tasks/{id}', method: 'get', status: 404, contentType: PROBLEM, body: { type: 'about:blank', title: 'Not found', status: 404 } }, want: { valid: false, pointer: '', message: /'detail'/ } },
  ],
  [
    'an undeclared status is rejected',
    { given: { template: '/__admin/clock', method: 'get', status: 404, body: problem(404) }, want: { valid: false, pointer: '', message: /not declared/ } },
  ],
]

interface ParamCase {
  given: { template: string; query: Record<string, string>; path?: Record<string, string> }
  want: { valid: true } | { valid: false; pointer: string; message: RegExp }
}

const parameters: Array<[string, ParamCase]> = [
  ['the task list takes vendor, state and limit', { given: { template: '/__admin/tasks', query: { vendor: 'kie', state: 'running', limit: '100' } }, want: { valid: true } }],
  ['the journal takes every filter', { given: { template: '/__admin/requests', query: { vendor: 'apixo', taskId: 'task_1', apiKey: 'sk-1', since: '10', limit: '5' } }, want: { valid: true } }],
  ['the callback list takes taskId and vendor', { given: { template: '/__admin/callbacks', query: { taskId: 'task_1', vendor: 'odkkk' } }, want: { valid: true } }],
  [
    'the task list rejects an unknown state',
    { given: { template: '/__admin/tasks', query: { state: 'done' } }, want: { valid: false, pointer: '/query/state', message: /allowed values/ } },
  ],
  [
    'the task list rejects an unknown vendor',
    { given: { template: '/__admin/tasks', query: { vendor: 'openai' } }, want: { valid: false, pointer: '/query/vendor', message: /allowed values/ } },
  ],
  ['the task list rejects limit 0', { given: { template: '/__admin/tasks', query: { limit: '0' } }, want: { valid: false, pointer: '/query/limit', message: />= 1/ } }],
  ['the task list rejects limit over 10000', { given: { template: '/__admin/tasks', query: { limit: '10001' } }, want: { valid: false, pointer: '/query/limit', message: /<= 10000/ } }],
  ['the journal rejects a negative since', { given: { template: '/__admin/requests', query: { since: '-1' } }, want: { valid: false, pointer: '/query/since', message: />= 0/ } }],
  ['the journal rejects a non-numeric since', { given: { template: '/__admin/requests', query: { since: 'yesterday' } }, want: { valid: false, pointer: '/query/since', message: /integer/ } }],
  [
    'the callback list rejects an unknown vendor',
    { given: { template: '/__admin/callbacks', query: { vendor: 'openai' } }, want: { valid: false, pointer: '/query/vendor', message: /allowed values/ } },
  ],
]

function expectResult(result: { valid: boolean; issues: Array<{ pointer: string; message: string }> }, want: BodyCase['want']): void {
  if (want.valid) {
    expect(result.issues.map((i) => i.message)).toEqual([])
    expect(result.valid).toBe(true)
    return
  }
  expect(result.valid).toBe(false)
  const hit = result.issues.find((i) => i.pointer === want.pointer && want.message.test(i.message))
  expect(hit, JSON.stringify(result.issues)).toBeDefined()
}

describe('specs/admin.openapi.yaml', () => {
  it.each(requestBodies)('request body: %s', (_name, { given, want }) => {
    expectResult(spec.validateRequestBody(given.template, given.method, given.body), want)
  })

  it.each(responses)('response: %s', (_name, { given, want }) => {
    expectResult(spec.validateResponse(given.template, given.method, given.status, given.body, given.contentType), want)
  })

  it.each(parameters)('parameters: %s', (_name, { given, want }) => {
    expectResult(spec.validateParameters(given.template, 'get', given.query, given.path ?? {}), want)
  })

  it('declares exactly the scenarios the mock implements, each a name of contract §3 (docs/contract.md §3)', () => {
    const names = (spec.resolve('#/components/schemas/ScenarioName') as { enum: string[] }).enum
    expect([...names].sort()).toEqual([...SCENARIOS].sort())
    const contract = [
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
    ]
    for (const name of names) expect(contract).toContain(name)
  })

  it('needs no authentication anywhere', () => {
    expect(spec.document.security).toEqual([])
    for (const item of Object.values(spec.document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) expect((op as { security?: unknown }).security).toEqual([])
      }
    }
  })

  it('answers a 413 problem on every operation that takes a body', () => {
    for (const [template, item] of Object.entries(spec.document.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['post', 'put', 'patch'].includes(method)) continue
        const responsesOfOp = (op as { responses: Record<string, unknown> }).responses
        expect(Object.keys(responsesOfOp), `${method} ${template}`).toContain('413')
      }
    }
  })

  it('matches concrete admin paths to their templates', () => {
    expect(spec.matchPath('/__admin/tasks/veo_task_1/finish')?.template).toBe('/__admin/tasks/{id}/finish')
    expect(spec.matchPath('/__admin/tasks/veo_task_1')?.template).toBe('/__admin/tasks/{id}')
    expect(spec.matchPath('/__admin/clock/advance')?.template).toBe('/__admin/clock/advance')
    expect(spec.matchPath('/__admin/accounts/veomock%3Ainsufficient_credits')?.params).toEqual({ apiKey: 'veomock:insufficient_credits' })
  })
})
