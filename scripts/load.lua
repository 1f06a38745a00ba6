-- wrk script for scripts/load.ts. Run with as many threads as connections (-t N -c N): wrk keeps one
-- Lua state per thread, so each connection here is one client with its own session cookie.
-- Each request: POST /session?format=json (count + 1); the answer carries the new count.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  cookie = nil
  ok = 0       -- 200 answers: increments the server acknowledged
  bad = 0      -- any other status
  skew = 0     -- an acknowledged count that is not the number of acknowledged increments
  laststatus = 0
end

function request()
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  if cookie then headers["Cookie"] = cookie end
  return wrk.format("POST", "/session?format=json", headers, "action=count")
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    laststatus = status
    return
  end
  ok = ok + 1
  local set = headers["set-cookie"] or headers["Set-Cookie"]
  if set then cookie = string.match(set, "^[^;]*") end
  local count = tonumber(string.match(body, '"count":(%d+)'))
  if count ~= ok then skew = skew + 1 end
end

function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    io.write(string.format("CLIENT %d %d %d %d %d %s\n", t:get("id"), t:get("ok"), t:get("bad"),
      t:get("skew"), t:get("laststatus"), t:get("cookie") or "-"))
  end
  local e = summary.errors
  io.write(string.format("SUMMARY %d %d %d %d %d %d %d %d\n", summary.requests, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(99)))
end
