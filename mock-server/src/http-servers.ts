// The node:http side of the mock: listening, counting requests in flight, closing. No mock logic.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { networkInterfaces } from 'node:os'

export function listen(handler: http.RequestListener, port: number, host: string): Promise<http.Server> {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler)
    server.keepAliveTimeout = 65_000
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve(server)
    })
  })
}

/** Counts requests between arrival and the end of their answer, for a graceful shutdown. */
export function counting(handler: http.RequestListener, active: { count: number }): http.RequestListener {
  return (req, res) => {
    active.count++
    let done = false
    const end = () => {
      if (!done) active.count--
      done = true
    }
    res.once('finish', end)
    res.once('close', end)
    handler(req, res)
  }
}

export function localAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .map((i) => i?.address)
    .filter((a): a is string => typeof a === 'string')
}

export const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref?.()
  })

export const portOf = (server: http.Server) => (server.address() as AddressInfo).port

export function closeServers(servers: readonly http.Server[]): Promise<void[]> {
  return Promise.all(
    servers.map(
      (s) =>
        new Promise<void>((resolve) => {
          s.close(() => resolve())
          s.closeAllConnections()
        }),
    ),
  )
}
