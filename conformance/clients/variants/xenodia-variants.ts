// Xenodia clients that take the other documented reading of each Xenodia register entry (and of the
// cross-vendor entries about result downloads and path-absolute poll URLs).
import type { ClientOutcome } from '../../src/client/protocol.js'
import { callVendor, field, type VendorReply } from '../vendor-call.js'
import type { SubmitReading } from '../vendor-protocol.js'
import { generate as reference, readXenodiaPoll, readXenodiaSubmit, xenodiaProtocol, xenodiaSubmitBody, XENODIA_MODELS } from '../xenodia-client.js'
import { type Variant, variantOf } from './variant.js'

function statusOrType(reply: VendorReply, use: 'status' | 'type'): SubmitReading {
  const reading = readXenodiaSubmit(reply)
  if (reading.kind !== 'rejected') return reading
  const code = use === 'status' ? String(reply.status) : String(field(reply.body, 'type') ?? reply.status)
  return { ...reading, error: { ...reading.error, vendorCode: code } }
}

/** X-ASYNC's schedule: 1 s, 2 s, 4 s, then the server's hint. */
function xAsyncSchedule(): ReturnType<typeof variantOf> {
  return (request, env) => {
    const early = [1_000, 2_000, 4_000]
    const next = (hints: { pollIntervalMs?: number }) => early.shift() ?? hints.pollIntervalMs ?? 5_000
    return variantOf(xenodiaProtocol, { firstPollDelayMs: next, pollIntervalMs: next })(request, env)
  }
}

const S000_MODELS = { quality: 'veo3', fast: 'veo3_fast', lite: 'veo3_lite' } as const satisfies Record<keyof typeof XENODIA_MODELS, string>

export const XENODIA_VARIANTS: readonly Variant[] = [
  {
    name: 'xenodia-http-status-as-vendor-code',
    vendor: 'xenodia',
    register: 'all.vendor-code',
    reading: 'reports the HTTP status for error answers and the state `fail` for failed tasks',
    cases: ['unauthorized', 'insufficient_credits', 'content_violation'],
    expect: 'pass',
    generate: variantOf(xenodiaProtocol, {
      readSubmit: (reply) => statusOrType(reply, 'status'),
      readPoll: (reply) => {
        const reading = readXenodiaPoll(reply)
        return reading.kind === 'failed' ? { ...reading, error: { ...reading.error, vendorCode: 'fail' } } : reading
      },
    }),
  },
  {
    name: 'xenodia-type-as-vendor-code',
    vendor: 'xenodia',
    register: 'all.vendor-code',
    reading: 'reports the error body’s `type` as vendorCode',
    cases: ['unauthorized', 'maintenance'],
    expect: 'pass',
    generate: variantOf(xenodiaProtocol, { readSubmit: (reply) => statusOrType(reply, 'type') }),
  },
  {
    name: 'xenodia-downloads-result-without-key',
    vendor: 'xenodia',
    register: 'all.result-download',
    reading: 'downloads the result file as a public link, without Authorization',
    cases: ['success'],
    expect: 'pass',
    generate: async (request, env): Promise<ClientOutcome> => {
      const outcome = await reference(request, env)
      if (outcome.status === 'succeeded') for (const url of outcome.videoUrls) await (await fetch(url)).arrayBuffer()
      return outcome
    },
  },
  {
    name: 'xenodia-poll-url-against-host',
    vendor: 'xenodia',
    register: 'all.base-path',
    reading: 'resolves the path-absolute `poll_url` against the host, as a browser would',
    cases: ['success'],
    expect: 'pass',
    generate: variantOf(
      xenodiaProtocol,
      {},
      {
        call: (env, method, path, body) => callVendor(method === 'GET' ? { ...env, baseUrl: new URL(path, env.baseUrl).origin } : env, method, path, body),
      },
    ),
  },
  {
    name: 'xenodia-x-async-schedule',
    vendor: 'xenodia',
    register: 'xenodia.poll-hint',
    reading: 'waits 1 s, 2 s, 4 s, then follows the hint (the async-workflow guide)',
    cases: ['success'],
    expect: 'pass',
    generate: xAsyncSchedule(),
  },
  {
    name: 'xenodia-own-backoff',
    vendor: 'xenodia',
    register: 'xenodia.retry-after',
    reading: 'retries a 429 on its own backoff (5 s, 10 s, 20 s), not the header',
    cases: ['rate_limited'],
    expect: 'warn',
    generate: variantOf(xenodiaProtocol, { readSubmit: (reply) => readXenodiaSubmit({ ...reply, retryAfterMs: undefined }) }),
  },
  {
    name: 'xenodia-s000-model-ids',
    vendor: 'xenodia',
    register: 'xenodia.model-ids',
    reading: 'sends the seed page’s `veo3*` model ids',
    cases: ['success', 'lite'],
    expect: 'pass',
    generate: variantOf(xenodiaProtocol, {
      submitBody: (request) => {
        const mapped = xenodiaSubmitBody(request)
        return 'body' in mapped ? { body: { ...mapped.body, model: S000_MODELS[request.tier] } } : mapped
      },
    }),
  },
  {
    name: 'xenodia-reference-quality-as-fast',
    vendor: 'xenodia',
    register: 'xenodia.reference-quality',
    reading: 'sends REFERENCE_2_VIDEO asked in quality with the fast model, the only one allowed for it',
    cases: ['invalid_request'],
    expect: 'pass',
    generate: variantOf(xenodiaProtocol, {
      submitBody: (request) => xenodiaSubmitBody(request.generationType === 'REFERENCE_2_VIDEO' ? { ...request, tier: 'fast' } : request),
    }),
  },
  {
    name: 'xenodia-any-2xx-create',
    vendor: 'xenodia',
    register: 'xenodia.create-status',
    reading: 'accepts a create answered 200 or 202 (the reference client)',
    cases: ['success', 'create_202'],
    expect: 'pass',
    generate: reference,
  },
]
