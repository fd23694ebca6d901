-- POST /v1/audio/speech with a JSON body (model, input, voice, response_format); the answer is ~20 KB of audio.
-- distinct: each request's input text carries a unique tag (cache miss every time);
-- hit: the input cycles through BENCH_SET fixed texts (after warm-up, every request is a cache hit).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local C = dofile(dir .. "common.lua")

local PATH = "/v1/audio/speech"
local TEXT = "The quick brown fox jumps over the lazy dog while the benchmark counts request "

local function body(tag)
  return '{"model":"tts-1","input":"' .. TEXT .. tag .. '","voice":"alloy","response_format":"mp3"}'
end

local pre, post, fixed, n = nil, nil, nil, 0
tid = 0

function setup(thread)
  thread:set("tid", C.next_tid or 1)
  C.next_tid = (C.next_tid or 1) + 1
end

function init(args)
  local sample = body(C.tag(0, 0))
  local split = sample:find(C.tag(0, 0), 1, true)
  local head = "POST " .. PATH .. " HTTP/1.1\r\n" .. C.headers("application/json", #sample)
  pre = head .. sample:sub(1, split - 1)
  post = sample:sub(split + C.TAG_WIDTH)
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
