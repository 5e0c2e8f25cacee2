// Node's fetch rejects with "fetch failed" and hides the reason in `cause` (ECONNREFUSED,
// ENOTFOUND, a TLS error, "bad port"): this says it in words a command line can print.
export function describeFetchError(error: unknown): string {
  const e = error as { message?: string; cause?: { code?: string; message?: string; errors?: Array<{ message?: string }> } }
  const cause = e?.cause
  if (!cause) return e?.message ?? String(error)
  // A host with several addresses fails with an AggregateError: one reason per address.
  const inner = cause.errors?.map((x) => x.message).filter(Boolean)
  const detail = inner?.length ? inner.join('; ') : cause.message
  if (cause.code && detail && !detail.includes(cause.code)) return `${cause.code}: ${detail}`
  return detail ?? cause.code ?? e.message ?? String(error)
}
