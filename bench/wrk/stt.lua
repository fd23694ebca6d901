-- POST /v1/audio/transcriptions, multipart/form-data: model=whisper-1, prompt=<tag>, file=<100 KB WAV>
-- (BENCH_WAV names the file). The prompt is part of the transcript cache key, so
-- distinct: each request's prompt carries a unique tag (cache miss every time; the whole audio is still digested);
-- hit: the prompt cycles through BENCH_SET fixed values (after warm-up, every request is a cache hit).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local C = dofile(dir .. "common.lua")

local PATH = "/v1/audio/transcriptions"
local BOUNDARY = "----voicebench7d3f9a2c41"

local pre, post, fixed, n = nil, nil, nil, 0
tid = 0

function setup(thread)
  thread:set("tid", C.next_tid or 1)
  C.next_tid = (C.next_tid or 1) + 1
end

function init(args)
  local path = assert(os.getenv("BENCH_WAV"), "BENCH_WAV is not set")
  local f = assert(io.open(path, "rb"))
  local wav = f:read("*a")
  f:close()
  local b = "--" .. BOUNDARY .. "\r\n"
  local first = b .. 'Content-Disposition: form-data; name="model"\r\n\r\nwhisper-1\r\n'
      .. b .. 'Content-Disposition: form-data; name="prompt"\r\n\r\n'
  local rest = "\r\n" .. b .. 'Content-Disposition: form-data; name="file"; filename="speech.wav"\r\n'
      .. "Content-Type: audio/wav\r\n\r\n" .. wav .. "\r\n--" .. BOUNDARY .. "--\r\n"
  local length = #first + C.TAG_WIDTH + #rest
  pre = "POST " .. PATH .. " HTTP/1.1\r\n" .. C.headers("multipart/form-data; boundary=" .. BOUNDARY, length) .. first
  post = rest
  if C.mode == "hit" then
    fixed = {}
    for i = 1, C.set do
      fixed[i] = pre .. string.format("%021d", i) .. post
    end
  end
end

function request()
  n = n + 1
  if fixed then
    return fixed[(n + tid * 7) % #fixed + 1]
  end
  return pre .. C.tag(tid, n) .. post
end

done = C.done
