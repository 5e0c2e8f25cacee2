// One probe = one case of the drift report. A probe sends requests through a ProbeSession, which
// checks every response against the vendor spec (status declared? body matches that status's
// schema?), folds in Prism's violations, records the exchange, and collects the drift findings the
// probe adds for documented behaviour.
import type { VendorId } from '../../../vendors/index.js'
import { redactHeaders, redactSecrets } from '../../../lib/redaction.js'
import type { HttpMethod, SpecValidator } from '../../../lib/spec/validation.js'
import { VERSION } from '../../../mock-server/src/version.js'
import { documentedFieldDrift } from './documented-fields.js'
import { behaviourDrift, type DriftEvidence, type DriftFinding, schemaDrift, short, timingDrift, valueAt } from './drift.js'
import type { ProbeClock } from './probe-clock.js'
import { parseViolations, prismDrift } from './prism-proxy.js'
import type { Recorder } from './recording.js'
import { INVALID_API_KEY, joinUrl } from './targets.js'

export interface ProbeRequest {
  method: 'GET' | 'POST'
  /** The spec path, after the base URL: `/api/v1/veo/record-info`. */
  path: string
  query?: Record<string, string>
  body?: unknown
  /** `key`: the run's key; `none`: no Authorization header; `invalid`: a key no vendor issued. */
  auth: 'key' | 'none' | 'invalid'
}

export interface ProbeResponse {
  status: number
  headers: Record<string, string>
  /** Parsed JSON, or the text when the body is not JSON. */
  body: unknown
  /** Virtual ms since the probe began. */
  at: number
  /** The operation as the spec names it: `GET /v1/tasks/{task_id}`. */
  operation: string
}

export interface Probe {
  /** Stable id: the recording episode and the JSON report's key. */
  id: string
  /** A sentence, the case name in the report. */
  name: string
  /** Spends credits (a real generation): runs only within `--spend`, or against the mock. */
  paid: boolean
  /** Needs the run's key (balance, lifecycle, unknown task); skipped without one. */
  needsKey: boolean
  run(session: ProbeSession): Promise<void>
  /** A single-request probe's request, and whether its body breaks the spec on purpose. */
  request?: ProbeRequest
  invalidBody?: boolean
  /**
   * A rejection probe whose rule the sources dispute: a vendor that ignores the rule creates (and
   * bills) a task. Against anything but the in-process mock it needs a generation of `--spend`.
   */
  mayCreateTask?: string
}

export interface SessionOptions {
  vendor: VendorId
  spec: SpecValidator
  /** Where requests go: the target's base URL, or Prism's when `--via-prism`. */
  baseUrl: string
  apiKey: string | undefined
  clock: ProbeClock
  episode: string
  secrets: readonly string[]
  recorder?: Recorder | undefined
  /** Fold Prism's `sl-violations` header into the findings. */
  prism: boolean
  /** Progress lines (stderr); already scrubbed. */
  log(line: string): void
  /** Give up on one HTTP request after this long, real ms. */
  requestTimeoutMs?: number
}

/** Thrown to end a probe early after a finding that makes the rest meaningless. */
export class ProbeStop extends Error {}

/** The target did not answer at all (DNS, refused, timeout). */
export class TransportError extends Error {}

export class ProbeSession {
  readonly vendor: VendorId
  readonly spec: SpecValidator
  readonly clock: ProbeClock
  readonly details: Record<string, unknown> = {}
  private readonly options: SessionOptions
  private readonly found = new Map<string, DriftFinding>()
  private startedAt = 0

  constructor(options: SessionOptions) {
    this.options = options
    this.vendor = options.vendor
    this.spec = options.spec
    this.clock = options.clock
  }

  async start(): Promise<void> {
    this.startedAt = await this.clock.now()
  }

  /** Virtual ms since the probe began. */
  async elapsed(): Promise<number> {
    return (await this.clock.now()) - this.startedAt
  }

  get findings(): DriftFinding[] {
    return [...this.found.values()]
  }

  /** Adds a finding; the same drift seen again (every poll) only counts up `occurrences`. */
  add(finding: DriftFinding): void {
    const key = `${finding.category} ${finding.check} ${finding.evidence.request} ${finding.evidence.location} ${short(finding.evidence.expected, 300)}`
    const known = this.found.get(key)
    if (known) {
      known.evidence.occurrences = Number(known.evidence.occurrences ?? 1) + 1
      return
    }
    this.found.set(key, finding)
  }

  behaviour(check: string, message: string, evidence: DriftEvidence): void {
    this.add(behaviourDrift(check, message, evidence))
  }

  timing(check: string, message: string, evidence: DriftEvidence): void {
    this.add(timingDrift(check, message, evidence))
  }

  log(line: string): void {
    this.options.log(line)
  }

