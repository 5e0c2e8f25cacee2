#!/usr/bin/env -S node --max-old-space-size=320
// The heap cap keeps a long run's memory flat: under load V8 otherwise lets garbage grow the heap
// to several times the live data (bench/scale.mjs: 100k tasks are ~80 MB live, 400+ MB RSS
// uncapped, ~230 MB capped). The default task and journal caps fit well inside it.
// `veomock serve | conformance | webhooks | verify | prism`: the command line of contract §1, §5, §6 and §8.
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { VERSION } from '../mock-server/src/version.js'
import { usageLine } from '../mock-server/src/usage.js'
import { UsageError } from './usage.js'

export { UsageError } from './usage.js'

const MAIN_HELP = `veomock ${VERSION}: contract testing for the Veo 3.1 APIs of KIE.ai, Apixo, Xenodia and odkkk.

Usage:
  veomock serve [options]                                   run the mock (see veomock serve --help)
  veomock conformance --vendor <id> --client "<command>"   judge a client implementation (any language);
                                                            --mode callback for a client that receives callbacks
  veomock webhooks --vendor <id> --to <url> [--secret <k>] judge your service's webhook endpoint
  veomock verify --vendor <id> --target mock|live|<url>     probe a vendor (or the mock) for drift
  veomock prism <vendor>                                    a stateless Prism mock of one vendor's spec

Run "veomock <command> --help" for each command's options.
`

const COMMANDS = new Set(['serve', 'conformance', 'verify', 'prism', 'webhooks'])

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    switch (command) {
      case 'serve':
        await (await import('./serve.js')).serveCommand(rest)
        return 0
      case 'conformance':
        return await (await import('./conformance.js')).conformanceCommand(rest)
      case 'webhooks':
        return await (await import('./webhooks.js')).webhooksCommand(rest)
      case 'verify':
        return await (await import('./verify.js')).verifyCommand(rest)
      case 'prism':
        return await (await import('./prism.js')).prismCommand(rest)
      case '--version':
      case '-v':
        process.stdout.write(`${VERSION}\n`)
        return 0
      case undefined:
        // Nothing to do is a usage error: say what there is to do, on stderr, exit 2.
        process.stderr.write(MAIN_HELP)
        return 2
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(MAIN_HELP)
        return 0
      default:
        throw new UsageError(`unknown command "${command}"`)
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(usageLine(command === undefined || !COMMANDS.has(command) ? undefined : command, (error as Error).message))
      return 2
    }
    process.stderr.write(`veomock: ${(error as Error).message}\n`)
    return 1
  }
}

// Run when this file is the program (also through npm's bin symlink), not when imported by tests.
function isEntryPoint(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntryPoint()) {
  const code = await main(process.argv.slice(2))
  // serve keeps running; other commands exit with their code.
  if (process.argv[2] !== 'serve' || code !== 0) process.exit(code)
}
