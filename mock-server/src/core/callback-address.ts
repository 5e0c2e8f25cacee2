// Where the mock may send callbacks, for every vendor alike. A callback URL is chosen by whoever
// submits a task, so without a policy any client could make the mock POST to itself (an admin
// reset), to the host's metadata service or to anything on its network. The policy:
//   - only http: and https: URLs;
//   - never the mock's own listening address and port;
//   - loopback receivers are allowed by default (local development, conformance --mode callback);
//   - everything else is refused unless `--callbacks-allow` admits it; `--callbacks-deny` wins
//     over any allow.
// IPv4-mapped IPv6 addresses are checked as the IPv4 address they are; DNS names are checked by
// the sender on every address they resolve to, and the connection goes to the checked address.
import { BlockList, isIP } from 'node:net'

export type AddressCategory = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'reserved' | 'public'

/** Keywords accepted by --callbacks-allow / --callbacks-deny, besides addresses, CIDRs and host names. */
export const ADDRESS_KEYWORDS = ['loopback', 'private', 'link-local', 'public', 'any'] as const

const RANGES: Array<[Exclude<AddressCategory, 'public'>, string, number, 'ipv4' | 'ipv6']> = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'],
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['private', '100.64.0.0', 10, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'],
  ['reserved', '224.0.0.0', 3, 'ipv4'],
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['private', 'fc00::', 7, 'ipv6'],
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['reserved', 'ff00::', 8, 'ipv6'],
]
const CATEGORY_LISTS = new Map<AddressCategory, BlockList>()
for (const [category, network, prefix, family] of RANGES) {
  const list = CATEGORY_LISTS.get(category) ?? new BlockList()
  list.addSubnet(network, prefix, family)
  CATEGORY_LISTS.set(category, list)
}

/** `::ffff:127.0.0.1` / `::ffff:7f00:1` → `127.0.0.1`; brackets dropped; other addresses as they are. */
export function normalizeAddress(raw: string): string {
  const address = raw.replace(/^\[|\]$/g, '').toLowerCase()
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(.+)$/.exec(address)?.[1]
  if (mapped && isIP(address) === 6) {
    if (isIP(mapped) === 4) return mapped
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(mapped)
    if (hex) {
      const hi = parseInt(hex[1] as string, 16)
      const lo = parseInt(hex[2] as string, 16)
      return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.')
    }
  }
  return address
}

export function categoryOf(address: string): AddressCategory {
  const ip = normalizeAddress(address)
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4'
  for (const [category, list] of CATEGORY_LISTS) if (list.check(ip, family)) return category
  return 'public'
}

interface Rules {
  keywords: Set<string>
  addresses: BlockList
  hosts: string[]
}

/** Parses a comma-separated --callbacks-allow / --callbacks-deny list; throws on a bad entry. */
export function parseAddressRules(list: string | readonly string[] | undefined): Rules {
  const rules: Rules = { keywords: new Set(), addresses: new BlockList(), hosts: [] }
  const entries = (typeof list === 'string' ? list.split(',') : (list ?? [])).map((e) => e.trim()).filter(Boolean)
  for (const entry of entries) {
    const lower = entry.toLowerCase()
    if ((ADDRESS_KEYWORDS as readonly string[]).includes(lower)) {
      rules.keywords.add(lower)
      continue
    }
    const [network, prefixText] = lower.split('/')
    const ip = normalizeAddress(network as string)
    const family = isIP(ip)
    if (family) {
      const prefix = prefixText === undefined ? (family === 4 ? 32 : 128) : Number(prefixText)
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        throw new Error(`Failed to read the callback address rule "${entry}": the prefix length is not valid`)
      rules.addresses.addSubnet(ip, prefix, family === 4 ? 'ipv4' : 'ipv6')
    } else if (/^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(lower) && prefixText === undefined) {
      rules.hosts.push(lower)
    } else {
      throw new Error(
        `Failed to read the callback address rule "${entry}": use an IP address, a CIDR range, a host name (*.example.com) or one of ${ADDRESS_KEYWORDS.join(', ')}`,
      )
    }
  }
  return rules
}

function hostMatches(rules: Rules, host: string): boolean {
  return rules.hosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h))
}

function addressMatches(rules: Rules, address: string): boolean {
  if (rules.keywords.has('any')) return true
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
  if (rules.addresses.check(address, family)) return true
  return rules.keywords.has(categoryOf(address))
}

export interface ListeningEndpoint {
  address: string
  port: number
}

export interface CallbackAddressPolicyOptions {
  allow?: string | readonly string[]
  deny?: string | readonly string[]
}

/** The callback address policy; see the top of this file. */
export class CallbackAddressPolicy {
  private readonly allow: Rules
  private readonly deny: Rules
  private self: ListeningEndpoint[] = []
  private localAddresses = new Set<string>()

  constructor(options: CallbackAddressPolicyOptions = {}) {
    this.allow = parseAddressRules(options.allow ?? 'loopback')
    this.deny = parseAddressRules(options.deny)
  }

  /** Where the mock listens, and the host's own addresses (for a wildcard listener). */
  setSelf(endpoints: readonly ListeningEndpoint[], localAddresses: readonly string[] = []): void {
    this.self = endpoints.map((e) => ({ address: normalizeAddress(e.address), port: e.port }))
    this.localAddresses = new Set(localAddresses.map(normalizeAddress))
  }

  /**
   * Checks what can be checked without DNS: the scheme, a literal address, a host-name rule.
   * Returns why the URL is refused, or undefined.
   */
  checkUrl(raw: string): string | undefined {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return 'it is not a valid URL'
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https callback URLs are allowed, not ${url.protocol}`
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
    if (isIP(normalizeAddress(host))) return this.checkAddress(host, port, host)
    if (hostMatches(this.deny, host)) return `${host} is refused by --callbacks-deny`
    return undefined
  }

  /** Checks one address a callback host resolved to (or a literal one). */
  checkAddress(rawAddress: string, port: number, host: string): string | undefined {
    const address = normalizeAddress(rawAddress)
    const category = categoryOf(address)
    if (this.isSelf(address, category, port)) return `${host}:${port} is this mock's own address`
    if (category === 'unspecified') return `${address} is not a receiver address`
    if (hostMatches(this.deny, host) || addressMatches(this.deny, address)) return `${address} is refused by --callbacks-deny`
    if (host !== address && hostMatches(this.allow, host)) return undefined
    if (addressMatches(this.allow, address)) return undefined
    return `${address} (${category}) is not allowed for callbacks; loopback is, and --callbacks-allow admits more`
  }

  private isSelf(address: string, category: AddressCategory, port: number): boolean {
    for (const self of this.self) {
      if (self.port !== port) continue
      if (self.address === address) return true
      const wildcard = categoryOf(self.address) === 'unspecified'
      // A loopback listener also answers 127.0.0.2… on Linux only for a wildcard bind; treat every
      // loopback address on the port as the mock itself, whichever it is: no receiver needs it.
      if (category === 'loopback' && (wildcard || categoryOf(self.address) === 'loopback')) return true
      if (wildcard && this.localAddresses.has(address)) return true
    }
    return false
  }
}
