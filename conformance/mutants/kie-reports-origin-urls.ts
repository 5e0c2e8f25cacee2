// Mutant of the KIE reference client: it reports `response.originUrls` (present for some outputs)
// or, when absent, URLs it builds from the task id on its own CDN path guess, instead of
// `response.resultUrls`, the task's result files (docs/vendors/kie.md §4.2). The caller then downloads
// something that is not the generated video.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { kieProtocol } from '../clients/kie-client.js'
import type { VendorReply } from '../clients/vendor-call.js'
import { field, isStringArray } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'kie-reports-origin-urls',
  vendor: 'kie',
  bug: 'Reports response.originUrls (or a URL guessed from the task id) instead of response.resultUrls.',
  exposedBy: ['success'],
  judge: 'video-urls',
}

function readPoll(reply: VendorReply): PollReading {
  const reading = kieProtocol.readPoll(reply)
  if (reading.kind !== 'succeeded') return reading
  const data = field(reply.body, 'data')
  const origin = field(field(data, 'response'), 'originUrls')
  // BUG: the reference reports resultUrls (fullResultUrls when that is empty).
  const urls = isStringArray(origin) && origin.length > 0 ? origin : [`https://tempfile.aiquickdraw.com/v/${String(field(data, 'taskId'))}.mp4`]
  return { ...reading, videoUrls: urls }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...kieProtocol, readPoll }, request, env)
}
