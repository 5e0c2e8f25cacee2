// Types of receiver.mjs for TypeScript callers (tests).
import type { Express } from 'express'

export interface ReceivedTask {
  taskId: string
  status: 'succeeded' | 'failed' | 'running'
  videoUrl?: string
  reason?: string
}
export const VENDORS: readonly string[]
export const FRESHNESS_MS: number
export function readCallback(vendor: string, body: unknown): ReceivedTask | undefined
export function kieSignatureValid(headers: Record<string, unknown>, taskId: string, secret: string): boolean
export function kieTimestampFresh(headers: Record<string, unknown>, now?: number): boolean
export function parseJson(text: string): unknown
export function createReceiver(options?: { secret?: string; onResult?: (vendor: string, task: ReceivedTask) => unknown; log?: (line: string) => void }): {
  app: Express
  outcomes: Map<string, string>
}
