-- One operation on a shared circuit, atomic on the server, timed by the server's clock (TIME).
-- The rules are core's dev.tripswitch.store.SharedRules; the fields are core's SharedStateFields. Core's
-- CircuitRulesContract (run here by RedisRulesContractTest) holds this script to the same results as both.
-- KEYS[1]: the circuit's hash.
-- ARGV: kind, epoch (-1 = direct), lease ('' = none), leaseMillis, failureType ('' = none), failureMessage,
--       pending successes, ignored, rejected, halfOpenAfter, recoveryTimeout, failureThreshold,
--       permittedProbes, successThreshold, ttlMillis, channel, circuit name, history capacity,
--       reason (HEALTHY: why the circuit leaves OPEN early; UNHEALTHY: why it opens; '' otherwise),
--       time ('': the server's TIME, always outside tests; milliseconds from a test's controllable clock)
-- Returns: { now, field1, value1, field2, value2, ... } (the state after the operation).
local key = KEYS[1]
local kind, epochArg, lease, leaseMillis = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local fType, fMsg = ARGV[5], ARGV[6]
local pS, pI, pR = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local halfOpenAfter, recoveryTimeout = tonumber(ARGV[10]), tonumber(ARGV[11])
local threshold, permitted, successThreshold = tonumber(ARGV[12]), tonumber(ARGV[13]), tonumber(ARGV[14])
local ttl, channel, name, cap = tonumber(ARGV[15]), ARGV[16], ARGV[17], tonumber(ARGV[18])
local reason = ARGV[19] or ''

local now
if ARGV[20] ~= nil and ARGV[20] ~= '' then
  now = tonumber(ARGV[20])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local s = {}
local raw = redis.call('HGETALL', key)
for i = 1, #raw, 2 do s[raw[i]] = raw[i + 1] end
local fresh = s['state'] == nil
if fresh or kind == 'RESET' then
  local epoch = fresh and 0 or (tonumber(s['epoch']) + 1)
  local before, version = s['state'], s['version'] or '0' -- the version goes on: views only move forward
  redis.call('DEL', key)
  s = { state = 'CLOSED', version = version, epoch = tostring(epoch), since = tostring(now), failureCount = '0',
        wait = tostring(halfOpenAfter), openedAt = '0', nextProbe = '0', probeSuccesses = '0', successes = '0',
        failures = '0', ignored = '0', rejected = '0', timesOpened = '0' }
  if kind == 'RESET' and before ~= nil then
    s['history.0'] = before .. '|CLOSED|' .. now .. '|reset'
  end
end

local function num(f) return tonumber(s[f]) end
local function set(f, v) s[f] = tostring(v) end
local function add(f, d) if d ~= 0 then set(f, num(f) + d) end end
local removed = {}

-- leases: an expired one is a probe whose JVM is gone
local leases = 0
for f, v in pairs(s) do
  if string.sub(f, 1, 6) == 'lease.' then
    if tonumber(v) <= now then s[f] = nil; table.insert(removed, f) else leases = leases + 1 end
  end
end
local function dropLease()
  local f = 'lease.' .. lease
  if lease ~= '' and s[f] ~= nil then s[f] = nil; table.insert(removed, f); leases = leases - 1; return true end
  return false
end

local function move(to, reason)
  local n = 0
  while s['history.' .. n] ~= nil do n = n + 1 end
  local entry = s['state'] .. '|' .. to .. '|' .. now .. '|' .. string.gsub(reason, '[\r\n]', ' ')
  if n >= cap then
    for i = 1, cap - 1 do s['history.' .. (i - 1)] = s['history.' .. i] end
    s['history.' .. (cap - 1)] = entry
  else
    s['history.' .. n] = entry
  end
  s['state'] = to
  add('epoch', 1)
  set('since', now)
end
local function open(reason)
  move('OPEN', reason)
  set('openedAt', now)
  set('nextProbe', now + num('wait'))
  set('probeSuccesses', 0)
  add('timesOpened', 1)
end
local function fmtDuration(ms) -- as java.time.Duration prints it
  if ms == 0 then return 'PT0S' end
  local h, m, rest = math.floor(ms / 3600000), math.floor((ms % 3600000) / 60000), ms % 60000
  local out = 'PT'
  if h > 0 then out = out .. h .. 'H' end
  if m > 0 then out = out .. m .. 'M' end
  if rest > 0 then
    local sec, frac = math.floor(rest / 1000), rest % 1000
    if frac == 0 then out = out .. sec .. 'S'
    else out = out .. sec .. '.' .. string.gsub(string.format('%03d', frac), '0+$', '') .. 'S' end
  end
  return out
end
local function probeSucceeded()
  add('probeSuccesses', 1)
  local n = num('probeSuccesses')
  if n >= successThreshold then
    move('CLOSED', n .. ' successful probe' .. (n == 1 and '' or 's'))
    set('failureCount', 0); set('wait', halfOpenAfter); set('openedAt', 0); set('probeSuccesses', 0)
  end
