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

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.status + errors.timeout))
end
