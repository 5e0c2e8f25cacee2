// Scenario names (contract §3) and their resolution order:
// header, admin rule, prompt token, API key, default.
import { copyJson } from '../../../lib/json-body.js'
import { API_KEY_PREFIX, isScenarioName, type ScenarioName } from '../../../lib/scenarios.js'

export type ScenarioSource = 'header' | 'rule' | 'prompt' | 'apiKey' | 'default' | 'admin'

const TOKEN = /\s*\[veomock:([a-z_]+)\]/g

export interface ScenarioRuleMatch {
  vendor?: string
  prompt?: string
  keyId?: string
}

export interface ScenarioRule {
  id: string
  scenario: ScenarioName
  match: ScenarioRuleMatch
  times: number | null
  remaining: number | null
  createdAt: number
}

export interface ScenarioInput {
  vendor: string
  header: string | undefined
  prompt: string | undefined
  apiKey: string | undefined
  keyId: string | null
}

export interface ResolvedScenario {
  scenario: ScenarioName
  source: ScenarioSource
  /** Set when an unknown name was asked for, so the caller can answer with a clear error. */
  unknown?: string
}

/** The first `[veomock:<name>]` token in a prompt, if any. */
export function promptToken(prompt: string | undefined): string | undefined {
  if (!prompt) return undefined
  TOKEN.lastIndex = 0
  const m = TOKEN.exec(prompt)
  return m ? m[1] : undefined
}

/**
 * Removes every scenario token from every string in a JSON value: the token is never echoed.
 * Iterative (any nesting is safe) and the copy has null-prototype objects (see json-body.ts).
 */
export function stripTokens<T>(value: T): T {
  if (typeof value === 'string') return value.replace(TOKEN, '') as T
  return copyJson(value, (s) => (s.includes('[veomock:') ? s.replace(TOKEN, '') : s)) as T
}

export class ScenarioRules {
  private rules: ScenarioRule[] = []
  private counter = 0

  add(rule: Omit<ScenarioRule, 'id' | 'remaining'>): ScenarioRule {
    const created: ScenarioRule = { ...rule, id: `rule_${++this.counter}`, remaining: rule.times }
    this.rules.push(created)
    return created
  }

  list(): ScenarioRule[] {
    return this.rules.map((r) => ({ ...r, match: { ...r.match } }))
  }

  /** Plain data for a shared-store snapshot; restore() takes it back. */
  snapshot(): { rules: ScenarioRule[]; counter: number } {
    return { rules: this.list(), counter: this.counter }
  }

  restore(data: { rules: ScenarioRule[]; counter: number }): void {
    this.rules = data.rules.map((r) => ({ ...r, match: { ...r.match } }))
    this.counter = data.counter
  }

  remove(id: string): boolean {
    const before = this.rules.length
    this.rules = this.rules.filter((r) => r.id !== id)
    return this.rules.length < before
  }

  clear(): void {
    this.rules = []
    this.counter = 0
  }

  /** The first matching rule, consuming one of its `times`. */
  take(input: ScenarioInput): ScenarioRule | undefined {
    const rule = this.rules.find(
      (r) =>
        (r.match.vendor === undefined || r.match.vendor === input.vendor) &&
        (r.match.keyId === undefined || r.match.keyId === input.keyId) &&
        (r.match.prompt === undefined || (input.prompt ?? '').includes(r.match.prompt)),
    )
    if (!rule) return undefined
    if (rule.remaining !== null) {
      rule.remaining -= 1
      if (rule.remaining <= 0) this.remove(rule.id)
    }
    return rule
  }
}

/** Contract §3: header, admin rule, prompt token, API key, default. */
export function resolveScenario(input: ScenarioInput, rules: ScenarioRules): ResolvedScenario {
  if (input.header !== undefined && input.header !== '') {
    const name = input.header.trim()
    return isScenarioName(name) ? { scenario: name, source: 'header' } : { scenario: 'success', source: 'header', unknown: name }
  }
  const rule = rules.take(input)
  if (rule) return { scenario: rule.scenario, source: 'rule' }
  const token = promptToken(input.prompt)
  if (token !== undefined) {
    return isScenarioName(token) ? { scenario: token, source: 'prompt' } : { scenario: 'success', source: 'prompt', unknown: token }
  }
  if (input.apiKey?.startsWith(API_KEY_PREFIX)) {
    const name = input.apiKey.slice(API_KEY_PREFIX.length)
    if (isScenarioName(name)) return { scenario: name, source: 'apiKey' }
  }
  return { scenario: 'success', source: 'default' }
}
