"""Runs measurement cells, one fresh process each, and appends every raw result as a JSON line to
bench/work/raw/{onnxruntime,pytorch}.jsonl (a failed cell is a line with "error").

usage: /usr/bin/python3 bench/memory/runner.py PLAN [MODEL ...]
  ort-main      ONNX Runtime, default session options, batch 1 and 8 (dynamic-batch file), twice each;
                batch 1 on the fixed-batch file once; the ORT start-up baseline (a one-Relu model) twice
  ort-variants  ONNX Runtime, batch 1 and 8: arena off, memory pattern off, both off, graph optimisation off,
                arena and graph optimisation off, weight pre-packing off, once each
  ort-variant   ONNX Runtime, the one variant ORT_VARIANT names, batch 1 and 8, once each
  torch-infer   PyTorch inference, batch 1 and 8: profiler once (deterministic), RSS twice
  torch-train   PyTorch training step, SGD momentum and Adam, batch 2 and 8: profiler once, RSS twice
  torch-cuda    PyTorch on the GPU (torch.cuda.max_memory_allocated), inference batch 1 and 8 and training
                steps batch 2 and 8, twice each; needs a CUDA build of torch (a device machine)
Environment: ORT_NODE_DIR (npm prefix holding onnxruntime-node, default .cache/onnxruntime-node),
             NODE (default node), PYTHON (default /usr/bin/python3), CELL_TIMEOUT_S (default 1200).
"""
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
WORK = os.path.join(ROOT, "bench", "work")
MODELS_DIR = os.path.join(WORK, "models")
RAW = os.path.join(WORK, "raw")
sys.path.insert(0, HERE)
import models  # noqa: E402

MALLOC_ENV = {"MALLOC_MMAP_THRESHOLD_": "65536", "MALLOC_TRIM_THRESHOLD_": "0"}
ORT_VARIANTS = ["no_arena", "no_mempattern", "no_arena_no_mempattern", "opt_disabled", "no_arena_opt_disabled",
                "no_prepack"]
TIMEOUT_S = int(os.environ.get("CELL_TIMEOUT_S", "1200"))


def run_cell(kind, argv, cell):
    env = dict(os.environ, **MALLOC_ENV)
    env.setdefault("ORT_NODE_DIR", os.path.join(ROOT, ".cache", "onnxruntime-node"))
    started = time.time()
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=TIMEOUT_S, cwd=ROOT)
        lines = proc.stdout.strip().splitlines()
        if proc.returncode != 0 or not lines:
            record = {"error": "exit %d: %s" % (proc.returncode, proc.stderr.strip()[-800:])}
        else:
            record = json.loads(lines[-1])
    except subprocess.TimeoutExpired:
        record = {"error": "timed out after %d s" % TIMEOUT_S}
    record["cell"] = cell
    record["wall_s"] = round(time.time() - started, 1)
    os.makedirs(RAW, exist_ok=True)
    with open(os.path.join(RAW, kind + ".jsonl"), "a") as f:
        f.write(json.dumps(record) + "\n")
    status = "ERROR " + record["error"][:200] if "error" in record else "ok"
    print("%-12s %-60s %6.1fs %s" % (kind, json.dumps(cell), record["wall_s"], status), flush=True)


def ort(model_file, batch, variant, model, repeat):
    argv = [os.environ.get("NODE", "node"), "--expose-gc", os.path.join(HERE, "ort_peak.js"),
            os.path.join(MODELS_DIR, model_file), str(batch), variant]
    cell = {"model": model, "file": model_file, "batch": batch, "variant": variant, "repeat": repeat}
    run_cell("onnxruntime", argv, cell)


def torch_cell(model, mode, batch, method, repeat):
    argv = [os.environ.get("PYTHON", "/usr/bin/python3"), os.path.join(HERE, "torch_peak.py"), model, mode,
            str(batch), method]
    run_cell("pytorch", argv, {"model": model, "mode": mode, "batch": batch, "method": method, "repeat": repeat})


def exported(model):
    return os.path.exists(os.path.join(MODELS_DIR, model + "_dyn.onnx"))


def plan_ort_main(names):
    for repeat in (1, 2):
        ort("ort_baseline_relu.onnx", 1, "default", "ort_baseline_relu", repeat)
    for m in filter(exported, names):
        for repeat in (1, 2):
            for batch in (1, 8):
                ort(m + "_dyn.onnx", batch, "default", m, repeat)
        ort(m + ".onnx", 1, "default", m, 1)


def plan_ort_variants(names):
    for m in filter(exported, names):
        for variant in ORT_VARIANTS:
            for batch in (1, 8):
                ort(m + "_dyn.onnx", batch, variant, m, 1)


def plan_torch_infer(names):
    for m in names:
        for batch in (1, 8):
            torch_cell(m, "infer", batch, "profiler", 1)
            for repeat in (1, 2):
                torch_cell(m, "infer", batch, "rss", repeat)


def plan_torch_train(names):
    for m in names:
        for mode in ("train_sgd", "train_adam"):
            for batch in (2, 8):
                torch_cell(m, mode, batch, "profiler", 1)
                for repeat in (1, 2):
                    torch_cell(m, mode, batch, "rss", repeat)


def plan_torch_cuda(names):
    for m in names:
        for mode, batches in (("infer", (1, 8)), ("train_sgd", (2, 8)), ("train_adam", (2, 8))):
            for batch in batches:
                for repeat in (1, 2):
                    torch_cell(m, mode, batch, "cuda", repeat)


def plan_ort_variant(names):
    """One variant (ORT_VARIANT) for the given models, batch 1 and 8."""
    for m in filter(exported, names):
        for batch in (1, 8):
            ort(m + "_dyn.onnx", batch, os.environ["ORT_VARIANT"], m, 1)


PLANS = {"ort-main": plan_ort_main, "ort-variants": plan_ort_variants, "torch-infer": plan_torch_infer,
         "torch-train": plan_torch_train, "torch-cuda": plan_torch_cuda,
         "ort-variant": plan_ort_variant}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in PLANS:
        sys.exit(__doc__)
    PLANS[sys.argv[1]](sys.argv[2:] or models.ALL)
