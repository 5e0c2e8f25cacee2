// Apixo clients that take the other documented reading of each Apixo register entry.
import { apixoProtocol, apixoSubmitBody, readApixoPoll, readApixoSubmit } from '../apixo-client.js'
import type { VendorReply } from '../vendor-call.js'
import type { PollReading, SubmitReading } from '../vendor-protocol.js'
import { type Variant, variantOf } from './variant.js'

function stateAsCode(reply: VendorReply): PollReading {
  const reading = readApixoPoll(reply)
  return reading.kind === 'failed' ? { ...reading, error: { ...reading.error, vendorCode: 'failed' } } : reading
}

function status503AsServerError(reply: VendorReply): SubmitReading {
  const reading = readApixoSubmit(reply)
  return reading.kind === 'rejected' && reply.status === 503 ? { ...reading, error: { ...reading.error, kind: 'server_error', vendorCode: '503' } } : reading
}

export const APIXO_VARIANTS: readonly Variant[] = [
  {
    name: 'apixo-state-as-vendor-code',
    vendor: 'apixo',
    register: 'all.vendor-code',
    reading: 'a failed task reports its state `failed` as vendorCode',
    cases: ['content_violation'],
    expect: 'pass',
    generate: variantOf(apixoProtocol, { readPoll: stateAsCode }),
  },
  {
    name: 'apixo-503-as-server-error',
    vendor: 'apixo',
    register: 'apixo.upstream-503',
    reading: 'HTTP 503 with MODEL_UNAVAILABLE is server_error / "503"',
    cases: ['upstream_error'],
    expect: 'pass',
    generate: variantOf(apixoProtocol, { readSubmit: status503AsServerError }),
  },
  {
    name: 'apixo-s001-schedule',
    vendor: 'apixo',
    register: 'apixo.poll-schedule',
    reading: 'waits 120 s, then polls every 10 s (the older page)',
    cases: ['success'],
    expect: 'pass',
    generate: variantOf(apixoProtocol, { firstPollDelayMs: () => 120_000, pollIntervalMs: () => 10_000 }),
  },
  {
    name: 'apixo-reference-quality-as-fast',
    vendor: 'apixo',
    register: 'apixo.reference-quality',
    reading: 'sends REFERENCE_2_VIDEO asked in quality in fast mode, the only mode allowed for it',
    cases: ['invalid_request'],
    expect: 'pass',
    generate: variantOf(apixoProtocol, {
      submitBody: (request) => apixoSubmitBody(request.generationType === 'REFERENCE_2_VIDEO' ? { ...request, tier: 'fast' } : request),
    }),
  },
  {
    name: 'apixo-lite-as-fast',
    vendor: 'apixo',
    register: 'apixo.lite',
    reading: 'sends tier lite as fast, the cheapest mode Apixo sells',
    cases: ['lite'],
    expect: 'pass',
    generate: variantOf(apixoProtocol, { submitBody: (request) => apixoSubmitBody(request.tier === 'lite' ? { ...request, tier: 'fast' } : request) }),
  },
  {
    name: 'apixo-never-retries',
    vendor: 'apixo',
    register: 'all.backoff',
    reading: 'does not retry a 429 at all',
    cases: ['rate_limited'],
    expect: 'pass',
    generate: variantOf(apixoProtocol, {
      readSubmit: (reply) => {
        const reading = readApixoSubmit(reply)
        return reading.kind === 'rejected' ? { ...reading, retryable: false } : reading
      },
    }),
  },
]
