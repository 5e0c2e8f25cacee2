// The reference clients by vendor id, in their in-process form (contract §5).
import type { VendorId } from '../../vendors/index.js'
import type { ClientEnv, ClientOutcome, ClientRequest, InProcessClient } from '../src/client/protocol.js'
export type { ClientEnv, ClientOutcome, ClientRequest, ClientError, ErrorKind, InProcessClient } from '../src/client/protocol.js'
import * as apixo from './apixo-client.js'
import * as kie from './kie-client.js'
import * as odkkk from './odkkk-client.js'
import * as xenodia from './xenodia-client.js'

/**
 * Callback mode, loaded only when the environment names a receiver (contract §5.2): a poll-mode
 * command then starts without the receiver's HTTP server and HMAC code (a process per case).
 */
async function callbackGeneration(vendor: VendorId, request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  const [{ PROTOCOLS }, { runCallbackGeneration }] = await Promise.all([import('./callback-protocols.js'), import('./callback-run.js')])
  return runCallbackGeneration(PROTOCOLS[vendor], request, env)
}

/** Poll mode, or callback mode when the environment names a receiver (contract §5.2). */
function either(vendor: VendorId, poll: InProcessClient['generate']): InProcessClient {
  return { generate: (request, env) => (env.callback ? callbackGeneration(vendor, request, env) : poll(request, env)) }
}

export const referenceClients: Readonly<Record<VendorId, InProcessClient>> = {
  kie: either('kie', kie.generate),
  apixo: either('apixo', apixo.generate),
  xenodia: either('xenodia', xenodia.generate),
  odkkk: either('odkkk', odkkk.generate),
}

export function clientFor(vendor: string): InProcessClient {
  const client = (referenceClients as Record<string, InProcessClient | undefined>)[vendor]
  if (!client) throw new Error(`Failed to pick a reference client: unknown vendor "${vendor}"; use one of ${Object.keys(referenceClients).join(', ')}`)
  return client
}

/** The in-process form for every vendor at once: picks the client by `env.vendor` (`--module conformance/clients/index.ts`). */
export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return clientFor(env.vendor).generate(request, env)
}
