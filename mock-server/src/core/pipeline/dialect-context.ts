// What a dialect sees while it renders: reads of the state at one virtual instant, plus the two
// writes a custom route may need (a child task, a charge). Built per call from the state.
import type { DialectContext } from '../dialect.js'
import type { Random } from '../../../../lib/seeded-random.js'
import { seededRandom } from '../../../../lib/seeded-random.js'
import { type Task, viewTask } from '../task.js'
import { type CompiledVendor, type EngineState, optionsOf } from './engine-state.js'
import { resultFileUrls, taskIdOfResultUrl } from './result-files.js'
import { accountBalance, createTask } from './submit.js'

/** The scenarios a child task (an upgrade made by a custom route) inherits from its parent; any other becomes success. */
// Children (upgrades, extends) keep the parent's timing and callback behaviour; failures are the parent's own.
const INHERITED_SCENARIOS = new Set(['stuck', 'slow', 'duplicate_callback', 'callback_lost', 'callback_delayed', 'callback_forged'])

export function dialectContext(state: EngineState, vendor: CompiledVendor, random: Random, now: number): DialectContext {
  const { dialect } = vendor
  const baseUrl = state.config.baseUrl(dialect.id)
  const findTask = (id: string): Task | undefined => {
    const t = state.tasks.get(id)
    return t && t.vendor === dialect.id ? t : undefined
  }
  return {
    now,
    baseUrl,
    options: optionsOf(state, dialect.id),
    random,
    fileUrls: (task) => resultFileUrls(baseUrl, task),
    taskOfFileUrl: (url) => {
      const id = taskIdOfResultUrl(baseUrl, url)
      const task = id ? findTask(id) : undefined
      return task && resultFileUrls(baseUrl, task).includes(url) ? task : undefined
    },
    findTask,
    view: (task) => viewTask(task, now),
    childrenOf: (id) => state.tasks.list((t) => t.parentId === id && t.vendor === dialect.id),
    createTask: (intent, parent) => {
      const scenario = INHERITED_SCENARIOS.has(parent.scenario) ? parent.scenario : 'success'
      return createTask(state, vendor, {
        intent: { ...intent, parentId: parent.id },
        scenario,
        source: parent.scenarioSource,
        request: parent.request,
        keyId: parent.keyId,
        random: seededRandom(state.random.seed, `${dialect.id}:child:${parent.id}:${intent.operation}`),
        now,
      })
    },
    balance: (keyId) => accountBalance(state, vendor, keyId, now),
    charge: (keyId, price) => (keyId ? state.accounts.charge(dialect.id, keyId, price, dialect.initialCredits) : true),
  }
}
