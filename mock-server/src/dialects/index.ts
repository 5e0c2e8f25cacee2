// The built-in dialects, in the contract's vendor order.
import type { Dialect } from '../core/dialect.js'
import { apixoDialect } from './apixo/index.js'
import { kieDialect } from './kie/index.js'
import { odkkkDialect } from './odkkk/index.js'
import { xenodiaDialect } from './xenodia/index.js'

export { apixoDialect, kieDialect, odkkkDialect, xenodiaDialect }
export const allDialects: readonly Dialect[] = [kieDialect, apixoDialect, xenodiaDialect, odkkkDialect]
