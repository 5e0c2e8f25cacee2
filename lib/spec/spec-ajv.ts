// The Ajv instance every spec is compiled with (JSON Schema 2020-12 plus OpenAPI's annotation
// keywords) and Ajv errors as validation issues. Ajv is loaded only when a schema has to be
// compiled: the built mock runs precompiled validators.
import { createRequire } from 'node:module'
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js'
import type { ValidationIssue, ValidationResult } from './spec-document.js'

const require = createRequire(import.meta.url)
const codegen = {
  get _() {
    return (require('ajv/dist/compile/codegen/index.js') as typeof import('ajv/dist/compile/codegen/index.js'))._
  },
}

const OPENAPI_ANNOTATIONS = ['example', 'discriminator', 'xml', 'externalDocs']
// The whole document is registered as one schema so local $refs resolve; Ajv compiles its root,
// so the OpenAPI top-level keys must be known (as annotations) to strict mode.
const DOCUMENT_KEYS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'security', 'tags', 'paths', 'webhooks', 'components', 'x-sources']

export function createAjv(coerceTypes: boolean, standalone = false): Ajv2020 {
  const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')
  const ajv = new Ajv2020({
    strict: true,
    strictRequired: false,
    strictTypes: false,
    allErrors: true,
    coerceTypes,
    validateFormats: true,
    // For the build's precompiled validators: code that requires ajv-formats' formats at run time.
    ...(standalone ? { code: { source: true, formats: codegen._`require("ajv-formats/dist/formats").fullFormats` } } : {}),
  })
  // ajv-formats ships CommonJS; its default export may arrive wrapped.
  const formats = require('ajv-formats') as { default?: (a: Ajv2020) => Ajv2020 } & ((a: Ajv2020) => Ajv2020)
  ;(formats.default ?? formats)(ajv)
  for (const keyword of [...OPENAPI_ANNOTATIONS, ...DOCUMENT_KEYS]) ajv.addKeyword(keyword)
  return ajv
}

export function toIssues(errors: ErrorObject[] | null | undefined): ValidationIssue[] {
  return (errors ?? []).map((e) => ({
    pointer: e.instancePath,
    message: `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${
      e.keyword === 'additionalProperties' ? `: ${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ''
    }${e.keyword === 'enum' ? `: ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}` : ''}`,
    keyword: e.keyword,
    schemaPath: e.schemaPath,
  }))
}

export const VALID: ValidationResult = Object.freeze({ valid: true, issues: [] }) as ValidationResult
