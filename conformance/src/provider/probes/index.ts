// Every vendor's probes, free ones first so a run without `--spend` still covers them all.
import type { VendorId } from '../../../../vendors/index.js'
import type { Probe } from '../probe.js'
import { apixoProbes } from './apixo.js'
import { kieProbes } from './kie.js'
import { odkkkProbes } from './odkkk.js'
import { xenodiaProbes } from './xenodia.js'

export const PROBES: Record<VendorId, readonly Probe[]> = {
  kie: kieProbes,
  apixo: apixoProbes,
  xenodia: xenodiaProbes,
  odkkk: odkkkProbes,
}
