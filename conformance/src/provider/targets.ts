// Where `veomock verify` sends its probes (contract §6): the in-process mock, the real vendor, or
// any base URL, and where each vendor's key comes from.
import { LIVE_BASE_URLS, type VendorId } from '../../../vendors/index.js'

// The vendors' own base URLs and key variables are facts of vendors/ (one home per vendor).
export { KEY_ENV_VARS, LIVE_BASE_URLS } from '../../../vendors/index.js'

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
