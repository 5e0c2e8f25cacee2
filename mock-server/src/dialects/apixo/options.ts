// Apixo's behaviour switches: the `apixo` section of `Options` in specs/admin.openapi.yaml.
import type { components as AdminComponents } from '../../../../generated/admin.js'
import type { VendorOptions } from '../../core/dialect.js'

export type ApixoOptions = Required<AdminComponents['schemas']['ApixoOptions']>
export type FailureCallbackForm = ApixoOptions['failureCallbackForm']

/** Result URLs expire after 24 hours (A-RF) rather than S003's 15 days: the shorter, safer choice. @see https://apixo.ai/docs/api-reference/response-format (docs/vendors/apixo.md §7.9) */
export const URL_LIFETIME_MS = 24 * 60 * 60 * 1000

export const defaultApixoOptions = {
  // The later webhooks page sends failures with `code: 200`; S001 sent `code: 400`. @see https://apixo.ai/docs/api-reference/webhooks (docs/vendors/apixo.md §7.1)
  failureCallbackForm: 'code200',
  urlLifetimeMs: URL_LIFETIME_MS,
} satisfies ApixoOptions

/** The options in effect, falling back to the defaults for anything missing or malformed. */
export function apixoOptions(options: VendorOptions): ApixoOptions {
  const form = options.failureCallbackForm
  const lifetime = options.urlLifetimeMs
  return {
    failureCallbackForm: form === 'code400' || form === 'code200' ? form : defaultApixoOptions.failureCallbackForm,
    urlLifetimeMs: typeof lifetime === 'number' && Number.isFinite(lifetime) && lifetime >= 0 ? lifetime : defaultApixoOptions.urlLifetimeMs,
  }
}
