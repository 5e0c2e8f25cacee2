import { describe, expect, it } from 'vitest'
import { portProblem, urlProblem } from './ports.js'

describe('portProblem', () => {
  it.each([
    ['4010', null],
    ['0', null],
    ['65535', null],
    ['99999', '--port must be a whole number from 0 to 65535, got 99999'],
    ['-1', '--port must be a whole number from 0 to 65535, got "-1"'],
    ['4010.5', '--port must be a whole number from 0 to 65535, got "4010.5"'],
    ['http', '--port must be a whole number from 0 to 65535, got "http"'],
  ])('%s → %s', (raw, want) => {
    expect(portProblem(raw)).toBe(want)
  })

  it('refuses the ports fetch() will not call, which would make the mock unreachable for its own verify', async () => {
    expect(portProblem('5060')).toMatch(/^--port 5060 is a port that fetch\(\) refuses to call/)
    // The list is the platform's: Node's fetch refuses 5060 without opening a connection.
    const refused = await fetch('http://127.0.0.1:5060/').catch((error: Error & { cause?: Error }) => error.cause?.message)
    expect(refused).toBe('bad port')
  })
})

describe('urlProblem', () => {
  it('accepts http(s) URLs on usable ports and names the flag otherwise', () => {
    expect(urlProblem('http://127.0.0.1:4010', '--mock-url')).toBeNull()
    expect(urlProblem('ftp://x', '--mock-url')).toBe('--mock-url must be an http(s) URL, got "ftp://x"')
    expect(urlProblem('nonsense', '--target')).toBe('--target must be an http(s) URL, got "nonsense"')
    expect(urlProblem('http://127.0.0.1:6667/kie', '--target')).toMatch(/uses port 6667, which fetch\(\) refuses/)
  })
})
