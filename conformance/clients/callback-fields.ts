// Where each vendor takes the callback URL in its submit body (contract §5.2): KIE `callBackUrl`,
// Apixo `callback_url` with `request_type: "callback"`, Xenodia `callBackUrl`, odkkk `callback_url`.
// @see docs/vendors/kie.md §4.1, docs/vendors/apixo.md §3.1, docs/vendors/xenodia.md §3.1, docs/vendors/odkkk.md §3.1
import type { VendorId } from '../../vendors/index.js'

export function withCallbackUrl(vendor: VendorId, body: unknown, url: string): Record<string, unknown> {
  const base = body && typeof body === 'object' ? (body as Record<string, unknown>) : {}
  switch (vendor) {
    case 'kie':
    case 'xenodia':
      return { ...base, callBackUrl: url }
    case 'apixo':
      // Apixo posts only in callback mode; `callback_url` is required with it (seed S003).
      return { ...base, request_type: 'callback', callback_url: url }
    case 'odkkk':
      return { ...base, callback_url: url }
  }
}
