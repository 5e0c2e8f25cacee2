// Prices in KIE credits. The notes carry no numbers (docs/vendors/kie.md §4.1 only says 4K costs
// "~2× a Fast video"); Quality 250 / Fast 60 are what public clients (PC) quote from KIE's pricing
// page, Lite 30 is INFER.
import type { components } from '../../../../generated/kie.js'

type Schemas = components['schemas']

/** Credits a new key starts with (INFER: enough for ~160 Fast videos). */
export const INITIAL_CREDITS = 10_000

export const GENERATE_PRICES: Record<Schemas['GenerateModel'], number> = {
  veo3: 250, // Quality (PC; INFER)
  veo3_fast: 60, // Fast (PC; INFER)
  veo3_lite: 30, // Lite (INFER)
}

// Extend uses its own model vocabulary; priced as the matching generate model (INFER). @see https://docs.kie.ai/veo3-api/extend-video (K-EXT)
export const EXTEND_PRICES: Record<NonNullable<Schemas['ExtendVideoRequest']['model']>, number> = {
  quality: GENERATE_PRICES.veo3,
  fast: GENERATE_PRICES.veo3_fast,
  lite: GENERATE_PRICES.veo3_lite,
}

// 4K "at ~2× a Fast video's credits". @see https://docs.kie.ai/veo3-api/generate-veo-3-video (K-GEN; S002)
export const UPGRADE_4K_PRICE = 2 * GENERATE_PRICES.veo3_fast
