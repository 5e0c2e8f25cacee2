// One documented vendor example, copied as the vendor's page shows it, and the spec operation it
// belongs to. The per-vendor tables (specs/<vendor>-examples.spec.test.ts) hold every example body
// the sources document, both sides of every conflict: the spec must accept each one.
import { describe, expect, it } from 'vitest'
import { specValidator, type HttpMethod, type ValidationResult } from '../lib/spec/validation.js'

interface Source {
  /** The public page that shows the example (a vendor doc URL, or a GitHub repo and path). */
  url: string
  /** Where it is discussed in the project's vendor page, e.g. `docs/vendors/kie.md §4.2`. */
  doc: string
}

export type DocumentedExample = Source &
  (
    | { request: { path: string; method?: HttpMethod }; body: unknown }
    | { response: { path: string; method: HttpMethod; status: number }; body: unknown }
    | { webhook: string; body: unknown }
  )

export type ExampleRow = [what: string, example: DocumentedExample]

function check(vendor: string, example: DocumentedExample): ValidationResult {
  const spec = specValidator(vendor)
  if ('request' in example) return spec.validateRequestBody(example.request.path, example.request.method ?? 'post', example.body)
  if ('response' in example) return spec.validateResponse(example.response.path, example.response.method, example.response.status, example.body)
  return spec.validateWebhook(example.webhook, example.body)
}

/** Declares one test per example: the spec accepts it, with no issue at all. */
export function describeDocumentedExamples(vendor: string, rows: ExampleRow[]): void {
  describe(`${vendor} documented examples (${rows.length})`, () => {
    it.each(rows)('accepts %s', (_what, example) => {
      expect(example.url).toMatch(/^https:\/\/|^github:/)
      expect(example.doc).toMatch(new RegExp(`^docs/vendors/${vendor}\\.md §\\d`))
      const result = check(vendor, example)
      expect(result.issues.map((issue) => `${issue.pointer}: ${issue.message}`)).toEqual([])
      expect(result.valid).toBe(true)
    })
  })
}
