#!/usr/bin/env node
// Startup: `veomock serve` to the first successful vendor response, median of 5 runs, against
// the same measurement for a bare `node -e` HTTP server started the same way (the floor).
import { spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from './processes.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.argv[2] ?? 5)

async function timeToFirstResponse(argv, url, init) {
  const start = performance.now()
  const child = spawn(process.execPath, argv, { cwd: root, stdio: 'ignore' })
  try {
    for (;;) {
      try {
        const r = await fetch(url, init)
        await r.arrayBuffer()
        if (r.ok) return performance.now() - start
      } catch {
        // not listening yet
      }
      if (performance.now() - start > 20_000) throw new Error(`Failed to measure startup: ${url} never answered`)
      await new Promise((r) => setTimeout(r, 2))
    }
  } finally {
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const veomock = []
const floor = []
for (let i = 0; i < RUNS; i++) {
  const port = await freePort()
  veomock.push(
    await timeToFirstResponse(
      ['--max-old-space-size=320', 'dist/cli/veomock.js', 'serve', '--port', String(port)],
      `http://127.0.0.1:${port}/kie/api/v1/veo/generate`,
      {
        method: 'POST',
        headers: { authorization: 'Bearer startup', 'content-type': 'application/json' },
        body: JSON.stringify({ prompt: 'startup' }),
      },
    ),
  )
  const fport = await freePort()
  floor.push(await timeToFirstResponse(['-e', `require('http').createServer((q,s)=>s.end('{}')).listen(${fport},'127.0.0.1')`], `http://127.0.0.1:${fport}/`))
}
const m = median(veomock)
const f = median(floor)
console.log(`veomock serve → first KIE submit answered: median ${m.toFixed(0)} ms over ${RUNS} runs (${veomock.map((x) => x.toFixed(0)).join(', ')})`)
console.log(`bare node:http server → first response:     median ${f.toFixed(0)} ms (${floor.map((x) => x.toFixed(0)).join(', ')})`)
console.log(`ratio veomock/floor: ${(m / f).toFixed(2)}`)
