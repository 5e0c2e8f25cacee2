// The canonical task and its timeline. A task's state is a pure function of the task and the
// virtual now: there is no timer per task. One lifecycle for every vendor:
//   queued → running(progress) → succeeded | failed
// Each dialect maps it onto its own states (a numeric flag, a state word, a status; see vendors/).
import type { Random } from '../../../lib/seeded-random.js'
import type { ScenarioName, TaskFailure } from '../../../lib/scenarios.js'
import type { ScenarioSource } from './scenario.js'

export type CanonicalState = 'queued' | 'running' | 'succeeded' | 'failed'

/** What a task produces: a generation, an extension, or an upgrade of an earlier result. */
export type TaskOperation = 'generate' | 'extend' | 'upgrade-1080p' | 'upgrade-4k'

export interface Task {
  id: string
  vendor: string
  operation: TaskOperation
  parentId: string | null
  /** Order of creation in this server's life, for stable listings. */
  seq: number
  scenario: ScenarioName
  scenarioSource: ScenarioSource
  keyId: string | null
  createdAt: number
  /** Virtual time the task leaves its queued state. */
  queuedUntil: number
  /** Virtual time it settles; null while it is stuck forever. */
  completesAt: number | null
  /** How it settles; null only for a stuck task that nobody finished. */
  outcome: 'succeeded' | TaskFailure | null
  /** Set when the admin API settled the task early. */
  settledByAdmin: boolean
  /** The vendor request body as received (scenario tokens removed). */
  request: unknown
  /** Dialect-private facts decided at submit time (model, resolution, upgrade timings…). */
  wire: Record<string, unknown>
  callbackUrl: string | null
  /** Result file names served under the vendor's /files/ path. */
  files: string[]
  /** Polls answered so far; `flaky_poll` fails the first few. */
  polls: number
  /** Price charged when the task was accepted, in the vendor's unit. */
  charged: number
}

export interface TaskView {
  state: CanonicalState
  /** 0–100; 100 only once succeeded. */
  progress: number
  /** Virtual time it settled, when settled. */
  settledAt: number | null
  failure: TaskFailure | null
}

/** How far a stuck task's progress climbs before it freezes (a documented example value; docs/vendors/). */
export const STUCK_PROGRESS = 42

export function viewTask(task: Task, now: number): TaskView {
  if (now < task.queuedUntil) return { state: 'queued', progress: 0, settledAt: null, failure: null }
  if (task.completesAt === null || now < task.completesAt || task.outcome === null) {
    if (task.completesAt === null || task.outcome === null) {
      // Stuck: progress rises for a while like a normal task, then freezes.
      const climbed = Math.floor((now - task.queuedUntil) / 3000)
      return { state: 'running', progress: Math.min(STUCK_PROGRESS, 1 + climbed), settledAt: null, failure: null }
    }
    const span = Math.max(1, task.completesAt - task.queuedUntil)
    const progress = Math.min(99, Math.max(1, Math.floor(((now - task.queuedUntil) / span) * 100)))
    return { state: 'running', progress, settledAt: null, failure: null }
  }
  if (task.outcome === 'succeeded') return { state: 'succeeded', progress: 100, settledAt: task.completesAt, failure: null }
  // The one documented failed-task example reports progress 0; no vendor documents anything else.
  return { state: 'failed', progress: 0, settledAt: task.completesAt, failure: task.outcome }
}

export interface DurationRange {
  /** Inclusive range in virtual milliseconds. */
  minMs: number
  maxMs: number
}

export interface Timing {
  queued: DurationRange
  running: DurationRange
}

export interface Timeline {
  queuedUntil: number
  completesAt: number | null
  outcome: Task['outcome']
}

