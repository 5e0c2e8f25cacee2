// odkkk task callbacks: the task detail POSTed to `callback_url` when the task settles.
// @see https://ai.odkkk.com/apiv1, https://docs.evolink.ai/en/api-manual/video-series/veo3.1/veo3.1-fast-video-generate (docs/vendors/odkkk.md §5)
import type { DialectCallbacks } from '../../core/dialect.js'
import type { CallbackPolicy } from '../../../../lib/callbacks.js'
import { renderTaskDetail, STATUS_BY_STATE } from './task-detail.js'

/** The spec's `webhooks:` entry the body is validated against. */
export const WEBHOOK_NAME = 'taskCallback'

// Timeout 10 s; up to 3 retries after 1 s / 2 s / 4 s; any 2xx is delivered, other statuses retry (S004, E-FAST).
export const CALLBACK_POLICY: CallbackPolicy = {
  timeoutMs: 10_000,
  retryDelaysMs: [1_000, 2_000, 4_000],
  isDelivered: (status) => status >= 200 && status < 300,
  source: 'https://docs.evolink.ai/en/api-manual/video-series/veo3.1/veo3.1-fast-video-generate (docs/vendors/odkkk.md §5)',
}

/**
 * This dialect's options, exactly `OdkkkOptions` in specs/admin.openapi.yaml: `strictCallbacks` applies
 * the documented HTTPS / no-internal-address rule; off by default so local receivers work (notes §7.10).
 */
export const ODKKK_DEFAULT_OPTIONS: { strictCallbacks: boolean } = { strictCallbacks: false }

/** URLs longer than this are refused (S004 `callback_url`). */
export const MAX_CALLBACK_URL_LENGTH = 2048

function ipv4(host: string): number[] | undefined {
  const parts = host.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined
  const octets = parts.map(Number)
  return octets.every((o) => o <= 255) ? octets : undefined
}

/** Whether a URL host is loopback, private, link-local or unspecified (the vendor's "internal IPs"). */
export function isInternalHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1]
  const v4 = ipv4(mapped ?? host)
  if (v4) {
    const [a = 0, b = 0] = v4
    return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  }
  if (host.includes(':')) {
    // ::1 loopback, :: unspecified, fc00::/7 unique-local, fe80::/10 link-local.
    return host === '::1' || host === '::' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host)
  }
  return false
}

/**
 * Why a callback URL is refused under the vendor's documented rules ("HTTPS only", no internal IPs,
 * ≤ 2048 characters), or undefined when it is acceptable. Only applied with the `strictCallbacks`
 * option: by default veomock lets local `http://` receivers work (notes §7.10, INFER).
 */
export function callbackUrlProblem(url: string): string | undefined {
  if (url.length > MAX_CALLBACK_URL_LENGTH) return `callback_url must be at most ${MAX_CALLBACK_URL_LENGTH} characters`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'callback_url must be a valid URL'
  }
  if (parsed.protocol !== 'https:') return 'callback_url must use HTTPS'
  if (isInternalHost(parsed.hostname)) return 'callback_url must not point at an internal address'
  return undefined
}

export const odkkkCallbacks = {
  policy: CALLBACK_POLICY,
  webhook: () => WEBHOOK_NAME,
  // The body is "consistent with the task query API response format" (S004); no signature header is documented.
  // The journal's event name is the task's odkkk status at the attempt (`completed`, `failed`).
  render: (task, view, ctx, attemptAt) => ({ event: STATUS_BY_STATE[view.state], body: renderTaskDetail(task, view, ctx, attemptAt) }),
} satisfies DialectCallbacks
