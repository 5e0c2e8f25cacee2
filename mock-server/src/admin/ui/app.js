// The admin page of contract §4: a plain ES module over the admin JSON API (specs/admin.openapi.yaml),
// no framework and no build step. Every value from the mock is written with textContent, never as
// HTML: journal entries carry whatever clients sent.
const admin = document.documentElement.dataset.admin || '/__admin'
const $ = (id) => document.getElementById(id)
const MAX_JOURNAL = 300
const FINISH = ['success', 'content_violation', 'invalid_image', 'generation_failed']
const state = { journal: [], lastSeq: 0, callbacks: [], lastCallback: 0, selected: null, token: null, busy: false, clock: null }

// An --admin-token, when the mock has one: from the #token=… fragment (kept out of server logs),
// else the one typed into the form, kept for this tab only.
const fragment = new URLSearchParams(location.hash.slice(1)).get('token')
if (fragment) {
  sessionStorage.setItem('veomock-admin-token', fragment)
  history.replaceState(null, '', location.pathname + location.search)
}
state.token = sessionStorage.getItem('veomock-admin-token')

function h(tag, props = {}, ...children) {
  const el = document.createElement(tag)
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') el.className = v
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v)
    else if (k === 'dataset') Object.assign(el.dataset, v)
    else if (k === 'style')
      Object.assign(el.style, v) // CSSOM, which the page's CSP allows
    else el.setAttribute(k, v)
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) el.append(child instanceof Node ? child : String(child))
  return el
}

class AdminFailure extends Error {
  constructor(status, detail) {
    super(`${status}: ${detail}`)
    this.status = status
  }
}

// Admin bodies are JSON, sent as application/json even when empty, with the token when there is one.
async function call(method, path, body) {
  const headers = { accept: 'application/json' }
  if (method !== 'GET') headers['content-type'] = 'application/json'
  if (state.token) headers.authorization = `Bearer ${state.token}`
  const response = await fetch(admin + path, { method, headers, body: method === 'GET' ? undefined : JSON.stringify(body ?? {}) })
  const text = await response.text()
  const parsed = text ? JSON.parse(text) : undefined
  if (!response.ok) throw new AdminFailure(response.status, parsed?.detail ?? text)
  return parsed
}

const pad = (n) => String(n).padStart(2, '0')
function clockTime(ms) {
  const d = new Date(ms)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}
