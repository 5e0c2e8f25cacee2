// Sending one planned delivery to the receiver as the vendor would: POST, JSON content type, the
// vendor's signature headers stamped with the wall clock at send time, and the vendor's callback
// timeout. What comes back (status, time to answer, or why there was no answer) is the evidence.
import { performance } from 'node:perf_hooks'
import type { CallbackSigning } from '../../../lib/callbacks.js'
import type { PlannedDelivery } from './webhook-plan.js'

export interface DeliveryResult {
  /** The receiver's HTTP status, or null when it did not answer. */
  status: number | null
  /** Real milliseconds from sending to the answer (or to giving up). */
  ackMs: number
  /** Why there was no answer: a timeout, a reset, a refused connection. */
  error: string | null
  timedOut: boolean
  /** Header names sent (values of signature headers are not kept: they are evidence of nothing). */
  headerNames: string[]
}

export const USER_AGENT = 'veomock-webhooks/1'

export function deliveryHeaders(planned: PlannedDelivery, signing: CallbackSigning | undefined, wallMs: number): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': USER_AGENT, ...planned.headers }
  if (planned.sign && signing) Object.assign(headers, signing.headers(planned.sign.taskBody, wallMs + planned.sign.skewMs, planned.sign.key) ?? {})
  return headers
}

function reason(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } }
  const code = e.cause?.code
  if (code === 'ECONNREFUSED') return 'the connection was refused (is the receiver running?)'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was reset without an answer'
  return e.cause?.message ?? e.message
}

export async function deliver(url: string, planned: PlannedDelivery, signing: CallbackSigning | undefined, timeoutRealMs: number): Promise<DeliveryResult> {
  const headers = deliveryHeaders(planned, signing, Date.now())
  const started = performance.now()
  try {
    const response = await fetch(url, { method: 'POST', headers, body: planned.text, signal: AbortSignal.timeout(timeoutRealMs), redirect: 'manual' })
    const status = response.status
    await response.arrayBuffer().catch(() => undefined)
    return { status, ackMs: performance.now() - started, error: null, timedOut: false, headerNames: Object.keys(headers) }
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError'
    return {
      status: null,
      ackMs: performance.now() - started,
      error: timedOut ? `no answer within ${Math.round(timeoutRealMs)} ms` : reason(error),
      timedOut,
      headerNames: Object.keys(headers),
    }
  }
}
