// Every example of a spec with the schema it must satisfy, for the spec tests and the build check.
import { escapePointer, pointerOf } from './spec-document.js'
import type { SpecValidator } from './validation.js'

export interface SpecExample {
  /** Where the example sits, for test names: `POST /api/v1/veo/generate request (text)`. */
  where: string
  /** JSON pointer of the schema the example must satisfy. */
  schemaPointer: string
  value: unknown
}

/**
 * Every example in a spec paired with the schema it illustrates: media-type `example`/`examples`
 * of request bodies, responses and webhooks, and parameter examples. Schema-level `example`
 * keywords are included too.
 */
export function collectExamples(validator: SpecValidator): SpecExample[] {
  const out: SpecExample[] = []
  const doc = validator.document
  const fromMedia = (where: string, mediaPointer: string) => {
    const media = validator.resolve(mediaPointer) as { example?: unknown; examples?: Record<string, unknown> } | undefined
    if (!media) return
    const schemaPointer = `${mediaPointer}/schema`
    if ('example' in media) out.push({ where, schemaPointer, value: media.example })
    for (const [name, ex] of Object.entries(media.examples ?? {})) {
      let example = ex as { $ref?: string; value?: unknown }
      if (example.$ref) example = validator.resolve(example.$ref) as typeof example
      if (example && 'value' in example) out.push({ where: `${where} (${name})`, schemaPointer, value: example.value })
    }
  }
  const fromBody = (where: string, bodyPointer: string) => {
    const body = validator.resolve(bodyPointer) as { content?: Record<string, unknown> } | undefined
    const realPointer = (validator as unknown as { resolveRefPointer(p: string): string }).resolveRefPointer(bodyPointer)
    for (const mediaType of Object.keys(body?.content ?? {})) {
      fromMedia(`${where} ${mediaType}`, `${realPointer}/content/${escapePointer(mediaType)}`)
    }
  }
  const fromOperation = (label: string, opPointer: string) => {
    const op = validator.resolve(opPointer) as { requestBody?: unknown; responses?: Record<string, unknown>; parameters?: unknown[] } | undefined
    if (!op) return
    if (op.requestBody) fromBody(`${label} request`, `${opPointer}/requestBody`)
    for (const status of Object.keys(op.responses ?? {})) {
      fromBody(`${label} response ${status}`, `${opPointer}/responses/${escapePointer(status)}`)
    }
    ;(op.parameters ?? []).forEach((raw, i) => {
      const p = raw as { $ref?: string; example?: unknown; name?: string }
      const realPointer = p.$ref ?? `${opPointer}/parameters/${i}`
      const param = validator.resolve(realPointer) as { example?: unknown; name?: string } | undefined
      if (param && 'example' in param) out.push({ where: `${label} parameter ${param.name}`, schemaPointer: `${realPointer}/schema`, value: param.example })
    })
  }
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) {
      if (!(method in item)) continue
      fromOperation(`${method.toUpperCase()} ${template}`, pointerOf('paths', template, method))
    }
  }
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    for (const method of Object.keys(item)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) fromOperation(`webhook ${name}`, pointerOf('webhooks', name, method))
    }
  }
  // Schema-level examples in components.
  const walk = (node: unknown, pointer: string) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) {
      node.forEach((n, i) => walk(n, `${pointer}/${i}`))
      return
    }
    const obj = node as Record<string, unknown>
    if ('example' in obj && ('type' in obj || 'properties' in obj || 'enum' in obj || 'oneOf' in obj || 'anyOf' in obj)) {
      out.push({ where: `schema ${pointer}`, schemaPointer: pointer, value: obj.example })
    }
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'example' || k === 'examples' || k === 'enum' || k === 'const' || k === 'default') continue
      walk(v, `${pointer}/${escapePointer(k)}`)
    }
  }
  walk(doc.components?.schemas, '#/components/schemas')
  return out
}
