// For tests: the reference clients' command as built in dist/ (`node dist/conformance/clients/command.js`),
// rebuilt first when a client source is newer. The built command starts in a fraction of the
// time `node --import tsx` takes (tsx compiles every module on start), which on a busy machine is
// the difference between a case that runs and one that waits seconds for its client to start.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const COMMAND = path.join(ROOT, 'dist/conformance/clients/command.js')
/** The lock mock-server/src/test-support/built-dist.ts takes too: one build at a time across test workers. */
const LOCK = path.join(ROOT, 'dist.build-lock')

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

function stale(): boolean {
  if (!existsSync(COMMAND)) return true
  const built = statSync(COMMAND).mtimeMs
  const dirs = [path.join(ROOT, 'conformance/clients'), path.join(ROOT, 'conformance/src/client')]
  return dirs.some((dir) => readdirSync(dir).some((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && statSync(path.join(dir, f)).mtimeMs > built))
}

/** `node <dist command>`, built (tsc -p tsconfig.build.json) when missing or older than a client source. */
export function builtClientCommand(): string {
  if (stale()) {
    for (let waited = 0; ; waited += 200) {
      try {
        mkdirSync(LOCK)
        break
      } catch {
        if (waited > 240_000) throw new Error(`Failed to build dist/: another build held ${LOCK} for 4 minutes`)
        sleep(200)
      }
    }
    try {
      if (stale()) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit', timeout: 240_000 })
    } finally {
      rmdirSync(LOCK)
    }
  }
  return `node ${COMMAND}`
}
