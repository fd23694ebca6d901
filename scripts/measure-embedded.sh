#!/usr/bin/env bash
# Measures the service on the embedded provider: start-up to healthy, latency of each endpoint (median and
# max of N calls), resident memory idle and after load. Prints a Markdown table. Loopback only.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-10}
WORK=$(mktemp -d)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
[ -x "$ROOT/voice-app/target/dist/bin/voice" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
cat > "$WORK/m.conf" <<CONF
voice.server.rate-limit.per-minute = 100000
CONF
start=$(date +%s%N)
"$ROOT/voice-app/target/dist/bin/voice" --config "$WORK/m.conf" serve --port "$PORT" > "$WORK/serve.log" 2>&1 &
PID=$!
until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; do sleep 0.02; done
echo "start-up to healthy: $(( ($(date +%s%N) - start) / 1000000 )) ms"
sleep 2
echo "idle RSS: $(( $(ps -o rss= -p "$PID") / 1024 )) MB"
B="http://127.0.0.1:$PORT"
curl -fs "$B/v1/audio/speech" -H 'Content-Type: application/json' \
  -d '{"input":"what is the weather like today","voice":"alloy","response_format":"wav"}' -o "$WORK/weather.wav"
measure() {
  local name=$1; shift
  local times=()
  for _ in $(seq 1 "$N"); do times+=("$(curl -fs -o /dev/null -w '%{time_total}' "$@")"); done
  printf '%s\n' "${times[@]}" | sort -n | awk -v name="$name" '{a[NR]=$1} END {printf "| %s | %.1f | %.1f |\n", name, a[int((NR+1)/2)]*1000, a[NR]*1000}'
}
echo "| endpoint | median ms | max ms |"
echo "|---|---|---|"
measure "GET /health" "$B/health"
measure "GET /health/details" "$B/health/details"
measure "GET /v1/models" "$B/v1/models"
measure "POST /v1/audio/speech (wav, 6 words)" "$B/v1/audio/speech" -H 'Content-Type: application/json' -d '{"input":"what is the weather like today","voice":"alloy","response_format":"wav"}'
measure "POST /v1/audio/speech (mp3, 6 words)" "$B/v1/audio/speech" -H 'Content-Type: application/json' -d '{"input":"what is the weather like today","voice":"alloy"}'
measure "POST /v1/audio/transcriptions (2.1 s WAV, free dictation)" "$B/v1/audio/transcriptions" -F "file=@$WORK/weather.wav"
measure "GET /metrics" "$B/metrics"
echo "transcript: $(curl -fs "$B/v1/audio/transcriptions" -F "file=@$WORK/weather.wav" -F response_format=text)"
echo "RSS after load: $(( $(ps -o rss= -p "$PID") / 1024 )) MB"
