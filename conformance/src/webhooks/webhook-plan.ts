// The deliveries `veomock webhooks` makes to a receiver (contract §8), built from callbacks the
// mock itself rendered for real tasks (so bodies are exactly the dialects' and result URLs point
// at the mock): every documented body and its documented variants, duplicates, a late redelivery,
// a failure after a success for the same task, a task the receiver never saw, forged signatures
// (bad, missing, stale) where the vendor signs and a secret is given, and malformed bodies.
import type { AdminClient } from '../../../mock-server/src/admin/admin-client.js'
import type { VendorId } from '../../../vendors/index.js'
import type { CallbackSigning, CallbackVariant } from '../../../lib/callbacks.js'
import { type Random, seededRandom } from '../../../lib/seeded-random.js'
import { callbackTaskId, PROTOCOLS, readCallback } from '../../clients/callback-protocols.js'
import { withCallbackUrl } from '../../clients/callback-fields.js'
import { joinUrl } from '../../clients/vendor-call.js'
import { BASE_REQUEST } from '../client/conformance-case.js'
import { WEBHOOK_SOURCES } from './webhook-sources.js'

export type DeliveryKind = 'genuine' | 'variant' | 'duplicate' | 'late' | 'out-of-order' | 'unknown-task' | 'forged' | 'malformed'

export interface PlannedDelivery {
  vendor: VendorId
  kind: DeliveryKind
  /** A sentence for the report. */
  name: string
  /** The task the body names (the receiver's view), when it names one. */
  taskId: string | undefined
  /** The raw body sent (a malformed one is not JSON). */
  text: string
  /** How to sign at send time: the task id to sign for and the clock skew, or a fixed header set. */
  sign: { taskBody: unknown; skewMs: number; key: string } | null
  headers: Record<string, string>
  /** Whether the task of this delivery failed (a resubmit after it is the receiver's business once). */
  failure: boolean
}

/** A callback the mock sent to the capture, by the label in its callback URL's path. */
export interface CapturedCallback {
  label: string
  body: unknown
}

export const CAPTURE_BASE = 'http://127.0.0.1:9/veomock-webhooks'
/** A stale signature is this far in the past: well outside any replay window (KIE documents none; ±300 s advised). */
export const STALE_SKEW_MS = -3600_000
const MAX_SETTLE_MS = 6 * 3600_000

/** Submits the vendor's source tasks on the mock, settles them, and returns the callbacks it rendered. */
export async function captureCallbacks(
  vendor: VendorId,
  baseUrl: string,
  admin: AdminClient,
  captured: Array<{ url: string; body: string }>,
): Promise<CapturedCallback[]> {
  const sources = WEBHOOK_SOURCES[vendor]
  const protocol = PROTOCOLS[vendor]
  const ids = new Map<string, string>()
  const post = async (path: string, body: unknown, scenario?: string): Promise<unknown> => {
    const headers: Record<string, string> = { authorization: 'Bearer veomock-webhooks', 'content-type': 'application/json' }
    if (scenario) headers['x-veomock-scenario'] = scenario
    const response = await fetch(joinUrl(baseUrl, path), { method: 'POST', headers, body: JSON.stringify(body) })
    return { status: response.status, body: (await response.json()) as unknown, retryAfterMs: undefined }
  }
  for (const source of sources.tasks) {
    const mapped = protocol.submitBody({ ...BASE_REQUEST, ...source.request })
    if ('error' in mapped) throw new Error(`Failed to plan ${vendor} webhooks: ${source.label} cannot be submitted: ${mapped.error.message}`)
    const reply = await post(protocol.submitPath, withCallbackUrl(vendor, mapped.body, `${CAPTURE_BASE}/${source.label}`), source.scenario)
    const reading = protocol.readSubmit(reply as Parameters<typeof protocol.readSubmit>[0])
    if (reading.kind !== 'accepted') throw new Error(`Failed to plan ${vendor} webhooks: the mock refused the ${source.label} task: ${reading.error.message}`)
    ids.set(source.label, reading.taskId)
  }
  await admin.advance(MAX_SETTLE_MS)
  for (const follow of sources.followUps) {
    const parent = ids.get(follow.parent)
    if (!parent) throw new Error(`Failed to plan ${vendor} webhooks: no ${follow.parent} task for ${follow.label}`)
    const reply = (await post(follow.path, follow.body(parent, `${CAPTURE_BASE}/${follow.label}`))) as { body: unknown }
    const data = (reply.body as { data?: { taskId?: unknown } } | null)?.data
    if (typeof data?.taskId !== 'string') throw new Error(`Failed to plan ${vendor} webhooks: the mock refused the ${follow.label} follow-up`)
    if (follow.finishAs) await admin.finish(data.taskId, follow.finishAs)
  }
  await admin.advance(MAX_SETTLE_MS)
  const out: CapturedCallback[] = []
  for (const c of captured.splice(0)) {
    const label = c.url.startsWith(`${CAPTURE_BASE}/`) ? c.url.slice(CAPTURE_BASE.length + 1) : c.url
    out.push({ label, body: JSON.parse(c.body) as unknown })
  }
  return out
}

