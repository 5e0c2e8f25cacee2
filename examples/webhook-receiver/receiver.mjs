// An example webhook receiver for the Veo 3.1 callbacks of KIE.ai, Apixo, Xenodia and odkkk: the
// shape `veomock webhooks` judges (contract §8). POST /webhooks/<vendor>.
//   - Answers fast (HTTP 200) and does the work afterwards: vendors give up on slow receivers
//     (KIE 15 s, Apixo 30 s, odkkk 10 s) and retry.
//   - Verifies KIE's signature when a key is set: X-Webhook-Signature =
//     base64(HMAC-SHA256(taskId + "." + X-Webhook-Timestamp, key)), compared in constant time, with
//     the timestamp within 5 minutes of this server's clock (https://docs.kie.ai/common-api/webhook-verification).
//   - Is idempotent per task: the first final state wins; duplicates, late or out-of-order
//     deliveries are acknowledged and change nothing (each result is downloaded once).
//   - Refuses what it cannot read with 400 (the vendor's retry will not fix a malformed body).
import { createHmac, timingSafeEqual } from 'node:crypto'
import express from 'express'

export const VENDORS = ['kie', 'apixo', 'xenodia', 'odkkk']
export const FRESHNESS_MS = 5 * 60 * 1000

const get = (value, ...path) => path.reduce((v, k) => (v !== null && typeof v === 'object' ? v[k] : undefined), value)
const firstString = (...values) => values.find((v) => typeof v === 'string' && v !== '')

function urlsOf(value) {
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value)
    } catch {
      return []
    }
  }
  return Array.isArray(value) ? value.filter((u) => typeof u === 'string') : []
}

/** KIE's generation / extend / 4K callbacks, also what Xenodia may pass through. */
function readKie(body) {
  const data = get(body, 'data')
  const taskId = firstString(get(data, 'taskId'), get(data, 'task_id'), get(body, 'taskId'))
  const code = get(body, 'code')
  if (!taskId || typeof code !== 'number') return undefined
  if (code !== 200) return { taskId, status: 'failed', reason: String(get(body, 'msg') ?? code) }
  const urls = [...urlsOf(get(data, 'info', 'resultUrls')), ...urlsOf(get(data, 'result_urls'))]
  return { taskId, status: 'succeeded', videoUrl: urls[0] }
}

/**
 * What a callback says: { taskId, status: 'succeeded' | 'failed' | 'running', videoUrl?, reason? },
 * or undefined when the body is not a callback of that vendor.
 */
export function readCallback(vendor, body) {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined
  switch (vendor) {
    case 'kie':
      return readKie(body)
    case 'apixo': {
      // The status envelope; failures come as code 200 or 400, so decide on data.state.
      const data = get(body, 'data')
      const taskId = firstString(get(data, 'taskId'))
      const state = get(data, 'state')
      if (!taskId || typeof state !== 'string') return undefined
      if (state === 'success') return { taskId, status: 'succeeded', videoUrl: urlsOf(get(parseJson(String(get(data, 'resultJson'))), 'resultUrls'))[0] }
      if (state === 'failed') return { taskId, status: 'failed', reason: String(get(data, 'failCode') ?? 'failed') }
      return { taskId, status: 'running' }
    }
    case 'xenodia': {
      if (get(body, 'task_id') === undefined) return readKie(body)
      const taskId = firstString(get(body, 'task_id'))
      const state = get(body, 'state')
      if (!taskId || typeof state !== 'string') return undefined
      if (state === 'success') return { taskId, status: 'succeeded', videoUrl: firstString(get(body, 'result', 'data', 0, 'url')) }
      if (state === 'fail') return { taskId, status: 'failed', reason: String(get(body, 'error', 'code') ?? 'fail') }
      return { taskId, status: 'running' }
    }
    case 'odkkk': {
      const taskId = firstString(get(body, 'id'))
      const status = get(body, 'status')
      if (!taskId || typeof status !== 'string') return undefined
      if (status === 'completed') return { taskId, status: 'succeeded', videoUrl: firstString(get(body, 'results', 0)) }
      if (status === 'failed') return { taskId, status: 'failed', reason: String(get(body, 'error', 'code') ?? 'failed') }
      return { taskId, status: 'running' }
    }
    default:
      return undefined
  }
}

/** KIE's HMAC check: the signature over `taskId.timestamp`, in constant time. */
export function kieSignatureValid(headers, taskId, secret) {
  const timestamp = headers['x-webhook-timestamp']
  const signature = headers['x-webhook-signature']
  if (typeof timestamp !== 'string' || typeof signature !== 'string') return false
  const expected = createHmac('sha256', secret).update(`${taskId}.${timestamp}`).digest()
  const given = Buffer.from(signature, 'base64')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The signature's timestamp (Unix seconds) is within FRESHNESS_MS of this server's clock. */
export function kieTimestampFresh(headers, now = Date.now()) {
  const seconds = Number(headers['x-webhook-timestamp'])
  return Number.isFinite(seconds) && Math.abs(now - seconds * 1000) <= FRESHNESS_MS
}

/** Reads the raw body as JSON; undefined when it is not JSON. */
export function parseJson(text) {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * The Express app. Options: `secret` (KIE webhookHmacKey; when set, unsigned KIE callbacks are refused),
 * `onResult(vendor, task)` called once per task with its first final state (default: download the
 * video once), `log(line)`.
 */
export function createReceiver({ secret, onResult, log = () => {} } = {}) {
  const outcomes = new Map()
  const handle =
    onResult ??
    (async (_vendor, task) => {
      if (task.status !== 'succeeded' || !task.videoUrl) return
      const response = await fetch(task.videoUrl)
      const bytes = (await response.arrayBuffer()).byteLength
      log(`downloaded ${task.taskId}: ${response.status}, ${bytes} bytes`)
    })
  const app = express()
  app.disable('x-powered-by')
  app.post('/webhooks/:vendor', express.text({ type: () => true, limit: '1mb' }), (req, res) => {
    const vendor = req.params.vendor
    if (!VENDORS.includes(vendor)) return res.status(404).json({ error: `unknown vendor ${vendor}` })
    const task = readCallback(vendor, parseJson(typeof req.body === 'string' ? req.body : ''))
    if (!task) return res.status(400).json({ error: 'not a callback body' })
    if (vendor === 'kie' && secret) {
      if (!kieSignatureValid(req.headers, task.taskId, secret)) return res.status(401).json({ error: 'bad signature' })
      if (!kieTimestampFresh(req.headers)) return res.status(401).json({ error: 'stale signature' })
    }
    res.status(200).json({ received: true })
    const key = `${vendor}:${task.taskId}`
    if (task.status === 'running' || outcomes.has(key)) return
    outcomes.set(key, task.status)
    Promise.resolve(handle(vendor, task)).catch((error) => log(`failed to handle ${key}: ${error.message}`))
  })
  return { app, outcomes }
}
