// Picks the namespace of a request from its `/ns/<name>` prefix (contract §4.1) and hands the
// request on with the prefix removed; URLs without it go to the default namespace unchanged.
import type http from 'node:http'
import { problemResponse } from './namespace-app.js'
import { DEFAULT_NAMESPACE, splitNamespace } from './namespace-path.js'
import { type NamespaceHandle, type NamespaceRegistry, TooManyNamespacesError } from './namespace-registry.js'

export function namespaceRouter<N extends NamespaceHandle & { handler: http.RequestListener }>(
  registry: NamespaceRegistry<N>,
  main: N,
  now: () => number,
): http.RequestListener {
  return (req, res) => {
    const url = req.url ?? '/'
    const split = url.startsWith('/ns/') ? splitNamespace(url) : undefined
    if (!split) return main.handler(req, res)
    if (split.name === undefined)
      return problemResponse(res, 404, 'Not Found', `"${split.raw}" is not a namespace name: use 1 to 64 letters, digits, ".", "_" or "-" (contract §4.1)`)
    let ns: N
    try {
      ns = split.name === DEFAULT_NAMESPACE ? main : registry.get(split.name)
    } catch (error) {
      if (error instanceof TooManyNamespacesError) return problemResponse(res, 503, 'Service Unavailable', error.message)
      throw error
    }
    if (ns === main) main.lastUsed = now()
    req.url = split.rest
    ns.handler(req, res)
  }
}
