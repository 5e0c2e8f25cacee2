// Stands in for a team's app: generates one KIE Veo 3.1 video against VEO_BASE_URL (the real
// https://api.kie.ai or the mock) and downloads it. Exits 0 when the video arrived.
// API: https://docs.kie.ai/veo3-api/generate-veo-3-video and .../get-veo-3-video-details
const base = process.env.VEO_BASE_URL ?? 'https://api.kie.ai'
const headers = { authorization: `Bearer ${process.env.VEO_API_KEY ?? ''}`, 'content-type': 'application/json' }

const submit = await fetch(`${base}/api/v1/veo/generate`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ prompt: 'a red fox in snow', model: 'veo3_fast', aspect_ratio: '16:9' }),
})
const created = await submit.json()
// KIE answers business errors with HTTP 200 and the real code in the body.
if (created.code !== 200) throw new Error(`Failed to submit: ${created.code} ${created.msg}`)
const taskId = created.data.taskId
console.log(`submitted ${taskId}`)

for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 1000))
  const poll = await (await fetch(`${base}/api/v1/veo/record-info?taskId=${taskId}`, { headers })).json()
  const flag = poll.data?.successFlag
  if (flag === 0) continue
  if (flag !== 1) throw new Error(`Failed to generate: successFlag ${flag} ${poll.data?.errorMessage ?? ''}`)
  const url = poll.data.response.resultUrls[0]
  const video = await fetch(url)
  const bytes = (await video.arrayBuffer()).byteLength
  console.log(`downloaded ${url}: ${video.headers.get('content-type')}, ${bytes} bytes`)
  break
}
