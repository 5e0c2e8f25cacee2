// An in-process callback receiver for tests: records every request and answers with the next
// status from `queue`, else `status`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedCallback {
  path: string
  headers: http.IncomingHttpHeaders
  /** The parsed JSON body (undefined for an empty body). */
  body: Record<string, unknown>
}

export interface CallbackReceiver {
  url: string
  received: ReceivedCallback[]
  /** Status for every request once `queue` is empty. */
  status: number
  /** Statuses for the next requests, in order. */
  queue: number[]
  close(): Promise<void>
}

export async function startCallbackReceiver(path = '/callback'): Promise<CallbackReceiver> {
  const receiver: CallbackReceiver = { url: '', received: [], status: 200, queue: [], close: async () => undefined }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      receiver.received.push({
        path: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : (undefined as unknown as Record<string, unknown>),
      })
      res.statusCode = receiver.queue.shift() ?? receiver.status
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  return receiver
}
