// The facts a KIE task keeps from its submit (`task.wire`), its result files and their URLs.
import type { components } from '../../../../generated/kie.js'
import type { DialectContext } from '../../core/dialect.js'
import type { Task } from '../../core/task.js'
import { extendPromptJson, generatePromptJson, paramJson } from './request-echo.js'
import { RETENTION_MS } from './timings.js'

type Schemas = components['schemas']

export interface KieWire {
  /** `veo3_fast`… for generate, `fast`… for extend, `4k` for an upgrade. */
  model: string
  /** The ratio in effect (`aspect_ratio` wins over `aspectRatio`, §8.2); null for upgrades. */
  aspectRatio: Schemas['AspectRatio'] | null
  resolution: string
  /** The 4K request's `index` (K-4K); null for other tasks. */
  fourKIndex: number | null
  /** Virtual ms after completion until the 1080P version is ready (K-1080: ~1–3 min); null for 4K tasks. */
  upgrade1080pMs: number | null
}

/** Result file names, served by the engine under `<base>/files/<taskId>/<name>`. */
export const KIE_FILES = {
  /** The video (generate) or the new segment (extend): `response.resultUrls`. */
  video: 'video.mp4',
  /** The stitched video of an extend: `response.fullResultUrls` (K-EXT). */
  full: 'full.mp4',
  /** Original-ratio video, only when the ratio is not 16:9: `response.originUrls` (K-REC). */
  origin: 'origin.mp4',
  /** get-1080p-video `data.resultUrl` (K-1080). */
  video1080p: 'video-1080p.mp4',
  /** 4K video and its cover image (K-4K `resultUrls` / `imageUrls`). */
  video4k: 'video-4k.mp4',
  cover4k: 'cover-4k.jpg',
} as const

export type KieFile = (typeof KIE_FILES)[keyof typeof KIE_FILES]

/**
 * record-info `paramJson` (K-REC), rendered when asked for rather than kept on every task: 100k
 * tasks in memory must stay small.
 */
export function paramJsonOf(task: Task): string {
  // Kept once a task is polled: polls are frequent, and a polled task is worth its 200 bytes.
  const cached = task.wire.paramJson
  if (typeof cached === 'string') return cached
  const json = task.operation === 'upgrade-4k' ? paramJson({ taskId: task.parentId, index: kieWire(task).fourKIndex ?? 0 }) : paramJson(task.request)
  task.wire.paramJson = json
  return json
}

/** Callback `promptJson` (K-CB; K-EXT); null for 4K tasks, whose callback has none. */
export function promptJsonOf(task: Task): string | null {
  const wire = kieWire(task)
  if (task.operation === 'upgrade-4k') return null
  if (task.operation === 'extend')
    return extendPromptJson(task.request as Schemas['ExtendVideoRequest'], wire.model as NonNullable<Schemas['ExtendVideoRequest']['model']>)
  return generatePromptJson(task.request as Schemas['GenerateVideoRequest'], wire.aspectRatio ?? '16:9', wire.model as Schemas['GenerateModel'])
}

/** The dialect-private facts of a task this dialect created. */
export function kieWire(task: Task): KieWire {
  // Every KIE task gets its wire from accept() or the 4K route, both of which build a KieWire.
  return task.wire as unknown as KieWire
}

/** The absolute URL of one of a task's files, as the engine serves it. */
export function fileUrl(ctx: Pick<DialectContext, 'fileUrls'>, task: Task, name: KieFile): string {
  const url = ctx.fileUrls(task).find((u) => u.endsWith(`/${name}`))
  if (url === undefined) throw new Error(`Failed to render KIE task ${task.id}: it has no result file ${name}`)
  return url
}

/** KIE refuses records older than 14 days with 422 (K-REC; K-GS retention). */
export function isPastRetention(task: Task, now: number): boolean {
  return now - task.createdAt > RETENTION_MS
}

/** `"YYYY-MM-DD HH:MM:SS"` in UTC, as the K-REC examples (not its `number` schema) show (§8.7). */
const times = new Map<number, string>()

export function kieTime(ms: number): string {
  // Polls repeat the same create and complete times; formatting a Date each time shows in profiles.
  let text = times.get(ms)
  if (text === undefined) {
    text = new Date(ms).toISOString().slice(0, 19).replace('T', ' ')
    if (times.size >= 10_000) times.clear()
    times.set(ms, text)
  }
  return text
}
