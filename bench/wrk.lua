-- Requests for wrk (bench/wrk.ts writes the file named by the first argument; the second is the
-- number of connections, the third how many milliseconds each waits before its first request):
--   line 1: the headers every request carries, "name: value" pairs separated by tabs;
--   then two lines a request: "METHOD<tab>PATH<tab>VERSION", then its body (an empty line for none).
-- Requests go out in the file's order, round and round. A VERSION above 0 is sent as If-Match
-- and counted up at each send, as a form's editor does after each save it makes.
-- done() prints one line, JIXIAO_WRK {...}, that bench/wrk.ts reads: the figures in
-- microseconds and how many requests were sent (including any still unanswered at the end).

local requests = {}
local count = 0
local position = 0
local common = {}
local connections = 0
local warmMs = 0
local waited = 0
sent = 0

function init(args)
  connections = tonumber(args[2]) or 0
  warmMs = tonumber(args[3]) or 0
  local f = assert(io.open(args[1], "r"))
  for pair in string.gmatch(f:read("*l") or "", "[^\t]+") do
    local name, value = string.match(pair, "^([^:]+):%s*(.*)$")
    common[name] = value
  end
  while true do
    local head = f:read("*l")
    if not head then break end
    local body = f:read("*l") or ""
    local method, path, version = string.match(head, "^(%S+)\t(%S+)\t(%d+)$")
    count = count + 1
    requests[count] = { method = method, path = path, version = tonumber(version), body = body ~= "" and body or nil }
  end
  f:close()
end

-- Each connection's first request waits warmMs: Node accepts one new connection per turn of its
-- event loop (libuv 1.45 and later), so 50 fresh connections whose first requests keep the server
-- busy are accepted one turn apart, and the last waits fifty turns before its request is even
-- read. Waiting lets the server accept them all while idle; wrk starts each request's clock when
-- it writes the request, so the wait is not counted. The first `connections` calls are the
-- connections' first requests: each connection asks for its delay before each request it writes.
function delay()
  if waited < connections then
    waited = waited + 1
    return warmMs
  end
  return 0
end

-- wrk calls request() once before it connects, to check the script; that request is never
-- sent, so it must not move the turn on or count up a version.
local checked = false

function request()
  if not checked then
    checked = true
    local r = requests[1]
    return wrk.format(r.method, r.path, common, r.body)
  end
  position = position % count + 1
  sent = sent + 1
  local r = requests[position]
  local headers = common
  if r.version > 0 then
    headers = {}
    for name, value in pairs(common) do headers[name] = value end
    headers["If-Match"] = '"v' .. r.version .. '"'
    r.version = r.version + 1
  end
  return wrk.format(r.method, r.path, headers, r.body)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("sent") end
  local e = summary.errors
  io.write(string.format(
    'JIXIAO_WRK {"answered":%d,"durationUs":%d,"non2xx":%d,"errors":%d,"p50":%d,"p99":%d,"max":%d,"sent":%d}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max, total))
end
