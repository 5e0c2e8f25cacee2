// Mutant of the Apixo reference client: it reads `data.resultJson.resultUrls` as if `resultJson`
// were an object. Apixo sends it as a JSON-encoded string (S001, S003; docs/vendors/apixo.md §3.2),
// so a finished task yields no URLs.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { apixoProtocol, readApixoPoll } from '../clients/apixo-client.js'
import { runGeneration } from '../clients/generation-run.js'
import { field, type VendorReply } from '../clients/vendor-call.js'
import type { PollReading } from '../clients/vendor-protocol.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'apixo-result-json-object',
  vendor: 'apixo',
  bug: 'Reads data.resultJson.resultUrls as an object property instead of JSON.parse-ing the resultJson string, so successes carry no URLs.',
  exposedBy: ['success', 'image_to_video'],
  judge: 'outcome',
}

function readPoll(reply: VendorReply): PollReading {
  const data = field(reply.body, 'data')
  if (field(data, 'state') === 'success') {
    // BUG: the reference client does JSON.parse(data.resultJson).resultUrls.
    return { kind: 'succeeded', videoUrls: field(field(data, 'resultJson'), 'resultUrls') as string[] }
  }
  return readApixoPoll(reply)
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration({ ...apixoProtocol, readPoll }, request, env)
}
