// Checks a reference client makes before it sends anything: a request the vendor documents as
// invalid is answered client-side with `invalid_request`, so the vendor never sees it.
import type { ClientError, ClientRequest, GenerationType } from '../src/client/protocol.js'
import { clientError } from './vendor-protocol.js'

/** The vendorCode of a rejection made by the client itself, before any call. */
export const CLIENT_SIDE = 'client_validation'

export type ImageLimits = Partial<Record<GenerationType, { min: number; max: number }>>

/**
 * Image counts per generation type. KIE, Apixo and Xenodia share KIE's rules: text takes none,
 * first-and-last frames 1–2, reference 1–3 (K-GEN, S001/S003, S000); odkkk has no reference mode and
 * takes 1–2 images for `FIRST&LAST` (S004).
 */
export const KIE_IMAGE_LIMITS: ImageLimits = {
  TEXT_2_VIDEO: { min: 0, max: 0 },
  FIRST_AND_LAST_FRAMES_2_VIDEO: { min: 1, max: 2 },
  REFERENCE_2_VIDEO: { min: 1, max: 3 },
}

export function imageProblem(request: ClientRequest, limits: ImageLimits, vendorName: string): ClientError | null {
  const count = request.imageUrls?.length ?? 0
  const limit = limits[request.generationType]
  if (!limit) return clientError('invalid_request', CLIENT_SIDE, `${vendorName} has no ${request.generationType} mode`)
  if (count < limit.min || count > limit.max) {
    return clientError(
      'invalid_request',
      CLIENT_SIDE,
      `${request.generationType} on ${vendorName} takes ${limit.min === limit.max ? limit.min : `${limit.min}–${limit.max}`} image URL(s), got ${count}`,
    )
  }
  return null
}

/**
 * KIE and Xenodia take `seeds` in 10000–99999 only; a seed outside is folded into the range so the
 * same protocol seed always gives the same vendor seed. @see docs/vendors/kie.md §4.1, docs/vendors/xenodia.md §3.1
 */
export function foldSeed(seed: number): number {
  if (seed >= 10_000 && seed <= 99_999) return Math.trunc(seed)
  return 10_000 + (Math.abs(Math.trunc(seed)) % 90_000)
}
