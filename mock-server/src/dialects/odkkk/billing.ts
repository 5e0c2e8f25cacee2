// odkkk billing: credits per call, reserved at submit (`usage.billing_rule: "per_call"`).
import type { components } from '../../../../generated/odkkk.js'

type Quality = NonNullable<components['schemas']['VideoGenerationRequest']['quality']>

// The only documented price is the submit example's `credits_reserved: 25.7` (S004, no quality field).
// @see https://ai.odkkk.com/apiv1 (docs/vendors/odkkk.md §3.1)
export const BASE_PRICE = 25.7

/**
 * Credits per call by `quality` (E-LITE, EvoLink). INFER: 720p and 1080p cost the documented 25.7
 * (an 8 s Veo clip is billed per call, not per pixel); 4k costs 1.5× like Google's Veo 3.1 4K list
 * price relative to 1080p.
 */
export const PRICE_BY_QUALITY: Readonly<Record<Quality, number>> = {
  '720p': BASE_PRICE,
  '1080p': BASE_PRICE,
  '4k': 38.55,
}

/** A new key's balance. INFER: no public number; enough for about 38 default-quality calls. */
export const INITIAL_CREDITS = 1000

/** Price of one call; an absent `quality` is the documented default `720p` (E-LITE). */
export function priceOf(quality: string | undefined): number {
  return PRICE_BY_QUALITY[(quality ?? '720p') as Quality] ?? BASE_PRICE
}

// Submit and detail bodies carry this usage block (S004 field examples).
export function usageOf(credits: number): components['schemas']['VideoUsage'] {
  return { billing_rule: 'per_call', credits_reserved: credits, user_group: 'default' }
}
