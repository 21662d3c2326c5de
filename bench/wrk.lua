-- wrk script of bench/run. Sends `If-None-Match: $BENCH_IF_NONE_MATCH` when that variable is
-- set (the 304 scenario), and prints one line for the harness to read:
--   BENCH {"requests": ..., "rps": ..., "p50_ms": ..., "p99_ms": ..., "status_errors": ..., ...}
-- `status_errors` are answers other than 2xx/3xx; the others are socket errors and timeouts.

local if_none_match = os.getenv("BENCH_IF_NONE_MATCH")
if if_none_match ~= nil and if_none_match ~= "" then
  wrk.headers["If-None-Match"] = if_none_match
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local ms = function(us) return us / 1000.0 end
  io.write(string.format(
    'BENCH {"requests": %d, "duration_s": %.6f, "bytes": %d, "rps": %.2f, '
      .. '"p50_ms": %.3f, "p90_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, "max_ms": %.3f, '
      .. '"status_errors": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "timeouts": %d}\n',
    summary.requests, seconds, summary.bytes, summary.requests / seconds,
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency.mean), ms(latency.max),
    e.status, e.connect, e.read, e.write, e.timeout))
end
