// The client conformance protocol of contract §5: what a client under test receives and returns,
// in any language (command form) or in-process (TypeScript module form).
import type { VendorId } from '../../../vendors/index.js'

export type Tier = 'quality' | 'fast' | 'lite'
export type GenerationType = 'TEXT_2_VIDEO' | 'FIRST_AND_LAST_FRAMES_2_VIDEO' | 'REFERENCE_2_VIDEO'
export type AspectRatio = '16:9' | '9:16' | 'auto'

/** One JSON object on the client's standard input. */
export interface ClientRequest {
  prompt: string
  tier: Tier
  generationType: GenerationType
  imageUrls?: string[]
  aspectRatio: AspectRatio
  resolution: '720p' | '1080p' | '4k'
  seed?: number
  /** The client's give-up budget in vendor (virtual) milliseconds, counted from its own start. */
  timeoutMs: number
}

export const ERROR_KINDS = [
  'invalid_request',
  'unauthorized',
  'insufficient_credits',
  'rate_limited',
  'content_policy',
  'invalid_image',
  'generation_failed',
  'upstream_error',
  'server_error',
  'timeout',
] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

export interface ClientError {
  kind: ErrorKind
  /** The vendor's own code or state for the failure, as a string. */
  vendorCode: string
  message: string
}

/** One JSON object on the client's standard output. */
export type ClientOutcome = { status: 'succeeded'; taskId: string; videoUrls: string[] } | { status: 'failed'; taskId: string | null; error: ClientError }

/** Contract §5.2: where a callback-mode client starts its receiver, and KIE's signing key. */
export interface CallbackEnv {
  /** VEO_CALLBACK_HOST */
  host: string
  /** VEO_CALLBACK_PORT */
  port: number
  /** VEO_WEBHOOK_SECRET: the key the mock signs with, for vendors that sign; absent otherwise. */
  secret?: string
}

/** The environment of contract §5, as an object for in-process clients. */
export interface ClientEnv {
  vendor: VendorId
  /** VEO_BASE_URL: base URL to use instead of the vendor's. */
  baseUrl: string
  /** VEO_API_KEY: bearer token to send. */
  apiKey: string
  /** VEO_TIME_SCALE: divide every wait (poll interval, backoff, timeout) by this. */
  timeScale: number
  /** Set in callback mode (contract §5.2). */
  callback?: CallbackEnv
}

/** The in-process form: a module whose `generate` takes the request and returns the outcome. */
export interface InProcessClient {
  generate(request: ClientRequest, env: ClientEnv): Promise<ClientOutcome>
}

/** Reads the environment variables of contract §5. */
export function envFromProcess(env: NodeJS.ProcessEnv = process.env): ClientEnv {
  const vendor = env.VEO_VENDOR
  const baseUrl = env.VEO_BASE_URL
  if (!vendor || !baseUrl) throw new Error('Failed to start the client: VEO_VENDOR and VEO_BASE_URL must be set')
  const timeScale = Number(env.VEO_TIME_SCALE ?? '1')
  const out: ClientEnv = {
    vendor: vendor as VendorId,
    baseUrl,
    apiKey: env.VEO_API_KEY ?? '',
    timeScale: Number.isFinite(timeScale) && timeScale > 0 ? timeScale : 1,
  }
  const port = Number(env.VEO_CALLBACK_PORT)
  if (env.VEO_CALLBACK_HOST && Number.isInteger(port) && port > 0) {
    out.callback = { host: env.VEO_CALLBACK_HOST, port, ...(env.VEO_WEBHOOK_SECRET ? { secret: env.VEO_WEBHOOK_SECRET } : {}) }
  }
  return out
}

/** Checks that a value is exactly one outcome object of the protocol; returns the problem or null. */
export function outcomeProblem(value: unknown): string | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'the output is not a JSON object'
  const o = value as Record<string, unknown>
  if (o.status === 'succeeded') {
    if (typeof o.taskId !== 'string' || !o.taskId) return 'a succeeded outcome needs a taskId string'
    if (!Array.isArray(o.videoUrls) || o.videoUrls.length === 0 || !o.videoUrls.every((u) => typeof u === 'string'))
      return 'a succeeded outcome needs a non-empty videoUrls array of strings'
    return null
  }
  if (o.status === 'failed') {
    if (o.taskId !== null && typeof o.taskId !== 'string') return 'a failed outcome needs taskId as a string or null'
    const e = o.error as Record<string, unknown> | undefined
    if (!e || typeof e !== 'object') return 'a failed outcome needs an error object'
    if (!(ERROR_KINDS as readonly string[]).includes(e.kind as string)) return `error.kind must be one of ${ERROR_KINDS.join(', ')}`
    if (typeof e.vendorCode !== 'string') return 'error.vendorCode must be a string'
    if (typeof e.message !== 'string') return 'error.message must be a string'
    return null
  }
  return 'status must be "succeeded" or "failed"'
}
