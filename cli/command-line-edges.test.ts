// The command line's edges as a user meets them (issue: every usage error is one clear line and
// exit 2; a busy port and an unreachable mock say what to do) and the request log of serve.
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cli = path.join(root, 'dist/cli/veomock.js')
const run = promisify(execFile)

beforeAll(async () => {
  if (!existsSync(cli)) await run('npm', ['run', 'build'], { cwd: root })
}, 120_000)

async function veomock(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [cli, ...args], { cwd: root })
    .then((r) => ({ code: 0, ...r }))
    .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }))
}

describe('usage errors', () => {
  it.each([
    [['serve', '--port', '99999'], 'veomock serve: --port must be a whole number from 0 to 65535, got 99999'],
    [['serve', '--port', '-1'], 'veomock serve: --port must be a whole number from 0 to 65535, got "-1"'],
    [['serve', '--port', '5060'], 'veomock serve: --port 5060 is a port that fetch() refuses to call'],
    [['serve', '--max-tasks', '-5'], 'veomock serve: --max-tasks must be a whole number >= 1, got "-5"'],
    [['serve', '--log-format', 'xml'], 'veomock serve: --log-format must be pretty or json, got "xml"'],
    [['serve', '--public-url', 'veomock:4010'], 'veomock serve: --public-url must be an http(s) URL'],
    [['serve', '--nope'], "veomock serve: Unknown option '--nope'"],
    [['verify', '--vendor', 'kie', '--target', 'bogus'], 'veomock verify: --target must be an http(s) URL, got "bogus"; use mock, live or a base URL'],
    [['verify', '--vendor', 'kie', '--target', 'http://127.0.0.1:6667/kie'], 'uses port 6667, which fetch() refuses to call'],
    [['conformance', '--vendor', 'kie', '--client', 'true', '--mock-url', 'localhost:4010'], 'veomock conformance: --mock-url must be an http(s) URL'],
    [['conformance', '--vendor', 'nobody', '--client', 'true'], 'veomock conformance: --vendor: unknown vendor "nobody"'],
    [['srve'], 'veomock: unknown command "srve"'],
  ])('veomock %j: one line, exit 2', async (args, message) => {
    const { code, stderr } = await veomock(args)
    expect(code).toBe(2)
    expect(stderr).toContain(message)
    expect(stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(stderr).toMatch(/\(see "veomock( \w+)? --help"\)\n$/)
  })

  it('bare veomock prints the overview and exits 2', async () => {
    const { code, stderr } = await veomock([])
    expect(code).toBe(2)
    expect(stderr).toContain('veomock serve [options]')
    expect(stderr).toContain('veomock conformance --vendor')
  })
})

describe('failures that are not usage errors', () => {
  it('a busy port says so and suggests --port', async () => {
    const blocker = net.createServer()
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve))
    const port = (blocker.address() as net.AddressInfo).port
    try {
      const { code, stderr } = await veomock(['serve', '--port', String(port)])
      expect(code).toBe(1)
      expect(stderr).toBe(
        `veomock: Failed to listen on 127.0.0.1:${port}: the port is in use (another veomock?); pick another with --port <n>, or --port 0 for any free port\n`,
      )
    } finally {
      blocker.close()
    }
  })

  it('an unreachable --mock-url names the URL and the cause', async () => {
    const closed = net.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(closed.address() as net.AddressInfo).port}`
    await new Promise((resolve) => closed.close(resolve))
    const { code, stderr } = await veomock(['conformance', '--vendor', 'kie', '--client', 'true', '--mock-url', url])
    expect(code).toBe(1)
    expect(stderr).toContain(`Failed to reach the mock at ${url}: connect ECONNREFUSED`)
    expect(stderr).toContain('is veomock serve running there?')
  })
})

function serve(args: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', ...args], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } })
    let out = ''
    const timer = setTimeout(() => reject(new Error(`Failed to start veomock serve in 20 s: ${out}`)), 20_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk
      const url = /serving on (\S+)/.exec(out)?.[1]
      if (url && out.includes('admin ')) {
        clearTimeout(timer)
        resolve({ child, url, output: () => out })
      }
    })
  })
}

async function linesAfter(output: () => string, count: number): Promise<string[]> {
  const start = Date.now()
  for (;;) {
    const lines = output().split('\n').slice(6).filter(Boolean)
    if (lines.length >= count || Date.now() - start > 10_000) return lines
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('the request log of veomock serve', () => {
  const submit = (url: string) =>
    fetch(`${url}/kie/api/v1/veo/generate?key=sk-in-the-query-123`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-secret-key-123', 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'a secret prompt', model: 'veo3_fast' }),
    })

  it('prints one line per request, with no key, query or prompt in it', async () => {
    const { child, url, output } = await serve([])
    try {
      await submit(url)
      await fetch(`${url}/__admin/health`)
      const lines = await linesAfter(output, 2)
      expect(lines).toHaveLength(2)
      expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\]: kie +POST \/kie\/api\/v1\/veo\/generate 200 success task=\w+ vt=00:00:\d\d \d+\.\dms$/)
      expect(lines[1]).toMatch(/: admin +GET +\/__admin\/health 200 /)
      expect(output()).not.toMatch(/sk-secret|sk-in-the-query|secret prompt/)
    } finally {
      child.kill()
    }
  })

  it('writes JSON lines with --log-format json and nothing with --quiet', async () => {
    const json = await serve(['--log-format', 'json'])
    const quiet = await serve(['--quiet'])
    try {
      await Promise.all([submit(json.url), submit(quiet.url)])
      const [line] = await linesAfter(json.output, 1)
      expect(JSON.parse(line as string)).toMatchObject({ level: 'info', vendor: 'kie', method: 'POST', status: 200, scenario: 'success' })
      await new Promise((r) => setTimeout(r, 200))
      expect(quiet.output().split('\n').slice(6).filter(Boolean)).toEqual([])
    } finally {
      json.child.kill()
      quiet.child.kill()
    }
  })
})
