// Judges of how the client reaches the vendor: every request under the vendor's base path, and
// recovery from a request the mock leaves unanswered (`hang`) or cuts (`connection_reset`).
import { cite } from './ambiguity-register.js'
import { evidenceOf, isResultFile, isSubmit, isUnanswered, type Judge, originOf } from './journal-reading.js'

/**
 * Where the vendor's real base URL has a path (odkkk `https://ai.odkkk.com/apiv1`), every request
 * stays under the base URL the client was given: a client that resolves `/v1/...` against the host
 * drops it, and in production every such call misses. Xenodia's host-absolute `poll_url` is fine:
 * its real base URL has no path (register all.base-path).
 */
export const basePath: Judge = ({ entries, unattributed, profile, basePath: base }) => {
  if (!entries || base === undefined || profile.realBasePath === '') return []
  const prefix = `${base.replace(/\/+$/, '')}/`
  // Result files are absolute URLs the vendor hands out (a CDN in production), not calls on the base URL.
  const outside = [...entries, ...(unattributed ?? [])].filter((e) => !isResultFile(e) && !e.path.startsWith(prefix))
  if (outside.length === 0) return []
  const origin = originOf(entries)
  return [
    {
      check: 'base-path',
      message: `${outside.length} request(s) went outside the base URL's path ${base} (the real base URL is …${profile.realBasePath}): the client dropped the base path`,
      evidence: outside.slice(0, 4).map((e) => evidenceOf(e, origin, `outside ${base}`)),
      register: cite('all.base-path'),
    },
  ]
}

/**
 * After a request the mock left unanswered (journalled with status 0), the client comes back on its
 * own: a per-request timeout ends a hung poll, a cut connection is retried (a cut submit created
 * nothing, contract §3). A client that never sends another request has no way out but its budget.
 */
export const requestTimeout: Judge = ({ entries, profile, outcome }) => {
  if (!entries) return []
  const origin = originOf(entries)
  const last = entries[entries.length - 1]
  if (!last || !isUnanswered(last)) return []
  const what = isSubmit(last, profile) ? 'submit' : 'poll'
  return [
    {
      check: 'request-timeout',
      message: `the mock left a ${what} unanswered and the client never sent another request${outcome ? '' : ' (it had to be stopped)'}: it needs a per-request timeout and a retry of the cut or timed-out request`,
      evidence: [evidenceOf(last, origin, 'unanswered by the mock; nothing came after it')],
    },
  ]
}
