// Drift classification (contract §6): every finding is `schema` drift (a body or status the spec
// does not allow: JSON pointer, the schema rule, the actual value), `behaviour` drift (a status,
// envelope code or state sequence other than the vendor documents) or `timing` drift (far slower
// than documented).
import type { HttpMethod, SpecValidator, ValidationIssue } from '../../../lib/spec/validation.js'
import type { Finding } from '../report/report.js'

export type DriftCategory = 'schema' | 'behaviour' | 'timing'

/** What every drift finding carries in `Finding.evidence`. */
export interface DriftEvidence {
  /** The operation, as the spec names it: `GET /v1/tasks/{task_id}`. */
  request: string
  /** A JSON pointer into the response body (`/data/state`), or `status` / `content-type` / `header:<name>`. */
  location: string
  /** The documented value, or the schema rule that failed. */
  expected: unknown
  /** What the target sent; `(absent)` for a missing field. */
  actual: unknown
  /** Where the expectation comes from (source labels of docs/vendors/<vendor>.md), for behaviour and timing. */
  source?: string
  /** Anything else worth seeing: the keys beside a missing field, the state sequence… */
  [more: string]: unknown
}

export interface DriftFinding extends Finding {
  category: DriftCategory
  evidence: DriftEvidence
}

export const ABSENT = '(absent)'

/** The value at a JSON pointer (RFC 6901), or undefined. */
export function valueAt(body: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return body
  let node: unknown = body
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

/** True when the pointer names a property that is present (even if null). */
function isPresent(body: unknown, pointer: string): boolean {
  if (pointer === '') return body !== undefined
  const cut = pointer.lastIndexOf('/')
  const parent = valueAt(body, pointer.slice(0, cut))
  const key = pointer
    .slice(cut + 1)
    .replace(/~1/g, '/')
    .replace(/~0/g, '~')
  return parent !== null && typeof parent === 'object' && key in (parent as object)
}

function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** Summaries Ajv adds on top of the real failures; noise when a concrete failure is also listed. */
const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'allOf', 'if', 'not'])

/** Where a failure is, what the rule says, what was sent. */
interface SchemaFailure {
  pointer: string
  expected: string
  actual: unknown
  keyword: string
  /** For a missing field: the keys that are there instead (a rename shows up here). */
  siblings?: string[]
}

function toFailure(issue: ValidationIssue, body: unknown): SchemaFailure {
  const missing = /must have required property '([^']+)'/.exec(issue.message)?.[1]
  if (issue.keyword === 'required' && missing) {
    const pointer = `${issue.pointer}/${escapeSegment(missing)}`
    const parent = valueAt(body, issue.pointer)
    return {
      pointer,
      expected: 'required by the spec',
      actual: ABSENT,
      keyword: 'required',
      ...(parent && typeof parent === 'object' && !Array.isArray(parent) ? { siblings: Object.keys(parent) } : {}),
    }
  }
  // Ajv's message starts with the instance path; the rest is the rule ("must be string").
  const expected = issue.message.startsWith(issue.pointer || '(root)') ? issue.message.slice((issue.pointer || '(root)').length).trim() : issue.message
  return { pointer: issue.pointer, expected, actual: isPresent(body, issue.pointer) ? valueAt(body, issue.pointer) : ABSENT, keyword: issue.keyword }
}

/** A branch that fails on a `const`/`enum` is probably the wrong branch (it discriminates on `code`). */
function branchScore(issues: ValidationIssue[]): number {
  const concrete = issues.filter((i) => !SUMMARY_KEYWORDS.has(i.keyword))
  const discriminators = concrete.filter((i) => i.keyword === 'const' || i.keyword === 'enum').length
  return discriminators * 100 + concrete.length
}

/**
 * For a `oneOf`/`anyOf` of named schemas (KIE's success | error envelopes), Ajv reports the failures
 * of every branch. Keep the branch the body was most likely meant to be, so the pointer names the
 * field that drifted instead of every alternative.
 */
function closestBranchIssues(spec: SpecValidator, schemaPointer: string, body: unknown): ValidationIssue[] | undefined {
  const schema = spec.resolve(schemaPointer) as { oneOf?: unknown[]; anyOf?: unknown[] } | undefined
  const branches = schema?.oneOf ?? schema?.anyOf
  if (!Array.isArray(branches)) return undefined
  let best: ValidationIssue[] | undefined
  let bestScore = Number.POSITIVE_INFINITY
  for (const branch of branches) {
    const ref = (branch as { $ref?: unknown }).$ref
    if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined
    const result = spec.validatePointer(ref, body)
    // A body matching several oneOf branches fails for ambiguity: Ajv's own report says it best.
    if (result.valid) return undefined
    const score = branchScore(result.issues)
    if (score < bestScore) {
      best = result.issues
      bestScore = score
    }
  }
  return best
}

