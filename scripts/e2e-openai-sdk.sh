#!/usr/bin/env bash
# The official OpenAI Node SDK (from the npm registry, unmodified) against the service on the embedded provider.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
CLIENT="$ROOT/scripts/openai-client"
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$CLIENT" && npm install --no-audit --no-fund --silent)
[ -x "$ROOT/voice-app/target/dist/bin/voice" ] || (cd "$ROOT" && mvn -q -B -DskipTests package)

KEY="sk-e2e-$(date +%s)"
cat > "$WORK/e2e.conf" <<CONF
voice.providers.local.grammar = "hello world, open the door, one two three"
CONF
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
VOICE_API_KEYS="$KEY" "$ROOT/voice-app/target/dist/bin/voice" --config "$WORK/e2e.conf" serve --port "$PORT" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
  sleep 0.5
done
node "$CLIENT/check.mjs" "http://127.0.0.1:$PORT/v1" "$KEY" || { echo "--- service log"; tail -50 "$WORK/serve.log"; exit 1; }
if grep -q "$KEY" "$WORK/serve.log"; then echo "the API key leaked into the log"; exit 1; fi
