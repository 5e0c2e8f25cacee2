import { describe, expect, it } from 'vitest'
import { joinNegativeNumbers, usageLine } from './usage.js'

describe('usage errors', () => {
  it('are one line naming the command, the problem and where to read more', () => {
    expect(usageLine('serve', '--port must be a whole number from 0 to 65535, got 99999')).toBe(
      'veomock serve: --port must be a whole number from 0 to 65535, got 99999 (see "veomock serve --help")\n',
    )
    expect(usageLine(undefined, 'unknown command "srve"')).toBe('veomock: unknown command "srve" (see "veomock --help")\n')
    expect(usageLine('verify', "Unknown option '--x'. To specify a positional argument starting with a '-', place it at the end")).toMatch(/^[^\n]*\n$/)
    expect(usageLine('serve', "Option '--port' argument is ambiguous.\nDid you forget to specify the option argument for '--port'?")).toBe(
      `veomock serve: Option '--port' argument is ambiguous. (see "veomock serve --help")\n`,
    )
  })

  it('pass a negative number to the option before it, so its own check can name the problem', () => {
    const valued = new Set(['--port', '--seed'])
    expect(joinNegativeNumbers(['--port', '-1', '--strict'], valued)).toEqual(['--port=-1', '--strict'])
    expect(joinNegativeNumbers(['--seed', '-7'], valued)).toEqual(['--seed=-7'])
    expect(joinNegativeNumbers(['--strict', '-h'], valued)).toEqual(['--strict', '-h'])
  })
})
