// The package as users get it: `npm pack`, install the tarball into a new strict TypeScript project
// outside this repository, compile a test that imports every public entry point with tsc, and run
// it with vitest. Catches missing declarations (TS7016), exports that point nowhere, files left out
// of the tarball and runtime dependencies declared only as devDependencies.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixture = path.join(root, 'scripts', 'packed-package')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
let project = ''
let tarball = ''

beforeAll(async () => {
  // npm test builds before vitest; a bare `vitest run` on a fresh clone builds here instead of
  // packing an empty dist/ (pack runs with --ignore-scripts so it never rewrites dist/ under
  // tests that are reading it).
  if (!existsSync(path.join(root, 'dist', 'mock-server', 'src', 'index.d.ts'))) await run(npm, ['run', 'build'], { cwd: root })
  project = await mkdtemp(path.join(os.tmpdir(), 'veomock-consumer-'))
  const { stdout } = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', project], { cwd: root })
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>
  if (!packed) throw new Error('Failed to pack veomock: npm pack printed no result')
  tarball = path.join(project, packed.filename)
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }))
  await copyFile(path.join(fixture, 'tsconfig.json'), path.join(project, 'tsconfig.json'))
  await copyFile(path.join(fixture, 'consumer.spec.ts'), path.join(project, 'consumer.spec.ts'))
  // From npm's cache when it has them (this repository's own install filled it), so the test
  // takes seconds. @types/node is what any Node TypeScript project has.
  const typesNode = (await import(path.join(root, 'node_modules', '@types', 'node', 'package.json'), { with: { type: 'json' } })) as {
    default: { version: string }
  }
  await run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball, `@types/node@${typesNode.default.version}`], {
    cwd: project,
  })
  // The test runner and compiler are the user's own tools, not veomock's: link this repository's.
  for (const tool of ['vitest', 'typescript']) await symlink(path.join(root, 'node_modules', tool), path.join(project, 'node_modules', tool), 'dir')
}, 120_000)

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true })
})

describe('the packed tarball', () => {
  test('ships declarations, specs and assets but no tests or sources of the repository', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball])
    const files = stdout.split('\n').filter(Boolean)
    expect(files).toContain('package/dist/mock-server/src/index.d.ts')
    expect(files).toContain('package/dist/conformance/clients/index.d.ts')
    for (const vendor of ['kie', 'apixo', 'xenodia', 'odkkk', 'admin']) {
      expect(files).toContain(`package/dist/generated/${vendor}.d.ts`)
      expect(files).toContain(`package/specs/${vendor}.openapi.yaml`)
    }
    expect(files).toContain('package/mock-server/assets/sample.mp4')
    expect(files).toContain('package/LICENSE')
    expect(files.filter((f) => /\.test\.|\.spec\.test\./.test(f) || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toEqual([])
  })

  test('installs without Prism, whose ~300 packages only `veomock prism` and --via-prism need', async () => {
    const installed = await readdir(path.join(project, 'node_modules'))
    expect(installed).toContain('veomock')
    expect(installed).not.toContain('@stoplight')
  })

  test('compiles a strict TypeScript test that imports every entry point', async () => {
    const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc')
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project }).catch((error: { stdout: string }) => error)
    expect(result.stdout).toBe('')
  }, 60_000)

  test('runs that test with vitest against a real mock started from the installed package', async () => {
    const vitest = path.join(project, 'node_modules', 'vitest', 'vitest.mjs')
    const { stdout } = await run(process.execPath, [vitest, 'run', '--root', project, 'consumer.spec.ts'], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    })
    expect(stdout).toMatch(/Tests\s+2 passed \(2\)/)
  }, 60_000)

  test('the bin runs from the installed package', async () => {
    const { stdout } = await run(process.execPath, [path.join(project, 'node_modules', '.bin', 'veomock'), '--version'])
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/)
  })
})
