-- Bulwark token bucket: the arithmetic of dev.bulwark.ratelimit.spi.BucketSpec, in microsecond units, run
-- atomically on the server in one round trip.
--
-- KEYS[1]  the bucket key (one key: one hash slot, cluster-safe)
-- ARGV[1]  operation: "acquire" | "adjust" | "available"
-- ARGV[2]  cost (acquire) or delta (adjust: > 0 refunds, < 0 charges); ignored for available
-- ARGV[3]  "" to use the server's TIME, or a time in microseconds (hosts that chose the application clock)
-- ARGV[4]  n, the number of bandwidths; then for each bandwidth i: capacity C, units per token q, units per
--          microsecond r (for C/R/P with P in microseconds: g = gcd(R, P), q = P / g, r = R / g)
--
-- State: one string "t,s1,...,sn" (t in microseconds, s in units), written with %.0f so integers up to 2^53
-- stay exact (the Java side refuses specs whose capacity in units could exceed 2^52). Idle buckets expire
-- when they would be full again: a full bucket is the same as an absent one.
--
-- Returns {allowed 0|1, remaining, retry_after_us (-1: never), reset_us, limiting bandwidth index (0-based),
-- microseconds until that bandwidth is full} for acquire, {available} for adjust and available.

local op = ARGV[1]
local amount = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000000 + tonumber(time[2])
else
  now = tonumber(ARGV[3])
end
local n = tonumber(ARGV[4])
local cap, q, r, capUnits = {}, {}, {}, {}
for i = 1, n do
  cap[i] = tonumber(ARGV[2 + 3 * i])
  q[i] = tonumber(ARGV[3 + 3 * i])
  r[i] = tonumber(ARGV[4 + 3 * i])
  capUnits[i] = cap[i] * q[i]
end

-- exact floor(a / b) and ceil(a / b) for non-negative integers below 2^53
local function fdiv(a, b)
  local d = math.floor(a / b)
  if d * b > a then d = d - 1 elseif (d + 1) * b <= a then d = d + 1 end
  return d
end
local function cdiv(a, b)
  local d = fdiv(a, b)
  if d * b < a then d = d + 1 end
  return d
end
-- floor division that also handles a negative numerator (debt)
local function floordiv(a, b)
  if a >= 0 then return fdiv(a, b) end
  return -cdiv(-a, b)
end

local state = {}
local raw = redis.call('GET', KEYS[1])
if raw then
  local i = 0
  for part in string.gmatch(raw, '[^,]+') do
    state[i] = tonumber(part)
    i = i + 1
  end
end
if state[0] == nil or #state ~= n then
  state = {}
  state[0] = now
  for i = 1, n do state[i] = capUnits[i] end
end

local t = math.max(now, state[0])
local s = {}
for i = 1, n do
  local si = state[i]
  local dt = t - state[0]
  if si < capUnits[i] and dt > 0 then
    local fill = cdiv(capUnits[i] - si, r[i])
    if dt >= fill then si = capUnits[i] else si = si + dt * r[i] end
  end
  s[i] = si
end

local function remaining()
  local min = nil
  for i = 1, n do
    local tokens = floordiv(s[i], q[i])
    if min == nil or tokens < min then min = tokens end
  end
  if min < 0 then min = 0 end
  return min
end
local function resetUs()
  local max = 0
  for i = 1, n do
    local need = capUnits[i] - s[i]
    if need > 0 then
      local w = cdiv(need, r[i])
      if w > max then max = w end
    end
  end
  return max
end
local function store()
  local parts = {string.format('%.0f', t)}
  for i = 1, n do parts[i + 1] = string.format('%.0f', s[i]) end
  local ttlMs = math.ceil((resetUs() + (t - now)) / 1000) + 1
  redis.call('SET', KEYS[1], table.concat(parts, ','), 'PX', string.format('%.0f', ttlMs))
end

if op == 'available' then
  return {remaining()}
end

if op == 'adjust' then
  for i = 1, n do
    local d = math.max(-cap[i] * 2, math.min(cap[i] * 2, amount)) * q[i]
    s[i] = math.max(-capUnits[i], math.min(capUnits[i], s[i] + d))
  end
  store()
  return {remaining()}
end

-- acquire
-- waits count from now: behind > 0 only when the caller's clock stepped back (nothing refills until it is
-- past the last update again), as in the JVM's BucketSpec
local behind = t - now
local retry, slowest, never = 0, -1, false
for i = 1, n do
  if amount > cap[i] then
    if not never then never = true; slowest = i - 1 end
  else
    local costUnits = amount * q[i]
    if s[i] < costUnits then
      local w = cdiv(costUnits - s[i], r[i])
      if not never and w > retry then retry = w; slowest = i - 1 end
    end
  end
end
if slowest >= 0 then
  if never then retry = -1 else retry = retry + behind end
  local k = slowest + 1
  return {0, remaining(), retry, resetUs() + behind, slowest, cdiv(capUnits[k] - s[k], r[k]) + behind}
end
local tightest, min = 0, nil
for i = 1, n do
  s[i] = s[i] - amount * q[i]
  local tokens = floordiv(s[i], q[i])
  if min == nil or tokens < min then min = tokens; tightest = i - 1 end
end
store()
return {1, remaining(), 0, resetUs() + behind, tightest,
  cdiv(capUnits[tightest + 1] - s[tightest + 1], r[tightest + 1]) + behind}
