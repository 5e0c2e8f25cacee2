// The shape of one vendor's FACTS: what the vendor is called, where it lives, which key it takes,
// its words for a task's state and where its callback URL goes. No behaviour: the mock's dialects,
// the conformance suite, verify, replay and the reference clients each interpret these facts
// their own way (the reference clients must stay independent judges of the mock).

/** The canonical lifecycle every vendor's states map onto (docs/contract.md). */
export type LifecycleState = 'queued' | 'running' | 'succeeded' | 'failed'

export interface VendorFacts {
  /** The id in every URL, flag and file name of this project (`/kie`, `--vendor kie`). */
  id: string
  /** Human name for --help, health and reports. */
  title: string
  /** `specs/<spec>.openapi.yaml`. */
  spec: string
  /** The vendor's own base URL; the specs' paths follow it directly (plain join, it may carry a path). */
  liveBaseUrl: string
  /** The path part of liveBaseUrl ('' when the spec paths start at the host). */
  basePath: string
  /** The environment variable a live key comes from (docs/contract.md §6). */
  keyEnv: string
  /** The JSON field of a submit body that carries the client's callback URL. */
  callbackField: string
  /** Where a poll answer carries the task state, as a JSON pointer. */
  statePointer: string
  /** The vendor's state words (as they appear on the wire, stringified) → canonical lifecycle, in lifecycle order. */
  states: Readonly<Record<string, LifecycleState>>
  /** Words a related API of the vendor uses that the spec does not accept; tolerant readers (replay) may map them. */
  alsoSeen?: Readonly<Record<string, LifecycleState>>
  /** Public documentation, for citations in reports and --help. */
  docs: readonly string[]
}
