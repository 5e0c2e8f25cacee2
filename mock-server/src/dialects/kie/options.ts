// KIE's switches, exactly the `KieOptions` of specs/admin.openapi.yaml (GET/PATCH /__admin/options).
import type { components as Admin } from '../../../../generated/admin.js'
import type { VendorOptions } from '../../core/dialect.js'

export type KieOptions = Required<Admin['schemas']['KieOptions']>
export type KieErrorTransport = KieOptions['errorTransport']

export const KIE_DEFAULT_OPTIONS = {
  // K-HMAC: signing is opt-in per account ("generate a webhookHmacKey at kie.ai/settings"); off by default.
  webhookHmacKey: null,
  // KIE answers business errors with HTTP 200 and the verdict in body `code` (docs/vendors/kie.md §3, §8.1).
  errorTransport: 'http200',
  // Veo callbacks carry `data.taskId` only; the K-HMAC sample's `data.task_id` / top-level `taskId` are opt-in (§8.12).
  callbackTaskIdFields: false,
} as const satisfies KieOptions

/** The HMAC key is a secret: never echoed by the admin API nor written to journals. */
export const KIE_SECRET_OPTIONS = ['webhookHmacKey'] as const

/** The options a request sees, with defaults for anything missing or mistyped. */
export function kieOptions(options: VendorOptions): KieOptions {
  const key = options.webhookHmacKey
  return {
    webhookHmacKey: typeof key === 'string' && key !== '' ? key : null,
    errorTransport: options.errorTransport === 'http-status' ? 'http-status' : 'http200',
    callbackTaskIdFields: options.callbackTaskIdFields === true,
  }
}
