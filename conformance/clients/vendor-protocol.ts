// What a reference client knows about one vendor: how to phrase the submit, where to poll, how to
// read each answer, and how long to wait between polls. The flow itself (submit, wait, poll, retry,
// give up) is the same for every vendor and lives in generation-run.ts.
import type { VendorId } from '../../vendors/index.js'
import type { ClientError, ClientRequest } from '../src/client/protocol.js'
import type { VendorReply } from './vendor-call.js'

/** What the submit answer told us about polling. */
export interface PollHints {
  /** Xenodia `recommended_poll_interval_ms` (S000). */
  pollIntervalMs?: number
  /** Xenodia `poll_url`, path-absolute (S000). */
  pollPath?: string
  /** odkkk `task_info.estimated_time` in ms (S004). */
  estimatedMs?: number
}

export type SubmitReading =
  | { kind: 'accepted'; taskId: string; hints: PollHints }
  /** `retryable` only for rate limits: a 5xx on submit may have created a task, so it is never resent. */
  | { kind: 'rejected'; error: ClientError; retryable: boolean; retryAfterMs?: number }

export type PollReading =
  | { kind: 'running'; state: string; hints?: PollHints }
  | { kind: 'succeeded'; videoUrls: string[] }
  | { kind: 'failed'; error: ClientError }
  /** A 5xx, a 429 or KIE body code 500 on a poll: poll again later, a bounded number of times. */
  | { kind: 'transient'; error: ClientError; retryAfterMs?: number }
  /** A final 4xx on a poll (unknown task, bad key): give up at once. */
  | { kind: 'final'; error: ClientError }

export interface VendorProtocol {
  vendor: VendorId
  submitPath: string
  /** The vendor's submit body, or the client-side reason the request cannot be sent. */
  submitBody(request: ClientRequest): { body: unknown } | { error: ClientError }
  readSubmit(reply: VendorReply): SubmitReading
  pollPath(taskId: string, hints: PollHints): string
  readPoll(reply: VendorReply): PollReading
  /** Vendor ms to wait before the first poll. */
  firstPollDelayMs(hints: PollHints): number
  /** Vendor ms between polls; never tighter than the vendor's documented guidance. */
  pollIntervalMs(hints: PollHints): number
}

export function clientError(kind: ClientError['kind'], vendorCode: string, message: string): ClientError {
  return { kind, vendorCode, message }
}
