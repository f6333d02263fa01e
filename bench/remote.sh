#!/usr/bin/env bash
# What inspecting a model over HTTP costs: serves files from a local range server (127.0.0.1 only, through a 302
# like a model hub's), runs `modelcost inspect URL --format json` as a whole process, and reports the requests,
# the bytes fetched, their share of the file, the wall time (GNU time) and whether the JSON report equals the local
# one except model.path and model.fetch. Measurements, not assertions.
#
# Usage: bench/remote.sh [FILE...]   (default: examples/vgg16.onnx, generated on first use, and a DL4J VGG-16 zip
#        from $DL4J_VGG16 or the corpus if one exists). Writes a Markdown table to stdout and bench/work/remote.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/bench/work"
mkdir -p "$work"
cd "$root"
[ -x /usr/bin/time ] || { echo "bench: GNU time missing (apt-get install time)" >&2; exit 2; }
if ! ls cli/target/modelcost-cli-*.jar >/dev/null 2>&1 || ! ls testdata/target/modelcost-testdata-*.jar >/dev/null 2>&1; then
  mvn -q -o -DskipTests package >&2
fi
td=$(ls testdata/target/modelcost-testdata-*.jar | head -n 1)

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  [ -f examples/vgg16.onnx ] || ./modelcost inspect examples/vgg16.onnx >/dev/null
  files=(examples/vgg16.onnx)
  dl4j="${DL4J_VGG16:-$(ls "$root"/../shared/corpus/dl4j/*[vV][gG][gG]16*.zip 2>/dev/null | head -n 1 || true)}"
  if [ -n "$dl4j" ]; then files+=("$dl4j"); else echo "bench: no DL4J VGG-16 zip (set DL4J_VGG16=FILE); skipped" >&2; fi
fi

out="$work/remote.md"
{
  echo "| file | bytes | requests | fetched bytes | % of file | wall s (remote) | wall s (local) | JSON equal |"
  echo "|---|---:|---:|---:|---:|---:|---:|---|"
} > "$out"
for f in "${files[@]}"; do
  dir=$(cd "$(dirname "$f")" && pwd)
  name=$(basename "$f")
  java -cp "$td" dev.modelcost.testdata.http.RangeServer "$dir" > "$work/server.txt" 2> "$work/requests-$name.log" &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  for _ in $(seq 50); do [ -s "$work/server.txt" ] && break; sleep 0.2; done
  base=$(cut -d' ' -f2 "$work/server.txt")   # the /redirect/ prefix: a 302 to /files/, like a hub to its CDN
  url="$base$name"
  ./modelcost inspect "$f" --format json > "$work/local.json"   # also records the class-data archive
  /usr/bin/time -f %e -o "$work/time-local.txt" ./modelcost inspect "$f" --format json > "$work/local.json"
  /usr/bin/time -f %e -o "$work/time-remote.txt" ./modelcost inspect "$url" --format json > "$work/remote.json"
  kill $server; wait $server 2>/dev/null || true
  python3 - "$f" "$work/local.json" "$work/remote.json" "$(cat "$work/time-remote.txt")" "$(cat "$work/time-local.txt")" >> "$out" <<'PY'
import json, os, sys
f, local, remote, t_remote, t_local = sys.argv[1:]
a, b = json.load(open(local)), json.load(open(remote))
fetch = b["model"].pop("fetch")
for r in (a, b):
    r["model"].pop("path")
    r["diagnostics"] = [d for d in r["diagnostics"] if not d["message"].startswith("read over HTTP:")]
size = os.path.getsize(f)
print(f"| {os.path.basename(f)} | {size:,} | {fetch['requests']:,} | {fetch['bytes']:,} | "
      f"{100.0 * fetch['bytes'] / size:.3f} | {t_remote} | {t_local} | {'yes' if a == b else 'NO'} |")
PY
done
echo "" >> "$out"
echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) after the run; one run per cell." >> "$out"
cat "$out"
