-- Shared by tts.lua and stt.lua (loaded with dofile from the same directory).
-- Each request is built whole, as raw HTTP/1.1 text, so that a distinct request costs wrk one string
-- concatenation and nothing else. Environment:
--   BENCH_MODE     distinct (every request different: the miss path) or hit (a small repeated working set)
--   BENCH_SEED     a number unique to this wrk run, so that no two runs send the same "distinct" request
--   BENCH_SET      size of the working set in hit mode (default 32)
--   BENCH_HEADERS  extra request headers, "Name: value" separated by "|" (the peer's routing headers)
--   BENCH_OUT      file the JSON summary is written to by done()
local M = {}

M.mode = os.getenv("BENCH_MODE") or "distinct"
M.seed = tonumber(os.getenv("BENCH_SEED") or "0") or 0
M.set = tonumber(os.getenv("BENCH_SET") or "32") or 32
M.out = os.getenv("BENCH_OUT")

function M.headers(content_type, length)
  local lines = {
    "Host: " .. wrk.host .. ":" .. tostring(wrk.port),
    "Content-Type: " .. content_type,
    "Content-Length: " .. tostring(length),
    "Authorization: Bearer sk-bench",
  }
  local extra = os.getenv("BENCH_HEADERS") or ""
  for h in string.gmatch(extra, "[^|]+") do
    lines[#lines + 1] = h
  end
  return table.concat(lines, "\r\n") .. "\r\n\r\n"
end

-- A fixed-width tag: run seed, thread, request counter. Fixed width keeps Content-Length fixed.
function M.tag(tid, n)
  return string.format("%08d%03d%010d", M.seed % 100000000, tid % 1000, n)
end

M.TAG_WIDTH = 21

function M.done(summary, latency, requests)
  local e = summary.errors
  local p = {}
  for _, q in ipairs({ 50, 75, 90, 99, 99.9 }) do
    p[#p + 1] = string.format('"%s":%d', tostring(q), latency:percentile(q))
  end
  local json = string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,%s}}',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max, table.concat(p, ","))
  if M.out then
    local f = assert(io.open(M.out, "w"))
    f:write(json, "\n")
    f:close()
  end
  io.write("BENCH_JSON ", json, "\n")
end

return M
