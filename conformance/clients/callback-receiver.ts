// The HTTP receiver a reference client starts in callback mode (contract §5.2), on the host and
// port the suite gives it. It answers at once (vendors give up on slow receivers: KIE 15 s, Apixo
// 30 s, odkkk 10 s, and retry), refuses what it cannot read (400) and, for a vendor that signs
// when a key is set (KIE), what is not signed with that key or is signed too long ago (401).
// A callback only wakes the client up: what the task became is read from the poll API.
// @see docs/vendors/kie.md §6.1, §6.4; docs/vendors/apixo.md §5; docs/vendors/odkkk.md §5
import { createHmac, timingSafeEqual } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { VendorId } from '../../vendors/index.js'
import type { CallbackEnv } from '../src/client/protocol.js'
import { callbackTaskId } from './callback-protocols.js'

/** Bodies above this are refused: a callback is a few kilobytes. */
const MAX_CALLBACK_BYTES = 1024 * 1024
/** Real ms a closing receiver lets deliveries already connected to it finish. */
const CLOSE_GRACE_MS = 500
/** Real ms between checks for connections still open while the receiver closes. */
const DRAIN_STEP_MS = 5
/** KIE documents no replay window; five minutes either side of this machine's clock (INFER, docs/vendors/kie.md §6.4). */
export const SIGNATURE_FRESHNESS_MS = 300_000

export interface ReceivedCallback {
  taskId: string
  body: unknown
  headers: http.IncomingHttpHeaders
}

/** What the receiver answers to a readable callback; replaceable so mutants can get it wrong. */
export type CallbackAnswer = (callback: ReceivedCallback, receiver: CallbackReceiver) => number | Promise<number>

export interface CallbackReceiver {
  /** The URL to put in the submit's callback field. */
  url: string
  /** Task ids seen so far, in arrival order (duplicates included). */
  seen: string[]
  /** The next accepted callback for `taskId` (or any, when undefined); `cancel` withdraws the wait, so no callback is lost to it. */
  next(taskId?: string): { callback: Promise<ReceivedCallback>; cancel(consumed: boolean): void }
  close(): Promise<void>
}

/** KIE: base64(HMAC-SHA256(taskId + "." + timestamp)) in constant time, timestamp within the window (K-HMAC). */
export function kieSignatureValid(headers: http.IncomingHttpHeaders, taskId: string, secret: string, now = Date.now()): boolean {
  const timestamp = headers['x-webhook-timestamp']
  const signature = headers['x-webhook-signature']
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false
  if (!(Math.abs(now - Number(timestamp) * 1000) <= SIGNATURE_FRESHNESS_MS)) return false
  const expected = createHmac('sha256', secret).update(`${taskId}.${timestamp}`).digest()
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export function verifiedAnswer(vendor: VendorId, secret: string | undefined): CallbackAnswer {
  return (callback) => (vendor === 'kie' && secret && !kieSignatureValid(callback.headers, callback.taskId, secret) ? 401 : 200)
}

function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_CALLBACK_BYTES) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_CALLBACK_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')))
    req.on('error', () => resolve(undefined))
  })
}

/**
 * Before it stops listening, the receiver lets the event loop accept what already reached it and
 * answers it: a vendor may be delivering the callback at the moment a poll showed the task done
 * (server.close() alone would cut a connection not yet read). Bounded: a delivery still unanswered
 * after the grace is cut.
 */
function drainingClose(server: http.Server): () => Promise<void> {
  // Connections accepted and not yet closed (every answer closes its connection).
  const open = new Set<Socket>()
  server.on('connection', (socket) => {
    open.add(socket)
    socket.once('close', () => open.delete(socket))
  })
  return async () => {
    const until = Date.now() + CLOSE_GRACE_MS
    do await new Promise((resolve) => setTimeout(resolve, DRAIN_STEP_MS))
    while (open.size > 0 && Date.now() < until)
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }
}

export async function startCallbackReceiver(
  vendor: VendorId,
  env: CallbackEnv,
  answer: CallbackAnswer = verifiedAnswer(vendor, env.secret),
): Promise<CallbackReceiver> {
  const accepted: ReceivedCallback[] = []
  const waiters: Array<{ taskId: string | undefined; resolve: (c: ReceivedCallback) => void }> = []
  const receiver: CallbackReceiver = {
    url: '',
    seen: [],
    next: (taskId) => {
      let waiter: (typeof waiters)[number] | undefined
      let got: ReceivedCallback | undefined
      const callback = new Promise<ReceivedCallback>((resolve) => {
        const settle = (c: ReceivedCallback) => {
          got = c
          resolve(c)
        }
        const index = accepted.findIndex((c) => taskId === undefined || c.taskId === taskId)
        if (index >= 0) return settle(accepted.splice(index, 1)[0] as ReceivedCallback)
        waiter = { taskId, resolve: settle }
        waiters.push(waiter)
      })
      const cancel = (consumed: boolean) => {
        const index = waiter ? waiters.indexOf(waiter) : -1
        if (index >= 0) waiters.splice(index, 1)
        // A callback handed to a wait that lost its race goes back to the front of the queue.
        else if (got && !consumed) accepted.unshift(got)
      }
      return { callback, cancel }
    },
    close: async () => undefined,
  }
  const server = http.createServer(async (req, res) => {
    const text = req.method === 'POST' ? await readBody(req) : undefined
    let body: unknown
    try {
      body = text === undefined ? undefined : JSON.parse(text)
    } catch {
      body = undefined
    }
    const taskId = callbackTaskId(vendor, body)
    if (!taskId) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not a callback"}')
      return
    }
    const callback: ReceivedCallback = { taskId, body, headers: req.headers }
    const status = await answer(callback, receiver)
    if (status < 300) receiver.seen.push(taskId)
    // The client is woken once the answer is on its way: a client that ends at once must not cut it off.
    res.once('finish', () => {
      if (status >= 300) return
      const waiter = waiters.findIndex((w) => w.taskId === undefined || w.taskId === taskId)
      if (waiter >= 0) waiters.splice(waiter, 1)[0]?.resolve(callback)
      else accepted.push(callback)
    })
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(status < 300 ? '{"received":true}' : '{"error":"refused"}')
  })
  const close = drainingClose(server)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(env.port, env.host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const host = env.host.includes(':') ? `[${env.host}]` : env.host
  receiver.url = `http://${host}:${port}/veo-callback`
  receiver.close = close
  return receiver
}
