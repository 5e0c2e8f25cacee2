// Size rules of the developers' guide: no source file over 400 lines, no function over ~80.
// Usage: node scripts/check-sizes.mjs [--max-file 400] [--max-function 80]
// Prints every offender (tests and generated types excluded) and exits 1 when there is one.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import ts from 'typescript'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i < 0 ? fallback : Number(process.argv[i + 1])
}
const maxFile = arg('--max-file', 400)
const maxFunction = arg('--max-function', 80)

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mjs'], { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.endsWith('.test.ts') && !f.startsWith('generated/') && !f.includes('node_modules') && !f.endsWith('.d.ts'))

const offenders = []
for (const file of files) {
  let text
  try {
    text = readFileSync(path.join(root, file), 'utf8')
  } catch {
    continue
  }
  const lines = text.split('\n').length
  if (lines > maxFile) offenders.push(`${file}: ${lines} lines (max ${maxFile})`)
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line
      const end = source.getLineAndCharacterOfPosition(node.end).line
      const length = end - start + 1
      if (length > maxFunction) {
        const name = node.name?.getText(source) ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)')
        offenders.push(`${file}:${start + 1}: function ${name} is ${length} lines (max ${maxFunction})`)
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
}
for (const line of offenders) process.stdout.write(`${line}\n`)
process.stdout.write(`${files.length} files checked, ${offenders.length} over the limits\n`)
process.exit(offenders.length > 0 ? 1 : 0)
