-- wrk script for bench/run.py: counts non-2xx responses and prints machine-readable
-- results, one "BENCH <key> <value>" line each, when the run is done.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

local function emit(key, value)
  io.write(string.format("BENCH %s %s\n", key, value))
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("non2xx") or 0)
  end
  local seconds = summary.duration / 1e6
  emit("requests", summary.requests)
  emit("seconds", string.format("%.3f", seconds))
  emit("rps", string.format("%.2f", summary.requests / seconds))
  emit("p50_ms", string.format("%.3f", latency:percentile(50) / 1000))
  emit("p95_ms", string.format("%.3f", latency:percentile(95) / 1000))
  emit("p99_ms", string.format("%.3f", latency:percentile(99) / 1000))
  emit("non2xx", bad)
  emit("errors_status", summary.errors.status)
  emit("errors_connect", summary.errors.connect)
  emit("errors_read", summary.errors.read)
  emit("errors_write", summary.errors.write)
  emit("errors_timeout", summary.errors.timeout)
end
