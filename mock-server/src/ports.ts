// Which ports a mock may listen on. A port fetch() refuses to call (the Fetch standard's "bad
// ports", e.g. 5060 SIP, 6667 IRC) would give a mock that browsers, Node's fetch and therefore
// veomock's own verify and conformance cannot reach, so serve refuses it up front.
// @see https://fetch.spec.whatwg.org/#port-blocking

export const FETCH_BLOCKED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137,
  139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
])

/** Why a --port value cannot be used, or null. `0` (any free port) is allowed. */
export function portProblem(raw: string, flag = '--port'): string | null {
  if (!/^\d+$/.test(raw)) return `${flag} must be a whole number from 0 to 65535, got "${raw}"`
  const port = Number(raw)
  if (port > 65535) return `${flag} must be a whole number from 0 to 65535, got ${raw}`
  if (FETCH_BLOCKED_PORTS.has(port))
    return `${flag} ${port} is a port that fetch() refuses to call (https://fetch.spec.whatwg.org/#port-blocking): clients could not reach the mock; pick another, e.g. 4010`
  return null
}

/** Why a URL given on the command line cannot be fetched (not http(s), or a blocked port), or null. */
export function urlProblem(raw: string, flag: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `${flag} must be an http(s) URL, got "${raw}"`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${flag} must be an http(s) URL, got "${raw}"`
  if (url.port && FETCH_BLOCKED_PORTS.has(Number(url.port)))
    return `${flag} ${raw} uses port ${url.port}, which fetch() refuses to call (https://fetch.spec.whatwg.org/#port-blocking)`
  return null
}
