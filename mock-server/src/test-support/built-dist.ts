// Tests of the built package (the compiled CLI, precompiled validators) build dist/ when it is
// missing, or fail: they never skip silently. Under `npm test` the build has already run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, rmdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

const LOCK = path.join(ROOT, 'dist.build-lock')

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/** Runs `build` holding the dist/ build lock: one build at a time, since test files run in parallel workers. */
export function withBuildLock(build: () => void): void {
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
    build()
  } finally {
    rmdirSync(LOCK)
  }
}

/** Returns the absolute path of `relative` under the repository, running `npm run build` first when it is missing. */
export function builtFile(relative: string): string {
  const file = path.join(ROOT, relative)
  if (existsSync(file)) return file
  withBuildLock(() => {
    if (!existsSync(file)) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore', timeout: 240_000 })
  })
  if (!existsSync(file)) throw new Error(`Failed to build dist/: ${relative} is still missing after npm run build`)
  return file
}
