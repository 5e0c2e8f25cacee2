// A register variant: a reference client that takes another documented reading of an ambiguity
// register entry (conformance/src/client/ambiguity-register.ts). Each must pass its cases: with no
// warning where the reading is documented as allowed, with warnings only where the entry records
// advice the reading departs from.
import type { VendorId } from '../../../vendors/index.js'
import type { InProcessClient } from '../../src/client/protocol.js'
import { runGeneration, type RunOptions } from '../generation-run.js'
import type { VendorProtocol } from '../vendor-protocol.js'

export interface Variant {
  name: string
  vendor: VendorId
  /** The register entry whose other reading this client takes. */
  register: string
  /** The reading, in a sentence. */
  reading: string
  cases: readonly string[]
  /** pass: no fail and no warning; warn: no fail, and the entry's warning on each case. */
  expect: 'pass' | 'warn'
  generate: InProcessClient['generate']
}

/** A variant from a reference protocol with some of its pieces replaced. */
export function variantOf(base: VendorProtocol, changes: Partial<VendorProtocol>, options: RunOptions = {}): InProcessClient['generate'] {
  const protocol = { ...base, ...changes }
  return (request, env) => runGeneration(protocol, request, env, options)
}
