#!/usr/bin/env node
// Verdict stability (issue 10): the reference clients and every mutant, round after round, while two
// processes keep the CPUs busy. A flip is a verdict that differs from the expected one: a reference
// case that fails or warns, a mutant case its judge no longer catches at its level, or one it catches
// at another level. Runs from the sources (the mutants are not part of the package), through tsx:
//
//   npm run bench:verdicts                 # 10 rounds, two busy processes
//   node --import tsx bench/verdicts.mjs --rounds 3 --burners 0
import { spawn } from 'node:child_process'
import { parseArgs } from 'node:util'
import { runConformance } from '../conformance/src/client/conformance-run.js'
import { VENDOR_IDS } from '../vendors/index.js'
import { referenceClients } from '../conformance/clients/index.js'
import { MUTANTS } from '../conformance/mutants/index.js'

const { values } = parseArgs({ options: { rounds: { type: 'string' }, burners: { type: 'string' } } })
const rounds = Number(values.rounds ?? 10)
const burnerCount = Number(values.burners ?? 2)

/** Busy processes: each spins one core at 100% until it is killed. */
const burners = Array.from({ length: burnerCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }))
const stopBurners = () => {
  for (const b of burners) if (b.pid !== undefined && b.exitCode === null) b.kill('SIGKILL')
}
process.on('exit', stopBurners)
process.on('SIGINT', () => process.exit(130))

const levelOf = (f) => f.level ?? 'fail'

async function referenceRound() {
  const report = await runConformance({
    vendors: [...VENDOR_IDS],
    client: { generate: (req, env) => referenceClients[env.vendor].generate(req, env), describe: 'reference' },
  })
  const flips = []
  for (const c of report.cases) {
    if (c.skipped) continue
    if (!c.passed || c.findings.length > 0)
      flips.push(`reference ${c.suite} ${c.details?.caseId}: ${c.findings.map((f) => `${levelOf(f)} ${f.check}`).join(', ')}`)
  }
  return { flips, cases: report.cases.length, seconds: report.durationMs / 1000 }
}

async function mutantRun(m) {
  const report = await runConformance({ vendors: [m.mutant.vendor], client: { generate: m.generate, describe: m.mutant.name }, cases: m.mutant.exposedBy })
  const want = m.mutant.level ?? 'fail'
  const flips = []
  for (const c of report.cases) {
    const caught = c.findings.some((f) => f.check === m.mutant.judge && levelOf(f) === want)
    const status = want === 'fail' ? !c.passed : c.passed
    if (!caught || !status)
      flips.push(`mutant ${m.mutant.name} on ${c.details?.caseId}: ${c.findings.map((f) => `${levelOf(f)} ${f.check}`).join(', ') || 'no finding'}`)
  }
  return { flips, cases: report.cases.length }
}

/** Mutants a few at a time, like a CI job would run a suite per client. */
async function mutantRound(limit = 6) {
  const queue = [...MUTANTS]
  const results = []
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let m = queue.shift(); m; m = queue.shift()) results.push(await mutantRun(m))
    }),
  )
  return { flips: results.flatMap((r) => r.flips), cases: results.reduce((n, r) => n + r.cases, 0) }
}

const started = performance.now()
let flips = 0
let verdicts = 0
const referenceSeconds = []
try {
  for (let round = 1; round <= rounds; round++) {
    const reference = await referenceRound()
    const mutants = await mutantRound()
    referenceSeconds.push(reference.seconds)
    const roundFlips = [...reference.flips, ...mutants.flips]
    flips += roundFlips.length
    verdicts += reference.cases + mutants.cases
    process.stdout.write(
      `round ${round}/${rounds}: ${reference.cases} reference cases in ${reference.seconds.toFixed(1)} s, ${mutants.cases} mutant cases; ${roundFlips.length} flip(s)\n`,
    )
    for (const f of roundFlips) process.stdout.write(`  flip: ${f}\n`)
  }
} finally {
  stopBurners()
}
const sorted = [...referenceSeconds].sort((a, b) => a - b)
process.stdout.write(
  `\n${verdicts} verdicts over ${rounds} rounds with ${burnerCount} busy processes: ${flips} flip(s); ` +
    `reference run (all vendors, in-process, from the sources) median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} s, max ${sorted.at(-1)?.toFixed(1)} s; ` +
    `total ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
)
process.exitCode = flips === 0 ? 0 : 1
