// The request pipeline: a request and its virtual arrival time go in; a response and its journal
// entry come out. Steps, in order: result files, route, body limit, auth, JSON body, scenario
// (submits), spec validation, then submit / poll / custom, strict check, serialise, record.
// Given the same state and the same (request, arrival time) it answers the same.
import type { WireResponse } from '../dialect.js'
import type { JournalEntry } from '../journal.js'
import type { HttpMethod } from '../../../../lib/spec/validation.js'
import { dialectContext } from './dialect-context.js'
import { type CompiledVendor, type EngineState, optionsOf, vendorOf } from './engine-state.js'
import { poll } from './poll.js'
import {
  authError,
  bodyOf,
  credentialsOf,
  type Credentials,
  type IncomingRequest,
  type Routed,
  routeOf,
  type StepError,
  wireRequestOf,
} from './request-route.js'
import { enforceStrict, entryBytes, journalEntry, NO_FACTS, type RequestFacts, serialized } from './respond.js'
import { isResultFileRequest, parseResultFilePath, serveResultFile } from './result-files.js'
import { scenarioOf } from './resolve-scenario.js'
import { submit } from './submit.js'
import { validateRequest } from './validate-request.js'
import type { EngineResponse } from './wire-body.js'

export interface HandledRequest {
  response: EngineResponse
  entry: JournalEntry
}

interface Answer {
  facts: RequestFacts
  response: EngineResponse
}

/** Serves one vendor request at virtual time `at` and records it in the journal. */
export function handleRequest(state: EngineState, req: IncomingRequest, at: number): HandledRequest {
  const vendor = vendorOf(state, req.vendor)
  const { facts, response } = processRequest(state, vendor, req, at)
  const answered = response.cut ? response : serialized(enforceStrict(state, vendor, req, facts, response))
  const entry = journalEntry(req, facts, answered, at, { seq: state.journal.nextSeq(), durationMs: state.clock.now() - at })
  state.journal.push(entry, entryBytes(entry, req.rawBody?.length ?? 0))
  return { response: answered, entry }
}

function failWith(state: EngineState, vendor: CompiledVendor, facts: RequestFacts, error: StepError, at: number): Answer {
  const ctx = dialectContext(state, vendor, state.random.stream(`${vendor.dialect.id}:request`), at)
  return { facts, response: vendor.dialect.renderError({ route: facts.route, fromScenario: false, ...error }, ctx) }
}

function processRequest(state: EngineState, vendor: CompiledVendor, req: IncomingRequest, at: number): Answer {
  if (isResultFileRequest(req.method, req.path)) return { facts: NO_FACTS, response: resultFile(state, vendor, req, at) }
  const found = routeOf(vendor, req)
  const routedFacts: RequestFacts = { ...NO_FACTS, route: found.template }
  if ('error' in found) return failWith(state, vendor, routedFacts, found.error, at)
  const { routed } = found
  const credentials = credentialsOf(req)
  const facts: RequestFacts = { ...routedFacts, operationId: routed.entry.operationId, keyId: credentials.keyId }
  // A vendor refuses an oversized body before it looks at the key; a malformed one after.
  const parsed = bodyOf(routed.entry, req)
  if (!('body' in parsed) && parsed.kind === 'payload_too_large') return failWith(state, vendor, facts, parsed, at)
  const denied = authError(routed.entry, credentials.apiKey)
  if (denied) return failWith(state, vendor, facts, denied, at)
  if (!('body' in parsed)) return failWith(state, vendor, facts, parsed, at)
  return dispatch(state, vendor, req, { routed, credentials, facts: { ...facts, requestBody: parsed.body } }, at)
}

interface Prepared {
  routed: Routed
  credentials: Credentials
  facts: RequestFacts
}

function dispatch(state: EngineState, vendor: CompiledVendor, req: IncomingRequest, prepared: Prepared, at: number): Answer {
  const { routed, credentials } = prepared
  const { route } = routed.entry
  const wire = wireRequestOf(req, routed, prepared.facts.requestBody, credentials.keyId)
  let facts = prepared.facts
  const resolved = route.kind === 'submit' ? scenarioOf(state, vendor, route, req, facts.requestBody, credentials, at) : undefined
  if (resolved) {
    facts = { ...facts, scenario: resolved.scenario.scenario }
    if (resolved.error) return failWith(state, vendor, facts, resolved.error, at)
  }
  const invalid = validateRequest(vendor, routed, req.method.toLowerCase() as HttpMethod, req.query, wire.body)
  if (invalid) return failWith(state, vendor, { ...facts, valid: false, issues: invalid.issues }, invalid.error, at)
  if (route.kind === 'submit' && resolved) {
    // `connection_reset`: a key's first such submit is cut before anything is created (docs/contract.md §3).
    const cutKey = credentials.keyId ?? ''
    if (resolved.scenario.scenario === 'connection_reset' && !state.cutSubmits.has(cutKey)) {
      state.cutSubmits.add(cutKey)
      return { facts, response: { status: 0, body: undefined, cut: 'reset' } }
    }
    const response = submit(state, vendor, { route, wire, scenario: resolved.scenario, apiKey: credentials.apiKey, now: at })
    return withTask(facts, response)
  }
  if (route.kind === 'poll') {
    const polled = poll(state, vendor, route, wire, at)
    facts = { ...facts, taskId: polled.taskId, scenario: polled.task?.scenario ?? facts.scenario }
    if ('error' in polled) return failWith(state, vendor, facts, polled.error, at)
    return { facts, response: polled.cut ? { ...polled.response, cut: polled.cut } : polled.response }
  }
  if (route.kind !== 'custom') throw new Error(`Failed to dispatch ${req.method} ${req.path}: no scenario for a submit`)
  const response = route.handle(wire, dialectContext(state, vendor, state.random.stream(`${vendor.dialect.id}:request`), at))
  return withTask(facts, response)
}

function withTask(facts: RequestFacts, response: WireResponse): Answer {
  return { facts: response.taskId ? { ...facts, taskId: response.taskId } : facts, response }
}

function resultFile(state: EngineState, vendor: CompiledVendor, req: IncomingRequest, at: number): EngineResponse {
  const { dialect } = vendor
  const { taskId, name } = parseResultFilePath(req.path) ?? { taskId: '', name: '' }
  const found = taskId ? state.tasks.get(taskId) : undefined
  const task = found && found.vendor === dialect.id ? found : undefined
  // Result URLs expire after the vendor's retention (docs/contract.md; each dialect's retentionMs).
  const retention = dialect.retentionFor?.(optionsOf(state, dialect.id)) ?? dialect.retentionMs
  const range = req.headers.range
  return serveResultFile(task, name, retention, at, typeof range === 'string' ? range : undefined)
}