function tidy(issues: ValidationIssue[], body: unknown): SchemaFailure[] {
  const concrete = issues.filter((i) => !SUMMARY_KEYWORDS.has(i.keyword))
  const kept = concrete.length > 0 ? concrete : issues
  const seen = new Set<string>()
  const out: SchemaFailure[] = []
  for (const issue of kept) {
    const failure = toFailure(issue, body)
    const key = `${failure.pointer} ${failure.expected}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(failure)
  }
  return out
}

export interface ResponseUnderTest {
  /** The spec path template the request matched. */
  template: string
  method: HttpMethod
  status: number
  contentType: string
  body: unknown
}

/**
 * Schema drift of one response: an undeclared status, a content type the spec does not declare, or
 * body fields that break the schema declared for that status (one finding per JSON pointer).
 */
export function schemaDrift(spec: SpecValidator, response: ResponseUnderTest, check = 'response-schema'): DriftFinding[] {
  const { template, method, status, contentType, body } = response
  const request = `${method.toUpperCase()} ${template}`
  const result = spec.validateResponse(template, method, status, body, contentType)
  if (result.valid) return []
  const statusIssue = result.issues.find((i) => i.keyword === 'status')
  if (statusIssue) {
    const declared = Object.keys((spec.operation(template, method)?.responses ?? {}) as Record<string, unknown>)
    return [
      {
        check,
        category: 'schema',
        message: `${request} answered HTTP ${status}, which the spec does not declare (declared: ${declared.join(', ')})`,
        evidence: { request, location: 'status', expected: `one of ${declared.join(', ')}`, actual: status, body },
      },
    ]
  }
  const typeIssue = result.issues.find((i) => i.keyword === 'content-type')
  if (typeIssue) {
    return [
      {
        check,
        category: 'schema',
        message: `${request} ${status}: ${typeIssue.message}`,
        evidence: { request, location: 'content-type', expected: 'application/json', actual: contentType, body },
      },
    ]
  }
  const responsePointer = spec.responsePointer(template, method, status)
  const mediaType = (contentType.split(';')[0] ?? '').trim() || 'application/json'
  const schemaPointer = `${responsePointer}/content/${escapeSegment(mediaType)}/schema`
  const issues = closestBranchIssues(spec, schemaPointer, body) ?? result.issues
  return tidy(issues, body).map((f) => ({
    check,
    category: 'schema' as const,
    message: `${request} ${status}: ${f.pointer || '(root)'} ${f.expected}${f.actual === ABSENT ? ' (absent)' : `, got ${short(f.actual)}`}`,
    evidence: { request, location: f.pointer, expected: f.expected, actual: f.actual, status, ...(f.siblings ? { siblings: f.siblings } : {}) },
  }))
}

/** Schema drift of a value embedded as a JSON string (Apixo's `resultJson`), against a named schema. */
export function embeddedSchemaDrift(
  spec: SpecValidator,
  request: string,
  pointer: string,
  raw: unknown,
  schemaPointer: string,
  check = 'response-schema',
): DriftFinding[] {
  if (typeof raw !== 'string') return []
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch (error) {
    return [
      {
        check,
        category: 'schema',
        message: `${request}: ${pointer} must be a JSON-encoded string, it does not parse (${(error as Error).message})`,
        evidence: { request, location: pointer, expected: 'contentMediaType application/json', actual: raw },
      },
    ]
  }
  const result = spec.validatePointer(schemaPointer, parsed)
  if (result.valid) return []
  return tidy(result.issues, parsed).map((f) => ({
    check,
    category: 'schema' as const,
    message: `${request}: ${pointer} (parsed) ${f.pointer || '(root)'} ${f.expected}`,
    evidence: { request, location: `${pointer}${f.pointer}`, expected: f.expected, actual: f.actual, embedded: true },
  }))
}

export function behaviourDrift(check: string, message: string, evidence: DriftEvidence): DriftFinding {
  return { check, category: 'behaviour', message, evidence }
}

export function timingDrift(check: string, message: string, evidence: DriftEvidence): DriftFinding {
  return { check, category: 'timing', message, evidence }
}

export function short(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  return text.length > max ? `${text.slice(0, max)}…` : text
}
