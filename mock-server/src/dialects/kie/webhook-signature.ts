// Optional callback signing: `X-Webhook-Signature = base64(HMAC-SHA256(taskId + "." + timestamp,
// webhookHmacKey))` with `X-Webhook-Timestamp` in Unix seconds at send time; the body is not signed.
// The timestamp is the wall clock's (contract §5.2), so a receiver's freshness check works at any
// time scale.
// @see https://docs.kie.ai/common-api/webhook-verification (K-HMAC; docs/vendors/kie.md §6.4)
import { createHmac } from 'node:crypto'

export const TIMESTAMP_HEADER = 'X-Webhook-Timestamp'
export const SIGNATURE_HEADER = 'X-Webhook-Signature'

export function webhookSignature(taskId: string, timestamp: number, key: string): string {
  return createHmac('sha256', key).update(`${taskId}.${timestamp}`).digest('base64')
}

/** The two signature headers for an attempt sent at wall-clock time `wallMs` (Unix ms). */
export function signatureHeaders(taskId: string, wallMs: number, key: string): Record<string, string> {
  const timestamp = Math.floor(wallMs / 1000)
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(taskId, timestamp, key) }
}

/**
 * The task id a body is signed over: Veo callbacks carry `data.taskId`; the K-HMAC sample code reads
 * `data.task_id`, its sample request also has a top-level `taskId`, and the K-4K form `data.task_id`
 * (docs/vendors/kie.md §6.4, §8.12).
 */
export function signedTaskId(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined
  const b = body as { taskId?: unknown; data?: { taskId?: unknown; task_id?: unknown } | null }
  for (const value of [b.data?.taskId, b.data?.task_id, b.taskId]) if (typeof value === 'string' && value !== '') return value
  return undefined
}
