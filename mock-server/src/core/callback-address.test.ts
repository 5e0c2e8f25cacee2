import { describe, expect, it } from 'vitest'
import { CallbackAddressPolicy, categoryOf, normalizeAddress, parseAddressRules } from './callback-address.js'

function policyAt(port: number, options: ConstructorParameters<typeof CallbackAddressPolicy>[0] = {}, address = '127.0.0.1') {
  const policy = new CallbackAddressPolicy(options)
  policy.setSelf([{ address, port }], ['127.0.0.1', '192.168.1.20', '::1'])
  return policy
}

describe('the callback address policy (issue 11, defect 2)', () => {
  const policy = policyAt(4010)
  it.each<[string, { given: string; want: RegExp | undefined }]>([
    ['a local receiver on another port is allowed', { given: 'http://127.0.0.1:9000/cb', want: undefined }],
    ['IPv6 loopback on another port is allowed', { given: 'http://[::1]:9000/cb', want: undefined }],
    ['the mock itself is refused', { given: 'http://127.0.0.1:4010/__admin/reset', want: /this mock's own address/ }],
    ['the mock through another loopback address is refused', { given: 'http://127.0.0.2:4010/__admin/reset', want: /own address/ }],
    ['the mock through IPv4-mapped IPv6 is refused', { given: 'http://[::ffff:127.0.0.1]:4010/__admin/reset', want: /own address/ }],
    ['the mock through a decimal IPv4 is refused', { given: 'http://2130706433:4010/__admin/reset', want: /own address/ }],
    ['the metadata service is refused', { given: 'http://169.254.169.254/latest/meta-data/', want: /link-local/ }],
    ['the metadata service through IPv4-mapped IPv6 is refused', { given: 'http://[::ffff:169.254.169.254]/', want: /link-local/ }],
    ['a private address is refused by default', { given: 'http://10.0.0.5/cb', want: /private/ }],
    ['a public address is refused by default', { given: 'https://93.184.216.34/cb', want: /public/ }],
    ['0.0.0.0 is refused', { given: 'http://0.0.0.0:9000/cb', want: /not a receiver address/ }],
    ['data: is refused', { given: 'data:text/plain,hello', want: /only http and https/ }],
    ['file: is refused', { given: 'file:///etc/passwd', want: /only http and https/ }],
    ['ftp: is refused', { given: 'ftp://127.0.0.1/x', want: /only http and https/ }],
    ['gopher: is refused', { given: 'gopher://127.0.0.1:6379/_FLUSHALL', want: /only http and https/ }],
    ['not a URL is refused', { given: 'not a url', want: /not a valid URL/ }],
    ['a DNS name passes until it is resolved', { given: 'https://hooks.example.com/cb', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    const why = policy.checkUrl(given)
    if (want === undefined) expect(why).toBeUndefined()
    else expect(why).toMatch(want)
  })

  it('checks what a DNS name resolves to, including the mock itself', () => {
    expect(policy.checkAddress('127.0.0.1', 4010, 'localhost')).toMatch(/own address/)
    expect(policy.checkAddress('::ffff:7f00:1', 4010, 'rebound.example')).toMatch(/own address/)
    expect(policy.checkAddress('169.254.169.254', 80, 'metadata.example')).toMatch(/link-local/)
    expect(policy.checkAddress('127.0.0.1', 9000, 'localhost')).toBeUndefined()
  })

  it('treats every local address on the port as the mock when it listens on all interfaces', () => {
    const wildcard = policyAt(4010, { allow: 'any' }, '0.0.0.0')
    expect(wildcard.checkUrl('http://192.168.1.20:4010/__admin/reset')).toMatch(/own address/)
    expect(wildcard.checkUrl('http://192.168.1.21:4010/cb')).toBeUndefined()
  })

  it('admits more with --callbacks-allow and refuses with --callbacks-deny, deny winning', () => {
    const custom = policyAt(4010, { allow: 'loopback,10.0.0.0/8,hooks.internal,*.corp.example', deny: '10.0.0.9,127.0.0.1' })
    expect(custom.checkUrl('http://10.1.2.3/cb')).toBeUndefined()
    expect(custom.checkUrl('http://10.0.0.9/cb')).toMatch(/--callbacks-deny/)
    expect(custom.checkUrl('http://127.0.0.1:9000/cb')).toMatch(/--callbacks-deny/)
    expect(custom.checkAddress('172.16.0.4', 80, 'hooks.internal')).toBeUndefined()
    expect(custom.checkAddress('172.16.0.4', 80, 'a.corp.example')).toBeUndefined()
    expect(custom.checkAddress('172.16.0.4', 80, 'other.example')).toMatch(/not allowed/)
    // Never the mock itself, whatever is allowed.
    expect(policyAt(4010, { allow: 'any' }).checkUrl('http://localhost:4010/')).toBeUndefined()
    expect(policyAt(4010, { allow: 'any' }).checkAddress('127.0.0.1', 4010, 'localhost')).toMatch(/own address/)
  })

  it('refuses a malformed rule with a clear error', () => {
    expect(() => parseAddressRules('10.0.0.0/99')).toThrow(/Failed to read the callback address rule "10.0.0.0\/99"/)
    expect(() => parseAddressRules('http://x')).toThrow(/use an IP address, a CIDR range, a host name/)
  })

  it('reads IPv4-mapped IPv6 in both notations as IPv4', () => {
    expect(normalizeAddress('[::ffff:127.0.0.1]')).toBe('127.0.0.1')
    expect(normalizeAddress('::ffff:a9fe:a9fe')).toBe('169.254.169.254')
    expect(categoryOf('::ffff:10.0.0.1')).toBe('private')
    expect(categoryOf('2606:4700::1111')).toBe('public')
  })
})
