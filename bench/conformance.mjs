#!/usr/bin/env node
// Conformance speed: wall seconds of the full reference run for all four vendors (71 cases), in
// process and in command form (one Node process per case), each against its own in-process mock.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const runs = [
  ['in-process', ['--module', 'dist/conformance/clients/index.js']],
  ['command', ['--client', `${process.execPath} dist/conformance/clients/command.js`]],
]
for (const [label, extra] of runs) {
  const start = performance.now()
  const result = spawnSync(process.execPath, ['dist/cli/veomock.js', 'conformance', '--vendor', 'all', ...extra], { cwd: root, encoding: 'utf8' })
  const seconds = (performance.now() - start) / 1000
  const last = result.stdout.trim().split('\n').at(-1)
  process.stdout.write(`reference conformance run, all vendors, ${label.padEnd(10)}: ${seconds.toFixed(1)} s wall (${last}; exit ${result.status})\n`)
}