function duration(ms) {
  if (ms === null || ms === undefined) return '∞'
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${pad(s % 60)}s` : `${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`
}
// Vendor ids are up to 40 characters: show both ends, the whole id on hover.
const shortId = (id) => (id && id.length > 16 ? h('span', { title: id }, `${id.slice(0, 7)}…${id.slice(-6)}`) : (id ?? ''))
const statusBadge = (status) => h('span', { class: `badge status-${String(status ?? '').charAt(0)}` }, status ?? 'no answer')
const empty = (columns, text) => h('tr', {}, h('td', { class: 'empty', colspan: String(columns) }, text))

function showStatus(text) {
  $('status').hidden = !text
  $('status').textContent = text ?? ''
}

function renderClock(clock, health) {
  state.clock = clock
  $('clock-now').textContent = new Date(clock.now)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC')
  const scale = clock.scale === 'manual' ? 'manual time' : `${clock.scale}× real time`
  $('clock-detail').textContent = `+${duration(clock.elapsedMs)} since start · ${scale}`
  if (health) $('version').textContent = `${health.version} · seed ${health.seed}`
}

// The task's life on one bar: queued (grey), running (blue; green or red once settled), now (line).
function timelineBar(task, now) {
  const start = task.createdAt
  const end = Math.max(task.timeline.settledAt ?? task.timeline.completesAt ?? now, now, start + 1)
  const pct = (t) => `${(100 * (Math.min(t, end) - start)) / (end - start)}%`
  const queuedEnd = task.timeline.queuedUntil
  const runEnd = task.timeline.settledAt ?? task.timeline.completesAt ?? end
  const bar = h(
    'div',
    {
      class: `timeline ${task.state}`,
      title: `created ${clockTime(start)} · queued until ${clockTime(queuedEnd)} · ${task.timeline.completesAt === null ? 'never completes' : `completes ${clockTime(task.timeline.completesAt)}`}`,
    },
    h('span', { class: 'queued', style: { left: '0', width: pct(queuedEnd) } }),
    h('span', { class: 'running', style: { left: pct(queuedEnd), width: `calc(${pct(runEnd)} - ${pct(queuedEnd)})` } }),
    h('span', { class: 'now', style: { left: pct(now) } }),
  )
  return bar
}

function finishControl(task) {
  if (task.state === 'succeeded' || task.state === 'failed') return h('span', { class: 'empty' }, task.failure ?? 'settled')
  const select = h(
    'select',
    { 'aria-label': `finish ${task.id} as` },
    FINISH.map((s) => h('option', { value: s }, s)),
  )
  const button = h(
    'button',
    { onclick: (e) => (e.stopPropagation(), act(() => call('POST', `/tasks/${encodeURIComponent(task.id)}/finish`, { scenario: select.value }))) },
    'Finish',
  )
  select.addEventListener('click', (e) => e.stopPropagation())
  return h('span', {}, select, ' ', button)
}

function renderTasks(tasks, total) {
  const now = state.clock?.now ?? 0
  tasks.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
  $('tasks-count').textContent = total > tasks.length ? `${tasks.length} of ${total}` : String(tasks.length)
  const rows = tasks.map((task) =>
    h(
      'tr',
      { dataset: { task: task.id }, class: task.id === state.selected ? 'selected' : '', onclick: () => selectTask(task.id) },
      h('td', { class: 'mono' }, shortId(task.id)),
      h('td', {}, task.vendor),
      h('td', {}, task.scenario, task.scenarioSource === 'default' ? '' : h('small', { class: 'empty' }, ` (${task.scenarioSource})`)),
      h('td', {}, h('span', { class: `badge state-${task.state}` }, task.state), ` ${task.state === 'running' ? `${task.progress}%` : ''}`),
      h('td', {}, timelineBar(task, now)),
      h('td', {}, finishControl(task)),
    ),
  )
  $('tasks').tBodies[0].replaceChildren(...(rows.length ? rows : [empty(6, 'No tasks yet: submit one to any vendor.')]))
  const selected = tasks.find((t) => t.id === state.selected)
  renderTaskDetail(selected)
}

function renderTaskDetail(task) {
  const detail = $('task-detail')
  detail.hidden = !task
  if (!task) return
  const requests = state.journal.filter((e) => e.taskId === task.id)
  const callbacks = state.callbacks.filter((c) => c.taskId === task.id)
  const t = task.timeline
  const row = (k, v) => [h('dt', {}, k), h('dd', {}, v)]
  detail.replaceChildren(
    h('h3', {}, `Task `, h('code', {}, task.id)),
    h(
      'dl',
      {},
      row('vendor state', `${task.vendorState} (${task.state}${task.state === 'running' ? `, ${task.progress}%` : ''})`),
      row('scenario', `${task.scenario} — chosen by ${task.scenarioSource}`),
      row(
        'timeline',
        `created ${clockTime(task.createdAt)} → running ${clockTime(t.queuedUntil)} → ${t.completesAt === null ? 'never completes' : `done ${clockTime(t.completesAt)}`}${t.settledAt === null ? '' : ` (settled ${clockTime(t.settledAt)})`}`,
      ),
      row('results', task.resultUrls.length ? task.resultUrls.map((u) => h('div', {}, h('a', { href: u, target: '_blank', rel: 'noopener' }, u))) : '–'),
      row('callback', task.callbackUrl ?? '–'),
      row('requests', requests.map((e) => `${clockTime(e.at)} ${e.method} ${e.status}`).join(' · ') || '–'),
      row('callbacks', callbacks.map((c) => `${clockTime(c.at)} #${c.attempt} ${c.status ?? c.error}`).join(' · ') || '–'),
    ),
  )
}

function selectTask(id) {
  state.selected = state.selected === id ? null : id
  void refresh()
}

function renderJournal() {
  $('journal-count').textContent = String(state.journal.length)
  const rows = state.journal
    .slice()
    .reverse()
    .map((e) =>
      h(
        'tr',
        {},
        h('td', {}, e.seq),
        h('td', {}, clockTime(e.at)),
        h('td', {}, e.vendor ?? '–'),
        h('td', {}, e.method),
        h('td', { class: 'path mono', title: e.path }, e.path),
        h('td', {}, statusBadge(e.status)),
        h('td', {}, e.scenario ?? ''),
        h('td', { class: 'mono' }, shortId(e.taskId)),
        h('td', { title: e.issues.join('\n') }, e.valid ? '✓' : `✗ ${e.issues.length}`),
      ),
    )
  $('journal').tBodies[0].replaceChildren(...(rows.length ? rows : [empty(9, 'No requests yet.')]))
}

function renderCallbacks() {
  $('callbacks-count').textContent = String(state.callbacks.length)
  const rows = state.callbacks
    .slice()
    .reverse()
    .map((c) =>
      h(
        'tr',
        {},
        h('td', {}, clockTime(c.at)),
        h('td', { class: 'mono' }, shortId(c.taskId)),
        h('td', {}, c.event),
        h('td', {}, c.attempt),
        h('td', { class: 'path mono', title: c.url }, c.url),
        h('td', { title: c.error ?? '' }, c.status === null ? h('span', { class: 'badge status-5' }, c.error ?? 'failed') : statusBadge(c.status)),
        h('td', {}, c.nextAttemptAt === null ? '' : clockTime(c.nextAttemptAt)),
      ),
    )
  $('callbacks').tBodies[0].replaceChildren(...(rows.length ? rows : [empty(7, 'No callbacks yet: tasks submitted with a callback URL get them.')]))
}