/** A JSON value with every occurrence of one task id replaced by another (ids are unique strings). */
function retarget(body: unknown, from: string, to: string): unknown {
  return JSON.parse(JSON.stringify(body).split(from).join(to)) as unknown
}

function readsAsFailure(vendor: VendorId, body: unknown): boolean {
  return readCallback(vendor, body).kind === 'failed'
}

/**
 * What the plan needs of the mock's dialect (mock-server/src/dialects): its signing, the other
 * documented forms of a body and its task ids. The deliveries are genuine because they are the
 * mock's own rendering, not a second copy of each vendor's callback format.
 */
export interface CallbackRendering {
  callbacks: { signing?: CallbackSigning | undefined; variants?(body: unknown): CallbackVariant[] }
  taskId(random: Random, now: number): string
}

export interface PlanInput {
  vendor: VendorId
  dialect: CallbackRendering
  captured: readonly CapturedCallback[]
  /** The receiver's signing key (`--secret`), for vendors that sign. */
  secret: string | undefined
}

/** Every delivery of one vendor, in the order they are sent. */
export function planDeliveries({ vendor, dialect, captured, secret }: PlanInput): PlannedDelivery[] {
  const signing: CallbackSigning | undefined = secret ? dialect.callbacks.signing : undefined
  const key = secret ?? ''
  const make = (kind: DeliveryKind, name: string, body: unknown, skewMs = 0): PlannedDelivery => ({
    vendor,
    kind,
    name,
    taskId: callbackTaskId(vendor, body),
    text: JSON.stringify(body),
    sign: signing ? { taskBody: body, skewMs, key } : null,
    headers: {},
    failure: readsAsFailure(vendor, body),
  })
  const byLabel = new Map(captured.map((c) => [c.label, c.body]))
  const success = byLabel.get('success')
  const firstFailure = captured.find((c) => readsAsFailure(vendor, c.body))
  if (success === undefined || !firstFailure) throw new Error(`Failed to plan ${vendor} webhooks: the mock rendered no success or failure callback`)
  const successId = callbackTaskId(vendor, success) as string
  const out: PlannedDelivery[] = []

  if (signing) {
    const bad = make('forged', 'a success signed with the wrong key is refused', success)
    bad.sign = { taskBody: success, skewMs: 0, key: `${key}-wrong` }
    const missing = make('forged', 'a success without signature headers is refused', success)
    missing.sign = null
    out.push(bad, missing, make('forged', 'a success whose signature timestamp is an hour old is refused', success, STALE_SKEW_MS))
  }
  for (const c of captured) {
    out.push(make('genuine', `the ${c.label} callback is acknowledged in time`, c.body))
    if (c.body === success) out.push(make('duplicate', 'the success callback delivered again is acknowledged and changes nothing', success))
  }
  for (const c of captured) {
    for (const v of dialect.callbacks.variants?.(c.body) ?? [])
      out.push(make('variant', `the ${c.label} callback in its ${v.form} form (${v.source}) is acknowledged`, v.body))
  }
  out.push(make('duplicate', `the ${firstFailure.label} callback delivered again is acknowledged and changes nothing`, firstFailure.body))
  const failId = callbackTaskId(vendor, firstFailure.body) as string
  out.push(
    make(
      'out-of-order',
      'a failure callback after the success of the same task is acknowledged and changes nothing',
      retarget(firstFailure.body, failId, successId),
    ),
  )
  for (const [label, text] of [
    ['cut-off JSON', JSON.stringify(success).slice(0, 40)],
    ['an empty JSON object', '{}'],
    ['a JSON array', '[]'],
  ] as const) {
    const d = make('malformed', `a malformed body (${label}) is ${secret ? 'refused' : 'answered'}`, success)
    d.text = text
    d.taskId = undefined
    out.push(d)
  }
  out.push(make('late', 'the success callback again after every other delivery is acknowledged and changes nothing', success))
  // A well-formed callback for an id of the vendor's format that no task of this run has.
  const stranger = dialect.taskId(seededRandom(0, `webhooks:${vendor}`), 0)
  out.push(make('unknown-task', 'a callback for a task the receiver never saw is answered', retarget(success, successId, stranger)))
  return out
}
