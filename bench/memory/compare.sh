#!/usr/bin/env bash
# Predicted (modelcost) against measured (bench/results/measured.json) as a Markdown table in
# bench/results/validation.md. Builds the CLI jar first when it is missing.
#
# Usage: bench/memory/compare.sh [JAR]   (default cli/target/modelcost.jar)
# Needs: JDK 17, Maven (offline build), the exported models in bench/work/models (bench/memory/run_all.sh or
#        bench/memory/export_models.py). Takes about a minute (one modelcost run per distinct command line).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
jar="${1:-cli/target/modelcost.jar}"
if [ ! -f "$jar" ]; then
  mvn -B -o -q -pl cli -am package -DskipTests >&2
fi
"${PYTHON:-/usr/bin/python3}" bench/memory/compare.py "$jar"
