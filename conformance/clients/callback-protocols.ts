// The reference clients' vendor protocols by vendor id, and how each vendor's callback body reads:
// Apixo, Xenodia and odkkk call back with the body of their status answer, KIE with its own shape.
// @see docs/vendors/kie.md §6.2, §6.3; docs/vendors/apixo.md §5; docs/vendors/xenodia.md §5; docs/vendors/odkkk.md §5
import type { VendorId } from '../../vendors/index.js'
import { apixoProtocol } from './apixo-client.js'
import { kieFailureKind, kieProtocol, kieResultUrls } from './kie-client.js'
import { odkkkProtocol } from './odkkk-client.js'
import { field } from './vendor-call.js'
import { clientError, type PollReading, type VendorProtocol } from './vendor-protocol.js'
import { xenodiaProtocol } from './xenodia-client.js'

export const PROTOCOLS: Readonly<Record<VendorId, VendorProtocol>> = { kie: kieProtocol, apixo: apixoProtocol, xenodia: xenodiaProtocol, odkkk: odkkkProtocol }

/** The task id a callback body names, or undefined when it names none (a malformed body). */
export function callbackTaskId(vendor: VendorId, body: unknown): string | undefined {
  const data = field(body, 'data')
  const candidates =
    vendor === 'kie'
      ? // Veo callbacks carry `data.taskId`; the K-4K OpenAPI form `data.task_id` (docs/vendors/kie.md §6.3, §8.12).
        [field(data, 'taskId'), field(data, 'task_id'), field(body, 'taskId')]
      : vendor === 'apixo'
        ? [field(data, 'taskId')]
        : vendor === 'xenodia'
          ? // The task envelope, or the KIE-shaped pass-through (INFER, docs/vendors/xenodia.md §5).
            [field(body, 'task_id'), field(data, 'taskId')]
          : [field(body, 'id')]
  const id = candidates.find((c) => typeof c === 'string' && c !== '')
  return id as string | undefined
}

/** A KIE generation, extend or 4K callback body as a poll reading (K-CB, K-4KCB, K-4K). */
export function readKieCallback(body: unknown): PollReading {
  const code = field(body, 'code')
  const msg = typeof field(body, 'msg') === 'string' ? (field(body, 'msg') as string) : ''
  const data = field(body, 'data')
  if (code === 200) {
    const info = field(data, 'info')
    const urls = kieResultUrls(info ?? {})
    const snake = field(data, 'result_urls')
    return { kind: 'succeeded', videoUrls: urls.length > 0 ? urls : Array.isArray(snake) ? (snake as string[]) : [] }
  }
  if (typeof code !== 'number') return { kind: 'failed', error: clientError('generation_failed', 'callback', 'KIE callback without a numeric code') }
  return { kind: 'failed', error: clientError(kieFailureKind(code, msg), String(code), msg || `KIE callback code ${code}`) }
}

/** What a callback body says about its task, read like the vendor's status answer. */
export function readCallback(vendor: VendorId, body: unknown): PollReading {
  if (vendor === 'kie') return readKieCallback(body)
  if (vendor === 'xenodia' && field(body, 'task_id') === undefined) return readKieCallback(body)
  // Apixo's failure form with envelope `code: 400` reads the same: its reader decides on data.state (docs/vendors/apixo.md §7.1).
  return PROTOCOLS[vendor].readPoll({ status: 200, body, retryAfterMs: undefined })
}
