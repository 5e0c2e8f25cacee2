// Request and response validation compiled once from specs/ with Ajv (JSON Schema 2020-12).
// Every spec declares `jsonSchemaDialect: https://json-schema.org/draft/2020-12/schema`, so the
// schemas are plain 2020-12 plus a few OpenAPI annotation keywords registered below.
import { existsSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js'

import { createAjv, toIssues, VALID } from './spec-ajv.js'
import { escapePointer, type HttpMethod, loadSpecDocument, type OpenApiDocument, pointerOf, type ValidationResult } from './spec-document.js'

export { loadSpecDocument, pointerOf, specsDirectory } from './spec-document.js'
export type { HttpMethod, OpenApiDocument, OperationMatch, ValidationIssue, ValidationResult } from './spec-document.js'
export { collectExamples, type SpecExample } from './spec-examples.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const require = createRequire(import.meta.url)

interface CompiledPath {
  template: string
  regex: RegExp
  names: string[]
  literalLength: number
}

/**
 * One vendor's spec, compiled lazily per schema and cached: the first request to an operation pays
 * for compilation, every later one only runs the compiled function.
 */
export class SpecValidator {
  readonly name: string
  readonly document: OpenApiDocument
  private ajvs: { body: Ajv2020; query: Ajv2020 } | undefined
  private precompiled: Record<string, ValidateFunction> | null | undefined
  private readonly baseId: string
  private readonly cache = new Map<string, ValidateFunction>()
  private readonly paths: CompiledPath[]

  constructor(name: string, document: OpenApiDocument = loadSpecDocument(name)) {
    this.name = name
    this.document = document
    this.baseId = `https://veomock.local/specs/${name}.openapi.json`
    this.paths = Object.keys(document.paths ?? {})
      .map((template) => {
        const names: string[] = []
        const source = template
          .split('/')
          .map((segment) => {
            const m = /^\{(.+)\}$/.exec(segment)
            if (m) {
              names.push(m[1] as string)
              return '([^/]+)'
            }
            return segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          })
          .join('/')
        return { template, regex: new RegExp(`^${source}/?$`), names, literalLength: template.replace(/\{[^}]+\}/g, '').length }
      })
      // Literal paths win over templated ones (`/v1/tasks/batch` before `/v1/tasks/{id}`).
      .sort((a, b) => b.literalLength - a.literalLength)
  }

  /** The schema at a JSON pointer (`#/components/schemas/Task`) into the spec, or undefined. */
  resolve(pointer: string): unknown {
    // Follows a $ref at the end so callers can point at a response or requestBody object.
    return this.resolveRaw(this.resolveRefPointer(pointer))
  }

  private resolveRefPointer(pointer: string): string {
    const node = this.resolveRaw(pointer)
    if (node && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string') {
      const ref = (node as { $ref: string }).$ref
      if (ref.startsWith('#')) return this.resolveRefPointer(ref)
    }
    return pointer
  }

  private resolveRaw(pointer: string): unknown {
    const parts = pointer.replace(/^#\/?/, '').split('/').filter(Boolean)
    let node: unknown = this.document
    for (const raw of parts) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
      if (node === null || typeof node !== 'object') return undefined
      node = (node as Record<string, unknown>)[key]
    }
    return node
  }

  /** Validates a value against the schema at a JSON pointer into the spec. */
  validatePointer(pointer: string, value: unknown): ValidationResult {
    const fn = this.compiled(pointer)
    if (fn(value)) return VALID
    return { valid: false, issues: toIssues(fn.errors) }
  }

  private ajv(standalone = false): { body: Ajv2020; query: Ajv2020 } {
    if (standalone || !this.ajvs) {
      const body = createAjv(false, standalone)
      // The whole document is registered once; every schema is compiled by JSON pointer into it
      // so local `$ref: '#/components/schemas/…'` references resolve against the spec.
      body.addSchema({ ...this.document, $id: this.baseId } as object, this.baseId, undefined, false)
      const pair = { body, query: createAjv(true, standalone) }
      if (standalone) return pair
      this.ajvs = pair
    }
    return this.ajvs
  }

  // `npm run build` writes dist/validators/<spec>.cjs with every validator the mock uses,
  // compiled ahead of time (Ajv standalone code), so start-up compiles nothing.
  private precompiledValidators(): Record<string, ValidateFunction> | null {
    if (this.precompiled === undefined) {
      const file = path.resolve(here, '../../validators', `${this.name}.cjs`)
      this.precompiled =
        existsSync(file) && statSync(file).mtimeMs >= this.documentTime()
          ? (require(file) as { validators: Record<string, ValidateFunction> }).validators
          : null
    }
    return this.precompiled
  }

  // A spec edited after the build makes its precompiled validators stale: compile afresh then.
  private documentTime(): number {
    const json = path.resolve(here, '../../specs', `${this.name}.openapi.json`)
    return existsSync(json) ? statSync(json).mtimeMs : 0
  }

  private compiled(pointer: string, coerce = false): ValidateFunction {
    const key = (coerce ? 'q:' : '') + pointer
    let fn = this.cache.get(key) ?? this.precompiledValidators()?.[key]
    if (!fn) {
      const { body, query } = this.ajv()
      fn = coerce ? query.compile(this.querySchemaFor(pointer) as object) : body.compile({ $ref: `${this.baseId}${this.resolveRefPointer(pointer)}` })
    }
    this.cache.set(key, fn)
    return fn
  }

  /** The keys of every validator the mock can ask for: bodies, parameters, responses, webhooks. */
  validatorKeys(): string[] {
    const keys: string[] = []
    const mediaSchemas = (objectPointer: string) => {
      const real = this.resolveRefPointer(objectPointer)
      const node = this.resolve(real) as { content?: Record<string, unknown> } | undefined
      for (const mediaType of Object.keys(node?.content ?? {})) keys.push(`${real}/content/${escapePointer(mediaType)}/schema`)
    }
    for (const [template, item] of Object.entries(this.document.paths ?? {})) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const op = item[method] as { requestBody?: unknown; responses?: Record<string, unknown> } | undefined
        if (!op) continue
        keys.push(`q:${pointerOf('paths', template, method)}`)
        if (op.requestBody) mediaSchemas(pointerOf('paths', template, method, 'requestBody'))
        for (const status of Object.keys(op.responses ?? {})) mediaSchemas(pointerOf('paths', template, method, 'responses', status))
      }
    }
    for (const name of this.webhookNames()) mediaSchemas(pointerOf('webhooks', name, 'post', 'requestBody'))
    return [...new Set(keys)]
  }

  /** CommonJS source exporting `validators[key]` for every validator key (see validatorKeys). */
  standaloneModule(): string {
    const standaloneCode = (require('ajv/dist/standalone/index.js') as { default: (ajv: Ajv2020, refs: Record<string, string>) => string }).default
    const { body, query } = this.ajv(true)
    const bodyRefs: Record<string, string> = {}
    const queryRefs: Record<string, string> = {}
    const names: Array<[string, string, 'body' | 'query']> = []
    this.validatorKeys().forEach((key, i) => {
      const id = `https://veomock.local/validators/${this.name}/${i}`
      const exportName = `v${i}`
      if (key.startsWith('q:')) {
        query.addSchema({ ...(this.querySchemaFor(key.slice(2)) as object), $id: id })
        queryRefs[exportName] = id
      } else {
        body.addSchema({ $id: id, $ref: `${this.baseId}${key}` })
        bodyRefs[exportName] = id
      }
      names.push([key, exportName, key.startsWith('q:') ? 'query' : 'body'])
    })
    const wrap = (code: string) => `(function () {\nconst exports = {}; const module = { exports };\n${code}\nreturn module.exports\n})()`
    return [
      `// DO NOT EDIT. Precompiled Ajv validators for specs/${this.name}.openapi.yaml, written by npm run build.`,
      `'use strict'`,
      `const bodies = ${wrap(standaloneCode(body, bodyRefs))}`,
      `const queries = ${wrap(standaloneCode(query, queryRefs))}`,
      `exports.validators = {`,
      ...names.map(([key, exportName, kind]) => `  ${JSON.stringify(key)}: ${kind === 'query' ? 'queries' : 'bodies'}.${exportName},`),
      `}`,
      '',
    ].join('\n')
  }

  /** Matches a concrete request path (without the mock's vendor prefix) to a spec path. */
  matchPath(requestPath: string): { template: string; params: Record<string, string> } | undefined {
    for (const p of this.paths) {
      const m = p.regex.exec(requestPath)
      if (!m) continue
      const params: Record<string, string> = {}
      p.names.forEach((name, i) => {
        const raw = m[i + 1] as string
        // Broken percent-encoding stays raw: it then fails validation like any other bad value.
        try {
          params[name] = decodeURIComponent(raw)
        } catch {
          params[name] = raw
        }
      })
      return { template: p.template, params }
    }
    return undefined
  }

  operation(template: string, method: HttpMethod): Record<string, unknown> | undefined {
    const item = this.document.paths[template]
    const op = item?.[method]
    return op && typeof op === 'object' ? (op as Record<string, unknown>) : undefined
  }

  /** Methods the spec declares for a path template, upper-case, for `Allow` headers. */
  methodsOf(template: string): string[] {
    const item = this.document.paths[template] ?? {}
    return ['get', 'post', 'put', 'patch', 'delete'].filter((m) => m in item).map((m) => m.toUpperCase())
  }

  /** Validates a JSON request body against the operation's requestBody schema. */
  validateRequestBody(template: string, method: HttpMethod, body: unknown): ValidationResult {
    const fn = this.bodyValidator(template, method)
    if (!fn || fn(body)) return VALID
    return { valid: false, issues: toIssues(fn.errors) }
  }

  // Per-operation validators are looked up once: the request path is hot.
  private readonly bodyValidators = new Map<string, ValidateFunction | null>()
  private readonly parameterValidators = new Map<string, ValidateFunction | null>()

  private bodyValidator(template: string, method: HttpMethod): ValidateFunction | null {
    const key = `${method} ${template}`
    let fn = this.bodyValidators.get(key)
    if (fn === undefined) {
      fn = null
      const op = this.operation(template, method)
      if (op?.requestBody) {
        const pointer = pointerOf('paths', template, method, 'requestBody')
        const requestBody = this.resolve(pointer) as { content?: Record<string, unknown> } | undefined
        if (requestBody?.content?.['application/json']) fn = this.compiled(`${this.resolveRefPointer(pointer)}/content/application~1json/schema`)
      }
      this.bodyValidators.set(key, fn)
    }
    return fn
  }

  /** The operation's requestBody object ($ref followed), or undefined when it takes none. */
  requestBodyOf(template: string, method: HttpMethod): { required?: boolean; content?: Record<string, unknown> } | undefined {
    const op = this.operation(template, method)
    if (!op?.requestBody) return undefined
    return this.resolve(pointerOf('paths', template, method, 'requestBody')) as { required?: boolean }
  }

  /** Validates query (and path) parameters; values arrive as strings and are coerced. */
  validateParameters(template: string, method: HttpMethod, query: Record<string, unknown>, params: Record<string, string> = {}): ValidationResult {
    const key = `${method} ${template}`
    let fn = this.parameterValidators.get(key)
    if (fn === undefined) {
      fn = this.operation(template, method) ? this.compiled(pointerOf('paths', template, method), true) : null
      this.parameterValidators.set(key, fn)
    }
    if (!fn) return VALID
    const input = { query: { ...query }, path: { ...params } }
    if (fn(input)) return VALID
    return { valid: false, issues: toIssues(fn.errors) }
  }

  private querySchemaFor(operationPointer: string): object {
    const op = this.resolve(operationPointer) as { parameters?: unknown[] } | undefined
    const templatePointer = operationPointer.replace(/\/[^/]+$/, '')
    const item = this.resolve(templatePointer) as { parameters?: unknown[] } | undefined
    const all = [...(item?.parameters ?? []), ...(op?.parameters ?? [])]
    const groups: Record<'query' | 'path', { properties: Record<string, unknown>; required: string[] }> = {
      query: { properties: {}, required: [] },
      path: { properties: {}, required: [] },
    }
    for (const raw of all) {
      let param = raw as { $ref?: string; in?: string; name?: string; required?: boolean; schema?: unknown }
      if (param.$ref) param = this.resolve(param.$ref) as typeof param
      if (!param || (param.in !== 'query' && param.in !== 'path') || !param.name) continue
      const group = groups[param.in]
      group.properties[param.name] = this.inlineRefs(param.schema ?? {})
      if (param.required || param.in === 'path') group.required.push(param.name)
    }
    return {
      type: 'object',
      properties: {
        query: { type: 'object', properties: groups.query.properties, required: groups.query.required },
        path: { type: 'object', properties: groups.path.properties, required: groups.path.required },
      },
    }
  }

  /** Parameter schemas are small; inline their local refs so the coercing Ajv needs no document. */
  private inlineRefs(schema: unknown): unknown {
    if (Array.isArray(schema)) return schema.map((s) => this.inlineRefs(s))
    if (!schema || typeof schema !== 'object') return schema
    const obj = schema as Record<string, unknown>
    if (typeof obj.$ref === 'string' && obj.$ref.startsWith('#')) return this.inlineRefs(this.resolve(obj.$ref))
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'example' || k === 'examples') continue
      out[k] = this.inlineRefs(v)
    }
    return out
  }

  /** The response object the spec declares for a status: exact, then `4XX`-style, then default. */
  responsePointer(template: string, method: HttpMethod, status: number): string | undefined {
    const op = this.operation(template, method)
    const responses = (op?.responses ?? {}) as Record<string, unknown>
    const keys = [String(status), `${String(status)[0]}XX`, 'default']
    const key = keys.find((k) => k in responses)
    if (!key) return undefined
    return this.resolveRefPointer(pointerOf('paths', template, method, 'responses', key))
  }

  /** Validates a response; an undeclared status is itself a violation. */
  validateResponse(template: string, method: HttpMethod, status: number, body: unknown, contentType = 'application/json'): ValidationResult {
    const pointer = this.responsePointer(template, method, status)
    if (!pointer) {
      return {
        valid: false,
        issues: [{ pointer: '', keyword: 'status', schemaPath: '', message: `status ${status} is not declared for ${method.toUpperCase()} ${template}` }],
      }
    }
    const response = this.resolve(pointer) as { content?: Record<string, unknown> } | undefined
    if (!response?.content) return VALID
    const mediaType = contentType.split(';')[0]?.trim() ?? ''
    if (!response.content[mediaType]) {
      const declared = Object.keys(response.content)
      if (declared.some((d) => d.includes('json')) && !mediaType.includes('json')) {
        return {
          valid: false,
          issues: [
            { pointer: '', keyword: 'content-type', schemaPath: '', message: `content type ${mediaType || '(none)'} is not one of ${declared.join(', ')}` },
          ],
        }
      }
      return VALID
    }
    return this.validatePointer(`${pointer}/content/${escapePointer(mediaType)}/schema`, body)
  }

  /** Validates a callback (webhook) payload against `webhooks.<name>`'s request body. */
  validateWebhook(name: string, body: unknown): ValidationResult {
    const base = this.resolveRefPointer(pointerOf('webhooks', name, 'post', 'requestBody'))
    return this.validatePointer(`${base}/content/application~1json/schema`, body)
  }

  webhookNames(): string[] {
    return Object.keys(this.document.webhooks ?? {})
  }
}

const validators = new Map<string, SpecValidator>()

/** One compiled validator per spec per process. */
export function specValidator(name: string): SpecValidator {
  let v = validators.get(name)
  if (!v) {
    v = new SpecValidator(name)
    validators.set(name, v)
  }
  return v
}
