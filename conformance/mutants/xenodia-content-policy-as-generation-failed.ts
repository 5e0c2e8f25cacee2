// Mutant of the Xenodia reference client: a task failing with `error.code: content_policy_violation`
// is reported as a generic `generation_failed`, losing the reason the user can act on
// (docs/vendors/xenodia.md §4, §8).
import type { ClientEnv, ClientOutcome, ClientRequest, ErrorKind } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import type { VendorReply } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import { readXenodiaPoll, xenodiaProtocol } from '../clients/xenodia-client.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'xenodia-content-policy-as-generation-failed',
  vendor: 'xenodia',
  bug: 'Maps the failed task code content_policy_violation to generation_failed instead of content_policy.',
  exposedBy: ['content_violation'],
  judge: 'outcome',
}

// A copy of xenodiaFailureKind without its first line.
function failureKind(code: string, message: string): ErrorKind {
  // BUG: no `content_policy_violation → content_policy` rule.
  if (code === 'image_fetch_failed' || /fetch the image/i.test(message)) return 'invalid_image'
  return 'generation_failed'
}

function readPoll(reply: VendorReply): PollReading {
  const reading = readXenodiaPoll(reply)
  if (reading.kind !== 'failed') return reading
  return { kind: 'failed', error: { ...reading.error, kind: failureKind(reading.error.vendorCode, reading.error.message) } }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...xenodiaProtocol, readPoll }, request, env)
}
