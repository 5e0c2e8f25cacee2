// The Dockerfile, the compose example and the GitHub Actions examples cannot be run here (no Docker
// engine, no Actions runner), so this test reads them as their tools do and checks what they rely
// on: every veomock command and flag they pass exists (against the CLI's own --help), every path
// they copy or mount exists, the image runs as a non-root user with a health check, and the
// example client really generates a video against the mock.
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { startMockServer } from '../mock-server/src/server.js'

const run = promisify(execFile)
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')
const pkg = JSON.parse(read('package.json')) as { bin: Record<string, string>; scripts: Record<string, string>; engines: { node: string }; files: string[] }
const bin = path.join(root, pkg.bin.veomock as string)
const VENDORS = ['kie', 'apixo', 'xenodia', 'odkkk']

/** Splits a shell command line into words, honouring '…' and "…" (what these files use). */
export function shellWords(line: string): string[] {
  const words: string[] = []
  for (const m of line.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(m[1] ?? m[2] ?? m[3] ?? '')
  return words
}

const helpCache = new Map<string, Promise<string>>()
const helpOf = (command: string) => {
  if (!helpCache.has(command))
    helpCache.set(
      command,
      run(process.execPath, [bin, command, '--help']).then((r) => r.stdout),
    )
  return helpCache.get(command) as Promise<string>
}

/** Checks one veomock invocation (the words after `veomock`): command known, every flag documented. */
async function checkVeomock(args: string[], where: string): Promise<void> {
  const [command, ...rest] = args
  expect(['serve', 'conformance', 'verify', 'webhooks', 'prism'], `${where}: veomock ${command}`).toContain(command)
  const help = await helpOf(command as string)
  for (const [i, word] of rest.entries()) {
    if (!word.startsWith('--')) continue
    const flag = word.split('=')[0] as string
    expect(help, `${where}: veomock ${command} ${flag} is not in its --help`).toMatch(new RegExp(`(^|\\s)${flag}(\\s|$|,)`, 'm'))
    const value = rest[i + 1] ?? ''
    if (flag === '--vendor' && !value.includes('${{')) for (const v of value.split(',')) expect([...VENDORS, 'all']).toContain(v)
    if (flag === '--report') for (const f of value.split(',')) expect(['junit', 'json', 'html']).toContain(f)
  }
}

/** Every command line in a workflow's run steps: veomock through npx, npm subcommands. */
async function checkRunLine(line: string, where: string): Promise<void> {
  const words = shellWords(line.trim())
  if (words[0] === 'npx' && words[1] === 'veomock') return checkVeomock(words.slice(2), where)
  if (words[0] === 'npm') return void expect(['ci', 'install', 'test'], `${where}: npm ${words[1]}`).toContain(words[1])
  throw new Error(`${where}: unexpected command "${line}"`)
}

beforeAll(async () => {
  if (!existsSync(bin)) await run('npm', ['run', 'build'], { cwd: root })
}, 120_000)

describe('the Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.trim().startsWith('#'))
  const instructions = lines.map((l) => {
    const [keyword, ...rest] = l.trim().split(/\s+/)
    return { keyword: (keyword as string).toUpperCase(), args: rest.join(' ') }
  })
  const stages = instructions.filter((i) => i.keyword === 'FROM')
  const finalStage = instructions.slice(instructions.lastIndexOf(stages.at(-1) as (typeof instructions)[number]))
  const json = (keyword: string) => JSON.parse(finalStage.find((i) => i.keyword === keyword)?.args ?? 'null') as string[]

  it('builds in one stage and runs from a slim one on a Node the package supports', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    expect(stages[0]?.args).toMatch(/ AS build$/)
    for (const stage of stages) expect(Number(/node:(\d+)/.exec(stage.args)?.[1])).toBeGreaterThanOrEqual(Number(/\d+/.exec(pkg.engines.node)?.[0]))
    expect(instructions.some((i) => i.keyword === 'RUN' && i.args.includes('npm run build'))).toBe(true)
    expect(pkg.scripts.build).toBeDefined()
  })

  it('copies into the final stage only what the published package ships', () => {
    for (const copy of finalStage.filter((i) => i.keyword === 'COPY')) {
      const [source] = copy.args.replace('--from=build ', '').split(' ')
      // package.json files entries, without their globs (specs/*.openapi.yaml ships specs/).
      const shipped = ['package.json', 'node_modules', ...pkg.files.filter((f) => !f.startsWith('!')).map((f) => f.replace(/\/\*.*$/, ''))]
      expect(shipped, `COPY ${source}`).toContain(source?.replace(/^\/app\//, ''))
    }
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['node_modules', 'dist']))
  })

  it('runs as the unprivileged node user with a health check on /__admin/health', () => {
    const user = finalStage.filter((i) => i.keyword === 'USER').at(-1)?.args
    expect(user).toBe('node')
    const health = finalStage.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? ''
    expect(health).toContain('http://127.0.0.1:4010/__admin/health')
    expect(finalStage.find((i) => i.keyword === 'EXPOSE')?.args).toBe('4010')
  })

  it('starts the package bin with a serve command whose flags exist', async () => {
    const entrypoint = json('ENTRYPOINT')
    expect(entrypoint.at(-1)).toBe(pkg.bin.veomock)
    const cmd = json('CMD')
    expect(cmd.slice(cmd.indexOf('--port'), cmd.indexOf('--port') + 2)).toEqual(['--port', '4010'])
    await checkVeomock(cmd, 'Dockerfile CMD')
  })

  it('is run by the README exactly as the Dockerfile says', async () => {
    const readme = read('README.md')
    for (const line of read('Dockerfile').match(/^# {3}docker .*$/gm) ?? []) expect(readme).toContain(line.slice(4))
    for (const line of readme.match(/^docker run .*$/gm) ?? []) {
      const words = shellWords(line)
      const image = words.findIndex((w) => w === 'veomock' || w.startsWith('veomock:'))
      if (words[image + 1]) await checkVeomock(words.slice(image + 1), `README: ${line}`)
    }
  })
})

describe('the compose example', () => {
  const dir = 'examples/docker-compose'
  const compose = parse(read(`${dir}/compose.yaml`)) as {
    services: Record<
      string,
      {
        build?: { context: string }
        command: string[]
        depends_on?: Record<string, { condition: string }>
        environment?: Record<string, string>
        volumes?: string[]
      }
    >
  }
  const { veomock, client } = compose.services

  it('builds the image from this repository and serves with flags that exist', async () => {
    expect(existsSync(path.join(root, dir, veomock?.build?.context ?? '', 'Dockerfile'))).toBe(true)
    await checkVeomock(veomock?.command ?? [], 'compose veomock')
    const publicUrl = veomock?.command[(veomock?.command.indexOf('--public-url') ?? 0) + 1]
    expect(publicUrl).toBe('http://veomock:4010')
  })

  it('starts the client once the mock is healthy and points it at the mock by service name', () => {
    expect(client?.depends_on?.veomock?.condition).toBe('service_healthy')
    expect(client?.environment?.VEO_BASE_URL).toBe('http://veomock:4010/kie')
    const [source] = (client?.volumes?.[0] ?? '').split(':')
    expect(existsSync(path.join(root, dir, source as string, client?.command.at(-1) as string))).toBe(true)
  })

  it('has a client that really generates and downloads a video from the mock', async () => {
    const mock = await startMockServer({ port: 0, timeScale: 600, vendors: ['kie'] })
    try {
      const { stdout } = await run(process.execPath, [path.join(root, dir, 'client', 'generate.mjs')], {
        env: { ...process.env, VEO_BASE_URL: mock.baseUrls.kie, VEO_API_KEY: 'any-key' },
      })
      expect(stdout).toMatch(/downloaded http:\/\/127\.0\.0\.1:\d+\/kie\/files\/\S+: video\/mp4, \d+ bytes/)
    } finally {
      await mock.close()
    }
  })
})

describe('the GitHub Actions examples', () => {
  type Step = { uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }
  type Workflow = {
    on: Record<string, unknown>
    concurrency?: unknown
    jobs: Record<string, { 'timeout-minutes'?: number; steps: Step[]; env?: Record<string, string> }>
  }
  const workflow = (name: string) => parse(read(`examples/github-actions/${name}`)) as Workflow
  const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps)

  it.each(['veo-conformance.yml', 'veo-drift-nightly.yml'])('%s runs only commands and flags that exist, with pinned actions', async (name) => {
    const w = workflow(name)
    for (const step of steps(w)) {
      if (step.uses) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/)
      for (const line of (step.run ?? '').split('\n').filter(Boolean)) await checkRunLine(line, name)
    }
    for (const job of Object.values(w.jobs)) expect(job['timeout-minutes']).toBeGreaterThan(0)
  })

  it('conformance: runs the client through the suite and publishes the JUnit file it writes', () => {
    const all = steps(workflow('veo-conformance.yml'))
    const command = shellWords(all.find((s) => s.run?.includes('veomock conformance'))?.run ?? '')
    const out = command[command.indexOf('--out') + 1]?.replace(/\/$/, '')
    expect(command[command.indexOf('--report') + 1]).toContain('junit')
    // writeReports names the JUnit file report.junit.xml (conformance/src/report/report.ts).
    expect(all.find((s) => s.with?.report_paths)?.with?.report_paths).toBe(`${out}/report.junit.xml`)
    expect(all.find((s) => s.uses?.startsWith('actions/upload-artifact'))?.with?.path).toBe(`${out}/`)
  })

  it('drift: nightly, live, spend capped, one run at a time, keys from secrets', async () => {
    const w = workflow('veo-drift-nightly.yml')
    expect(w.on.schedule).toEqual([{ cron: expect.stringMatching(/^\S+ \S+ \* \* \*$/) }])
    expect(w.concurrency).toBeDefined()
    const job = Object.values(w.jobs)[0]!
    const command = shellWords(job.steps.find((s) => s.run?.includes('veomock verify'))?.run ?? '')
    expect(command[command.indexOf('--target') + 1]).toBe('live')
    expect(command[command.indexOf('--spend') + 1]).toBe('$VEO_SPEND_CAP')
    expect(job.env?.VEO_SPEND_CAP).toBeDefined()
    const help = await helpOf('verify')
    for (const key of ['KIE_API_KEY', 'APIXO_API_KEY', 'XENODIA_API_KEY', 'ODKKK_API_KEY']) {
      expect(help).toContain(key)
      expect(job.env?.[key]).toBe(`\${{ secrets.${key} }}`)
    }
  })
})