/** Samples a task's timeline from the dialect's timing and the scenario, with seeded randomness. */
export function planTimeline(now: number, timing: Timing, scenario: ScenarioName, random: Random): Timeline {
  // `queue_long`: ten times the usual wait in the queued state (docs/contract.md §3).
  const queued = random.int(timing.queued.minMs, timing.queued.maxMs) * (scenario === 'queue_long' ? 10 : 1)
  let running = random.int(timing.running.minMs, timing.running.maxMs)
  if (scenario === 'slow') running = (queued + running) * 10 - queued
  const queuedUntil = now + queued
  if (scenario === 'stuck') return { queuedUntil, completesAt: null, outcome: null }
  const outcome = scenario === 'content_violation' || scenario === 'invalid_image' || scenario === 'generation_failed' ? scenario : 'succeeded'
  // Failures surface part-way through generation rather than at the very end.
  const completesAt = queuedUntil + (outcome === 'succeeded' ? running : Math.max(1000, Math.floor(running * 0.4)))
  return { queuedUntil, completesAt, outcome }
}

export interface TaskStoreLimits {
  maxTasks: number
  /** Approximate bytes of all tasks together (see taskBytes); the oldest are evicted past it. */
  maxBytes?: number
}

/**
 * What a task costs in memory, approximately: a fixed part for the task and its timeline (about
 * 0.8 kB measured with bench/scale.mjs) plus its request body, twice its JSON size once parsed.
 */
export function taskBytes(requestBytes: number): number {
  return 1024 + 2 * requestBytes
}

/**
 * Tasks by id, bounded by count and by approximate bytes: past either bound the oldest task is
 * evicted and counted, so a long CI run or a few huge prompts cannot grow without bound.
 */
export class TaskStore {
  private tasks = new Map<string, Task>()
  private sizes = new Map<string, number>()
  private seq = 0
  private used = 0
  evicted = 0
  readonly limits: TaskStoreLimits
  /** Called for each evicted task, so indexes that refer to it can let go. */
  onEvict: (task: Task) => void = () => undefined

  constructor(limits: TaskStoreLimits) {
    this.limits = limits
  }

  nextSeq(): number {
    return ++this.seq
  }

  /** Adds a task; `bytes` is its approximate size (taskBytes), counted against maxBytes. */
  add(task: Task, bytes = taskBytes(0)): void {
    this.tasks.set(task.id, task)
    this.sizes.set(task.id, bytes)
    this.used += bytes
    const maxBytes = this.limits.maxBytes ?? Infinity
    while (this.tasks.size > 1 && (this.tasks.size > this.limits.maxTasks || this.used > maxBytes)) {
      const oldest = this.tasks.values().next().value as Task
      this.tasks.delete(oldest.id)
      this.used -= this.sizes.get(oldest.id) ?? 0
      this.sizes.delete(oldest.id)
      this.evicted++
      this.onEvict(oldest)
    }
  }

  get(id: string): Task | undefined {
    return this.tasks.get(id)
  }

  has(id: string): boolean {
    return this.tasks.has(id)
  }

  get size(): number {
    return this.tasks.size
  }

  /** Approximate bytes held. */
  get bytes(): number {
    return this.used
  }

  /** Tasks in creation order, optionally filtered. */
  list(filter: (task: Task) => boolean = () => true, limit = Infinity): Task[] {
    const out: Task[] = []
    for (const t of this.tasks.values()) {
      if (out.length >= limit) break
      if (filter(t)) out.push(t)
    }
    return out
  }

  clear(): void {
    this.tasks.clear()
    this.sizes.clear()
    this.used = 0
    this.seq = 0
    this.evicted = 0
  }

  /** Plain data for a shared-store snapshot; restore() takes it back. */
  snapshot(): { tasks: Array<[Task, number]>; seq: number; used: number; evicted: number } {
    return { tasks: [...this.tasks.values()].map((t) => [t, this.sizes.get(t.id) ?? 0]), seq: this.seq, used: this.used, evicted: this.evicted }
  }

  restore(data: ReturnType<TaskStore['snapshot']>): void {
    this.tasks = new Map(data.tasks.map(([t]) => [t.id, t]))
    this.sizes = new Map(data.tasks.map(([t, bytes]) => [t.id, bytes]))
    Object.assign(this, { seq: data.seq, used: data.used, evicted: data.evicted })
  }
}