function renderRules(rules) {
  const rows = rules.map((r) => {
    const match = Object.entries(r.match ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(', ')
    return h(
      'tr',
      {},
      h('td', {}, r.scenario),
      h('td', { class: 'mono' }, match || 'every submit'),
      h('td', {}, r.remaining ?? r.times ?? '∞'),
      h('td', {}, h('button', { onclick: () => act(() => call('DELETE', `/scenarios/${encodeURIComponent(r.id)}`)) }, 'Delete')),
    )
  })
  $('rules').tBodies[0].replaceChildren(...(rows.length ? rows : [empty(4, 'No rules: every submit follows its header, prompt token or key.')]))
}

// Namespaces (contract §4.1): when the mock lists them in /__admin/health, a picker opens the page
// of another namespace; this page always talks to the admin API it was served from.
function renderNamespaces(health) {
  const names = Array.isArray(health?.namespaces) ? health.namespaces.map((n) => (typeof n === 'string' ? n : n.name)) : []
  $('namespace-picker').hidden = names.length === 0
  if (names.length === 0) return
  const current = /\/ns\/([^/]+)\/__admin$/.exec(admin)?.[1] ?? ''
  const options = [h('option', { value: '' }, '(default)'), ...names.map((n) => h('option', { value: n }, n))]
  $('namespace').replaceChildren(...options)
  $('namespace').value = current
}

async function refresh() {
  if (state.busy) return
  state.busy = true
  try {
    const since = state.lastSeq
    const [health, tasks, requests, callbacks, rules] = await Promise.all([
      call('GET', '/health'),
      call('GET', '/tasks?limit=500'),
      call('GET', `/requests?since=${since}&limit=${MAX_JOURNAL}`),
      call('GET', `/callbacks?since=${state.lastCallback}&limit=${MAX_JOURNAL}`),
      call('GET', '/scenarios'),
    ])
    // A reset (here or by another user) numbers the journals from 1 again: start over.
    if (health.counts.requests + health.evicted.requests < since || health.counts.callbacks + health.evicted.callbacks < state.lastCallback) {
      Object.assign(state, { journal: [], callbacks: [], lastSeq: 0, lastCallback: 0 })
      return
    }
    state.journal = state.journal.concat(requests.requests).slice(-MAX_JOURNAL)
    state.lastSeq = state.journal.at(-1)?.seq ?? 0
    state.callbacks = state.callbacks.concat(callbacks.callbacks).slice(-MAX_JOURNAL)
    state.lastCallback = state.callbacks.at(-1)?.seq ?? 0
    renderClock(health.clock, health)
    renderNamespaces(health)
    renderTasks(tasks.tasks, health.counts.tasks)
    renderJournal()
    renderCallbacks()
    renderRules(rules.rules)
    showStatus(null)
    $('token-form').hidden = true
  } catch (error) {
    showStatus(`Failed to read the admin API: ${error.message}`)
    if (error.status === 401 || error.status === 403) $('token-form').hidden = false
  } finally {
    state.busy = false
  }
}

async function act(action) {
  try {
    await action()
  } catch (error) {
    showStatus(`Failed: ${error.message}`)
    return
  }
  await refresh()
}

function setUp() {
  for (const button of document.querySelectorAll('[data-advance]'))
    button.addEventListener('click', () => act(() => call('POST', '/clock/advance', { ms: Number(button.dataset.advance) })))
  $('reset').addEventListener('click', () => {
    if (!confirm('Reset the mock? Tasks, journal, rules and accounts are forgotten and the clock goes back to its start.')) return
    state.journal = []
    state.callbacks = []
    state.lastSeq = 0
    state.lastCallback = 0
    state.selected = null
    void act(() => call('POST', '/reset'))
  })
  $('namespace').addEventListener('change', (e) => {
    const root = admin.replace(/(\/ns\/[^/]+)?\/__admin$/, '')
    location.href = `${root}${e.target.value ? `/ns/${encodeURIComponent(e.target.value)}` : ''}/__admin/ui`
  })
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault()
    state.token = $('token').value || null
    if (state.token) sessionStorage.setItem('veomock-admin-token', state.token)
    void refresh()
  })
  $('rule-form').addEventListener('submit', (e) => {
    e.preventDefault()
    const rule = { scenario: $('rule-scenario').value, match: {} }
    if ($('rule-vendor').value) rule.match.vendor = $('rule-vendor').value
    if ($('rule-prompt').value) rule.match.prompt = $('rule-prompt').value
    if ($('rule-times').value) rule.times = Number($('rule-times').value)
    void act(() => call('POST', '/scenarios', rule))
  })
  const scenarios = JSON.parse(document.documentElement.dataset.scenarios || '[]')
  $('rule-scenario').replaceChildren(...scenarios.map((s) => h('option', { value: s }, s)))
  const vendors = JSON.parse(document.documentElement.dataset.vendors || '[]')
  $('rule-vendor').append(...vendors.map((v) => h('option', { value: v }, v)))
  setInterval(() => {
    if ($('live').checked && !document.hidden) void refresh()
  }, 1000)
  void refresh()
}

setUp()
