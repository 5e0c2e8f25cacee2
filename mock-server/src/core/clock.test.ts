import { describe, expect, it } from 'vitest'
import { type RealTime, VirtualClock } from './clock.js'

/** A fake real clock whose timers run when the test moves real time. */
function fakeRealTime() {
  let now = 1000
  let timers: Array<{ at: number; fn: () => void; id: number }> = []
  let next = 1
  const real: RealTime = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = next++
      timers.push({ at: now + ms, fn, id })
      return id
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id)
    },
  }
  return {
    real,
    move(ms: number) {
      now += ms
      const due = timers.filter((t) => t.at <= now)
      timers = timers.filter((t) => t.at > now)
      for (const t of due) t.fn()
    },
    /** Real time passes while the machine is too busy to run any timer. */
    stall(ms: number) {
      now += ms
    },
    pending: () => timers.length,
  }
}

describe('VirtualClock', () => {
  it('starts at the fixed virtual epoch so timestamps are the same in every run', () => {
    const clock = new VirtualClock({ scale: 'manual', real: fakeRealTime().real })
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1))
  })

  it('moves N virtual milliseconds per real millisecond at scale N', () => {
    const fake = fakeRealTime()
    const clock = new VirtualClock({ scale: 60, real: fake.real, start: 0 })
    fake.move(1000)
    expect(clock.now()).toBe(60_000)
  })

  it('changes its scale without a jump, re-arms timers at the new pace, and goes back to the default on reset', async () => {
    const fake = fakeRealTime()
    const clock = new VirtualClock({ scale: 'manual', real: fake.real, start: 0 })
    await clock.advance(90_000)
    const fired: number[] = []
    clock.schedule(100_000, () => void fired.push(clock.now()))
    clock.setScale(1000)
    expect(clock.snapshot()).toEqual({ now: 90_000, start: 0, elapsedMs: 90_000, scale: 1000 })
    fake.move(9)
    expect(fired).toEqual([])
    fake.move(1)
    expect(fired).toEqual([100_000])
    clock.setScale('manual')
    fake.move(60_000)
    expect(clock.now()).toBe(100_000)
    expect(() => clock.setScale(0)).toThrow(/Failed to set the time scale: time scale must be a positive number or "manual", got 0/)
    clock.setScale(2)
    clock.reset()
    expect(clock.snapshot()).toEqual({ now: 0, start: 0, elapsedMs: 0, scale: 'manual' })
  })

  it('moves only through advance() in manual mode', async () => {
    const fake = fakeRealTime()
    const clock = new VirtualClock({ scale: 'manual', real: fake.real, start: 0 })
    fake.move(5000)
    expect(clock.now()).toBe(0)
    await clock.advance(2500)
    expect(clock.snapshot()).toEqual({ now: 2500, start: 0, elapsedMs: 2500, scale: 'manual' })
  })

  it('runs timers that fall due during advance() in time order, each seeing its own due time', async () => {
    const clock = new VirtualClock({ scale: 'manual', real: fakeRealTime().real, start: 0 })
    const seen: Array<[string, number]> = []
    clock.schedule(300, () => void seen.push(['c', clock.now()]))
    clock.schedule(100, () => void seen.push(['a', clock.now()]))
    clock.schedule(200, () => {
      seen.push(['b', clock.now()])
      clock.schedule(250, () => void seen.push(['b2', clock.now()]))
    })
    clock.schedule(5000, () => void seen.push(['late', clock.now()]))
    await clock.advance(1000)
    expect(seen).toEqual([
      ['a', 100],
      ['b', 200],
      ['b2', 250],
      ['c', 300],
    ])
    expect(clock.now()).toBe(1000)
    expect(clock.pendingTimers()).toBe(1)
  })

  it('waits for an async timer before running the next one', async () => {
    const clock = new VirtualClock({ scale: 'manual', real: fakeRealTime().real, start: 0 })
    const order: string[] = []
    clock.schedule(10, async () => {
      await new Promise((r) => setTimeout(r, 5))
      order.push('slow')
    })
    clock.schedule(20, () => void order.push('next'))
    await clock.advance(100)
    expect(order).toEqual(['slow', 'next'])
  })

  it('arms one real timer for the earliest virtual timer in scaled mode', async () => {
    const fake = fakeRealTime()
    const clock = new VirtualClock({ scale: 100, real: fake.real, start: 0 })
    let fired = 0
    clock.schedule(10_000, () => void fired++)
    clock.schedule(20_000, () => void fired++)
    expect(fake.pending()).toBe(1)
    fake.move(100) // 10 000 virtual ms
    await new Promise((r) => setTimeout(r, 0))
    expect(fired).toBe(1)
    fake.move(100)
    await new Promise((r) => setTimeout(r, 0))
    expect(fired).toBe(2)
  })

  it('cancels a timer and forgets every timer on reset', async () => {
    const clock = new VirtualClock({ scale: 'manual', real: fakeRealTime().real, start: 0 })
    let fired = 0
    const id = clock.schedule(10, () => void fired++)
    clock.cancel(id)
    clock.schedule(20, () => void fired++)
    clock.reset()
    await clock.advance(100)
    expect(fired).toBe(0)
  })

  it.each([[0], [-1], [Number.NaN]])('refuses a time scale of %s with a clear error', (scale) => {
    expect(() => new VirtualClock({ scale, real: fakeRealTime().real })).toThrow(/time scale must be a positive number/)
  })

  it('refuses to advance by a negative amount', async () => {
    const clock = new VirtualClock({ scale: 'manual', real: fakeRealTime().real })
    await expect(clock.advance(-5)).rejects.toThrow(/ms must be a finite number >= 0/)
  })
})

