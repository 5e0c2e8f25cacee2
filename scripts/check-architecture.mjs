// The arrows of docs/architecture.md, checked: run by `npm run lint`, exits 1 on any breach.
// Usage: node scripts/check-architecture.mjs [--root <dir>]
//   - conformance/ never imports mock-server/src/core (it talks to the mock through HTTP and the admin API);
//   - mock-server/src/core imports neither vendors/ nor dialects/ and names no vendor, not even in a comment;
//   - lib/ imports nothing of ours but lib/ and names no vendor.
// Vendor names are the files of vendors/ (one per vendor), so a fifth vendor is checked without an edit here.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const rootArg = process.argv.indexOf('--root')
const root = rootArg > 0 ? path.resolve(process.argv[rootArg + 1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

function sourcesUnder(dir) {
  const out = []
  const walk = (d) => {
    let names
    try {
      names = readdirSync(d)
    } catch {
      return
    }
    for (const name of names) {
      if (name === 'node_modules' || name === 'dist') continue
      const full = path.join(d, name)
      if (statSync(full).isDirectory()) walk(full)
      else if (/\.(ts|mts|mjs|js)$/.test(name) && !name.endsWith('.d.ts')) out.push(full)
    }
  }
  walk(path.join(root, dir))
  return out
}

/** Every relative module a file imports: static, type-only, re-exported or dynamic. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8')
  const specs = []
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g)) specs.push(m[1])
  return specs.map((spec) => ({
    spec,
    target: path
      .relative(root, path.resolve(path.dirname(file), spec))
      .split(path.sep)
      .join('/'),
  }))
}

const rel = (file) => path.relative(root, file).split(path.sep).join('/')
const vendors = readdirSync(path.join(root, 'vendors'))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && f !== 'vendor.ts')
  .map((f) => f.replace(/\.ts$/, ''))
const vendorWord = new RegExp(`\\b(${vendors.join('|')})\\b`, 'i')

const problems = []
for (const file of sourcesUnder('conformance')) {
  for (const { spec, target } of importsOf(file))
    if (target.startsWith('mock-server/src/core/') || target === 'mock-server/src/core')
      problems.push(
        `${rel(file)} imports ${spec}: conformance/ must not import mock-server/src/core (use lib/, vendors/, the admin client or the mock's public modules)`,
      )
}
for (const [dir, allowed] of [
  ['mock-server/src/core', (t) => t.startsWith('mock-server/src/core/') || t.startsWith('lib/')],
  ['lib', (t) => t.startsWith('lib/')],
]) {
  for (const file of sourcesUnder(dir)) {
    // Tests may use the shared test support (building dist/, a browser); nothing else of ours.
    for (const { spec, target } of importsOf(file))
      if (!allowed(target) && !(file.endsWith('.test.ts') && target.includes('/test-support/')))
        problems.push(`${rel(file)} imports ${spec}: ${dir}/ may import only ${dir === 'lib' ? 'lib/' : 'core/ and lib/'}`)
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const m = vendorWord.exec(line)
        if (m) problems.push(`${rel(file)}:${i + 1} names the vendor "${m[1]}": ${dir}/ is vendor-neutral`)
      })
  }
}
for (const p of problems) process.stdout.write(`${p}\n`)
process.stdout.write(
  `architecture: ${problems.length === 0 ? 'every arrow points the documented way' : `${problems.length} breaches`} (vendors: ${vendors.join(', ')})\n`,
)
process.exit(problems.length > 0 ? 1 : 0)
