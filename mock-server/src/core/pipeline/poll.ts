// Poll: find the vendor's task, answer `flaky_poll`'s transient failures first, then render the
// task's state at the request's virtual time.
import type { CoreError, PollRoute, WireRequest, WireResponse } from '../dialect.js'
import { type Task, viewTask } from '../task.js'
import { dialectContext } from './dialect-context.js'
import type { CompiledVendor, EngineState } from './engine-state.js'

/** How many polls of a `flaky_poll` task are answered with a transient error first. */
export const FLAKY_POLLS = 2

export type PollOutcome = { task: Task | undefined; taskId: string | null } & (
  { response: WireResponse; cut?: 'reset' | 'hang' } | { error: Omit<CoreError, 'route'> }
)

export function poll(state: EngineState, vendor: CompiledVendor, route: PollRoute, wire: WireRequest, now: number): PollOutcome {
  const { dialect } = vendor
  const id = route.taskId(wire)
  const taskId = id ?? null
  const task = id ? state.tasks.get(id) : undefined
  if (!task || task.vendor !== dialect.id || (route.operations && !route.operations.includes(task.operation))) {
    return { task: undefined, taskId, error: { kind: 'task_not_found', message: `Task ${id ?? '(none)'} was not found`, fromScenario: false } }
  }
  // `hang` and `connection_reset`: the task's first poll gets no answer (docs/contract.md §3).
  if ((task.scenario === 'hang' || task.scenario === 'connection_reset') && task.polls === 0) {
    task.polls++
    return { task, taskId, response: { status: 0, body: undefined }, cut: task.scenario === 'hang' ? 'hang' : 'reset' }
  }
  if (task.scenario === 'flaky_poll' && task.polls < FLAKY_POLLS) {
    task.polls++
    return {
      task,
      taskId,
      error: { kind: 'flaky_poll', message: `veomock scenario flaky_poll: transient failure ${task.polls} of ${FLAKY_POLLS}`, fromScenario: true },
    }
  }
  task.polls++
  const ctx = dialectContext(state, vendor, state.random.stream(`${dialect.id}:request`), now)
  return { task, taskId, response: route.render(task, viewTask(task, now), ctx) }
}
