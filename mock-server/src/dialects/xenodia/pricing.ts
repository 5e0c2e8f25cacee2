// Veo pricing in micro-USDC: "one fixed amount per accepted video task, selected by the request
// resolution" (S000), one tier each for 720p, 1080p and 4k. The amounts are undocumented: veomock's
// are INFER, the same as the `veo31` example of `GET /v1/models` in specs/xenodia.openapi.yaml.
// @see https://docs.xenodia.xyz/docs/api/video-generation-veo31 "Pricing" (docs/vendors/xenodia.md §3.3, §9)
import type { components } from '../../../../generated/xenodia.js'

export type VideoModel = components['schemas']['VideoModel']
export type Resolution = components['schemas']['Resolution']

/** The three Veo tiers behind the six model ids. */
export type ModelFamily = 'quality' | 'fast' | 'lite'

// S000 lists `veo3*`, the current X-VEO page `veo3.1*`; both sets are accepted and priced alike.
// @see https://docs.xenodia.xyz/docs/api/video-generation-veo31 (docs/vendors/xenodia.md §7.1)
export const FAMILY_OF: Readonly<Record<VideoModel, ModelFamily>> = {
  veo3: 'quality',
  'veo3.1': 'quality',
  veo3_fast: 'fast',
  'veo3.1_fast': 'fast',
  veo3_lite: 'lite',
  'veo3.1_lite': 'lite',
}

/** The model when the request names none: `veo3.1_fast` on the current page (X-VEO). */
export const DEFAULT_MODEL: VideoModel = 'veo3.1_fast'
/** "resolution … Defaults to 720p." (S000) */
export const DEFAULT_RESOLUTION: Resolution = '720p'

export const RESOLUTIONS: readonly Resolution[] = ['720p', '1080p', '4k']

/** INFER: micro-USDC per accepted task, by tier and resolution (1 USDC = 1 000 000). */
export const PRICE_MICRO_USDC: Readonly<Record<ModelFamily, Readonly<Record<Resolution, number>>>> = {
  quality: { '720p': 1_250_000, '1080p': 1_300_000, '4k': 2_500_000 },
  fast: { '720p': 300_000, '1080p': 350_000, '4k': 1_000_000 },
  lite: { '720p': 150_000, '1080p': 200_000, '4k': 800_000 },
}

/** The fixed price of one task in micro-USDC; unknown ids fall back to the default (fast) tier. */
export function taskPrice(model: string | undefined, resolution: string | undefined): number {
  const family = FAMILY_OF[(model ?? DEFAULT_MODEL) as VideoModel] ?? 'fast'
  const tier = PRICE_MICRO_USDC[family]
  return tier[(resolution ?? DEFAULT_RESOLUTION) as Resolution] ?? tier[DEFAULT_RESOLUTION]
}
