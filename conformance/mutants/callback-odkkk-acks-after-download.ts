// Mutant of the odkkk callback client: it downloads and re-encodes the result before answering the
// callback, far past odkkk's 10 s callback timeout (docs/vendors/odkkk.md §5), so odkkk retries.
import { PROTOCOLS, readCallback } from '../clients/callback-protocols.js'
import { runCallbackGeneration } from '../clients/callback-run.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import type { CallbackMutant } from './callback-mutant.js'

export const mutant: CallbackMutant = {
  name: 'callback-odkkk-acks-after-download',
  vendor: 'odkkk',
  bug: 'Acknowledges a callback only after downloading and processing the video (half an hour of vendor time), past the 10 s callback timeout.',
  exposedBy: ['success'],
  judge: 'callback-ack',
  level: 'fail',
}

/** Vendor ms the mutant spends on the video before it answers: far past the timeout plus the judge's margin (ACK_REAL_SLACK_MS × N). */
const PROCESSING_MS = 30 * 60_000

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runCallbackGeneration(PROTOCOLS.odkkk, request, env, {
    // BUG: the work happens before the answer instead of after it.
    answer: async (cb) => {
      const reading = readCallback('odkkk', cb.body)
      if (reading.kind === 'succeeded' && reading.videoUrls[0]) await (await fetch(reading.videoUrls[0])).arrayBuffer()
      await new Promise((resolve) => setTimeout(resolve, PROCESSING_MS / env.timeScale))
      return 200
    },
  })
}
