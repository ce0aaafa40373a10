-- Shared by every wrk script: prints one machine-readable line at the end.
-- RESULT <requests/s> <p50 ms> <p95 ms> <p99 ms> <non-2xx> <socket errors>
report = function(summary, latency)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %.2f %d %d\n",
    summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, errors))
end
done = function(summary, latency, requests) report(summary, latency) end
