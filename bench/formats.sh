#!/usr/bin/env bash
# Whole-process benchmark of the Keras and DL4J importers and of `audit`: wall time, CPU time and peak RSS from
# GNU time, with the launcher's JVM settings (C1, Serial GC, 256 MiB heap). Against h5py reading every dataset of
# the same Keras files. Writes a Markdown table to stdout (and bench/work/formats.md).
#
# Usage: bench/formats.sh [RUNS]   (default 3; median wall and CPU time, largest RSS)
# Needs: JDK 17, Maven, GNU time; Debian python3-h5py for the generated 500-dataset file and the h5py rows;
# a DL4J zoo VGG-16 with Adam state at $VGG16_ZIP (default /tmp/vgg16.zip) if present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$root/bench/work"
mkdir -p "$work"
cd "$root"
[ -x /usr/bin/time ] || { echo "bench: GNU time missing (apt-get install time)" >&2; exit 2; }
if ! ls cli/target/modelcost-cli-*.jar >/dev/null 2>&1 || [ ! -d cli/target/lib ]; then
  mvn -q -o -DskipTests -pl cli -am package >&2
fi
jar=$(ls cli/target/modelcost-cli-*.jar | head -n 1)
cp="$jar:cli/target/lib/*"
jvm="-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
py="${PYTHON:-/usr/bin/python3}"
corpus="${MODELCOST_CORPUS:-$root/../shared/corpus}"
vgg="${VGG16_ZIP:-/tmp/vgg16.zip}"
k500="$work/keras500.h5"
if [ ! -f "$k500" ] && "$py" -c "import h5py" 2>/dev/null; then "$py" bench/keras500.py "$k500"; fi

measure() { # CMD...: "median_wall_s median_cpu_s max_rss_kib"
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
row() { # name bytes label result
  read -r wall cpu rss <<<"$4"
  printf '| %s | %s | %s | %.2f | %.2f | %s |\n' "$1" "$2" "$3" "$wall" "$cpu" "$((rss / 1024))"
}
h5read='import sys, h5py
n = 0
def read(name, obj):
    global n
    if isinstance(obj, h5py.Dataset):
        obj[()]; n += 1
with h5py.File(sys.argv[1], "r") as f:
    f.visititems(read)'

keras_files=(
  "$corpus/keras/KonduitAI__dl4j-test-resources/src__main__resources__modelimport__keras__weights__issue_9560.h5"
  "$corpus/keras/Kotlin__kotlindl/examples__src__main__resources__models__batchnorm__weights.h5"
  "$corpus/keras/KonduitAI__dl4j-test-resources/src__main__resources__modelimport__keras__examples__gans__wgan_discriminator.h5"
)
[ -f "$k500" ] && keras_files+=("$k500")
{
  echo "Runs per cell: $runs (median wall and CPU time, largest peak RSS). $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, $(java -version 2>&1 | head -n 1). JVM: $jvm."
  echo
  echo "| file | bytes | command | wall s | CPU s (user+sys) | peak RSS MiB |"
  echo "|---|---:|---|---:|---:|---:|"
  for f in "${keras_files[@]}"; do
    b=$(stat -c %s "$f")
    # shellcheck disable=SC2086
    row "$(basename "$f")" "$b" "modelcost inspect --format json" "$(measure java $jvm -cp "$cp" dev.modelcost.cli.Main inspect "$f" --format json)"
    if "$py" -c 'import h5py' 2>/dev/null; then
      row "$(basename "$f")" "$b" "python3 h5py: read every dataset (h5py $("$py" -c 'import h5py; print(h5py.__version__)'))" \
        "$(measure "$py" -c "$h5read" "$f")"
    fi
  done
  if [ -f "$vgg" ]; then
    # shellcheck disable=SC2086
    row "$(basename "$vgg")" "$(stat -c %s "$vgg")" "modelcost inspect --format json" "$(measure java $jvm -cp "$cp" dev.modelcost.cli.Main inspect "$vgg" --format json)"
  fi
  n=$(java $jvm -cp "$cp" dev.modelcost.cli.Main audit "$corpus" --format csv --no-progress | tail -n +2 | wc -l)
  res=$(measure java $jvm -cp "$cp" dev.modelcost.cli.Main audit "$corpus" --format csv --no-progress)
  row "shared corpus ($n model files)" "$(du -sb "$corpus" | cut -f1)" "modelcost audit --format csv ($(nproc) threads)" "$res"
  read -r wall _ _ <<<"$res"
  echo
  echo "audit throughput: $(awk -v n="$n" -v w="$wall" 'BEGIN {printf "%.1f", n / w}') files/s ($n files in $wall s wall)."
} | tee "$work/formats.md"
