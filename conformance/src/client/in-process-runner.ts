// The in-process form of the client conformance protocol (contract §5): a module whose `generate`
// takes the request and the environment and returns the outcome. The outcome goes through JSON, as
// it would on standard output, and is checked like the command form's.
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { type ClientRun, type ClientRunner, tail } from './client-run.js'
import { type InProcessClient, outcomeProblem, type ClientOutcome } from './protocol.js'

export type Generate = InProcessClient['generate']

/** Imports a client module (path relative to the working directory) and returns its `generate`. */
export async function loadInProcessClient(modulePath: string): Promise<Generate> {
  const url = pathToFileURL(path.resolve(modulePath)).href
  let loaded: Record<string, unknown>
  try {
    loaded = (await import(url)) as Record<string, unknown>
  } catch (error) {
    throw new Error(`Failed to load the client module ${modulePath}: ${(error as Error).message}`)
  }
  const generate = loaded.generate ?? (loaded.default as { generate?: unknown } | undefined)?.generate
  if (typeof generate !== 'function') throw new Error(`Failed to load the client module ${modulePath}: it exports no generate(request, env) function`)
  return generate as Generate
}

/** Real ms an in-process client gets on top of its budget / N (a command client gets STARTUP_MARGIN_MS). */
export const IN_PROCESS_MARGIN_MS = 2000

export function inProcessRunner(generate: Generate, describe = 'in-process client'): ClientRunner {
  return {
    describe,
    // Nothing to start: the margin is for the event loop's stalls on a busy machine (~0.3 s at load 19).
    startupMarginMs: IN_PROCESS_MARGIN_MS,
    run: async (request, env, limits) => {
      const started = performance.now()
      let timer: NodeJS.Timeout | undefined
      const base = { exitCode: null, signal: null, stderrTail: '' }
      // A module cannot be killed: past its limit it is abandoned and the case fails.
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), limits.realTimeoutMs)
      })
      try {
        const result = await Promise.race([generate(structuredClone(request), { ...env }), timeout])
        const durationMs = performance.now() - started
        if (result === 'timeout') {
          return {
            ...base,
            outcome: null,
            timedOut: true,
            durationMs,
            problem: `the client did not finish within ${Math.round(limits.realTimeoutMs)} ms of real time; it was abandoned`,
          }
        }
        let wire: unknown
        try {
          wire = JSON.parse(JSON.stringify(result) ?? 'null')
        } catch (error) {
          return { ...base, outcome: null, timedOut: false, durationMs, problem: `the outcome cannot be written as JSON: ${(error as Error).message}` }
        }
        const problem = outcomeProblem(wire)
        return problem
          ? { ...base, outcome: null, timedOut: false, durationMs, problem: `the outcome breaks the protocol: ${problem}` }
          : { ...base, outcome: wire as ClientOutcome, timedOut: false, durationMs, problem: null }
      } catch (error) {
        const err = error as Error
        return {
          ...base,
          outcome: null,
          timedOut: false,
          durationMs: performance.now() - started,
          problem: `the client threw: ${err?.message ?? String(error)}`,
          stderrTail: tail(err?.stack ?? String(error)),
        }
      } finally {
        clearTimeout(timer)
      }
    },
  } satisfies ClientRunner
}

export type { ClientRun }
