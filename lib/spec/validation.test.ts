// The built mock runs validators precompiled by `npm run build` (dist/validators); they must give
// the same verdicts and the same issues as the ones compiled at run time from specs/.
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { ValidateFunction } from 'ajv/dist/2020.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { builtFile, ROOT as root } from '../../mock-server/src/test-support/built-dist.js'
import { collectExamples, SpecValidator } from './validation.js'

const require = createRequire(import.meta.url)
// Every spec in specs/, the admin API's included.
const names = readdirSync(path.join(root, 'specs'))
  .filter((f) => f.endsWith('.openapi.yaml'))
  .map((f) => f.replace('.openapi.yaml', ''))

describe('precompiled validators', () => {
  beforeAll(() => {
    for (const name of names) builtFile(`dist/validators/${name}.cjs`)
  }, 300_000)

  it.each(names)('cover every operation and webhook of %s and agree with run-time compilation on every example', (name) => {
    const runtime = new SpecValidator(name)
    const { validators } = require(path.join(root, `dist/validators/${name}.cjs`)) as { validators: Record<string, ValidateFunction> }
    const keys = runtime.validatorKeys()
    expect(Object.keys(validators).sort()).toEqual([...keys].sort())
    const bodyKeys = keys.filter((k) => !k.startsWith('q:'))
    // Each example against its own schema, and deliberately broken copies against every body schema.
    const samples = collectExamples(runtime).map((e) => e.value)
    const broken = samples.map((v) => (v && typeof v === 'object' ? { ...(v as object), code: 'not-a-number', prompt: 7 } : 'x'))
    let compared = 0
    for (const key of bodyKeys) {
      const fresh = (runtime as unknown as { compiled(p: string): ValidateFunction }).compiled(key)
      const built = validators[key] as ValidateFunction
      for (const value of [...samples.slice(0, 40), ...broken.slice(0, 40)]) {
        expect(built(value), key).toBe(fresh(value))
        // schemaPath names the $ref chain Ajv followed, which differs; what failed and where must not.
        const strip = (errors: ValidateFunction['errors']) => (errors ?? []).map(({ schemaPath: _s, ...rest }) => rest)
        expect(strip(built.errors), key).toEqual(strip(fresh.errors))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(100)
  })
})
