// A small typed client for the admin API (contract §4), for tests, the conformance suite and
// other projects' test code. Every failure throws with the problem+json detail.
import type { components } from '../../../generated/admin.js'

type Schemas = components['schemas']
export type AdminTask = Schemas['AdminTask']
export type JournalEntry = Schemas['JournalEntry']
export type CallbackAttempt = Schemas['CallbackAttempt']
export type ScenarioRule = Schemas['ScenarioRule']
export type Clock = Schemas['Clock']
export type Health = Schemas['Health']
export type Options = Schemas['Options']
export type ScenarioName = Schemas['ScenarioName']
export type VendorIdName = Schemas['VendorId']

export class AdminError extends Error {
  readonly status: number
  readonly problem: unknown
  constructor(message: string, status: number, problem: unknown) {
    super(message)
    this.status = status
    this.problem = problem
  }
}

function query(params: Record<string, string | number | undefined>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined) as Array<[string, string | number]>
  return entries.length ? '?' + new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString() : ''
}

export class AdminClient {
  readonly url: string
  private readonly token: string | undefined

  /**
   * `url` is the mock's main URL, e.g. http://127.0.0.1:4010; `token` the mock's --admin-token
   * when it has one (default: the VEOMOCK_ADMIN_TOKEN environment variable).
   */
  constructor(url: string, token: string | undefined = process.env.VEOMOCK_ADMIN_TOKEN) {
    this.url = url.replace(/\/$/, '')
    this.token = token || undefined
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__admin${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    const parsed: unknown = text ? JSON.parse(text) : undefined
    if (!response.ok) {
      const detail = (parsed as { detail?: string } | undefined)?.detail ?? text
      throw new AdminError(`Failed to ${method} /__admin${path}: ${response.status} ${detail}`, response.status, parsed)
    }
    return parsed as T
  }

  health(): Promise<Health> {
    return this.call('GET', '/health')
  }

  reset(): Promise<{ reset: true; clock: Clock }> {
    return this.call('POST', '/reset')
  }

  clock(): Promise<Clock> {
    return this.call('GET', '/clock')
  }

  advance(ms: number): Promise<Clock> {
    return this.call('POST', '/clock/advance', { ms })
  }

  /** This namespace's time scale from now on; a reset goes back to the server's --time-scale. */
  setScale(scale: number | 'manual'): Promise<Clock> {
    return this.call('POST', '/clock/scale', { scale })
  }

  tasks(filter: { vendor?: string; state?: string; limit?: number } = {}): Promise<AdminTask[]> {
    return this.call<{ tasks: AdminTask[] }>('GET', `/tasks${query(filter)}`).then((r) => r.tasks)
  }

  task(id: string): Promise<AdminTask> {
    return this.call('GET', `/tasks/${encodeURIComponent(id)}`)
  }

  finish(id: string, scenario: 'success' | 'content_violation' | 'invalid_image' | 'generation_failed'): Promise<AdminTask> {
    return this.call('POST', `/tasks/${encodeURIComponent(id)}/finish`, { scenario })
  }

  requests(filter: { vendor?: string; taskId?: string; apiKey?: string; since?: number; limit?: number } = {}): Promise<JournalEntry[]> {
    return this.call<{ requests: JournalEntry[] }>('GET', `/requests${query(filter)}`).then((r) => r.requests)
  }

  callbacks(filter: { vendor?: string; taskId?: string } = {}): Promise<CallbackAttempt[]> {
    return this.call<{ callbacks: CallbackAttempt[] }>('GET', `/callbacks${query(filter)}`).then((r) => r.callbacks)
  }

  addScenario(rule: { scenario: ScenarioName; match?: { vendor?: VendorIdName; prompt?: string; apiKey?: string }; times?: number }): Promise<ScenarioRule> {
    return this.call('POST', '/scenarios', rule)
  }

  scenarios(): Promise<ScenarioRule[]> {
    return this.call<{ rules: ScenarioRule[] }>('GET', '/scenarios').then((r) => r.rules)
  }

  clearScenarios(): Promise<void> {
    return this.call('DELETE', '/scenarios')
  }

  deleteScenario(id: string): Promise<void> {
    return this.call('DELETE', `/scenarios/${encodeURIComponent(id)}`)
  }

  setCredits(apiKey: string, credits: number): Promise<{ keyId: string; credits: number }> {
    return this.call('PUT', `/accounts/${encodeURIComponent(apiKey)}`, { credits })
  }

  /** A key's balance; with `vendor`, its balance at that vendor (in the vendor's unit). */
  credits(apiKey: string, vendor?: VendorIdName): Promise<Schemas['Account']> {
    return this.call('GET', `/accounts/${encodeURIComponent(apiKey)}${query({ vendor })}`)
  }

  options(): Promise<Options> {
    return this.call('GET', '/options')
  }

  patchOptions(patch: Schemas['OptionsPatch']): Promise<Options> {
    return this.call('PATCH', '/options', patch)
  }
}
