// `veomock webhooks` passes the example receiver for every vendor and catches each receiver mutant
// through the finding that shows its bug.
import type http from 'node:http'
import type { AddressInfo } from 'node:net'
import type express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReceiver } from '../../../examples/webhook-receiver/receiver.mjs'
import { formatSummary, type Report } from '../report/report.js'
import { mutantReceiver, RECEIVER_MUTANTS } from './test-support/receiver-mutants.js'
import { runWebhooks, type WebhooksOptions } from './webhooks-run.js'

const SECRET = 'receiver-test-key'
const FAST = { gapMs: 10, settleMs: 400 } satisfies Partial<WebhooksOptions>

async function listen(app: express.Express): Promise<{ url: string; server: http.Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }))
  })
}

function failures(report: Report): string {
  return formatSummary({ ...report, cases: report.cases.filter((c) => !c.passed) })
}

describe('the example receiver', () => {
  let receiver: { url: string; server: http.Server }
  beforeAll(async () => {
    receiver = await listen(createReceiver({ secret: SECRET }).app)
  })
  afterAll(() => receiver.server.close())

  it('passes every delivery of all four vendors, signed for KIE', async () => {
    const report = await runWebhooks({ vendors: ['kie', 'apixo', 'xenodia', 'odkkk'], to: `${receiver.url}/webhooks/{vendor}`, secret: SECRET, ...FAST })
    expect(failures(report)).toMatch(/\n0 passed, 0 failed\n$/)
    const kinds = new Set(report.cases.map((c) => c.details?.kind).filter(Boolean))
    expect([...kinds].sort()).toEqual(['duplicate', 'forged', 'genuine', 'late', 'malformed', 'out-of-order', 'unknown-task', 'variant'])
    // KIE: each K-CB failure text, the 1080p, extend and both 4K forms are delivered.
    const kie = report.cases.filter((c) => c.suite === 'webhooks kie').map((c) => c.name)
    for (const label of ['success-1080p', 'extend', '4k', '4k-unavailable', 'english-only', 'fallback-rejected', '4k-snake-case'])
      expect(kie.some((n) => n.includes(label))).toBe(true)
  }, 60_000)

  it('fails a receiver that is not running, on every delivery', async () => {
    // A port that was free a moment ago: nothing listens there.
    const closed = await listen(createReceiver().app)
    await new Promise((resolve) => closed.server.close(resolve))
    const report = await runWebhooks({ vendors: ['odkkk'], to: `${closed.url}/webhooks/{vendor}`, ...FAST, settleMs: 0 })
    const delivered = report.cases.filter((c) => c.details?.kind)
    expect(delivered.every((c) => !c.passed)).toBe(true)
    expect(String(delivered[0]?.findings[0]?.message)).toMatch(/refused/)
  }, 30_000)
})

describe.concurrent('receiver mutants', () => {
  for (const mutant of RECEIVER_MUTANTS) {
    it(`${mutant.name} fails through ${mutant.check}: ${mutant.bug}`, async () => {
      const vendor = mutant.vendors.includes('kie') && mutant.vendors.length === 1 ? 'kie' : mutant.vendors.includes('odkkk') ? 'odkkk' : 'kie'
      const base: Record<string, string> = {}
      const app = mutantReceiver(mutant.name, { secret: SECRET, baseUrl: (v) => base[v] as string, workMs: 800 })
      const receiver = await listen(app)
      try {
        const report = await runWebhooks({
          vendors: [vendor],
          to: `${receiver.url}/webhooks/{vendor}`,
          secret: SECRET,
          // Timeouts scaled down to the 500 ms floor, so the slow mutant shows in under a second.
          timeScale: 100,
          onMock: (mock) => Object.assign(base, mock.baseUrls),
          ...FAST,
        })
        const checks = report.cases.filter((c) => !c.passed).flatMap((c) => c.findings.map((f) => f.check))
        expect(checks, failures(report)).toContain(mutant.check)
      } finally {
        receiver.server.close()
        receiver.server.closeAllConnections()
      }
    }, 60_000)
  }
})

describe('the webhooks command line', () => {
  it('answers usage errors with exit code 2 and a hint', async () => {
    const { parseWebhooksArgs } = await import('./webhooks-command.js')
    expect(() => parseWebhooksArgs(['--vendor', 'kie'])).toThrow(/--to <url> is required/)
    expect(() => parseWebhooksArgs(['--vendor', 'acme', '--to', 'http://x'])).toThrow(/unknown vendor "acme"/)
    expect(() => parseWebhooksArgs(['--vendor', 'kie', '--to', 'ftp://x'])).toThrow(/http\(s\) URL/)
    expect(parseWebhooksArgs(['--vendor', 'all', '--to', 'http://h/{vendor}'], { VEO_WEBHOOK_SECRET: 's3' }).options).toMatchObject({
      vendors: ['kie', 'apixo', 'xenodia', 'odkkk'],
      secret: 's3',
    })
  })
})

describe('veomock webhooks (the command)', () => {
  it('exits 0 for the example receiver, 1 for a mutant, 2 for a usage error, and prints the mock URL', async () => {
    const { main } = await import('../../../cli/veomock.js')
    const good = await listen(createReceiver().app)
    const bad = await listen(mutantReceiver('duplicate-is-500', { secret: SECRET, baseUrl: () => '', workMs: 0 }))
    const out: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string) => out.push(String(chunk)) > 0) as typeof process.stdout.write
    try {
      expect(await main(['webhooks', '--vendor', 'odkkk', '--to', `${good.url}/webhooks/{vendor}`])).toBe(0)
      expect(out.join('')).toMatch(/result URLs are served by the mock at http:\/\/127\.0\.0\.1:\d+/)
      expect(out.join('')).toMatch(/\n\d+ passed, 0 failed\n$/)
      expect(await main(['webhooks', '--vendor', 'odkkk', '--to', `${bad.url}/webhooks/{vendor}`])).toBe(1)
    } finally {
      process.stdout.write = write
      good.server.close()
      bad.server.close()
      bad.server.closeAllConnections()
    }
    expect(await main(['webhooks', '--vendor', 'odkkk'])).toBe(2)
  }, 60_000)
})
