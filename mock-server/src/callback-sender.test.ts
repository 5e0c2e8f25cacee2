// The real callback transport (issue 11, defect 2): the address policy on what a name resolves
// to, and receiver replies read only up to a bound.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { httpCallbackSender, MAX_REPLY_BYTES } from './callback-sender.js'
import { CallbackAddressPolicy } from './core/callback-address.js'

let receiver: http.Server
let port = 0
const policy = new CallbackAddressPolicy()
const send = httpCallbackSender(policy)

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    req.resume()
    if (req.url === '/huge') {
      // 200 MB, written as fast as the socket takes it: the sender must stop reading early.
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      const chunk = Buffer.alloc(1024 * 1024, 97)
      let left = 200
      const pump = () => {
        while (left > 0) {
          left--
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      res.on('close', () => {
        left = 0
      })
      pump()
      return
    }
    if (req.url === '/silent') return
    res.statusCode = 204
    res.end()
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  port = (receiver.address() as AddressInfo).port
  // Pretend the mock listens on port + 1 so "localhost:<that>" is the mock itself.
  policy.setSelf([{ address: '127.0.0.1', port: port + 1 }])
})
afterAll(async () => {
  receiver.closeAllConnections()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
})

describe('the http callback sender', () => {
  it('delivers to a loopback receiver and reports its status', async () => {
    await expect(send(`http://127.0.0.1:${port}/ok`, '{}', { 'content-type': 'application/json' }, 2000)).resolves.toEqual({ status: 204 })
  })

  it('reads a huge reply only up to its bound', async () => {
    const before = process.memoryUsage().arrayBuffers
    await expect(send(`http://127.0.0.1:${port}/huge`, '{}', {}, 5000)).resolves.toEqual({ status: 200 })
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(32 * 1024 * 1024)
    expect(MAX_REPLY_BYTES).toBe(64 * 1024)
  })

  it('counts a receiver that never answers as failed when the timeout passes', async () => {
    await expect(send(`http://127.0.0.1:${port}/silent`, '{}', {}, 200)).rejects.toThrow(/no answer within 200 ms/)
  })

  it('refuses a DNS name that resolves to the mock itself, before connecting', async () => {
    await expect(send(`http://localhost:${port + 1}/__admin/reset`, '{}', {}, 2000)).rejects.toThrow(/callback address refused: .*own address/)
  })

  it('refuses schemes other than http and https', async () => {
    await expect(send('data:text/plain,hello', '{}', {}, 2000)).rejects.toThrow(/only http and https/)
  })

  it('stops at once when aborted (a reset)', async () => {
    const controller = new AbortController()
    const pending = send(`http://127.0.0.1:${port}/silent`, '{}', {}, 10_000, controller.signal)
    controller.abort(new Error('the mock was reset'))
    await expect(pending).rejects.toThrow(/the mock was reset/)
  })
})