end
-- the first n characters of UTF-8 text, counted as Java counts them (one outside the BMP counts two), and
-- whether it was cut
local function firstChars(text, n)
  local count, i = 0, 1
  while i <= #text do
    local b = string.byte(text, i)
    local bytes = (b >= 0xF0 and 4) or (b >= 0xE0 and 3) or (b >= 0xC0 and 2) or 1
    local width = bytes == 4 and 2 or 1
    if count + width > n then return string.sub(text, 1, i - 1), true end
    count = count + width
    i = i + bytes
  end
  return text, false
end
-- the failure as core's CircuitSnapshot.FailureInfo.describe() gives it: the type, then the message's first line
-- (at most 200 characters) unless the message is blank
local function described()
  if string.find(fMsg, '%S') == nil then return fType end
  local line, cut = firstChars(string.match(fMsg, '^[^\r\n]*'), 200)
  return fType .. ': ' .. line .. (cut and '...' or '')
end
local function probeFailed()
  set('wait', math.min(num('wait') * 2, recoveryTimeout))
  open('probe failed: ' .. described() .. '; next wait ' .. fmtDuration(num('wait')))
end
local function stale()
  return epochArg ~= -1 and (s['state'] ~= 'CLOSED' or num('epoch') ~= epochArg)
end

add('successes', pS); add('ignored', pI); add('rejected', pR)
local changed = fresh or pS ~= 0 or pI ~= 0 or pR ~= 0 or kind ~= 'READ'

if kind == 'ACQUIRE' or kind == 'HEALTHY' then
  -- HEALTHY: a JVM's health check found the dependency back while it saw the circuit OPEN in epochArg
  if kind == 'HEALTHY' and s['state'] == 'OPEN' and num('epoch') == epochArg then
    move('HALF_OPEN', reason)
    set('nextProbe', 0); set('probeSuccesses', 0)
  end
  if s['state'] == 'OPEN' and now >= num('nextProbe') then
    move('HALF_OPEN', 'wait of ' .. fmtDuration(num('wait')) .. ' elapsed')
    set('nextProbe', 0); set('probeSuccesses', 0)
  end
  if s['state'] == 'HALF_OPEN' and lease ~= '' and leases < permitted then
    s['lease.' .. lease] = tostring(now + leaseMillis); leases = leases + 1
  end
elseif kind == 'UNHEALTHY' then
  -- a JVM's health check warned while it saw the circuit CLOSED in epochArg
  if s['state'] == 'CLOSED' and num('epoch') == epochArg then
    set('wait', halfOpenAfter)
    open(reason)
  end
elseif kind == 'SUCCESS' then
  add('successes', 1)
  if lease ~= '' then
    if dropLease() and s['state'] == 'HALF_OPEN' and num('epoch') == epochArg then probeSucceeded() end
  elseif not stale() then
    if s['state'] == 'CLOSED' then set('failureCount', 0)
    elseif s['state'] == 'HALF_OPEN' then probeSucceeded() end
  end
elseif kind == 'FAILURE' then
  if fType == '' then fType = '(recorded without an exception)' end
  add('failures', 1)
  s['lastFailure.type'] = fType; s['lastFailure.at'] = tostring(now)
  if fMsg ~= '' then s['lastFailure.message'] = fMsg else s['lastFailure.message'] = nil; table.insert(removed, 'lastFailure.message') end
  if lease ~= '' then
    if dropLease() and s['state'] == 'HALF_OPEN' and num('epoch') == epochArg then probeFailed() end
  elseif not stale() then
    if s['state'] == 'CLOSED' then
      add('failureCount', 1)
      local c = num('failureCount')
      if c >= threshold then
        set('wait', halfOpenAfter)
        open(c .. ' consecutive failure' .. (c == 1 and '' or 's') .. ', last: ' .. described())
      end
    elseif s['state'] == 'HALF_OPEN' then probeFailed() end
  end
elseif kind == 'IGNORED' then
  add('ignored', 1); dropLease()
elseif kind == 'RELEASE' then
  dropLease()
elseif kind == 'RENEW' then
  if lease ~= '' and s['lease.' .. lease] ~= nil then s['lease.' .. lease] = tostring(now + leaseMillis) end
end

if changed then
  add('version', 1)
  local flat = {}
  for f, v in pairs(s) do table.insert(flat, f); table.insert(flat, v) end
  redis.call('HSET', key, unpack(flat))
  for _, f in ipairs(removed) do redis.call('HDEL', key, f) end
  redis.call('PEXPIRE', key, ttl)
  redis.call('PUBLISH', channel, name)
end
local out = { tostring(now) }
for f, v in pairs(s) do table.insert(out, f); table.insert(out, v) end
return out
