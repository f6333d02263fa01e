#!/usr/bin/env bash
# Measures peak memory of the torchvision holdout set (and a small TransformerEncoder) in ONNX Runtime (CPU,
# onnxruntime-node) and PyTorch eager (CPU), one fresh process per measurement, and writes the curated results to
# bench/results/measured.json. Raw lines accumulate in bench/work/raw/*.jsonl (git-ignored); --fresh starts over.
#
# Usage: bench/memory/run_all.sh [--fresh] [MODEL ...]      (default: every model, the fast ones first)
# Needs: /usr/bin/python3 with Debian's python3-torch, python3-torchvision, python3-onnx; node and npm (the pinned
#        onnxruntime-node is installed into .cache/onnxruntime-node like .ci/run does, or set ORT_NODE_DIR).
# Takes: about 1.5 to 2 hours for everything on 2 shared cores (training steps are half of it); the fast models'
#        inference about 10 minutes. PLANS="ort-main torch-infer" limits what runs (see runner.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
py="${PYTHON:-/usr/bin/python3}"
export PYTHON="$py"

fresh=""
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
models=("$@")

"$py" -c "import torch, torchvision, onnx" 2>/dev/null \
  || { echo "run_all: $py lacks torch/torchvision/onnx (apt-get install python3-torch python3-torchvision python3-onnx)" >&2; exit 2; }
command -v node >/dev/null || { echo "run_all: node is missing (apt-get install nodejs npm)" >&2; exit 2; }

ORT_NODE_VERSION=1.31.1
export ORT_NODE_DIR="${ORT_NODE_DIR:-$root/.cache/onnxruntime-node}"
if ! grep -qs "\"version\": \"$ORT_NODE_VERSION\"" "$ORT_NODE_DIR/node_modules/onnxruntime-node/package.json"; then
  mkdir -p "$ORT_NODE_DIR"
  npm install --prefix "$ORT_NODE_DIR" --ignore-scripts --no-audit --no-fund --silent "onnxruntime-node@$ORT_NODE_VERSION" >&2
fi

[ -n "$fresh" ] && rm -rf bench/work/raw
"$py" bench/memory/export_models.py "${models[@]}" 2>&1 | grep -v -i warning || true

fast=(squeezenet1_1 resnet18 mobilenet_v2 alexnet shufflenet_v2_x1_0 mnasnet1_0 efficientnet_b0 googlenet)
slow=(transformer_encoder resnet50 densenet121 inception_v3 vgg16 vgg16_bn)
plans=(${PLANS:-ort-main torch-infer ort-variants torch-train})
if [ ${#models[@]} -gt 0 ]; then
  groups=("${models[*]}")
else
  groups=("${fast[*]}" "${slow[*]}")
fi
for group in "${groups[@]}"; do
  for plan in "${plans[@]}"; do
    # shellcheck disable=SC2086
    "$py" bench/memory/runner.py "$plan" $group
    "$py" bench/memory/summarize.py
  done
done
