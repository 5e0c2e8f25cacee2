import { describe, expect, it } from 'vitest'
import { promptToken, resolveScenario, type ScenarioInput, ScenarioRules, stripTokens } from './scenario.js'

const input = (over: Partial<ScenarioInput>): ScenarioInput => ({
  vendor: 'vendor-a',
  header: undefined,
  prompt: 'a cat',
  apiKey: 'key-1',
  keyId: 'key_1',
  ...over,
})

describe('scenario resolution (contract §3: header, rule, prompt token, API key, default)', () => {
  const cases: Array<[string, { given: Partial<ScenarioInput>; rule?: Parameters<ScenarioRules['add']>[0]; want: [string, string] }]> = [
    ['nothing chosen gives success by default', { given: {}, want: ['success', 'default'] }],
    [
      'the header wins over every other way',
      {
        given: { header: 'stuck', prompt: 'x [veomock:slow]', apiKey: 'veomock:unauthorized' },
        rule: { scenario: 'maintenance', match: {}, times: null, createdAt: 0 },
        want: ['stuck', 'header'],
      },
    ],
    [
      'an admin rule wins over a prompt token',
      {
        given: { prompt: 'x [veomock:slow]' },
        rule: { scenario: 'maintenance', match: { vendor: 'vendor-a' }, times: 1, createdAt: 0 },
        want: ['maintenance', 'rule'],
      },
    ],
    [
      'a rule for another vendor does not match',
      { given: {}, rule: { scenario: 'maintenance', match: { vendor: 'vendor-b' }, times: 1, createdAt: 0 }, want: ['success', 'default'] },
    ],
    [
      'a rule matches a prompt substring',
      { given: { prompt: 'a red fox in snow' }, rule: { scenario: 'slow', match: { prompt: 'fox' }, times: null, createdAt: 0 }, want: ['slow', 'rule'] },
    ],
    [
      'a rule matches the key fingerprint',
      { given: { keyId: 'key_abc' }, rule: { scenario: 'slow', match: { keyId: 'key_abc' }, times: null, createdAt: 0 }, want: ['slow', 'rule'] },
    ],
    [
      'a prompt token wins over the API key',
      { given: { prompt: 'a cat surfing [veomock:content_violation]', apiKey: 'veomock:insufficient_credits' }, want: ['content_violation', 'prompt'] },
    ],
    ['the API key names an account-level outcome', { given: { apiKey: 'veomock:insufficient_credits' }, want: ['insufficient_credits', 'apiKey'] }],
    ['an API key naming no scenario is an ordinary key', { given: { apiKey: 'veomock:whatever' }, want: ['success', 'default'] }],
  ]
  it.each(cases)('%s', (_name, { given, rule, want }) => {
    const rules = new ScenarioRules()
    if (rule) rules.add(rule)
    const resolved = resolveScenario(input(given), rules)
    expect([resolved.scenario, resolved.source]).toEqual(want)
  })

  it('reports an unknown name from the header instead of guessing', () => {
    expect(resolveScenario(input({ header: 'explode' }), new ScenarioRules())).toMatchObject({ unknown: 'explode', source: 'header' })
  })

  it('consumes a rule with times and removes it when used up', () => {
    const rules = new ScenarioRules()
    rules.add({ scenario: 'rate_limited', match: { vendor: 'vendor-a' }, times: 2, createdAt: 0 })
    const picks = [1, 2, 3].map(() => resolveScenario(input({}), rules).scenario)
    expect(picks).toEqual(['rate_limited', 'rate_limited', 'success'])
    expect(rules.list()).toEqual([])
  })
})

describe('prompt tokens', () => {
  it('finds the first token', () => {
    expect(promptToken('a cat [veomock:stuck] [veomock:slow]')).toBe('stuck')
    expect(promptToken('a cat')).toBeUndefined()
  })

  it('removes tokens from every string of a body so none is echoed back', () => {
    expect(
      stripTokens({ prompt: 'a cat surfing [veomock:content_violation]', input: { prompt: '[veomock:slow] dog' }, n: 3, list: ['x [veomock:stuck]'] }),
    ).toEqual({
      prompt: 'a cat surfing',
      input: { prompt: ' dog' },
      n: 3,
      list: ['x'],
    })
  })
})
