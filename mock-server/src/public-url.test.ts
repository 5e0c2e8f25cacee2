// publicUrl (serve --public-url): in a container or behind a proxy, the URLs the mock hands out
// (vendor base URLs, result files) use the address clients reach it at, not the one it listens on.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from './server.js'

let mock: RunningMockServer
beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', vendors: ['kie'], publicUrl: 'http://veomock:4010/' })
})
afterAll(() => mock.close())

it('puts the public URL in base URLs and result URLs while listening locally', async () => {
  expect(mock.baseUrls.kie).toBe('http://veomock:4010/kie')
  const headers = { authorization: 'Bearer k', 'content-type': 'application/json' }
  const submit = await fetch(`${mock.url}/kie/api/v1/veo/generate`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ prompt: 'a red fox', model: 'veo3_fast' }),
  })
  const taskId = ((await submit.json()) as { data: { taskId: string } }).data.taskId
  await mock.admin.advance(3_600_000)
  const task = await mock.admin.task(taskId)
  expect(task.resultUrls[0]).toMatch(/^http:\/\/veomock:4010\/kie\/files\//)
  // The same file, fetched through the listening address, is the video.
  const video = await fetch(task.resultUrls[0]!.replace('http://veomock:4010', mock.url))
  expect(video.headers.get('content-type')).toBe('video/mp4')
})
