// The ambiguity register (contract §5.1): the one reviewed place that lists, per vendor, every point
// where the sources allow several readings, the readings the suite accepts, and where each comes
// from. Judges consult it (by id) and cite it in their findings; every entry has a client variant
// that takes the other reading and passes (conformance/clients/variants/, register-variants.test.ts).
//
// Levels: a reading listed here always passes. Where an entry records advice (a cadence or a header
// the vendor does not document as a rule), departing from the advice is a warn, never a fail.
import type { VendorId } from '../../../vendors/index.js'
import type { RegisterCitation } from '../report/report.js'

export interface Reading {
  reading: string
  source: string
}

export interface RegisterEntry {
  id: string
  vendor: VendorId | 'all'
  /** What the sources leave open. */
  topic: string
  readings: readonly Reading[]
  /** How the suite judges it. */
  verdict: string
}

const C = 'docs/contract.md §5.1'

export const REGISTER: readonly RegisterEntry[] = [
  // --- every vendor -----------------------------------------------------------------------------
  {
    id: 'all.vendor-code',
    vendor: 'all',
    topic: 'which of the identifiers an error answer carries is the outcome vendorCode',
    readings: [
      { reading: 'the HTTP status (other than 2xx)', source: C },
      { reading: 'the envelope or body `code` (KIE, Apixo, odkkk `error.code`)', source: C },
      { reading: '`error.type` or the flat `error` string (odkkk, Xenodia)', source: C },
      { reading: '`failCode`, `errorCode`, a failed task’s `error.code`', source: C },
      { reading: 'the failed state itself (`successFlag` 2/3, `failed`, `fail`)', source: C },
    ],
    verdict: 'any identifier the vendor’s answer for that failure carries passes',
  },
  {
    id: 'all.poll-bound',
    vendor: 'all',
    topic: 'how often a client may poll where a vendor documents no cadence as a rule',
    readings: [
      {
        reading: 'any cadence with a median interval of at least 1 s (virtual) and at most a handful of polls closer than 0.5 s',
        source: 'docs/contract.md §5 “a bounded number of polls”',
      },
      { reading: 'the cadence of the vendor’s samples or the suite’s suggestion', source: 'per-vendor entries' },
    ],
    verdict: 'fail below the contract bound; below the suggested cadence only a warn',
  },
  {
    id: 'all.backoff',
    vendor: 'all',
    topic: 'retrying a 429 or transient 5xx submit that carries no Retry-After',
    readings: [
      {
        reading: 'wait before retrying (“Wait and retry”), at least 2 s of vendor time',
        source: 'docs/vendors/apixo.md §3.5 (S003 429 “Wait and retry”); docs/contract.md §5 bounded retries',
      },
      { reading: 'growing delays (exponential backoff) or a fixed delay', source: 'docs/vendors/xenodia.md §2 (X-AUTH “own backoff”)' },
      { reading: 'not retrying at all', source: C },
    ],
    verdict: 'fail when a retry follows within 2 s; warn when the delays do not grow',
  },
  {
    id: 'all.result-download',
    vendor: 'all',
    topic: 'downloading a result file',
    readings: [
      { reading: 'without Authorization (vendors hand out public CDN links)', source: 'docs/vendors/kie.md §1, apixo.md §3.2, odkkk.md §3.2' },
      { reading: 'with the bearer key', source: 'docs/contract.md §1 (result URLs point at the mock)' },
    ],
    verdict: 'result-file requests are exempt from the bearer-auth and requests-valid judges',
  },
  {
    id: 'all.base-path',
    vendor: 'all',
    topic: 'joining the base URL and a path-absolute vendor path',
    readings: [
      { reading: 'base URL + path, keeping the base path (odkkk `…/apiv1`)', source: 'docs/vendors/odkkk.md §1' },
      {
        reading: 'resolving a path-absolute `poll_url` against the host, where the real base URL has no path (Xenodia)',
        source: 'docs/vendors/xenodia.md §3.1, §8',
      },
    ],
    verdict: 'a request outside the base path fails only for a vendor whose real base URL has a path',
  },
  // --- KIE --------------------------------------------------------------------------------------
  {
    id: 'kie.http-500-body-408',
    vendor: 'kie',
    topic: 'HTTP 500 carrying body code 408 ("Upstream … no result for over 10 minutes")',
    readings: [
      { reading: 'upstream_error / "408" (the body code)', source: 'docs/vendors/kie.md §4.8, §5' },
      { reading: 'server_error / "500" (HTTP 500 is documented as "Server Error")', source: 'docs/vendors/kie.md §3, §5' },
    ],
    verdict: 'both pass',
  },
  {
    id: 'kie.poll-cadence',
    vendor: 'kie',
    topic: 'the 30 s poll interval',
    readings: [
      { reading: 'poll every 30 s', source: 'docs/vendors/kie.md §7 (K-QS, K-CB sample code)' },
      { reading: 'any cadence within the contract bound', source: 'all.poll-bound' },
    ],
    verdict: 'under half of 30 s is a warn; the contract bound is the fail',
  },
  {
    id: 'kie.aspect-field',
    vendor: 'kie',
    topic: 'the aspect-ratio field name',
    readings: [
      { reading: '`aspect_ratio`', source: 'docs/vendors/kie.md §8.2 (K-GEN current EN schema)' },
      { reading: '`aspectRatio`', source: 'docs/vendors/kie.md §8.2 (CN schema, older EN docs, callback echo)' },
    ],
    verdict: 'either passes the request-fidelity judge; `aspect_ratio` wins when both are sent',
  },
  {
    id: 'kie.seeds',
    vendor: 'kie',
    topic: '`seeds` on generate',
    readings: [
      {
        reading: 'send the seed as `seeds` (10000–99999; a seed outside folded into the range)',
        source: 'docs/vendors/kie.md §4.1, §8.3 (S002, April 2026 schema)',
      },
      { reading: 'omit it (removed from the June 2026 schema)', source: 'docs/vendors/kie.md §8.3' },
    ],
    verdict: 'both pass; a seed in range sent as a different value fails',
  },
  {
    id: 'kie.reference-quality',
    vendor: 'kie',
    topic: 'REFERENCE_2_VIDEO asked in quality tier',
    readings: [
      { reading: 'refuse it as invalid_request (client-side or the vendor’s 422)', source: 'docs/vendors/kie.md §8.5 (K-GEN: needs veo3_fast)' },
      { reading: 'send it with veo3_fast, the only model the docs allow for it, and succeed', source: 'docs/vendors/kie.md §8.5' },
    ],
    verdict: 'both pass',
  },
  // --- Apixo ------------------------------------------------------------------------------------
  {
    id: 'apixo.upstream-503',
    vendor: 'apixo',
    topic: 'HTTP 503 carrying `data.error: MODEL_UNAVAILABLE`',
    readings: [
      { reading: 'upstream_error (the failCode mapping)', source: 'docs/vendors/apixo.md §4' },
      { reading: 'server_error (a submit 503)', source: 'docs/vendors/apixo.md §4, §8' },
    ],
    verdict: 'both pass',
  },
  {
    id: 'apixo.poll-schedule',
    vendor: 'apixo',
    topic: 'the wait before the first poll and the interval after it',
    readings: [
      { reading: 'wait 90 s, then every 5 s', source: 'docs/vendors/apixo.md §6 (S003)' },
      { reading: 'wait 120 s, then every 10 s', source: 'docs/vendors/apixo.md §6 (S001)' },
      { reading: 'an earlier first look (no doc calls it an error)', source: 'docs/vendors/apixo.md §7.8' },
    ],
    verdict: 'intervals under half of 5 s fail; polls before half of the 90 s wait are a warn',
  },
  {
    id: 'apixo.reference-quality',
    vendor: 'apixo',
    topic: 'REFERENCE_2_VIDEO asked in quality mode',
    readings: [
      { reading: 'refuse it as invalid_request (client-side or the vendor’s 400)', source: 'docs/vendors/apixo.md §3.1 (S001, S003: requires mode fast)' },
      { reading: 'send it in fast mode, the only mode the docs allow for it, and succeed', source: 'docs/vendors/apixo.md §3.1' },
    ],
    verdict: 'both pass',
  },
  {
    id: 'apixo.lite',
    vendor: 'apixo',
    topic: 'tier lite, which Apixo does not sell',
    readings: [
      { reading: 'refuse it client-side as invalid_request', source: 'docs/vendors/apixo.md §4 (INFER)' },
      { reading: 'send the cheapest mode, fast, and succeed', source: 'docs/vendors/apixo.md §3.1 (modes quality | fast)' },
    ],
    verdict: 'both pass; quality mode (the dearest) fails request fidelity',
  },
  // --- Xenodia ----------------------------------------------------------------------------------
  {
    id: 'xenodia.create-status',
    vendor: 'xenodia',
    topic: 'the HTTP status of an accepted create',
    readings: [
      { reading: '200', source: 'docs/vendors/xenodia.md §3.1, §7.3' },
      { reading: '202', source: 'docs/vendors/xenodia.md §3.1, §7.3 ([UNKNOWN]; GeeAgent accepts any 2xx)' },
    ],
    verdict: 'the mock answers both (case create_202); a client must accept any 2xx',
  },
  {
    id: 'xenodia.poll-hint',
    vendor: 'xenodia',
    topic: 'poll cadence',
    readings: [
      { reading: 'the latest `recommended_poll_interval_ms`', source: 'docs/vendors/xenodia.md §3.1, §6 (S000, X-ASYNC)' },
      { reading: 'X-ASYNC’s first waits of 1 s, 2 s, 4 s, then 8–15 s', source: 'docs/vendors/xenodia.md §6 (X-ASYNC)' },
    ],
    verdict: 'each interval is held to the hint of the answer before it; a handful of early short waits pass',
  },
  {
    id: 'xenodia.retry-after',
    vendor: 'xenodia',
    topic: 'a 429',
    readings: [
      { reading: 'retry per the response headers (Retry-After; the mock sends one, its value inferred)', source: 'docs/vendors/xenodia.md §2 (X-AUTH), §8' },
      { reading: 'own backoff', source: 'docs/vendors/xenodia.md §2 (X-AUTH “retry per response headers or own backoff”)' },
    ],
    verdict: 'a retry sooner than the header is a warn; a retry within 2 s of a 429 without it is a backoff fail',
  },
  {
    id: 'xenodia.model-ids',
    vendor: 'xenodia',
    topic: 'model ids',
    readings: [
      { reading: '`veo3.1`, `veo3.1_fast`, `veo3.1_lite`', source: 'docs/vendors/xenodia.md §7.1 (X-VEO)' },
      { reading: '`veo3`, `veo3_fast`, `veo3_lite`', source: 'docs/vendors/xenodia.md §7.1 (S000)' },
    ],
    verdict: 'both sets pass request fidelity',
  },
  {
    id: 'xenodia.reference-quality',
    vendor: 'xenodia',
    topic: 'REFERENCE_2_VIDEO asked with the quality model',
    readings: [
      { reading: 'refuse it as invalid_request (client-side or the vendor’s 400)', source: 'docs/vendors/xenodia.md §3.1 (S000: Fast model only)' },
      { reading: 'send it with the fast model and succeed', source: 'docs/vendors/xenodia.md §3.1' },
    ],
    verdict: 'both pass',
  },
  // --- odkkk ------------------------------------------------------------------------------------
  {
    id: 'odkkk.poll-cadence',
    vendor: 'odkkk',
    topic: 'poll cadence (none documented)',
    readings: [
      { reading: 'every 5–10 s, first poll near `estimated_time`', source: 'docs/vendors/odkkk.md §6 (INFER)' },
      { reading: 'any cadence within the contract bound', source: 'all.poll-bound' },
    ],
    verdict: 'under half of 5 s is a warn; the contract bound is the fail',
  },
  {
    id: 'odkkk.retry-after',
    vendor: 'odkkk',
    topic: 'Retry-After on 429 and 503',
    readings: [
      { reading: 'wait as the body’s `fallback_suggestion` says (“retry after 60 / 30 seconds”)', source: 'docs/vendors/odkkk.md §3.1 (S004)' },
      {
        reading: 'honour a Retry-After header (the mock sends one; EvoLink’s CLI reads it)',
        source: 'docs/vendors/odkkk.md §3.3, §8 (CODE CLI; header INFER)',
      },
      { reading: 'own backoff (odkkk documents no header)', source: 'docs/vendors/odkkk.md §9' },
    ],
    verdict: 'a retry sooner than the header is a warn',
  },
  {
    id: 'odkkk.quality',
    vendor: 'odkkk',
    topic: 'the `quality` (resolution) field',
    readings: [
      { reading: 'send the resolution as `quality`', source: 'docs/vendors/odkkk.md §7.1 (E-LITE)' },
      { reading: 'omit it (not in odkkk’s own page)', source: 'docs/vendors/odkkk.md §7.1 (S004)' },
    ],
    verdict: 'a different value fails; omitting a resolution other than 720p is a warn',
  },
  {
    id: 'odkkk.tier',
    vendor: 'odkkk',
    topic: 'tiers (odkkk sells one model)',
    readings: [{ reading: 'every tier, lite included, is `veo3.1-pro`', source: 'docs/vendors/odkkk.md §3.1, §4 (S004)' }],
    verdict: 'any other model fails',
  },
]

const BY_ID = new Map(REGISTER.map((e) => [e.id, e]))

export function registerEntry(id: string): RegisterEntry {
  const entry = BY_ID.get(id)
  if (!entry) throw new Error(`Failed to cite the ambiguity register: no entry ${id}`)
  return entry
}

/** The entries of one vendor, and those of every vendor. */
export function registerFor(vendor: VendorId): RegisterEntry[] {
  return REGISTER.filter((e) => e.vendor === vendor || e.vendor === 'all')
}

/** How a finding cites entries in the reports: the accepted readings with their sources. */
export function cite(...ids: string[]): RegisterCitation[] {
  return ids.map((id) => {
    const e = registerEntry(id)
    return { id, text: `${e.topic}: ${e.readings.map((r) => `${r.reading} (${r.source})`).join('; ')}. Verdict: ${e.verdict}` }
  })
}
