// Every register variant, by vendor (register-variants.test.ts runs them all).
import { APIXO_VARIANTS } from './apixo-variants.js'
import { KIE_VARIANTS } from './kie-variants.js'
import { ODKKK_VARIANTS } from './odkkk-variants.js'
import type { Variant } from './variant.js'
import { XENODIA_VARIANTS } from './xenodia-variants.js'

export const VARIANTS: readonly Variant[] = [...KIE_VARIANTS, ...APIXO_VARIANTS, ...XENODIA_VARIANTS, ...ODKKK_VARIANTS]

export type { Variant }
