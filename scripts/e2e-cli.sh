#!/usr/bin/env bash
# End-to-end check of the built distribution on the embedded provider: speak, transcribe what was spoken,
# serve and answer health, stop cleanly on SIGTERM, list providers, mask secrets in the config dump; the built-in
# providers load from providers/ (none in lib/), and a plugin using voice-provider-support unbundled loads.
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
VOICE="$ROOT/voice"
DIST="$ROOT/voice-app/target/dist"
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

step "every command answers --help: usage on stdout, exit 0, no ANSI codes when stdout is not a terminal"
for command in "" serve speak transcribe providers config mock-provider validate soak; do
  # shellcheck disable=SC2086
  "$DIST/bin/voice" $command --help > "$WORK/help.txt" 2>"$WORK/help.err" || fail "voice $command --help failed: $(cat "$WORK/help.err")"
  grep -q "^Usage: voice${command:+ $command}" "$WORK/help.txt" || fail "voice $command --help printed no usage"
  if grep -q $'\e' "$WORK/help.txt"; then fail "voice $command --help wrote ANSI codes into a pipe"; fi
done

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

step "the distribution's SBOM names every jar in lib/ and every built-in provider in providers/"
python3 - "$DIST" <<'PY' || fail "sbom.json and the distribution disagree"
import json, os, sys
dist = sys.argv[1]
bom = json.load(open(os.path.join(dist, "sbom.json")))
components = bom["components"] + [bom["metadata"]["component"]]
def jar(c):
    qualifiers = dict(q.split("=", 1) for q in c.get("purl", "?").split("?", 1)[1].split("&") if "=" in q)
    classifier = qualifiers.get("classifier")
    return f"{c['name']}-{c['version']}" + (f"-{classifier}" if classifier else "") + ".jar"
jars = {jar(c) for c in components if "type=zip" not in c.get("purl", "")}
providers = {c["name"].removeprefix("voice-provider-") for c in components if "type=zip" in c.get("purl", "")}
shipped_jars = set(os.listdir(os.path.join(dist, "lib")))
shipped_providers = {d.name for d in os.scandir(os.path.join(dist, "providers")) if d.is_dir()}
if jars != shipped_jars:
    sys.exit(f"only in lib/: {sorted(shipped_jars - jars)}; only in sbom.json: {sorted(jars - shipped_jars)}")
if providers != shipped_providers:
    sys.exit(f"only in providers/: {sorted(shipped_providers - providers)}; only in sbom.json: {sorted(providers - shipped_providers)}")
PY

step "config masks secrets"
CANARY="sk-canary-e2e-0123456789abcdef"
OPENAI_API_KEY="$CANARY" "$VOICE" config > "$WORK/config.txt"
grep -q "voice.providers.openai.api-key = sk-\*\*\*\*  # environment OPENAI_API_KEY" "$WORK/config.txt" || fail "api key not shown masked"
if grep -q "$CANARY" "$WORK/config.txt"; then fail "the secret leaked into 'voice config'"; fi

step "config and providers print no warning into stdout, and no ANSI codes"
printf 'voice.server.prot = 1\n' > "$WORK/misspelt.conf"
"$VOICE" --config "$WORK/misspelt.conf" providers > "$WORK/warned.txt" 2>"$WORK/warned.err"
grep -q "unknown setting voice.server.prot" "$WORK/warned.err" || fail "no warning on stderr for a misspelt key"
if grep -qE "WARN|ERROR|unknown setting" "$WORK/warned.txt"; then fail "a warning went to stdout: $(grep -E 'WARN|ERROR' "$WORK/warned.txt")"; fi
if grep -q $'\e' "$WORK/config.txt"; then fail "voice config wrote ANSI codes into a file"; fi

step "a missing file says so"
if "$VOICE" transcribe "$WORK/nosuch.wav" 2>"$WORK/err.txt"; then fail "a missing file was accepted"; fi
grep -qx "error: no such file: $WORK/nosuch.wav" "$WORK/err.txt" || fail "unclear error: $(cat "$WORK/err.txt")"

step "providers"
"$VOICE" providers | tee "$WORK/providers.txt"
grep -qF "local  (built-in, $DIST/providers/local)" "$WORK/providers.txt" || fail "the embedded provider is not listed"

step "the built-in providers are in providers/<id> with their dependencies, none of them on the class path (lib/)"
ls "$DIST/providers/local"/voice-provider-local-*.jar "$DIST/providers/local"/sphinx4-core-*.jar >/dev/null \
  || fail "providers/local does not hold the provider and Sphinx4"
ls "$DIST/providers/google"/google-auth-library-oauth2-http-*.jar >/dev/null || fail "providers/google lacks Google's auth library"
on_class_path=$(cd "$DIST/lib" && ls | grep -E '^(voice-provider-(local|openai|deepgram|elevenlabs|azure|yandex|google)|sphinx4|freetts|jump3r|google-auth)-' || true)
[ -z "$on_class_path" ] || fail "lib/ holds provider jars: $on_class_path"
ls "$DIST/lib"/voice-provider-support-*.jar "$DIST/lib"/voice-api-*.jar >/dev/null || fail "lib/ lacks what plugins share"
grep -q "voice.providers.local.voice = kevin16  # default (reference.conf)" "$WORK/config.txt" \
  || fail "'voice config' does not show the built-in provider's keys"

step "a plugin that uses voice-provider-support without bundling it loads from plugins/ and speaks"
ECHO_JAR=$(ls "$ROOT"/examples/echo-plugin/target/echo-plugin-*.jar 2>/dev/null | head -1)
[ -n "$ECHO_JAR" ] || fail "no echo example jar: run mvn package"
python3 - "$ECHO_JAR" <<'PY' || fail "the echo example jar bundles classes that are not its own"
import sys, zipfile
names = [n for n in zipfile.ZipFile(sys.argv[1]).namelist() if n.endswith(".class")]
sys.exit(0 if names and all(n.startswith("com/example/voice/echo/") for n in names) else 1)
PY
mkdir -p "$WORK/plugins"
cp "$ECHO_JAR" "$WORK/plugins/echo-plugin.jar"
JAVA_OPTS="-Dvoice.plugins.dir=$WORK/plugins" "$VOICE" providers > "$WORK/plugin-providers.txt"
grep -qF "echo  ($WORK/plugins/echo-plugin.jar)" "$WORK/plugin-providers.txt" || fail "the echo plugin is not listed: $(cat "$WORK/plugin-providers.txt")"
JAVA_OPTS="-Dvoice.plugins.dir=$WORK/plugins" "$VOICE" speak "hello" -o "$WORK/unpinned.wav" > "$WORK/unpinned.txt"
grep -q "by local in" "$WORK/unpinned.txt" || fail "a plugin dropped in answered an unpinned request: $(cat "$WORK/unpinned.txt")"
JAVA_OPTS="-Dvoice.plugins.dir=$WORK/plugins -Dvoice.tts.providers=echo" "$VOICE" speak "hello" -o "$WORK/listed.wav" > "$WORK/listed.txt"
grep -q "by echo in" "$WORK/listed.txt" || fail "a listed plugin did not answer: $(cat "$WORK/listed.txt")"
JAVA_OPTS="-Dvoice.plugins.dir=$WORK/plugins" "$VOICE" speak "hello plugin" --provider echo -o "$WORK/echo.wav" > /dev/null
[ "$(head -c 4 "$WORK/echo.wav")" = "RIFF" ] || fail "the echo plugin did not speak a WAV"

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

echo "e2e: 14 passed, 0 failed"
