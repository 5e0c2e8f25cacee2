// What running a client under test once yields, whatever its form (command or in-process module).
import type { ClientEnv, ClientOutcome, ClientRequest } from './protocol.js'

export interface ClientRun {
  /** The outcome, when the client kept the protocol. */
  outcome: ClientOutcome | null
  /** Why the run breaks the protocol (non-zero exit, no output, bad output, timeout), or null. */
  problem: string | null
  /** Set when the run was stopped at its real-time limit. */
  timedOut: boolean
  exitCode: number | null
  signal: string | null
  /** The end of the client's standard error (or the error it threw), as evidence. */
  stderrTail: string
  /** Real milliseconds from start to end. */
  durationMs: number
}

export interface ClientRunner {
  /** For the report title, e.g. `node client.js` or `module ./client.ts`. */
  describe: string
  /** Real ms added to a case's kill limit for the client to start (default mock-target.ts STARTUP_MARGIN_MS, for a process). */
  startupMarginMs?: number
  run(request: ClientRequest, env: ClientEnv, limits: { realTimeoutMs: number }): Promise<ClientRun>
}

/** Characters of standard error kept as evidence. */
export const STDERR_TAIL_CHARS = 2000

export function tail(text: string, chars = STDERR_TAIL_CHARS): string {
  return text.length > chars ? `…${text.slice(-chars)}` : text
}
