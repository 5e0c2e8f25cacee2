#!/usr/bin/env node
// Part of `npm run build` (after tsc): copies specs/*.openapi.yaml to dist/specs/*.openapi.json and
// writes dist/validators/<spec>.cjs, every validator the mock uses compiled ahead of time with Ajv
// standalone code. The compiled mock then starts without parsing YAML or compiling schemas.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const specsOut = path.join(root, 'dist', 'specs')
const validatorsOut = path.join(root, 'dist', 'validators')
await mkdir(specsOut, { recursive: true })
await mkdir(validatorsOut, { recursive: true })
const names = []
for (const file of (await readdir(path.join(root, 'specs'))).filter((f) => f.endsWith('.openapi.yaml'))) {
  const doc = parse(await readFile(path.join(root, 'specs', file), 'utf8'))
  await writeFile(path.join(specsOut, file.replace(/\.yaml$/, '.json')), JSON.stringify(doc))
  names.push(file.replace('.openapi.yaml', ''))
}
const { SpecValidator } = await import(pathToFileURL(path.join(root, 'dist/lib/spec/validation.js')).href)
for (const name of names) {
  const validator = new SpecValidator(name)
  await writeFile(path.join(validatorsOut, `${name}.cjs`), validator.standaloneModule())
}
process.stdout.write(`wrote dist/specs and dist/validators for ${names.join(', ')}\n`)
