#!/usr/bin/env bash
# Soak: the real service at a fixed request rate, mixed STT/TTS, repeated and distinct inputs, with 5 % of
# the upstream's answers failing, for a fixed time. Passes when no request was lost, heap after GC shows no
# growth trend after the first quarter of the run and the thread count levels off.
#
#   scripts/soak.sh [--minutes 30] [--rate 20] [--out DIR]
#
# The soak itself is `voice soak` (voice-tools, io.voiceplatform.tools.soak); this wrapper builds the distribution
# when it is missing and keeps the options CI uses. VOICE_BIN names another launcher. Exit 0 when the soak passed,
# 1 when it failed, 2 for bad usage.
set -euo pipefail

minutes=30
rate=20
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "usage: scripts/soak.sh [--minutes N] [--rate R] [--out DIR]" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
voice="${VOICE_BIN:-$root/voice-app/target/dist/bin/voice}"
if [ ! -x "$voice" ]; then
  (cd "$root" && mvn -B -q -ntp -DskipTests package)
fi
exec "$voice" soak --voice "$voice" --minutes "$minutes" --rate "$rate" --out "${out:-$root/voice-app/target/soak}"
