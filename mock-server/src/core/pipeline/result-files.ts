// The one place that owns result-file URLs: `<vendor base URL>/files/<task id>/<name>` is built
// here for every dialect, parsed here when a client fetches it, and served here on the virtual clock.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import parseRange from 'range-parser'
import type { Task } from '../task.js'
import { viewTask } from '../task.js'
import type { EngineResponse } from './wire-body.js'

const FILES_PREFIX = '/files/'

const here = path.dirname(fileURLToPath(import.meta.url))
function assetsDirectory(): string {
  for (const candidate of [path.resolve(here, '../../../assets'), path.resolve(here, '../../../../../mock-server/assets')]) {
    try {
      readFileSync(path.join(candidate, 'sample.mp4'))
      return candidate
    } catch {
      // next
    }
  }
  return path.resolve(here, '../../../assets')
}
const ASSETS = assetsDirectory()
const FILES = {
  mp4: { bytes: readFileSync(path.join(ASSETS, 'sample.mp4')), type: 'video/mp4' },
  jpg: { bytes: readFileSync(path.join(ASSETS, 'sample.jpg')), type: 'image/jpeg' },
}

/** Absolute URLs of a task's result files on this mock. */
export function resultFileUrls(baseUrl: string, task: Pick<Task, 'id' | 'files'>): string[] {
  return task.files.map((name) => `${baseUrl}${FILES_PREFIX}${task.id}/${name}`)
}

/** `/files/<task id>/<name>` → its parts; undefined for any other path. */
export function parseResultFilePath(filePath: string): { taskId: string; name: string } | undefined {
  if (!filePath.startsWith(FILES_PREFIX)) return undefined
  const [taskId, name] = filePath.slice(FILES_PREFIX.length).split('/')
  return taskId && name ? { taskId, name } : { taskId: taskId ?? '', name: name ?? '' }
}

export function isResultFileRequest(method: string, filePath: string): boolean {
  return filePath.startsWith(FILES_PREFIX) && (method === 'GET' || method === 'get' || method === 'HEAD')
}

const NOT_FOUND: EngineResponse = { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain; charset=utf-8' } }

/**
 * A result file: 404 until the task succeeded (or for a name it does not have), 410 after the
 * vendor's retention, else the sample bytes, or the part a `Range` header asks for. `task` is
 * already known to belong to the vendor.
 */
export function serveResultFile(task: Task | undefined, name: string, retentionMs: number, at: number, range?: string): EngineResponse {
  if (!task || !name || !task.files.includes(name)) return { ...NOT_FOUND }
  const view = viewTask(task, at)
  if (view.state !== 'succeeded') return { ...NOT_FOUND }
  if (view.settledAt !== null && at > view.settledAt + retentionMs) {
    return { status: 410, body: 'Gone: this result URL has expired', headers: { 'content-type': 'text/plain; charset=utf-8' } }
  }
  const kind = name.endsWith('.jpg') ? FILES.jpg : FILES.mp4
  const headers = { 'content-type': kind.type, 'cache-control': 'no-store', 'accept-ranges': 'bytes' }
  return range === undefined ? { status: 200, body: undefined, bytes: kind.bytes, headers } : byteRange(kind.bytes, range, headers)
}

/**
 * Video players seek with Range requests (RFC 9110 §14): one satisfiable range is answered 206 with
 * that slice and its Content-Range, an unsatisfiable one 416 with the size; several ranges or a
 * header that is not a byte range get the whole file, which RFC 9110 §14.2 allows.
 */
function byteRange(bytes: Buffer, header: string, headers: Record<string, string>): EngineResponse {
  const ranges = parseRange(bytes.length, header, { combine: true })
  if (ranges === -1) {
    return {
      status: 416,
      body: 'Range Not Satisfiable',
      headers: { 'content-type': 'text/plain; charset=utf-8', 'content-range': `bytes */${bytes.length}`, 'accept-ranges': 'bytes' },
    }
  }
  const [only] = ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1 ? [] : ranges
  if (!only) return { status: 200, body: undefined, bytes, headers }
  return {
    status: 206,
    body: undefined,
    bytes: bytes.subarray(only.start, only.end + 1),
    headers: { ...headers, 'content-range': `bytes ${only.start}-${only.end}/${bytes.length}` },
  }
}

/** The task id of one of this mock's result URLs under `baseUrl`, or undefined for any other URL. */
export function taskIdOfResultUrl(baseUrl: string, url: string): string | undefined {
  if (!url.startsWith(baseUrl)) return undefined
  return parseResultFilePath(url.slice(baseUrl.length))?.taskId || undefined
}
