import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inProcessRunner, loadInProcessClient } from './in-process-runner.js'
import type { ClientEnv, ClientOutcome, ClientRequest } from './protocol.js'

const request: ClientRequest = {
  prompt: 'a red fox in snow',
  tier: 'fast',
  generationType: 'TEXT_2_VIDEO',
  aspectRatio: '16:9',
  resolution: '720p',
  timeoutMs: 600_000,
}
const env: ClientEnv = { vendor: 'odkkk', baseUrl: 'http://127.0.0.1:1/odkkk', apiKey: 'vc-odkkk-success-test', timeScale: 300 }

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'veomock-in-process-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('the in-process runner', () => {
  it('loads a module by path and calls its generate with the request and the environment', async () => {
    const file = path.join(dir, 'echo-client.mjs')
    await writeFile(
      file,
      `export async function generate(request, env) { return { status: 'succeeded', taskId: env.apiKey, videoUrls: [env.baseUrl + '/' + request.prompt] } }\n`,
    )
    const run = await inProcessRunner(await loadInProcessClient(file)).run(request, env, { realTimeoutMs: 5000 })
    expect(run.problem).toBeNull()
    expect(run.outcome).toEqual({ status: 'succeeded', taskId: env.apiKey, videoUrls: ['http://127.0.0.1:1/odkkk/a red fox in snow'] })
  })

  it('accepts a default export with a generate function', async () => {
    const file = path.join(dir, 'default-client.mjs')
    await writeFile(
      file,
      `export default { generate: async () => ({ status: 'failed', taskId: null, error: { kind: 'timeout', vendorCode: 'x', message: 'y' } }) }\n`,
    )
    const run = await inProcessRunner(await loadInProcessClient(file)).run(request, env, { realTimeoutMs: 5000 })
    expect(run.outcome?.status).toBe('failed')
  })

  it('refuses a module without generate', async () => {
    const file = path.join(dir, 'empty.mjs')
    await writeFile(file, 'export const nothing = 1\n')
    await expect(loadInProcessClient(file)).rejects.toThrow(/Failed to load the client module .*exports no generate/)
  })

  it('fails a client that throws, with its stack as evidence', async () => {
    const run = await inProcessRunner(async () => {
      throw new Error('Cannot read properties of undefined (reading taskId)')
    }).run(request, env, { realTimeoutMs: 5000 })
    expect(run.outcome).toBeNull()
    expect(run.problem).toBe('the client threw: Cannot read properties of undefined (reading taskId)')
    expect(run.stderrTail).toContain('in-process-runner.test.ts')
  })

  it('fails an outcome that breaks the protocol', async () => {
    const run = await inProcessRunner(
      async () => ({ status: 'failed', taskId: null, error: { kind: 'boom', vendorCode: '1', message: '' } }) as unknown as ClientOutcome,
    ).run(request, env, { realTimeoutMs: 5000 })
    expect(run.problem).toMatch(/^the outcome breaks the protocol: error.kind must be one of/)
  })

  it('abandons a client that does not finish within the real-time limit', async () => {
    const run = await inProcessRunner(() => new Promise<ClientOutcome>(() => undefined)).run(request, env, { realTimeoutMs: 50 })
    expect(run.timedOut).toBe(true)
    expect(run.problem).toMatch(/did not finish within 50 ms of real time/)
  })

  it('hands the client a copy of the request, so a client that edits it cannot change the case', async () => {
    const mine = structuredClone(request)
    await inProcessRunner(async (r) => {
      r.prompt = 'changed'
      return { status: 'failed', taskId: null, error: { kind: 'timeout', vendorCode: 'x', message: 'y' } }
    }).run(mine, env, { realTimeoutMs: 5000 })
    expect(mine.prompt).toBe('a red fox in snow')
  })
})
