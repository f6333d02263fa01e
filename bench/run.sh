#!/usr/bin/env bash
# Whole-process benchmark of `modelcost inspect`: wall time and peak RSS from GNU time (/usr/bin/time -v),
# on a 5 MB, a ~100 MB and a 553 MB ONNX file, against Python's onnx.load + shape inference on the same
# files, and across JVM start-up settings. Writes a Markdown table to stdout (and bench/work/results.md).
#
# Usage: bench/run.sh [RUNS]   (default 3 runs per cell; the median wall time and the largest RSS are kept)
# Needs: JDK 17, Maven, GNU time (Debian `time`), optionally python3 with onnx (Debian `python3-onnx`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$root/bench/work"
mkdir -p "$work"
cd "$root"

[ -x /usr/bin/time ] || { echo "bench: GNU time missing (apt-get install time)" >&2; exit 2; }
if ! ls cli/target/modelcost-cli-*.jar >/dev/null 2>&1 || ! ls testdata/target/modelcost-testdata-*.jar >/dev/null 2>&1; then
  mvn -q -o -DskipTests -pl core,importers/onnx,testdata,cli -am package >&2
fi
jar=$(ls cli/target/modelcost-cli-*.jar | head -n 1)
td=$(ls testdata/target/modelcost-testdata-*.jar | head -n 1)
cp="$jar:cli/target/lib/*"

py="${PYTHON:-/usr/bin/python3}" # Debian's python3-onnx lives under the system interpreter
corpus="${MODELCOST_CORPUS:-$root/../shared/corpus}"
small="$corpus/onnx/torchvision/squeezenet1_1.onnx"
mid="$work/mlp2048x6.onnx"
big="$work/vgg16.onnx"
[ -f "$mid" ] || java -cp "$td:$cp" dev.modelcost.testdata.MlpOnnx "$mid" 2048 6 >&2
[ -f "$big" ] || java -cp "$td:$cp" dev.modelcost.testdata.Vgg16Onnx "$big" >&2

# AppCDS: dump the classes an inspect run loads once, then map them at start-up. The archive is only valid
# for the exact class path and jar files it was dumped with, so it is rebuilt when the jar is newer.
jsa="$work/modelcost.jsa"
if [ ! -f "$jsa" ] || [ "$jar" -nt "$jsa" ]; then
  rm -f "$jsa"
  java -XX:ArchiveClassesAtExit="$jsa" -Xmx256m -cp "$cp" dev.modelcost.cli.Main inspect "$small" --format json >/dev/null 2>&1 || true
fi

if java -XX:SharedArchiveFile="$jsa" -Xlog:cds=warning -cp "$cp" dev.modelcost.cli.Main --version 2>&1 | grep -q "Unable to use"; then
  echo "bench: warning: the AppCDS archive $jsa cannot be used; the appcds rows measure no sharing" >&2
fi

declare -A jvm=(
  [default]=""
  [launcher]="-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
  [launcher+appcds]="-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:SharedArchiveFile=$jsa"
)

# measure LABEL CMD...: prints "median_wall_s max_rss_kib" over $runs runs; fails loudly if the command fails.
measure() {
  local walls=() cpus=() rss=0 i r tf="$work/time.txt"
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v -o "$tf" "$@" >/dev/null 2>"$work/stderr.txt" || { echo "bench: failed: $*" >&2; tail -5 "$work/stderr.txt" >&2; return 1; }
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; print s}' "$tf")")
    cpus+=("$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$tf")")
    r=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tf")
    if (( r > rss )); then rss=$r; fi
  done
  local mid=$(( (runs + 1) / 2 ))
  printf '%s %s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${mid}p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${mid}p")" "$rss"
}

row() { # file label result
  local bytes; bytes=$(stat -c %s "$1")
  read -r wall cpu rss <<<"$3"
  printf '| %s | %s | %s | %.2f | %.2f | %s |\n' "$(basename "$1")" "$bytes" "$2" "$wall" "$cpu" "$((rss / 1024))"
}

{
  echo "Runs per cell: $runs (median wall and CPU time, largest peak RSS). $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(java -version 2>&1 | head -n 1)."
  echo
  echo "| file | bytes | command | wall s | CPU s (user+sys) | peak RSS MiB |"
  echo "|---|---:|---|---:|---:|---:|"
  for k in default launcher launcher+appcds; do
    # shellcheck disable=SC2086
    row "$small" "modelcost --version, $k" "$(measure java ${jvm[$k]} -cp "$cp" dev.modelcost.cli.Main --version)"
  done
  for f in "$small" "$mid" "$big"; do
    for k in default launcher launcher+appcds; do
      # shellcheck disable=SC2086
      row "$f" "modelcost inspect --format json, $k" "$(measure java ${jvm[$k]} -cp "$cp" dev.modelcost.cli.Main inspect "$f" --format json)"
    done
    if "$py" -c 'import onnx' 2>/dev/null; then
      row "$f" "python3 onnx.load + infer_shapes (onnx $("$py" -c 'import onnx; print(onnx.__version__)'))" \
        "$(measure "$py" -c 'import sys, onnx; onnx.shape_inference.infer_shapes(onnx.load(sys.argv[1]))' "$f")"
    fi
  done
} | tee "$work/results.md"
