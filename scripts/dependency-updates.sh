#!/usr/bin/env bash
# Lists the newer releases of every dependency and build plugin the POMs name (versions-maven-plugin; pre-releases
# left out by scripts/dependency-update-rules.xml). It changes nothing: the upgrade is a POM edit and a full build.
#   scripts/dependency-updates.sh
set -euo pipefail
ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
mvn -B -ntp -N versions:display-dependency-updates versions:display-plugin-updates \
  -Dmaven.version.rules="file://$ROOT/scripts/dependency-update-rules.xml" -DprocessDependencyManagementTransitive=false