describe('the shared-mock example', () => {
  const dir = 'examples/shared-mock'
  const compose = parse(read(`${dir}/compose.yaml`)) as { services: Record<string, { command?: string[]; volumes?: string[]; image?: string }> }
  const nginx = read(`${dir}/nginx.conf`)
  const replicas = Object.entries(compose.services).filter(([, s]) => s.command?.includes(pkg.bin.veomock as string))

  it('runs two replicas on one Redis with serve flags that exist, each named by the balancer', async () => {
    expect(replicas.length).toBe(2)
    expect(compose.services.redis?.image).toMatch(/^redis:/)
    for (const [name, service] of replicas) {
      const args = (service.command ?? []).slice((service.command ?? []).indexOf(pkg.bin.veomock as string) + 1)
      await checkVeomock(args, `shared-mock ${name}`)
      expect(args[args.indexOf('--store') + 1]).toBe('redis://redis:6379')
      expect(nginx).toContain(`server ${name}:4010`)
    }
    const [config] = (compose.services.balancer?.volumes?.[0] ?? '').split(':')
    expect(existsSync(path.join(root, dir, config ?? ''))).toBe(true)
  })

  it('sends each namespace to one replica by a consistent hash of its name', () => {
    const map = /map \$uri \$(\w+) \{\s*~(\S+) \$name;\s*default default;\s*\}/.exec(nginx)
    expect(map).not.toBeNull()
    const [, variable, pattern] = map as unknown as [string, string, string]
    // nginx's regex (PCRE) reads the same in JavaScript here.
    const namespace = new RegExp(pattern)
    expect(namespace.exec('/ns/ci-42/kie/api/v1/veo/generate')?.groups?.name).toBe('ci-42')
    expect(namespace.exec('/ns/ci-42/__admin/requests')?.groups?.name).toBe('ci-42')
    expect(namespace.test('/kie/api/v1/veo/generate')).toBe(false)
    expect(nginx).toContain(`hash $${variable} consistent;`)
  })
})
