// Schema drift the schema alone cannot see (contract §6): a field that every documented example of an
// answer carries, and the answer lacks, even where the spec leaves the field optional (a Xenodia task
// without `poll_url`, docs/vendors/xenodia.md §7.10). The documented examples are the response
// examples of the spec marked `x-documented: <vendor page URL>`; veomock's own examples are not.
import type { HttpMethod, SpecValidator } from '../../../lib/spec/validation.js'
import { ABSENT, type DriftFinding, valueAt } from './drift.js'

/**
 * Where the kind of an answer shows: an example describes an answer only when they agree on each of
 * these that the example carries (a success example says nothing about a running task or an error).
 */
const DISCRIMINATORS = ['/code', '/state', '/status', '/object', '/data/state', '/data/successFlag'] as const

interface DocumentedExample {
  name: string
  source: string
  value: unknown
}

type Examples = Record<string, { $ref?: string; value?: unknown; 'x-documented'?: unknown }>

/** The `x-documented` examples of one response (status and media type) of the spec. */
export function documentedExamples(
  spec: SpecValidator,
  template: string,
  method: HttpMethod,
  status: number,
  mediaType = 'application/json',
): DocumentedExample[] {
  const responsePointer = spec.responsePointer(template, method, status)
  if (!responsePointer) return []
  const response = spec.resolve(responsePointer) as { content?: Record<string, { examples?: Examples }> } | undefined
  const out: DocumentedExample[] = []
  for (const [name, raw] of Object.entries(response?.content?.[mediaType]?.examples ?? {})) {
    const example = raw.$ref ? (spec.resolve(raw.$ref) as typeof raw | undefined) : raw
    if (example && typeof example['x-documented'] === 'string' && 'value' in example) out.push({ name, source: example['x-documented'], value: example.value })
  }
  return out
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

function describes(example: unknown, answer: unknown): boolean {
  return DISCRIMINATORS.every((pointer) => {
    const documented = valueAt(example, pointer)
    return documented === undefined || (documented !== null && typeof documented === 'object') || valueAt(answer, pointer) === documented
  })
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

/**
 * JSON pointers of the fields the example carries and the answer lacks. Only where the answer has
 * the parent as an object (or a non-empty array) is a child compared: a `null` where the example has
 * an object is the answer's choice the schema judges, not a field that disappeared.
 */
function missingFields(example: unknown, answer: unknown, pointer = ''): string[] {
  if (Array.isArray(example) && Array.isArray(answer)) {
    return example.length > 0 && answer.length > 0 ? missingFields(example[0], answer[0], `${pointer}/0`) : []
  }
  if (!isObject(example) || !isObject(answer)) return []
  const out: string[] = []
  for (const [key, value] of Object.entries(example)) {
    const child = `${pointer}/${escape(key)}`
    if (!(key in answer)) out.push(child)
    else out.push(...missingFields(value, answer[key], child))
  }
  return out
}

/** One finding per JSON pointer that every documented example describing this answer carries. */
export function documentedFieldDrift(spec: SpecValidator, template: string, method: HttpMethod, status: number, body: unknown): DriftFinding[] {
  const request = `${method.toUpperCase()} ${template}`
  const examples = documentedExamples(spec, template, method, status).filter((e) => describes(e.value, body))
  if (examples.length === 0) return []
  let common: Set<string> | undefined
  for (const example of examples) {
    const missing = new Set(missingFields(example.value, body))
    common = common ? new Set([...common].filter((p) => missing.has(p))) : missing
  }
  const sources = [...new Set(examples.map((e) => e.source))].join(', ')
  return [...(common ?? [])].map((pointer) => ({
    check: 'documented-field',
    category: 'schema' as const,
    message: `${request} ${status}: ${pointer} is missing; every documented example of this answer carries it (${examples.map((e) => e.name).join(', ')}: ${sources})`,
    evidence: {
      request,
      location: pointer,
      expected: 'present, as in every documented example',
      actual: ABSENT,
      status,
      source: sources,
      siblings: Object.keys(parentOf(body, pointer) ?? {}),
    },
  }))
}

function parentOf(body: unknown, pointer: string): Record<string, unknown> | undefined {
  const parent = valueAt(body, pointer.slice(0, pointer.lastIndexOf('/')))
  return isObject(parent) ? parent : undefined
}