describe('VirtualClock timers at scale (issue 11, defect 4)', () => {
  it('runs 20,000 timers scheduled out of order in time order', async () => {
    const clock = new VirtualClock({ scale: 'manual', real: fakeRealTime().real, start: 0 })
    const seen: number[] = []
    const ids: number[] = []
    for (let i = 0; i < 20_000; i++) {
      const at = (i * 7919) % 20_000
      ids.push(clock.schedule(at, () => void seen.push(at)))
    }
    for (let i = 0; i < 20_000; i += 2) clock.cancel(ids[i] as number)
    expect(clock.pendingTimers()).toBe(10_000)
    await clock.advance(20_000)
    expect(seen).toHaveLength(10_000)
    expect(seen.every((at, i) => i === 0 || at >= (seen[i - 1] as number))).toBe(true)
  })

  it('starts every timer due in scaled mode without waiting for the one before', async () => {
    const fake = fakeRealTime()
    const clock = new VirtualClock({ scale: 100, real: fake.real, start: 0 })
    const started: string[] = []
    clock.schedule(1000, () => {
      started.push('hangs')
      return new Promise<void>(() => undefined)
    })
    clock.schedule(1000, () => void started.push('next'))
    fake.move(10)
    await new Promise((r) => setTimeout(r, 0))
    expect(started).toEqual(['hangs', 'next'])
  })

  it('never runs past a due timer the machine has not fired yet, and never goes backwards', async () => {
    const fake = fakeRealTime()
    const clock = new VirtualClock({ scale: 100, real: fake.real, start: 0 })
    let firedAt: number | undefined
    clock.schedule(10_000, () => void (firedAt = clock.now()))
    // A busy machine: real time passes the timer's moment (200 real ms = 20 000 virtual) but its real timer has not run yet.
    fake.stall(200)
    expect(clock.now()).toBe(9_999)
    fake.move(0)
    await new Promise((r) => setTimeout(r, 0))
    expect(firedAt).toBe(20_000)
    expect(clock.now()).toBe(20_000)
    // A timer scheduled in the past holds nothing back: time does not go backwards.
    clock.schedule(5_000, () => undefined)
    expect(clock.now()).toBe(20_000)
  })
})
