// A free probe: one request that spends nothing (it is rejected, or reads an account), then checks
// of the answer against the vendor's documented behaviour. Schema checks happen in ProbeSession.
import type { Probe, ProbeRequest, ProbeResponse, ProbeSession } from '../probe.js'

export interface FreeProbeSpec {
  id: string
  name: string
  request: ProbeRequest
  /** The body breaks a documented rule of the spec on purpose (a rejection probe). */
  invalidBody?: boolean
  /** Why a vendor might accept (and bill) this rejection probe; see Probe.mayCreateTask. */
  mayCreateTask?: string
  /** Documented behaviour of the answer: status, envelope code, error type… */
  expect(session: ProbeSession, response: ProbeResponse): void
}

export function freeProbe(spec: FreeProbeSpec): Probe {
  return {
    id: spec.id,
    name: spec.name,
    paid: false,
    needsKey: spec.request.auth === 'key',
    request: spec.request,
    invalidBody: spec.invalidBody ?? false,
    ...(spec.mayCreateTask ? { mayCreateTask: spec.mayCreateTask } : {}),
    async run(session) {
      const response = await session.send(spec.request)
      spec.expect(session, response)
    },
  }
}

/** A public image URL for probes that must be rejected before any image is fetched. */
export const PROBE_IMAGE = 'https://example.com/veomock-verify.jpg'

/** Prompts of every probe say what they are, in case a vendor's dashboard shows them. */
export const PROBE_PROMPT = 'veomock verify probe: a red fox trotting through fresh snow at dawn'
