// Mutant of the Apixo reference client: its HTTP call forgets the `Authorization: Bearer` header
// every Apixo request needs (A-AUTH; docs/vendors/apixo.md §2), so every call is refused with 401.
import type { ClientEnv, ClientOutcome, ClientRequest } from '../src/client/protocol.js'
import { apixoProtocol } from '../clients/apixo-client.js'
import { runGeneration } from '../clients/generation-run.js'
import { joinUrl, retryAfterMs, type VendorCallResult } from '../clients/vendor-call.js'
import type { Mutant } from './mutant.js'

export const mutant: Mutant = {
  name: 'apixo-omits-authorization',
  vendor: 'apixo',
  bug: 'Sends no Authorization header at all, so Apixo answers 401 to every call.',
  exposedBy: ['success'],
  judge: 'bearer-auth',
}

// A copy of callVendor (clients/vendor-call.ts) with the header line missing.
async function call(env: ClientEnv, method: 'GET' | 'POST', path: string, body?: unknown): Promise<VendorCallResult> {
  // BUG: no `authorization: Bearer ${env.apiKey}` here.
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'veomock-reference-client/0.1' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  try {
    const response = await fetch(joinUrl(env.baseUrl, path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
      redirect: 'error',
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text === '' ? undefined : JSON.parse(text)
    } catch {
      // keep the text
    }
    return { ok: true, reply: { status: response.status, body: parsed, retryAfterMs: retryAfterMs(response.headers.get('retry-after')) } }
  } catch (error) {
    return { ok: false, message: `Failed to ${method} ${path}: ${(error as Error).message}` }
  }
}

export function generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome> {
  return runGeneration(apixoProtocol, request, env, { call })
}
