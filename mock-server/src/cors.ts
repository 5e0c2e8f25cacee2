// Opt-in CORS (`serve --cors`), for browser clients that call a vendor API straight from a page.
// It covers the vendor APIs, their result files and the served specs; the admin API stays
// same-origin, so a page on another origin cannot move the clock or reset the mock.
import type http from 'node:http'
import cors from 'cors'

/** `true`: any origin (`*`); a list: only those origins (e.g. `http://localhost:5173`). */
export type CorsOption = boolean | readonly string[]

// Headers a client may need to read: rate-limit hints and partial downloads of result files.
const EXPOSED = ['Retry-After', 'Content-Range', 'Accept-Ranges', 'Content-Length', 'Location']

// /__admin, also inside a namespace (/ns/<name>/__admin, contract §4.1), except the specs.
const ADMIN = /^(?:\/ns\/[^/]+)?\/__admin(?:\/|$)(?!specs\/)/

/** The admin API is never cross-origin; only the specs under it are. */
export function corsApplies(pathname: string): boolean {
  return !ADMIN.test(pathname)
}

/** Wraps a request listener so that allowed requests carry CORS headers and preflights are answered. */
export function withCors(option: CorsOption, listener: http.RequestListener): http.RequestListener {
  if (option === false) return listener
  const middleware = cors({
    origin: option === true ? '*' : [...option],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: EXPOSED,
    maxAge: 600,
  })
  return (req, res) => {
    const url = req.url ?? '/'
    const q = url.indexOf('?')
    if (!corsApplies(q < 0 ? url : url.slice(0, q))) return listener(req, res)
    // cors answers a preflight itself (204) and calls next for every other request.
    middleware(req, res, () => listener(req, res))
  }
}
