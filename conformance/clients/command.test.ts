// The command form keeps the protocol even when it cannot run: one failed outcome, never a crash.
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { startMockServer } from '../../mock-server/src/server.js'
import { runCommand } from './command.js'

const REQUEST = { prompt: 'a red fox in snow', tier: 'fast', generationType: 'TEXT_2_VIDEO', aspectRatio: '16:9', resolution: '720p', timeoutMs: 600_000 }

describe('the reference client command', () => {
  it('reports input that is not a request as invalid_request', async () => {
    const outcome = await runCommand(Readable.from(['not json']), { VEO_VENDOR: 'kie', VEO_BASE_URL: 'http://127.0.0.1:9' })
    expect(outcome).toMatchObject({ status: 'failed', taskId: null, error: { kind: 'invalid_request', vendorCode: 'client_error' } })
  })

  it('reports an unknown vendor as a failed outcome instead of throwing', async () => {
    const outcome = await runCommand(Readable.from([JSON.stringify(REQUEST)]), { VEO_VENDOR: 'acme', VEO_BASE_URL: 'http://127.0.0.1:9' })
    expect(outcome).toMatchObject({ status: 'failed', taskId: null, error: { kind: 'server_error', vendorCode: 'client_error' } })
    expect(outcome.status === 'failed' && outcome.error.message).toMatch(
      /^Failed to run the reference client: Failed to pick a reference client: unknown vendor "acme"/,
    )
  })

  it('runs a request from stdin against the vendor in VEO_VENDOR', async () => {
    // N=100: the 600 s budget is 6 real seconds, room for a loaded machine compiling validators on first use.
    const mock = await startMockServer({ port: 0, timeScale: 100 })
    try {
      const outcome = await runCommand(Readable.from([JSON.stringify({ ...REQUEST, prompt: 'a fox [veomock:content_violation]' })]), {
        VEO_VENDOR: 'odkkk',
        VEO_BASE_URL: mock.baseUrls.odkkk,
        VEO_API_KEY: 'command-test',
        VEO_TIME_SCALE: '100',
      })
      expect(outcome).toMatchObject({ status: 'failed', error: { kind: 'content_policy', vendorCode: 'content_policy_violation' } })
      const requests = await mock.admin.requests({ apiKey: 'command-test' })
      expect(requests[0]).toMatchObject({ method: 'POST', path: '/odkkk/v1/videos/generations', authorization: 'bearer', valid: true })
    } finally {
      await mock.close()
    }
  })
})
