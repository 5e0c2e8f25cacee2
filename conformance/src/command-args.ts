// Flag parsing the suite's commands share (conformance, webhooks, verify): a UsageError is exit 2
// with its message on one line (mock-server/src/usage.ts usageLine).
import { type ParseArgsConfig, parseArgs } from 'node:util'
import { VENDOR_IDS, type VendorId } from '../../vendors/index.js'
import { usageLine } from '../../mock-server/src/usage.js'
import { parseFormats, type ReportFormat } from './report/report.js'

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>
/** The values parseArgs gives for these options (named, so declarations can be emitted). */
export type FlagValues<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values']

/** node:util parseArgs, strict, no positionals; its complaints become UsageErrors. */
export function parseFlags<const O extends Options>(argv: string[], options: O): FlagValues<O> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** `--vendor kie`, `--vendor kie,odkkk` or `--vendor all`. */
export function parseVendorList(raw: string | undefined): VendorId[] {
  if (!raw) throw new UsageError('--vendor is required (a vendor id, a comma-separated list, or all)')
  if (raw.trim() === 'all') return [...VENDOR_IDS]
  const list = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  for (const v of list)
    if (!(VENDOR_IDS as readonly string[]).includes(v)) throw new UsageError(`--vendor: unknown vendor "${v}"; choose from ${VENDOR_IDS.join(', ')} or all`)
  return list as VendorId[]
}

/** `--report junit,json,html`. */
export function parseReportFormats(raw: string | undefined): ReportFormat[] {
  try {
    return parseFormats(raw)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
}

/** A number > 0 (whole when `integer`), or undefined when the flag is absent. */
export function positiveNumber(name: string, raw: string | undefined, integer: boolean): number | undefined {
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new UsageError(`--${name} must be a positive ${integer ? 'whole ' : ''}number, got "${raw}"`)
  return n
}

/** `--spend n`: a whole number >= 0; 0 when absent. */
export function parseSpend(raw: string | undefined): number {
  const spend = raw === undefined ? 0 : Number(raw)
  if (!Number.isInteger(spend) || spend < 0) throw new UsageError(`--spend must be a whole number >= 0, got "${raw}"`)
  return spend
}

/** A comma-separated list of ids, blanks dropped. */
export function parseIdList(raw: string | undefined): string[] | undefined {
  return raw
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean)
}

/**
 * The parsed command, or the exit code when there is nothing to run: a UsageError is one line on
 * stderr (exit 2), --help prints `help` (exit 0).
 */
export function parsedOrExit<T extends { help: boolean }>(command: string, help: string, parse: () => T): T | number {
  let parsed: T
  try {
    parsed = parse()
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    process.stderr.write(usageLine(command, error.message))
    return 2
  }
  if (!parsed.help) return parsed
  process.stdout.write(help)
  return 0
}
