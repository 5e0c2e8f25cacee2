#!/usr/bin/env node
// Part of `npm run build`: copies specs/*.openapi.yaml to dist/specs/*.openapi.json, so the
// compiled mock starts without parsing YAML (about a third of its start-up time otherwise).
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const out = path.join(root, 'dist', 'specs')
await mkdir(out, { recursive: true })
for (const file of (await readdir(path.join(root, 'specs'))).filter((f) => f.endsWith('.openapi.yaml'))) {
  const doc = parse(await readFile(path.join(root, 'specs', file), 'utf8'))
  await writeFile(path.join(out, file.replace(/\.yaml$/, '.json')), JSON.stringify(doc))
}
