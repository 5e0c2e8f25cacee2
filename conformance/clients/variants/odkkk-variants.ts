// odkkk clients that take the other documented reading of each odkkk register entry.
import { generate as reference, odkkkProtocol, odkkkSubmitBody, readOdkkkPoll, readOdkkkSubmit } from '../odkkk-client.js'
import { field, type VendorReply } from '../vendor-call.js'
import type { SubmitReading } from '../vendor-protocol.js'
import { type Variant, variantOf } from './variant.js'

/** vendorCode = `error.code` (the HTTP status as odkkk sends it) for error answers. */
function errorCode(reply: VendorReply): SubmitReading {
  const reading = readOdkkkSubmit(reply)
  const code = field(field(reply.body, 'error'), 'code')
  return reading.kind === 'rejected' && code !== undefined ? { ...reading, error: { ...reading.error, vendorCode: String(code) } } : reading
}

/** The wait the body's `fallback_suggestion` names ("retry after 60 seconds"), instead of the header. */
function bodySuggestion(reply: VendorReply): SubmitReading {
  const reading = readOdkkkSubmit({ ...reply, retryAfterMs: undefined })
  const text = field(field(reply.body, 'error'), 'fallback_suggestion')
  const match = typeof text === 'string' ? /retry after (\d+) seconds/i.exec(text) : null
  return reading.kind === 'rejected' && match ? { ...reading, retryAfterMs: Number(match[1]) * 1000 } : reading
}

export const ODKKK_VARIANTS: readonly Variant[] = [
  {
    name: 'odkkk-error-code-as-vendor-code',
    vendor: 'odkkk',
    register: 'all.vendor-code',
    reading: 'reports `error.code` (401, 402…) for error answers and the state `failed` for failed tasks',
    cases: ['unauthorized', 'insufficient_credits', 'content_violation'],
    expect: 'pass',
    generate: variantOf(odkkkProtocol, {
      readSubmit: errorCode,
      readPoll: (reply) => {
        const reading = readOdkkkPoll(reply)
        return reading.kind === 'failed' ? { ...reading, error: { ...reading.error, vendorCode: 'failed' } } : reading
      },
    }),
  },
  {
    name: 'odkkk-polls-every-3-s',
    vendor: 'odkkk',
    register: 'odkkk.poll-cadence',
    reading: 'polls every 3 s from the start',
    cases: ['success'],
    expect: 'pass',
    generate: variantOf(odkkkProtocol, { firstPollDelayMs: () => 3_000, pollIntervalMs: () => 3_000 }),
  },
  {
    name: 'odkkk-polls-every-2-s',
    vendor: 'odkkk',
    register: 'all.poll-bound',
    reading: 'polls every 2 s: within the contract bound, under the suggested 5 s',
    cases: ['success'],
    expect: 'warn',
    generate: variantOf(odkkkProtocol, { firstPollDelayMs: () => 2_000, pollIntervalMs: () => 2_000 }),
  },
  {
    name: 'odkkk-waits-per-body-text',
    vendor: 'odkkk',
    register: 'odkkk.retry-after',
    reading: 'waits as the body’s fallback_suggestion says, ignoring the header',
    cases: ['rate_limited', 'maintenance'],
    expect: 'pass',
    generate: variantOf(odkkkProtocol, { readSubmit: bodySuggestion }),
  },
  {
    name: 'odkkk-omits-quality',
    vendor: 'odkkk',
    register: 'odkkk.quality',
    reading: 'leaves `quality` out, as odkkk’s own page does (advice: a 1080p request then gets a warning)',
    cases: ['image_to_video'],
    expect: 'warn',
    generate: variantOf(odkkkProtocol, {
      submitBody: (request) => {
        const mapped = odkkkSubmitBody(request)
        if (!('body' in mapped)) return mapped
        const { quality: _omitted, ...body } = mapped.body
        return { body }
      },
    }),
  },
  {
    name: 'odkkk-lite-as-pro',
    vendor: 'odkkk',
    register: 'odkkk.tier',
    reading: 'sends tier lite as veo3.1-pro (the reference client)',
    cases: ['lite'],
    expect: 'pass',
    generate: reference,
  },
]
