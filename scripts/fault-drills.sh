#!/usr/bin/env bash
# Fault drills: the real distribution, its chains ["openai", "local"] (the OpenAI plugin pointed at `voice
# mock-provider` on loopback, the embedded provider as fallback), an open-loop load of 20 requests/s (half STT with
# a WAV made by `voice speak`, half TTS), while the upstream hangs, dies and comes back, drips, answers 200 with
# wrong content, or while 64 slow uploads / 1,000 slow-header connections attack. Writes fault-drills.md and
# fault-drills.json (requests sent, lost, answered by the fallback, p99 of the survivors, longest wait, peak heap and
# RSS, time to recover) and the logs of every drill. See docs/reliability.md, "Fault drills".
#
#   scripts/fault-drills.sh [--seconds N] [--quick] [--dist DIR] [--out DIR] [--rate R] [--warmup S] [--only LIST]
#
#   --seconds N  length of each drill (default 60), plus the warm-up and a healthy tail of max(10, N/4) s
#   --quick      10 s per drill (about 11 minutes in all; 60 s per drill takes about 15)
#   --dist DIR   the distribution (default voice-app/target/dist, built with mvn package when missing)
#   --out DIR    where results go (default bench/results/fault-drills/<date>-<N>s; logs/ under it is not committed)
#   --rate R     requests per second, half STT half TTS (default 20)
#   --warmup S   seconds of load with the upstream healthy before each drill, not counted (default 5)
#   --only LIST  comma-separated: none, hang, kill, drip, malformed, wrong-type, empty, slow-uploads, slow-headers
#
# A long suite: not part of .ci/run. Needs python3 (standard library only). Exit 0 when every drill ran (whether
# or not the targets were met: read the report), 1 when it could not run, 2 for bad usage.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
quick=""
dist=""
out=""
extra=()
usage() { sed -n '9,18p' "$0" | sed 's/^# \{0,1\}//' >&2; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) [ $# -ge 2 ] || usage; seconds="$2"; shift 2 ;;
    --quick) quick=1; seconds=10; shift ;;
    --dist) [ $# -ge 2 ] || usage; dist="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out="$2"; shift 2 ;;
    --rate|--only|--warmup) [ $# -ge 2 ] || usage; extra+=("$1" "$2"); shift 2 ;;
    -h|--help) usage 0 2>&1 ;;
    *) usage ;;
  esac
done
case "$seconds" in ''|*[!0-9.]*) usage ;; esac
if [ -z "$dist" ]; then
  dist="$root/voice-app/target/dist"
  [ -x "$dist/bin/voice" ] || (cd "$root" && mvn -B -ntp -q package -DskipTests)
fi
[ -x "$dist/bin/voice" ] || { echo "fault-drills: no bin/voice in $dist" >&2; exit 1; }
out="${out:-$root/bench/results/fault-drills/$(date -u +%Y-%m-%d)-${seconds%.*}s}"
mkdir -p "$out"

# The drills run in a child; whatever ends this script (Ctrl-C, SIGTERM, an error) stops it, and it stops the
# service and the mock providers it started.
child=""
cleanup() {
  if [ -n "$child" ] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$child" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$child" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cmd="scripts/fault-drills.sh ${quick:+--quick}"
[ -n "$quick" ] || cmd="scripts/fault-drills.sh --seconds $seconds"
[ ${#extra[@]} -eq 0 ] || cmd="$cmd ${extra[*]}"
python3 "$root/scripts/fault-drills.py" --seconds "$seconds" ${quick:+--quick} --dist "$dist" --out "$out" \
  --command "$cmd" ${extra[@]+"${extra[@]}"} &
child=$!
wait "$child"
rc=$?
child=""
exit "$rc"
