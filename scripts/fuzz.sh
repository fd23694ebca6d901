#!/usr/bin/env bash
# Fuzzes each Jazzer @FuzzTest for N seconds (default 60), one at a time: Jazzer fuzzes one test per run.
# Without JAZZER_FUZZ the same tests run in every `mvn test` over their seed corpus only. A finding fails the
# run, and Jazzer writes the input into the test's Inputs directory under src/test/resources, where it stays
# as a regression seed once committed. The corpus it grows goes to <module>/.cifuzz-corpus (not committed).
#   scripts/fuzz.sh [seconds]
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_EACH="${1:-60}"
case "$SECONDS_EACH" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [seconds]" >&2; exit 2 ;; esac
cd "$ROOT"

# module|Class#method
TARGETS=(
  "voice-core|AudioFormatDetectorFuzzTest#namesOnlyContainersWhoseSignatureIsThere"
  "voice-core|AudioDecoderFuzzTest#decodesOrRefusesAsBadFile"
  "voice-providers/support|PcmAudioFuzzTest#convertsOrRefusesAsIllegalArgument"
  "voice-app|TranscriptionFormFuzzTest#answersEveryBodyWithATranscriptOrAClientError"
  "voice-app|ProviderAnswersFuzzTest#everyAnswerEndsInAResultOrAVoiceException"
)

LOGS=$(mktemp -d)
SUMMARY=()
FAILED=0
for target in "${TARGETS[@]}"; do
  module="${target%%|*}"
  test="${target#*|}"
  log="$LOGS/${test%%#*}.log"
  echo "fuzz: $test for ${SECONDS_EACH}s (log: $log)"
  status=ok
  # verify, not test: voice-app's tests load the built-in providers from their packaged directories.
  if ! JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${SECONDS_EACH}s" mvn -B -ntp -q verify -pl "$module" -am \
      -Dvoice.fuzzing=true -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
    status=FINDING
    FAILED=1
    grep -E "Test unit written to|FuzzTestFindingException|Caused by" "$log" | head -5 || true
  fi
  # libFuzzer's closing lines: "Done N runs in S second(s)" and the last "exec/s" it printed.
  runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | awk '{print $2, $5}')
  rate=$(grep -Eo 'exec/s: [0-9]+' "$log" | tail -1 | awk '{print $2}')
  SUMMARY+=("$(printf '%-62s %-8s runs=%-10s seconds=%-4s exec/s=%s' "$test" "$status" "${runs% *}" "${runs#* }" "${rate:-?}")")
done

echo "fuzz: summary"
printf '  %s\n' "${SUMMARY[@]}"
if [ "$FAILED" -ne 0 ]; then
  echo "fuzz: FAILED: a finding (its input is in the test's Inputs directory; fix it and commit the input)" >&2
  exit 1
fi
rm -rf "$LOGS"
