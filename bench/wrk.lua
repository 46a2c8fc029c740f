-- wrk script for bench/http.py: the request comes from the environment, the report is JSON.
local function env(name)
  local value = os.getenv(name)
  if value ~= nil and value ~= "" then return value end
  return nil
end

wrk.method = env("WRK_METHOD") or "GET"
wrk.body = env("WRK_BODY")
if env("WRK_CONTENT_TYPE") then wrk.headers["Content-Type"] = env("WRK_CONTENT_TYPE") end
-- Signed-cookie sessions: the questionnaire's state travels in this cookie.
if env("WRK_COOKIE") then wrk.headers["Cookie"] = env("WRK_COOKIE") end

-- WRK_PATHS: a file of paths, one a line, requested in turn instead of the URL's path, so a
-- page the server caches is measured with a different URL each time. The threads (WRK_THREADS)
-- interleave from one random start: no path repeats until the whole list has been used.
if env("WRK_PATHS") then
  local paths = {}
  for line in io.lines(env("WRK_PATHS")) do
    if line ~= "" then paths[#paths + 1] = line end
  end
  local stride = tonumber(env("WRK_THREADS") or "1")
  local threads = 0
  math.randomseed(os.time())
  local start = math.random(#paths) - 1

  -- In wrk's main state, once per thread: where that thread begins.
  setup = function(thread)
    thread:set("next_index", start + threads)
    threads = threads + 1
  end

  -- In each thread's own state.
  request = function()
    local path = paths[next_index % #paths + 1]
    next_index = next_index + stride
    return wrk.format(nil, path)
  end
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
