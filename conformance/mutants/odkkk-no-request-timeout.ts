// Mutant of the odkkk reference client: its HTTP calls have no timeout of their own, so a poll the
// gateway never answers hangs the client until something outside kills it (docs/contract.md §3 hang).
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { runGeneration } from '../clients/generation-run.js'
import { odkkkProtocol } from '../clients/odkkk-client.js'
import { joinUrl, retryAfterMs, type VendorCallResult } from '../clients/vendor-call.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'odkkk-no-request-timeout',
  vendor: 'odkkk',
  bug: 'Calls the vendor without a per-request timeout, so a hung poll hangs the client.',
  exposedBy: ['hang'],
  judge: 'request-timeout',
}

// callVendor (clients/vendor-call.ts) without its AbortSignal.timeout.
async function call(env: ClientEnv, method: 'GET' | 'POST', path: string, body?: unknown): Promise<VendorCallResult> {
  const headers: Record<string, string> = { authorization: `Bearer ${env.apiKey}`, accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    // BUG: no `signal: AbortSignal.timeout(...)`.
    const response = await fetch(joinUrl(env.baseUrl, path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    const text = await response.text()
    return {
      ok: true,
      reply: { status: response.status, body: text ? JSON.parse(text) : undefined, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) },
    }
  } catch (error) {
    return { ok: false, message: `Failed to ${method} ${path}: ${(error as Error).message}` }
  }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(odkkkProtocol, request, env, { call })
}
