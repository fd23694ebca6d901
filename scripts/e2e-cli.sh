#!/usr/bin/env bash
# End-to-end check of the built distribution on the embedded provider: speak, transcribe what was spoken,
# serve and answer health, stop cleanly on SIGTERM, list providers, mask secrets in the config dump.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
VOICE="$ROOT/voice"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill -9 "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "e2e: FAILED: $*" >&2; exit 1; }
step() { echo "e2e: $*"; }

cat > "$WORK/grammar.conf" <<'CONF'
voice.providers.local.grammar = "hello world, open the door, one two three, what is the weather like today"
CONF

"$VOICE" --version >/dev/null  # builds the distribution if it is missing or stale (that may talk on stderr)

step "speak"
"$VOICE" speak "hello world" -o "$WORK/hello.wav" 2>"$WORK/speak.err"
[ "$(head -c 4 "$WORK/hello.wav")" = "RIFF" ] || fail "speak did not write a WAV file"

step "transcribe (grammar)"
heard=$("$VOICE" --config "$WORK/grammar.conf" transcribe "$WORK/hello.wav" 2>"$WORK/transcribe.err")
echo "  heard: $heard"
[ "$heard" = "hello world" ] || fail "expected 'hello world', got '$heard'"

step "a successful command writes nothing to stderr (no library or JVM warnings, on any JDK)"
cat "$WORK/speak.err" "$WORK/transcribe.err" > "$WORK/quiet.err"
[ ! -s "$WORK/quiet.err" ] || fail "stderr was not empty: $(head -5 "$WORK/quiet.err")"

step "transcribe (free dictation, reported only)"
"$VOICE" speak "what is the weather like today" -o "$WORK/weather.wav" >/dev/null
echo "  heard: $("$VOICE" transcribe "$WORK/weather.wav")"

step "transcribe rejects a file whose name and bytes disagree"
cp "$WORK/hello.wav" "$WORK/hello.mp3"
if "$VOICE" transcribe "$WORK/hello.mp3" 2>"$WORK/err.txt"; then fail "a mislabelled file was accepted"; fi
grep -q "^error: .*named as mp3 but its bytes are wav" "$WORK/err.txt" || fail "unclear error: $(cat "$WORK/err.txt")"

step "the distribution's SBOM names every jar in lib/"
python3 - "$ROOT/voice-app/target/dist" <<'PY' || fail "sbom.json and lib/ disagree"
import json, os, sys
bom = json.load(open(os.path.join(sys.argv[1], "sbom.json")))
listed = {f"{c['name']}-{c['version']}.jar" for c in bom["components"] + [bom["metadata"]["component"]]}
shipped = set(os.listdir(os.path.join(sys.argv[1], "lib")))
sys.exit(0 if listed == shipped else f"only in lib/: {sorted(shipped - listed)}; only in sbom.json: {sorted(listed - shipped)}")
PY

step "providers"
"$VOICE" providers | tee "$WORK/providers.txt"
grep -q "^local  (built-in)" "$WORK/providers.txt" || fail "the embedded provider is not listed"

step "config masks secrets"
CANARY="sk-canary-e2e-0123456789abcdef"
OPENAI_API_KEY="$CANARY" "$VOICE" config > "$WORK/config.txt"
grep -q "voice.providers.openai.api-key = sk-\*\*\*\*  # environment OPENAI_API_KEY" "$WORK/config.txt" || fail "api key not shown masked"
if grep -q "$CANARY" "$WORK/config.txt"; then fail "the secret leaked into 'voice config'"; fi

step "serve, health, SIGTERM"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
"$ROOT/voice-app/target/dist/bin/voice" serve --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log"; fail "the service died at start-up"; }
  sleep 0.5
done
[[ "$(curl -fsS "http://127.0.0.1:$PORT/health")" == *'"UP"'* ]] || fail "/health is not UP"
[[ "$(curl -fsS "http://127.0.0.1:$PORT/health/ready")" == *'"READY"'* ]] || fail "/health/ready is not READY"
step "the README's curl examples"
awk '/^curl / {cmd = $0; while (cmd ~ /\\$/ && (getline next_line) > 0) { sub(/\\$/, "", cmd); cmd = cmd next_line } print cmd }' "$ROOT/README.md" \
  | sed "s#localhost:8080#127.0.0.1:$PORT#g; s#^curl -s #curl -sfS #" > "$WORK/readme-curls.sh"
[ "$(wc -l < "$WORK/readme-curls.sh")" -ge 5 ] || fail "could not find the README's curl examples"
(cd "$WORK" && bash -e "$WORK/readme-curls.sh" > "$WORK/readme-curls.out") || fail "a README curl example failed: $(cat "$WORK/readme-curls.out")"
[ "$(head -c 4 "$WORK/speech.wav")" = "RIFF" ] || fail "the README's speech example wrote no WAV"
grep -q '"text"' "$WORK/readme-curls.out" || fail "the README's transcription example printed no text"

kill -TERM "$SERVER_PID"
for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
if kill -0 "$SERVER_PID" 2>/dev/null; then fail "the service did not stop within 30 s of SIGTERM"; fi
wait "$SERVER_PID" && rc=0 || rc=$?
SERVER_PID=""
[ "$rc" = 0 ] || { cat "$WORK/serve.log"; fail "the service exited with $rc after SIGTERM"; }
grep -q "stopped" "$WORK/serve.log" || fail "no clean stop in the log"

echo "e2e: 9 passed, 0 failed"
