-- A mix of the pages a ministry meeting opens, each request signed in (cookie) or with a token.
-- Paths and headers come from environment variables set by `manage.py loadtest`.
local paths = {}
for p in string.gmatch(os.getenv("LOAD_PATHS") or "/", "[^|]+") do paths[#paths + 1] = p end
local cookie = os.getenv("LOAD_COOKIE") or ""
local token = os.getenv("LOAD_TOKEN") or ""
local counter = 0

request = function()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local headers = { ["Host"] = "127.0.0.1" }
  if string.sub(path, 1, 5) == "/api/" then
    headers["Authorization"] = "Token " .. token
  else
    headers["Cookie"] = cookie
  end
  return wrk.format("GET", path, headers)
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
