// Where `veomock verify` sends its probes (contract §6): the in-process mock, the real vendor, or
// any base URL, and where each vendor's key comes from.
import type { VendorId } from '../../../mock-server/src/core/dialect.js'

/** The vendors' own base URLs; paths in the specs follow them directly. */
export const LIVE_BASE_URLS: Record<VendorId, string> = {
  // @see https://docs.kie.ai/veo3-api/generate-veo-3-video servers (vendor-notes/kie.md §1, K-GEN)
  kie: 'https://api.kie.ai',
  // @see https://apixo.ai/docs/models/video/veo-3-1 (vendor-notes/apixo.md §1, S001/S003)
  apixo: 'https://api.apixo.ai',
  // @see https://docs.xenodia.xyz/docs/authentication (vendor-notes/xenodia.md §1, S000)
  xenodia: 'https://api.xenodia.xyz',
  // The server URL carries a path; `/v1/...` is appended to it, not resolved against the host
  // (vendor-notes/odkkk.md §1, S004).
  odkkk: 'https://ai.odkkk.com/apiv1',
}

/** Contract §6: live keys come only from these environment variables. */
export const KEY_ENV_VARS: Record<VendorId, string> = {
  kie: 'KIE_API_KEY',
  apixo: 'APIXO_API_KEY',
  xenodia: 'XENODIA_API_KEY',
  odkkk: 'ODKKK_API_KEY',
}

/** The key the in-process mock accepts: any bearer token is an account there. */
export const MOCK_API_KEY = 'veomock-verify'

/**
 * The key sent by the invalid-key probes. The mock rejects exactly this token as its `unauthorized`
 * scenario (contract §3, way 4); a real vendor rejects it because it is no key of theirs.
 */
export const INVALID_API_KEY = 'veomock:unauthorized'

export type TargetKind = 'mock' | 'live' | 'url'

export interface TargetChoice {
  kind: TargetKind
  /** The base URL for `url`; filled in for `live` from LIVE_BASE_URLS. */
  baseUrl?: string
}

export function parseTarget(raw: string | undefined, vendor: VendorId): TargetChoice {
  if (!raw) throw new Error('Failed to read --target: give mock, live or a base URL')
  if (raw === 'mock') return { kind: 'mock' }
  if (raw === 'live') return { kind: 'live', baseUrl: LIVE_BASE_URLS[vendor] }
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new Error(`Failed to read --target: "${raw}" is neither mock, live nor a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Failed to read --target: ${raw} is not an http(s) URL`)
  return { kind: 'url', baseUrl: raw.replace(/\/+$/, '') }
}

/** Base URL + spec path: a plain join, because odkkk's and the mock's base URLs carry a path. */
export function joinUrl(baseUrl: string, path: string, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams(query).toString()
  return `${baseUrl.replace(/\/+$/, '')}${path}${qs ? `?${qs}` : ''}`
}
