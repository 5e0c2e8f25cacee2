// KIE clients that take the other documented reading of each KIE register entry.
import { backoffMs } from '../generation-run.js'
import { kieProtocol, kieSubmitBody, readKiePoll, readKieSubmit } from '../kie-client.js'
import type { VendorReply } from '../vendor-call.js'
import type { PollReading, SubmitReading } from '../vendor-protocol.js'
import { type Variant, variantOf } from './variant.js'

/** The vendorCode a failed task reports: its successFlag (2 or 3), the failed state itself. */
function flagAsCode(reply: VendorReply): PollReading {
  const reading = readKiePoll(reply)
  const flag = (reply.body as { data?: { successFlag?: unknown } } | undefined)?.data?.successFlag
  return reading.kind === 'failed' ? { ...reading, error: { ...reading.error, vendorCode: String(flag) } } : reading
}

/** HTTP 500 with body 408 read as the HTTP status says: server_error / "500". */
function httpStatusFirst(reply: VendorReply): SubmitReading {
  const reading = readKieSubmit(reply)
  return reading.kind === 'rejected' && reply.status >= 500
    ? { ...reading, error: { ...reading.error, kind: 'server_error', vendorCode: String(reply.status) } }
    : reading
}

export const KIE_VARIANTS: readonly Variant[] = [
  {
    name: 'kie-success-flag-as-vendor-code',
    vendor: 'kie',
    register: 'all.vendor-code',
    reading: 'a failed task reports its successFlag as vendorCode',
    cases: ['content_violation', 'generation_failed'],
    expect: 'pass',
    generate: variantOf(kieProtocol, { readPoll: flagAsCode }),
  },
  {
    name: 'kie-http-500-as-server-error',
    vendor: 'kie',
    register: 'kie.http-500-body-408',
    reading: 'HTTP 500 carrying body 408 is server_error / "500"',
    cases: ['upstream_error'],
    expect: 'pass',
    generate: variantOf(kieProtocol, { readSubmit: httpStatusFirst }),
  },
  {
    name: 'kie-polls-every-10-s',
    vendor: 'kie',
    register: 'kie.poll-cadence',
    reading: 'polls every 10 s, within the contract bound but under the 30 s of the samples',
    cases: ['success'],
    expect: 'warn',
    generate: variantOf(kieProtocol, { firstPollDelayMs: () => 10_000, pollIntervalMs: () => 10_000 }),
  },
  {
    name: 'kie-aspect-ratio-camel-case',
    vendor: 'kie',
    register: 'kie.aspect-field',
    reading: 'sends the older `aspectRatio` field name',
    cases: ['image_to_video'],
    expect: 'pass',
    generate: variantOf(kieProtocol, {
      submitBody: (request) => {
        const mapped = kieSubmitBody(request)
        if (!('body' in mapped)) return mapped
        const { aspect_ratio: aspectRatio, ...body } = mapped.body
        return { body: { ...body, aspectRatio } }
      },
    }),
  },
  {
    name: 'kie-omits-seeds',
    vendor: 'kie',
    register: 'kie.seeds',
    reading: 'leaves `seeds` out, as the June 2026 schema does',
    cases: ['success'],
    expect: 'pass',
    generate: variantOf(kieProtocol, { submitBody: (request) => kieSubmitBody({ ...request, seed: undefined }) }),
  },
  {
    name: 'kie-reference-quality-as-fast',
    vendor: 'kie',
    register: 'kie.reference-quality',
    reading: 'sends REFERENCE_2_VIDEO in quality tier with veo3_fast, the only model allowed for it',
    cases: ['invalid_request'],
    expect: 'pass',
    generate: variantOf(kieProtocol, {
      submitBody: (request) => kieSubmitBody(request.generationType === 'REFERENCE_2_VIDEO' ? { ...request, tier: 'fast' } : request),
    }),
  },
  {
    name: 'kie-constant-backoff',
    vendor: 'kie',
    register: 'all.backoff',
    reading: 'retries a 429 after a fixed 10 s, not a growing delay',
    cases: ['rate_limited'],
    expect: 'warn',
    generate: variantOf(kieProtocol, {
      readSubmit: (reply) => {
        const reading = readKieSubmit(reply)
        return reading.kind === 'rejected' && reading.retryable ? { ...reading, retryAfterMs: backoffMs(1) } : reading
      },
    }),
  },
]
