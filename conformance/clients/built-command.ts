// For tests: the reference clients' command as built in dist/ (`node dist/conformance/clients/command.js`),
// rebuilt first when a client source is newer. The built command starts in a fraction of the
// time `node --import tsx` takes (tsx compiles every module on start), which on a busy machine is
// the difference between a case that runs and one that waits seconds for its client to start.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { withBuildLock } from '../../mock-server/src/test-support/built-dist.js'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const COMMAND = path.join(ROOT, 'dist/conformance/clients/command.js')

function stale(): boolean {
  if (!existsSync(COMMAND)) return true
  const built = statSync(COMMAND).mtimeMs
  const dirs = [path.join(ROOT, 'conformance/clients'), path.join(ROOT, 'conformance/src/client')]
  return dirs.some((dir) => readdirSync(dir).some((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && statSync(path.join(dir, f)).mtimeMs > built))
}

/** `node <dist command>`, built (tsc -p tsconfig.build.json) when missing or older than a client source. */
export function builtClientCommand(): string {
  if (stale()) {
    withBuildLock(() => {
      if (stale()) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit', timeout: 240_000 })
    })
  }
  return `node ${COMMAND}`
}
