// Optional callback signing: `X-Webhook-Signature = base64(HMAC-SHA256(taskId + "." + timestamp,
// webhookHmacKey))` with `X-Webhook-Timestamp` in Unix seconds at send time; the body is not signed.
// @see https://docs.kie.ai/common-api/webhook-verification (K-HMAC; vendor-notes/kie.md §6.4)
import { createHmac } from 'node:crypto'

export function webhookSignature(taskId: string, timestamp: number, key: string): string {
  return createHmac('sha256', key).update(`${taskId}.${timestamp}`).digest('base64')
}

/** The two signature headers for an attempt at virtual time `attemptAt` (Unix ms). */
export function signatureHeaders(taskId: string, attemptAt: number, key: string): Record<string, string> {
  const timestamp = Math.floor(attemptAt / 1000)
  return { 'X-Webhook-Timestamp': String(timestamp), 'X-Webhook-Signature': webhookSignature(taskId, timestamp, key) }
}
