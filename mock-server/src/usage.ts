// How every veomock command reports a usage error: one line naming the command and the problem,
// with where to read more, and exit code 2.

/** `veomock serve: --port must be … (see "veomock serve --help")` */
export function usageLine(command: string | undefined, message: string): string {
  const name = command ? `veomock ${command}` : 'veomock'
  // parseArgs explains itself over several lines; its first says what is wrong.
  const first = message.split('\n')[0]?.trim() ?? message
  return `${name}: ${first} (see "${name} --help")\n`
}

/**
 * `--port -1` reads to parseArgs as a missing value followed by an option "-1" ("ambiguous").
 * A negative number after an option that takes a value is that option's value: pass it as
 * `--port=-1`, so the command's own check can say what is wrong with it.
 */
export function joinNegativeNumbers(argv: readonly string[], valued: ReadonlySet<string>): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    const next = argv[i + 1]
    if (valued.has(arg) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
}
