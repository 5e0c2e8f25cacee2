// A free probe: one request that spends nothing (it is rejected, or reads an account), then checks
// of the answer against the vendor's documented behaviour. Schema checks happen in ProbeSession.
// Also the small readings every vendor's lifecycle plan shares (state words, the task id).
import { stateWords, type VendorId } from '../../../../vendors/index.js'
import { valueAt } from '../drift.js'
import type { LifecyclePlan } from '../lifecycle.js'
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

/** The lifecycle plan's state fields, from the vendor's facts (vendors/<vendor>.ts): where the state is and its words in order. */
export function lifecycleStates(vendor: VendorId): Pick<LifecyclePlan, 'statePointer' | 'runningStates' | 'successState' | 'failedStates'> {
  const words = stateWords(vendor)
  return { statePointer: words.pointer, runningStates: words.running, successState: words.success, failedStates: words.failed }
}

/** The task id at `pointer` of a submit answer; a behaviour finding (and undefined) when it is not a non-empty string. */
export function taskIdAt(session: ProbeSession, response: ProbeResponse, pointer: string, source: string): string | undefined {
  const id = valueAt(response.body, pointer)
  if (typeof id === 'string' && id) return id
  session.behaviour('task-id', `${response.operation} carries no ${pointer.split('/').pop()}`, {
    request: response.operation,
    location: pointer,
    expected: 'a task id string',
    actual: id ?? '(absent)',
    source,
  })
  return undefined
}

/**
 * A probe sending a body the vendor must refuse to `path`, checked by `expect` with the rule's
 * source; `mayCreateTask` says why a vendor might accept (and bill) it anyway.
 */
export function rejectionProbe(
  path: string,
  expect: (session: ProbeSession, response: ProbeResponse, source: string) => void,
): (id: string, name: string, body: unknown, source: string, mayCreateTask?: string) => Probe {
  return (id, name, body, source, mayCreateTask) =>
    freeProbe({
      id,
      name,
      invalidBody: true,
      ...(mayCreateTask ? { mayCreateTask } : {}),
      request: { method: 'POST', path, body, auth: 'key' },
      expect: (s, r) => expect(s, r, source),
    })
}
