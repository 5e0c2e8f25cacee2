// The `/ns/<name>` prefix of contract §4.1: it selects a namespace in front of any vendor or admin
// URL. Names are short and URL-safe so they can also name keys in a shared store.

/** The namespace of URLs without the prefix (also reachable as /ns/default). */
export const DEFAULT_NAMESPACE = 'default'

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/

export function isNamespaceName(name: string): boolean {
  return NAME.test(name)
}

export interface NamespacedUrl {
  /** The namespace's name, or undefined when the name is not valid. */
  name: string | undefined
  /** The raw name as written in the URL (for error messages). */
  raw: string
  /** The URL after the prefix, starting with `/` (query kept). */
  rest: string
}

/** `/ns/job-1/kie/api?x` → { name: 'job-1', rest: '/kie/api?x' }; undefined without the prefix. */
export function splitNamespace(url: string): NamespacedUrl | undefined {
  if (!url.startsWith('/ns/')) return undefined
  const end = url.slice(4).search(/[/?]/)
  const raw = end < 0 ? url.slice(4) : url.slice(4, 4 + end)
  let rest = end < 0 ? '/' : url.slice(4 + end)
  if (rest.startsWith('?')) rest = `/${rest}`
  let name: string | undefined
  try {
    const decoded = decodeURIComponent(raw)
    name = isNamespaceName(decoded) ? decoded : undefined
  } catch {
    name = undefined
  }
  return { name, raw, rest }
}

/** Idle times like `90s`, `30m`, `2h`, `1d` or plain milliseconds; `0` or `off` never expires. */
export function parseIdle(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim())
  if (raw.trim() === 'off') return 0
  if (!m) throw new Error(`Failed to read the idle time "${raw}": use a number with ms, s, m, h or d (e.g. 30m), or off`)
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 'ms') as 'ms']
  return Math.round(Number(m[1]) * unit)
}
