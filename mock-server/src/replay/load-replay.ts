// `veomock serve --replay <dir>`: replay dialects for every vendor recorded under a directory.
import { isVendorId, VENDOR_IDS, type VendorId } from '../../../vendors/index.js'
import type { Dialect } from '../core/dialect.js'
import { allDialects } from '../dialects/index.js'
import { type Recording, readRecordings } from './recording-format.js'
import { replayDialect } from './replay-dialect.js'

/**
 * Replay dialects for every vendor recorded under `dir` (`<dir>/<vendor>/<episode>.json`), in the
 * contract's vendor order. Only recorded vendors are served.
 */
export function loadReplayDialects(dir: string): Dialect[] {
  const recordings = readRecordings(dir)
  if (recordings.length === 0) throw new Error(`Failed to load replays from ${dir}: no recordings (<vendor>/<episode>.json) found`)
  const byVendor = new Map<VendorId, Recording[]>()
  for (const recording of recordings) {
    if (!isVendorId(recording.vendor)) {
      throw new Error(
        `Failed to load the replay of episode ${recording.episode}: unknown vendor "${recording.vendor}"; expected one of ${VENDOR_IDS.join(', ')}`,
      )
    }
    byVendor.set(recording.vendor, [...(byVendor.get(recording.vendor) ?? []), recording])
  }
  const dialects: Dialect[] = []
  for (const vendor of VENDOR_IDS) {
    const real = allDialects.find((d) => d.id === vendor)
    const recorded = byVendor.get(vendor)
    if (real && recorded) dialects.push(replayDialect(vendor, real, recorded))
  }
  return dialects
}
