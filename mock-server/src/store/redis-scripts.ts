// Lua run atomically inside Redis. One call per batch of requests: it reads the namespace's virtual
// clock, appends the requests to the namespace's ordered log, and returns the entries this replica
// has not seen yet, so a poll costs at most one round trip. Redis's own TIME is the one real clock
// of all replicas.

/**
 * KEYS: clock hash, log stream, cursors hash, namespace registry hash, the namespace's watch key,
 *       the set of watched namespaces (callback-watch.ts)
 * ARGV: name, replica, generation the replica holds, start, scale, log cap (entries), log bound
 *       (payload bytes), watch ms, then one triple per item of the batch: kind, payload, kind's
 *       argument.
 * The log keeps at most `cap` entries and about `bound` bytes of payloads: the entry count it may
 * keep is the bound over a moving average of payload sizes (kept in the clock hash), so a log of
 * large bodies is trimmed sooner. Snapshots normally trim it long before either (namespace-snapshots.ts).
 * kind: v vendor request (arg "w": it carries a callback URL, so the namespace is listed as watched
 *       by this replica in the same step, and another replica takes it up if this one dies at once),
 *       u request outside every vendor, a admin write, x clock advance (arg ms),
 *       k time scale (arg: a number or "manual"), c callback result (arg: the generation it belongs
 *       to; dropped unless that is the current one), s sync (appends nothing; moves the
 *       namespace's "last seen" time so time never runs back).
 * A replica sends every request that arrived while its previous call was in flight as one batch
 * (group commit): under load one call carries many requests. Appended items get consecutive seqs.
 * Returns { generation, clock start, head seq, the entries this replica neither has seen nor
 * wrote, each item's seq (0 = dropped; for s the head at that point), each item's virtual time,
 * the time scale }. A replica whose generation differs (new namespace, reset, store restarted)
 * gets the log from its start.
 */
export const APPEND = `
local clock, log, cursors, registry = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local name, replica, want = ARGV[1], ARGV[2], ARGV[3]
local t = redis.call('TIME')
local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local c = redis.call('HMGET', clock, 'gen', 'start', 'offset', 'origin', 'scale', 'seq', 'last', 'avg')
if not c[1] then
  -- Only callback results: the namespace is gone, and they belonged to it.
  local results = true
  for i = 9, #ARGV, 3 do if ARGV[i] ~= 'c' then results = false end end
  if results then return {'', '0', 0, {}, {}, {}, ARGV[5]} end
  -- Unique even across a store that restarted empty (its TIME has moved on).
  c = {string.format('%d', real) .. '.' .. redis.call('INCR', 'veomock:generation'), ARGV[4], '0', string.format('%d', real), ARGV[5], '0', ARGV[4]}
end
local gen, start = c[1], tonumber(c[2])
local offset, origin, scale, seq, last = tonumber(c[3]), tonumber(c[4]), c[5], tonumber(c[6]), tonumber(c[7])
local avg, cap, bound = tonumber(c[8] or '0'), tonumber(ARGV[6]), tonumber(ARGV[7])
local now = start + offset
if scale ~= 'manual' then now = now + math.floor((real - origin) * tonumber(scale)) end
if now < last then now = last end
local from = 1
if want == gen then from = tonumber(redis.call('HGET', cursors, replica) or '0') + 1 end
local first = 0
local seqs, ats = {}, {}
local watch = false
for i = 9, #ARGV, 3 do
  local kind, payload, arg = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local own = 0
  if kind == 'x' then
    offset = offset + tonumber(arg)
    now = now + tonumber(arg)
  elseif kind == 'k' then
    -- The virtual now stays where it is; from here it moves at the new scale.
    offset = now - start
    origin = real
    scale = arg
  end
  if kind == 'v' and arg == 'w' then watch = true end
  if kind == 's' then
    own = seq
  elseif kind ~= 'c' or arg == gen then
    seq = seq + 1
    own = seq
    if first == 0 then first = seq end
    if avg == 0 then avg = #payload else avg = avg + (#payload - avg) / 64 end
    local keep = math.min(cap, math.max(16, math.floor(bound / math.max(avg, 1))))
    redis.call('XADD', log, 'MAXLEN', '~', keep, seq .. '-0', 'a', string.format('%d', now), 'r', replica, 'k', kind, 'e', payload)
  end
  seqs[#seqs + 1] = own
  ats[#ats + 1] = string.format('%d', now)
end
redis.call('HSET', clock, 'gen', gen, 'start', c[2], 'offset', string.format('%d', offset), 'origin', string.format('%d', origin),
  'scale', scale, 'seq', seq, 'last', string.format('%d', now), 'avg', string.format('%.1f', avg))
redis.call('HSET', registry, name, string.format('%d', real))
if watch then
  redis.call('SET', KEYS[5], replica, 'PX', ARGV[8])
  redis.call('SADD', KEYS[6], name)
end
local to = seq
if first > 0 then to = first - 1 end
local entries = {}
if to >= from then entries = redis.call('XRANGE', log, from .. '-0', to .. '-0', 'COUNT', 1000) end
redis.call('HSET', cursors, replica, seq)
return {gen, c[2], seq, entries, seqs, ats, scale}
`

/**
 * KEYS: clock, log, snapshot; ARGV: generation, seq, state. Saves a namespace's state at `seq`
 * unless the namespace started over or a later snapshot exists, then trims the log up to the
 * previous snapshot (a replica a little behind can still follow the log). Returns 1 when saved.
 */
export const SNAPSHOT = `
if redis.call('HGET', KEYS[1], 'gen') ~= ARGV[1] then return 0 end
local previous = redis.call('HGET', KEYS[3], 'seq')
local prev = 0
if previous and redis.call('HGET', KEYS[3], 'gen') == ARGV[1] then prev = tonumber(previous) end
if prev >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[3], 'gen', ARGV[1], 'seq', ARGV[2], 'state', ARGV[3])
if prev > 0 then redis.call('XTRIM', KEYS[2], 'MINID', (prev + 1) .. '-0') end
return 1
`

/** KEYS: clock, log, cursors, registry, snapshot; ARGV: name. A reset forgets the namespace (contract §4.1). */
export const DROP = `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[5])
redis.call('HDEL', KEYS[4], ARGV[1])
return 1
`

/** KEYS: registry; ARGV: idle ms, key prefix. Forgets named namespaces idle for longer; returns their names. */
export const SWEEP = `
local t = redis.call('TIME')
local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local all = redis.call('HGETALL', KEYS[1])
local gone = {}
for i = 1, #all, 2 do
  local name, used = all[i], tonumber(all[i + 1])
  if name ~= 'default' and real - used > tonumber(ARGV[1]) then
    redis.call('DEL', ARGV[2] .. name .. ':clock', ARGV[2] .. name .. ':log', ARGV[2] .. name .. ':cursors', ARGV[2] .. name .. ':snapshot')
    redis.call('HDEL', KEYS[1], name)
    gone[#gone + 1] = name
  end
end
return gone
`
