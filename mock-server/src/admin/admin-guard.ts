// Who may use the admin API. It can reset everyone's state and add failure rules, so:
//   - writes must be JSON (or carry no body): a web page can POST text/plain or a form to any
//     address without asking, but not application/json (that needs a CORS preflight);
//   - a write from a browser must come from the mock's own origin, on a host name that is the
//     mock's (an IP literal, localhost, this machine's name, --host): another site cannot write,
//     and neither can a DNS name rebound to 127.0.0.1;
//   - with --admin-token (or VEOMOCK_ADMIN_TOKEN) every admin call but the health check and the
//     admin page needs `Authorization: Bearer <token>` or `x-veomock-admin-token: <token>`.
// Errors are problem+json like every admin error (specs/admin.openapi.yaml).
import { createHash, timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { NextFunction, Request, Response } from 'express'

export interface AdminGuardOptions {
  /** Required on admin calls when set. */
  token?: string
  /** Host names (besides IP literals and localhost) the admin API answers writes for. */
  hosts?: readonly string[]
  /** Browser origins allowed to write besides the mock's own ("*" = any), e.g. from --cors. */
  origins?: readonly string[]
}

export const ADMIN_TOKEN_HEADER = 'x-veomock-admin-token'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i

function refuse(req: Request, res: Response, status: number, title: string, detail: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: `https://veomock.dev/problems/${title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
        title,
        status,
        detail,
        instance: req.originalUrl,
      }),
    )
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

function presentedToken(req: Request): string | undefined {
  const header = req.headers[ADMIN_TOKEN_HEADER]
  if (typeof header === 'string' && header) return header
  const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')
  return m?.[1]?.trim()
}

function hostName(hostHeader: string): string {
  return hostHeader
    .replace(/:\d+$/, '')
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
}

/** Express middleware for /__admin (mounted before the admin routes). */
export function adminGuard(options: AdminGuardOptions = {}) {
  const expected = options.token ? digest(options.token) : undefined
  const hosts = new Set((options.hosts ?? []).map((h) => h.toLowerCase()))
  const origins = new Set(options.origins ?? [])
  const trustedHost = (name: string) => isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost') || hosts.has(name)

  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path
    const open = SAFE_METHODS.has(req.method) && (path === '/health' || path === '/' || path === '/ui' || path.startsWith('/ui/') || path.startsWith('/specs/'))
    if (expected && !open) {
      const token = presentedToken(req)
      // Compared as digests: constant time whatever the lengths.
      if (!token || !timingSafeEqual(digest(token), expected)) {
        res.setHeader('www-authenticate', 'Bearer realm="veomock admin"')
        return refuse(
          req,
          res,
          401,
          'Unauthorized',
          `This mock's admin API needs its token (--admin-token): send "Authorization: Bearer <token>" or "${ADMIN_TOKEN_HEADER}: <token>"`,
        )
      }
    }
    if (SAFE_METHODS.has(req.method)) return next()

    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined
    const type = req.headers['content-type']
    if (hasBody && !(type && JSON_TYPE.test(type))) {
      return refuse(req, res, 415, 'Unsupported Media Type', `Admin request bodies must be application/json, not ${type ?? 'untyped'}`)
    }
    const origin = req.headers.origin
    const site = req.headers['sec-fetch-site']
    if (origin !== undefined && !origins.has('*') && !origins.has(origin)) {
      let originHost: string | undefined
      try {
        originHost = origin === 'null' ? undefined : new URL(origin).host.toLowerCase()
      } catch {
        originHost = undefined
      }
      const host = (req.headers.host ?? '').toLowerCase()
      if (originHost !== host) return refuse(req, res, 403, 'Forbidden', `Admin writes from another site (Origin ${origin}) are refused`)
      if (!trustedHost(hostName(host)))
        return refuse(req, res, 403, 'Forbidden', `Admin writes through the host name ${hostName(host)} are refused; use the mock's address`)
    } else if (origin === undefined && (site === 'cross-site' || site === 'same-site')) {
      return refuse(req, res, 403, 'Forbidden', `Admin writes from another site (Sec-Fetch-Site: ${site}) are refused`)
    }
    next()
  }
}
