// Result videos answer Range and HEAD as file servers do, so players can seek and clients can
// check a file before downloading it (`curl -r 0-99` answers 206).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningMockServer, startMockServer } from './server.js'

let mock: RunningMockServer
let videoUrl: string
let size: number

beforeAll(async () => {
  mock = await startMockServer({ port: 0, timeScale: 'manual', vendors: ['odkkk'] })
  const submit = await fetch(`${mock.baseUrls.odkkk}/v1/videos/generations`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'veo3.1-pro', prompt: 'a cat playing piano' }),
  })
  const { id } = (await submit.json()) as { id: string }
  await mock.admin.advance(3_600_000)
  videoUrl = (await mock.admin.task(id)).resultUrls[0] as string
  size = (await (await fetch(videoUrl)).arrayBuffer()).byteLength
})
afterAll(() => mock.close())

describe('result files', () => {
  it('answer a byte range with 206, the slice and its Content-Range', async () => {
    const whole = Buffer.from(await (await fetch(videoUrl)).arrayBuffer())
    const response = await fetch(videoUrl, { headers: { range: 'bytes=0-99' } })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 0-99/${size}`)
    expect(response.headers.get('content-length')).toBe('100')
    expect(Buffer.from(await response.arrayBuffer())).toEqual(whole.subarray(0, 100))
    const tail = await fetch(videoUrl, { headers: { range: 'bytes=-10' } })
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`)
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(size - 10))
  })

  it('answer an unsatisfiable range with 416 and the size, and ignore what is not one byte range', async () => {
    const beyond = await fetch(videoUrl, { headers: { range: `bytes=${size}-` } })
    expect(beyond.status).toBe(416)
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`)
    for (const range of ['bytes=0-1,5-6', 'items=0-5', 'nonsense']) {
      const response = await fetch(videoUrl, { headers: { range } })
      expect(response.status, range).toBe(200)
      expect((await response.arrayBuffer()).byteLength).toBe(size)
    }
  })

  it('answer HEAD with the headers of GET and no body, and say they take ranges', async () => {
    const response = await fetch(videoUrl, { method: 'HEAD' })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe(String(size))
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-type')).toBe('video/mp4')
    expect((await response.arrayBuffer()).byteLength).toBe(0)
  })

  it('are journalled with the status the client saw', async () => {
    await fetch(videoUrl, { headers: { range: 'bytes=0-0' } })
    const last = (await mock.admin.requests()).at(-1)
    expect(last).toMatchObject({ method: 'GET', status: 206 })
  })
})
