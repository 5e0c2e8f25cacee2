// odkkk's real base URL has a path (`https://ai.odkkk.com/apiv1`, docs/vendors/odkkk.md §1): the mock
// serves its paths under that path too, after the vendor prefix and at the root of its own port,
// while the contract's shorter form keeps working (docs/contract.md §1). The journal keeps every
// path as received, so a client that drops the base path is visible there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from '../server.js'

const submitBody = JSON.stringify({ model: 'veo3.1-pro', prompt: 'a cat playing piano' })
const headers = { authorization: 'Bearer k-real-base-path', 'content-type': 'application/json' }

let mock: RunningMockServer
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', portPerVendor: true, vendors: ['xenodia', 'odkkk'] })
})
afterAll(async () => {
  await mock.close()
})

async function submitAndPoll(base: string): Promise<{ submit: number; poll: number; id: string }> {
  const submit = await fetch(`${base}/v1/videos/generations`, { method: 'POST', headers, body: submitBody })
  const { id } = (await submit.json()) as { id: string }
  const poll = await fetch(`${base}/v1/tasks/${id}`, { headers })
  return { submit: submit.status, poll: poll.status, id }
}

describe('odkkk under its real base path', () => {
  it('answers /odkkk/apiv1/v1/… and the shorter /odkkk/v1/… alike, and journals each path as received', async () => {
    await mock.admin.reset()
    const origin = new URL(mock.url).origin
    const real = await submitAndPoll(`${origin}/odkkk/apiv1`)
    const short = await submitAndPoll(`${origin}/odkkk`)
    expect([real.submit, real.poll, short.submit, short.poll]).toEqual([200, 200, 200, 200])
    const paths = (await mock.admin.requests()).map((e) => [e.vendor, e.path, e.route])
    expect(paths).toEqual([
      ['odkkk', '/odkkk/apiv1/v1/videos/generations', '/v1/videos/generations'],
      ['odkkk', `/odkkk/apiv1/v1/tasks/${real.id}`, '/v1/tasks/{task_id}'],
      ['odkkk', '/odkkk/v1/videos/generations', '/v1/videos/generations'],
      ['odkkk', `/odkkk/v1/tasks/${short.id}`, '/v1/tasks/{task_id}'],
    ])
  })

  it("answers /apiv1/v1/… at the root of odkkk's own port, and leaves Xenodia's paths alone", async () => {
    await mock.admin.reset()
    // With portPerVendor the base URLs are the vendors' own ports, without a prefix.
    expect(new URL(mock.baseUrls.odkkk).pathname).toBe('/')
    const real = await submitAndPoll(`${mock.baseUrls.odkkk.replace(/\/$/, '')}/apiv1`)
    expect([real.submit, real.poll]).toEqual([200, 200])
    expect((await mock.admin.requests()).map((e) => e.path)).toEqual(['/apiv1/v1/videos/generations', `/apiv1/v1/tasks/${real.id}`])
    const xenodia = await fetch(`${mock.baseUrls.xenodia}/apiv1/v1/tasks/none`, { headers })
    expect(xenodia.status).toBe(404)
  })
})
