// Validation of parameters and body against the vendor's spec, compiled once per dialect.
import type { HttpMethod, ValidationIssue } from '../../../../lib/spec/validation.js'
import type { CompiledVendor } from './engine-state.js'
import type { Routed, StepError } from './request-route.js'

function dottedField(pointer: string): string | undefined {
  if (!pointer) return undefined
  return pointer.replace(/^\//, '').replace(/\//g, '.')
}

/** The failing field of an Ajv issue: the property for `required`/`additionalProperties`, else the path. */
function fieldOf(issue: { pointer: string; keyword: string; message: string }): string | undefined {
  const missing = /must have required property '([^']+)'/.exec(issue.message)?.[1]
  if (missing) return [dottedField(issue.pointer), missing].filter(Boolean).join('.')
  return dottedField(issue.pointer)
}

/** Every issue of the request, or undefined when it is valid. */
export function validateRequest(
  vendor: CompiledVendor,
  routed: Routed,
  method: HttpMethod,
  query: Record<string, string>,
  body: unknown,
): { error: StepError; issues: string[] } | undefined {
  const { spec } = vendor
  const declared = routed.entry.requestBody
  const params = spec.validateParameters(routed.template, method, query, routed.params)
  const bodyIssues: ValidationIssue[] =
    declared && body === undefined && declared.required
      ? [{ pointer: '', keyword: 'required', schemaPath: '', message: 'request body is required' }]
      : spec.validateRequestBody(routed.template, method, body).issues
  const issues = [...params.issues.map((i) => ({ ...i, pointer: i.pointer.replace(/^\/(query|path)/, '') })), ...bodyIssues]
  const first = issues[0]
  if (!first) return undefined
  const messages = issues.map((i) => i.message)
  const field = fieldOf(first)
  return { issues: messages, error: { kind: 'invalid_request', message: messages.join('; '), ...(field ? { field } : {}), issues: messages } }
}
