// An OpenAPI document as the validators read it: the types they share, where specs/ is, loading
// one spec (the build's JSON copy, else the YAML source) and JSON pointers into it.
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface ValidationIssue {
  /** JSON pointer into the validated value, e.g. `/data/state`. Empty for the root. */
  pointer: string
  message: string
  keyword: string
  schemaPath: string
}

export interface ValidationResult {
  valid: boolean
  issues: ValidationIssue[]
}

export interface OperationMatch {
  /** The spec's path template, e.g. `/v1/tasks/{task_id}`. */
  template: string
  method: HttpMethod
  operationId: string | undefined
  params: Record<string, string>
}

export type OpenApiDocument = {
  openapi: string
  info: Record<string, unknown>
  paths: Record<string, Record<string, unknown>>
  webhooks?: Record<string, Record<string, unknown>>
  components?: Record<string, Record<string, unknown>>
  [key: string]: unknown
}

const here = path.dirname(fileURLToPath(import.meta.url))
// yaml is loaded only when a spec is read from YAML (sources, tests), never by the compiled mock.
const require = createRequire(import.meta.url)

/** Finds specs/ from both the TypeScript sources and the compiled dist/ tree. */
export function specsDirectory(): string {
  const candidates = [path.resolve(here, '../../specs'), path.resolve(here, '../../../specs'), path.resolve(process.cwd(), 'specs')]
  for (const candidate of candidates) {
    try {
      readFileSync(path.join(candidate, 'admin.openapi.yaml'))
      return candidate
    } catch {
      // try the next location
    }
  }
  return candidates[0] as string
}

export function loadSpecDocument(name: string): OpenApiDocument {
  // The compiled mock reads the JSON copy `npm run build` writes to dist/specs (no YAML parse at
  // start-up); sources and tests read the YAML itself.
  const json = path.resolve(here, '../../specs', `${name}.openapi.json`)
  if (existsSync(json)) return JSON.parse(readFileSync(json, 'utf8')) as OpenApiDocument
  const file = path.join(specsDirectory(), `${name}.openapi.yaml`)
  const { parse } = require('yaml') as typeof import('yaml')
  return parse(readFileSync(file, 'utf8')) as OpenApiDocument
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

export function pointerOf(...segments: Array<string | number>): string {
  return '#/' + segments.map((s) => escapePointer(String(s))).join('/')
}