  private authorization(auth: ProbeRequest['auth']): string | undefined {
    if (auth === 'none') return undefined
    if (auth === 'invalid') return `Bearer ${INVALID_API_KEY}`
    if (!this.options.apiKey) throw new Error(`Failed to send an authenticated ${this.vendor} probe: no API key`)
    return `Bearer ${this.options.apiKey}`
  }

  /** Sends one probe request; schema drift of the answer is recorded before it is returned. */
  async send(request: ProbeRequest): Promise<ProbeResponse> {
    const method = request.method.toLowerCase() as HttpMethod
    const match = this.spec.matchPath(request.path)
    const operation = `${request.method} ${match?.template ?? request.path}`
    const headers: Record<string, string> = {
      accept: 'application/json',
      // KIE sits behind Cloudflare, which answers 403 "error code: 1010" to a missing or odd
      // User-Agent (BG, docs/vendors/kie.md §2).
      'user-agent': `veomock-verify/${VERSION}`,
    }
    const authorization = this.authorization(request.auth)
    if (authorization) headers.authorization = authorization
    const text = request.body === undefined ? undefined : JSON.stringify(request.body)
    if (text !== undefined) headers['content-type'] = 'application/json'
    const url = joinUrl(this.options.baseUrl, request.path, request.query)

    let response: Response
    let raw: string
    try {
      response = await fetch(url, {
        method: request.method,
        headers,
        body: text,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 60_000),
      })
      raw = await response.text()
    } catch (error) {
      const why = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message
      // No answer is no evidence about the vendor's contract: the case fails, unclassified.
      throw new TransportError(`Failed to reach ${operation} at ${this.options.baseUrl}: ${why}`)
    }
    const at = await this.elapsed()
    const responseHeaders: Record<string, string> = {}
    response.headers.forEach((value, name) => {
      responseHeaders[name] = value
    })
    const contentType = responseHeaders['content-type'] ?? ''
    let body: unknown = raw
    if (/json/i.test(contentType) || /^\s*[[{]/.test(raw)) {
      try {
        body = raw.length ? JSON.parse(raw) : undefined
      } catch {
        body = raw
      }
    }
    const secrets = this.options.secrets
    this.options.recorder?.exchange({
      episode: this.options.episode,
      at: Math.round(at),
      method: request.method,
      path: request.path,
      query: { ...request.query },
      requestHeaders: redactSecrets(redactHeaders(headers), secrets),
      requestBody: redactSecrets(request.body, secrets),
      status: response.status,
      // Prism's own header is about the proxy, not the provider: keep it out of the recording.
      responseHeaders: redactSecrets(redactHeaders(withoutProxyHeaders(responseHeaders)), secrets),
      responseBody: redactSecrets(body, secrets),
    })

    if (this.options.prism) {
      for (const finding of prismDrift(parseViolations(responseHeaders['sl-violations']), operation, response.status, body)) this.add(finding)
    }
    if (match) {
      const schema = schemaDrift(this.spec, { template: match.template, method, status: response.status, contentType, body })
      for (const finding of schema) this.add(finding)
      // A documented field that disappeared, even where the schema leaves it optional (contract §6);
      // a field the schema requires is already reported at the same pointer.
      const seen = new Set(schema.map((f) => f.evidence.location))
      for (const finding of documentedFieldDrift(this.spec, match.template, method, response.status, body))
        if (!seen.has(finding.evidence.location)) this.add(finding)
    }
    return { status: response.status, headers: responseHeaders, body, at, operation }
  }

  /** Behaviour drift unless the HTTP status is one of `allowed`. Returns whether it was. */
  expectStatus(response: ProbeResponse, allowed: readonly number[], source: string): boolean {
    if (allowed.includes(response.status)) return true
    this.behaviour('status', `${response.operation} answered HTTP ${response.status}; documented: ${allowed.join(' or ')} (${source})`, {
      request: response.operation,
      location: 'status',
      expected: allowed.length === 1 ? allowed[0] : allowed,
      actual: response.status,
      source,
      body: response.body,
    })
    return false
  }

  /** Behaviour drift unless the body value at `pointer` is one of `allowed` (envelope codes, error types). */
  expectValue(response: ProbeResponse, pointer: string, allowed: readonly unknown[], check: string, source: string): boolean {
    const actual = valueAt(response.body, pointer)
    if (allowed.some((a) => a === actual)) return true
    this.behaviour(
      check,
      `${response.operation} ${pointer} is ${short(actual ?? '(absent)')}; documented: ${allowed.map((a) => short(a)).join(' or ')} (${source})`,
      {
        request: response.operation,
        location: pointer,
        expected: allowed.length === 1 ? allowed[0] : allowed,
        actual: actual === undefined ? '(absent)' : actual,
        source,
      },
    )
    return false
  }
}

function withoutProxyHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) if (name !== 'sl-violations') out[name] = value
  return out
}
