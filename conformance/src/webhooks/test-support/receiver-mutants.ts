// Receivers with one realistic bug each, built from the example receiver's own parts
// (examples/webhook-receiver/receiver.mjs). `veomock webhooks` must fail each through `check`.
import express from 'express'
import { kieSignatureValid, kieTimestampFresh, parseJson, readCallback, type ReceivedTask, VENDORS } from '../../../../examples/webhook-receiver/receiver.mjs'

export interface ReceiverMutant {
  name: string
  bug: string
  /** The finding that must show the bug. */
  check: 'acknowledged' | 'refuses-forged' | 'refuses-malformed' | 'no-second-download' | 'no-second-task' | 'answered'
  /** Vendors on which the bug shows (signing bugs only where the vendor signs). */
  vendors: readonly string[]
}

interface MutantOptions {
  secret: string
  /** The mock's vendor base URLs, for the mutant that resubmits. */
  baseUrl(vendor: string): string
  /** Real ms of "processing" for the mutant that answers after its work. */
  workMs: number
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function download(task: ReceivedTask): Promise<void> {
  if (task.status !== 'succeeded' || !task.videoUrl) return
  await (await fetch(task.videoUrl)).arrayBuffer()
}

export const RECEIVER_MUTANTS: readonly ReceiverMutant[] = [
  { name: 'never-verifies-signature', bug: 'Reads KIE callbacks without checking X-Webhook-Signature.', check: 'refuses-forged', vendors: ['kie'] },
  { name: 'ignores-timestamp', bug: 'Checks the signature but not how old its timestamp is (replays pass).', check: 'refuses-forged', vendors: ['kie'] },
  {
    name: 'downloads-every-callback',
    bug: 'Downloads the result on every success callback, duplicates included.',
    check: 'no-second-download',
    vendors: VENDORS,
  },
  {
    name: 'works-before-answering',
    bug: 'Downloads and processes the video before answering, past the vendor timeout.',
    check: 'acknowledged',
    vendors: VENDORS,
  },
  { name: 'duplicate-is-500', bug: 'Answers 500 to a callback for a task it has already seen.', check: 'acknowledged', vendors: VENDORS },
  {
    name: 'accepts-unreadable',
    bug: 'Answers 200 to a body it cannot read, so a forged or broken delivery looks delivered.',
    check: 'refuses-malformed',
    vendors: ['kie'],
  },
  {
    name: 'resubmits-every-failure',
    bug: 'Starts a new generation on every failure callback, duplicates and stale ones included.',
    check: 'no-second-task',
    vendors: VENDORS,
  },
]

const RESUBMIT: Record<string, { path: string; body: unknown }> = {
  kie: { path: '/api/v1/veo/generate', body: { prompt: 'retry', model: 'veo3_fast' } },
  apixo: { path: '/api/v1/generateTask/veo-3-1', body: { request_type: 'async', input: { mode: 'fast', prompt: 'retry', generationType: 'TEXT_2_VIDEO' } } },
  xenodia: { path: '/v1/videos/generations', body: { model: 'veo3.1_fast', prompt: 'retry' } },
  odkkk: { path: '/v1/videos/generations', body: { model: 'veo3.1-pro', prompt: 'retry' } },
}

async function resubmit(vendor: string, baseUrl: string): Promise<void> {
  const { path, body } = RESUBMIT[vendor] as { path: string; body: unknown }
  await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer receiver', 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

export function mutantReceiver(name: string, options: MutantOptions): express.Express {
  const seen = new Set<string>()
  const app = express()
  app.post('/webhooks/:vendor', express.text({ type: () => true }), async (req, res) => {
    const vendor = req.params.vendor as string
    const task = readCallback(vendor, parseJson(typeof req.body === 'string' ? req.body : ''))
    if (!task) return res.status(name === 'accepts-unreadable' ? 200 : 400).end()
    if (vendor === 'kie' && name !== 'never-verifies-signature') {
      if (!kieSignatureValid(req.headers, task.taskId, options.secret)) return res.status(401).end()
      if (name !== 'ignores-timestamp' && !kieTimestampFresh(req.headers)) return res.status(401).end()
    }
    const key = `${vendor}:${task.taskId}`
    const first = !seen.has(key)
    if (name === 'duplicate-is-500' && !first) return res.status(500).end()
    if (name === 'works-before-answering') {
      if (first) await download(task)
      await sleep(options.workMs)
      seen.add(key)
      return res.status(200).end()
    }
    res.status(200).end()
    if (task.status === 'running') return
    if (name === 'resubmits-every-failure' && task.status === 'failed') return void resubmit(vendor, options.baseUrl(vendor))
    if (!first && name !== 'downloads-every-callback') return
    seen.add(key)
    await download(task).catch(() => undefined)
  })
  return app
}
