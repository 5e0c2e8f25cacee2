import { describe, expect, it } from 'vitest'
import { seededRandom } from '../../../lib/seeded-random.js'
import type { ScenarioName } from '../../../lib/scenarios.js'
import { planTimeline, type Task, TaskStore, type Timing, viewTask } from './task.js'

const timing: Timing = { queued: { minMs: 10_000, maxMs: 10_000 }, running: { minMs: 100_000, maxMs: 100_000 } }

function task(scenario: ScenarioName, now = 0): Task {
  const t = planTimeline(now, timing, scenario, seededRandom(1, 't'))
  return {
    id: 't1',
    vendor: 'vendor-a',
    operation: 'generate',
    parentId: null,
    seq: 1,
    scenario,
    scenarioSource: 'default',
    keyId: null,
    createdAt: now,
    queuedUntil: t.queuedUntil,
    completesAt: t.completesAt,
    outcome: t.outcome,
    settledByAdmin: false,
    request: {},
    wire: {},
    callbackUrl: null,
    files: ['video.mp4'],
    polls: 0,
    charged: 0,
  }
}

describe('the canonical task timeline', () => {
  const cases: Array<[string, { scenario: ScenarioName; at: number; want: Partial<ReturnType<typeof viewTask>> }]> = [
    ['a new task is queued', { scenario: 'success', at: 5_000, want: { state: 'queued', progress: 0 } }],
    ['it runs with rising progress after its queue time', { scenario: 'success', at: 60_000, want: { state: 'running', progress: 50 } }],
    ['it succeeds at the end of its run', { scenario: 'success', at: 110_000, want: { state: 'succeeded', progress: 100, settledAt: 110_000 } }],
    ['slow takes ten times as long', { scenario: 'slow', at: 1_000_000, want: { state: 'running' } }],
    ['slow finishes at ten times the usual duration', { scenario: 'slow', at: 1_100_000, want: { state: 'succeeded' } }],
    ['stuck never leaves running', { scenario: 'stuck', at: 10 ** 12, want: { state: 'running', progress: 42 } }],
    ['a content violation fails part-way', { scenario: 'content_violation', at: 60_000, want: { state: 'failed', failure: 'content_violation' } }],
    ['generation_failed fails with its own failure', { scenario: 'generation_failed', at: 10 ** 9, want: { state: 'failed', failure: 'generation_failed' } }],
  ]
  it.each(cases)('%s', (_name, { scenario, at, want }) => {
    expect(viewTask(task(scenario), at)).toMatchObject(want)
  })

  it('computes state from the clock alone, so the same inputs give the same view', () => {
    const t = task('success')
    expect(viewTask(t, 42_000)).toEqual(viewTask(t, 42_000))
  })

  it('draws durations from the seeded stream, so the same seed gives the same timeline', () => {
    const wide: Timing = { queued: { minMs: 1, maxMs: 10_000 }, running: { minMs: 1, maxMs: 1_000_000 } }
    const a = planTimeline(0, wide, 'success', seededRandom(7, 'vendor-a:task:1'))
    const b = planTimeline(0, wide, 'success', seededRandom(7, 'vendor-a:task:1'))
    const c = planTimeline(0, wide, 'success', seededRandom(8, 'vendor-a:task:1'))
    expect(a).toEqual(b)
    expect(a).not.toEqual(c)
  })
})

describe('TaskStore', () => {
  it('evicts the oldest task past its cap and counts it', () => {
    const store = new TaskStore({ maxTasks: 2 })
    for (const id of ['a', 'b', 'c']) store.add({ ...task('success'), id })
    expect(store.has('a')).toBe(false)
    expect(store.list().map((t) => t.id)).toEqual(['b', 'c'])
    expect(store.evicted).toBe(1)
  })
})
