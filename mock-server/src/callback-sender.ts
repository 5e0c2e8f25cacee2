// The real callback transport: node:http(s) rather than fetch, for three things fetch does not
// give: the address a DNS name resolves to is checked against the callback address policy and
// is the one connected to (no second lookup to rebind); a receiver's reply is read up to a bound
// and then dropped; and a timeout or an abort ends the attempt at once.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { CallbackAddressPolicy } from './core/callback-address.js'
import { CallbackSendError, type CallbackSender } from './core/outbox.js'

/** Receiver reply bytes read; the rest is discarded (a 1.5 GB reply must not become 1.5 GB of RSS). */
export const MAX_REPLY_BYTES = 64 * 1024

function policyLookup(policy: CallbackAddressPolicy, port: number): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0)
      for (const a of addresses) {
        const why = policy.checkAddress(a.address, port, hostname.toLowerCase())
        if (why) return callback(new CallbackSendError('blocked', `callback address refused: ${why}`), '', 0)
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
      const first = addresses[0] as LookupAddress
      callback(null, first.address, first.family)
    })
  }
}

/** A CallbackSender over node:http(s) that applies `policy` to every address it connects to. */
export function httpCallbackSender(policy: CallbackAddressPolicy): CallbackSender {
  return (rawUrl, body, headers, timeoutRealMs, signal) =>
    new Promise((resolve, reject) => {
      const url = new URL(rawUrl)
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
      const refused = policy.checkUrl(rawUrl)
      if (refused) return reject(new CallbackSendError('blocked', `callback address refused: ${refused}`))
      const host = url.hostname.replace(/^\[|\]$/g, '')
      const transport = url.protocol === 'https:' ? https : http
      const req = transport.request(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        agent: false,
        ...(isIP(host) ? {} : { lookup: policyLookup(policy, port) }),
      })
      let settled = false
      const finish = (error: Error | null, status?: number) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
        if (error) reject(error)
        else resolve({ status: status as number })
      }
      const timer = setTimeout(() => {
        finish(new CallbackSendError('timeout', `timeout: no answer within ${Math.round(timeoutRealMs)} ms (the vendor's timeout)`))
        req.destroy()
      }, timeoutRealMs)
      timer.unref?.()
      const onAbort = () => {
        finish(new CallbackSendError('other', String((signal?.reason as Error | undefined)?.message ?? 'aborted')))
        req.destroy()
      }
      if (signal?.aborted) return onAbort()
      signal?.addEventListener('abort', onAbort, { once: true })
      req.on('error', (e) => finish(e))
      req.on('response', (res) => {
        // The status decides; the reply is read up to a bound so the connection ends cleanly.
        let read = 0
        res.on('data', (chunk: Buffer) => {
          read += chunk.length
          if (read > MAX_REPLY_BYTES) {
            finish(null, res.statusCode ?? 0)
            res.destroy()
          }
        })
        res.on('end', () => finish(null, res.statusCode ?? 0))
        res.on('error', () => finish(null, res.statusCode ?? 0))
      })
      req.end(body)
    })
}
