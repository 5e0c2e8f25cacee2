// Every spec compiles with Ajv 2020 and every example in it (request, response, callback,
// parameter, schema-level) validates against the schema it illustrates.
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { collectExamples, specsDirectory, specValidator } from '../lib/spec/validation.js'

const specNames = readdirSync(specsDirectory())
  .filter((f) => f.endsWith('.openapi.yaml'))
  .map((f) => f.replace('.openapi.yaml', ''))
  .sort()

describe.each(specNames)('specs/%s.openapi.yaml', (name) => {
  const validator = specValidator(name)

  it('declares OpenAPI 3.1.0 with the JSON Schema 2020-12 dialect', () => {
    expect(validator.document.openapi).toBe('3.1.0')
    expect(validator.document.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema')
  })

  it('compiles every component schema', () => {
    const schemas = Object.keys(validator.document.components?.schemas ?? {})
    expect(schemas.length).toBeGreaterThan(0)
    for (const schema of schemas) {
      expect(() => validator.validatePointer(`#/components/schemas/${schema}`, null)).not.toThrow()
    }
  })

  const examples = collectExamples(validator)

  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThan(0)
  })

  it.each(examples.map((e) => [e.where, e] as const))('example %s validates against its schema', (_where, example) => {
    const result = validator.validatePointer(example.schemaPointer, example.value)
    expect(result.issues.map((i) => i.message)).toEqual([])
  })
})
