#!/usr/bin/env bash
# Records the provider SPI's baseline for its current major version: the voice-api jar that the build's japicmp
# check compares every later build with. Run it once when the major version (voice.spi.major in the root pom) is
# raised for a change that breaks plugins, and commit the jar it writes.
set -euo pipefail
cd "$(dirname "$0")/.."
major=$(mvn -B -q -ntp help:evaluate -Dexpression=voice.spi.major -DforceStdout -pl voice-api | sed 's/\x1b\[[0-9;]*m//g')
baseline="voice-api/src/baseline/voice-api-spi-$major.jar"
if [ -e "$baseline" ]; then
  echo "record-spi-baseline: $baseline exists; the baseline of a released major version never changes" >&2
  exit 1
fi
mvn -B -q -ntp -pl voice-api -Djapicmp.skip=true -DskipTests clean package
mkdir -p "$(dirname "$baseline")"
cp voice-api/target/voice-api-*[0-9T].jar "$baseline"
echo "record-spi-baseline: wrote $baseline (SPI $major); commit it"
