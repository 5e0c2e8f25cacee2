// The architecture check must be able to fail: a tree with each breach is refused, this repository passes.
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterEach, describe, expect, test } from 'vitest'

const run = promisify(execFile)
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'check-architecture.mjs')
let tree = ''

async function treeWith(files: Record<string, string>): Promise<string> {
  tree = await mkdtemp(path.join(os.tmpdir(), 'veomock-arch-'))
  const all = { 'vendors/index.ts': '', 'vendors/vendor.ts': '', 'vendors/acme.ts': '', 'mock-server/src/core/clock.ts': 'export const x = 1\n', ...files }
  for (const [name, text] of Object.entries(all)) {
    await mkdir(path.dirname(path.join(tree, name)), { recursive: true })
    await writeFile(path.join(tree, name), text)
  }
  return tree
}

async function check(root: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [script, '--root', root])
    return { code: 0, out: stdout }
  } catch (error) {
    const e = error as { code: number; stdout: string }
    return { code: e.code, out: e.stdout }
  }
}

afterEach(async () => {
  if (tree) await rm(tree, { recursive: true, force: true })
})

describe('scripts/check-architecture.mjs', () => {
  test('passes this repository', async () => {
    const result = await check(path.resolve(path.dirname(script), '..'))
    expect(result.out).toContain('every arrow points the documented way')
    expect(result.code).toBe(0)
  })

  test.each([
    [
      'a conformance file importing the core',
      { 'conformance/src/judge.ts': "import { x } from '../../mock-server/src/core/clock.js'\n" },
      'must not import mock-server/src/core',
    ],
    [
      'a type-only import of the core from a reference client',
      { 'conformance/clients/c.ts': "import type { X } from '../../mock-server/src/core/clock.js'\n" },
      'must not import',
    ],
    ['a vendor named in a core comment', { 'mock-server/src/core/task.ts': '// ACME answers late\n' }, 'names the vendor "ACME"'],
    ['the core importing vendors/', { 'mock-server/src/core/task.ts': "import { v } from '../../../vendors/index.js'\n" }, 'may import only core/ and lib/'],
    ['lib/ importing the mock', { 'lib/tool.ts': "import { x } from '../mock-server/src/core/clock.js'\n" }, 'may import only lib/'],
  ])('refuses %s', async (_name, files, message) => {
    const result = await check(await treeWith(files))
    expect(result.out).toContain(message)
    expect(result.code).toBe(1)
  })
})
