// Lua run atomically inside Redis. One call per request: it reads the namespace's virtual clock,
// appends the request to the namespace's ordered log, and returns the entries this replica has not
// seen yet, so a poll costs one round trip. Redis's own TIME is the one real clock of all replicas.

/**
 * KEYS: clock hash, log stream, cursors hash, namespace registry hash
 * ARGV: name, replica, kind, payload, generation the replica holds, kind's argument, start, scale, log cap
 * kind: v vendor request, a admin write, x clock advance (arg ms), c callback result,
 *       s sync (appends nothing; moves the namespace's "last seen" time so time never runs back)
 * Returns { generation, own seq (0 = nothing appended), virtual now, clock start, head seq, entries }.
 * A replica whose generation differs (new namespace, reset, store restarted) gets the log from its start.
 */
export const APPEND = `
local clock, log, cursors, registry = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local name, replica, kind, payload, want, arg = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local t = redis.call('TIME')
local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local c = redis.call('HMGET', clock, 'gen', 'start', 'offset', 'origin', 'scale', 'seq', 'last')
if not c[1] then
  if kind == 'c' then return {'', 0, 0, '0', 0, {}} end
  -- Unique even across a store that restarted empty (its TIME has moved on).
  c = {string.format('%d', real) .. '.' .. redis.call('INCR', 'veomock:generation'), ARGV[7], '0', string.format('%d', real), ARGV[8], '0', ARGV[7]}
  redis.call('HSET', clock, 'gen', c[1], 'start', c[2], 'offset', c[3], 'origin', c[4], 'scale', c[5], 'seq', c[6], 'last', c[7])
end
local gen = c[1]
local offset, seq, last = tonumber(c[3]), tonumber(c[6]), tonumber(c[7])
local now = tonumber(c[2]) + offset
if c[5] ~= 'manual' then now = now + math.floor((real - tonumber(c[4])) * tonumber(c[5])) end
if now < last then now = last end
if kind == 'c' and gen ~= want then return {gen, 0, now, c[2], seq, {}} end
if kind == 'x' then
  offset = offset + tonumber(arg)
  now = now + tonumber(arg)
  redis.call('HSET', clock, 'offset', string.format('%d', offset))
end
local append = kind ~= 's'
local own = 0
if append then
  seq = seq + 1
  own = seq
  redis.call('XADD', log, 'MAXLEN', '~', ARGV[9], seq .. '-0', 'a', string.format('%d', now), 'r', replica, 'k', kind, 'e', payload)
end
redis.call('HSET', clock, 'seq', seq, 'last', string.format('%d', now))
redis.call('HSET', registry, name, string.format('%d', real))
local from = 1
if want == gen then from = tonumber(redis.call('HGET', cursors, replica) or '0') + 1 end
local to = seq
if append then to = seq - 1 end
local entries = {}
if to >= from then entries = redis.call('XRANGE', log, from .. '-0', to .. '-0') end
redis.call('HSET', cursors, replica, seq)
return {gen, own, now, c[2], seq, entries}
`

/** KEYS: clock, log, cursors, registry; ARGV: name. A reset forgets the namespace (contract §4.1). */
export const DROP = `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
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
    redis.call('DEL', ARGV[2] .. name .. ':clock', ARGV[2] .. name .. ':log', ARGV[2] .. name .. ':cursors')
    redis.call('HDEL', KEYS[1], name)
    gone[#gone + 1] = name
  end
end
return gone
`
