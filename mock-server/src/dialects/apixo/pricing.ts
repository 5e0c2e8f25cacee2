// What an Apixo task costs, in USD: the unit of the balance endpoint's bare number (A-SYS).
import type { components } from '../../../../generated/apixo.js'

type Mode = components['schemas']['Mode']

/** Fast $0.2/video, Quality $1.5/video. @see https://apixo.ai/en/docs/models/veo-3-1 (docs/vendors/apixo.md §1, S001) */
export const PRICE_USD: Record<Mode, number> = { fast: 0.2, quality: 1.5 }

/** Extend prices are not documented; INFER: the same as a generation in the same mode. @see docs/vendors/apixo.md §3.4 */
export const EXTEND_PRICE_USD: Record<Mode, number> = { ...PRICE_USD }

/** A new key's balance: INFER, enough for 66 quality or 500 fast videos. */
export const INITIAL_BALANCE_USD = 100
