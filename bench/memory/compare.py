"""Predicted (modelcost) against measured (bench/results/measured.json): writes bench/results/validation.md.

usage: /usr/bin/python3 bench/memory/compare.py [JAR]   (default cli/target/modelcost.jar)

For every measured record it runs `java -jar JAR inspect MODEL_FILE --format json --batch B` (plus
`--training --optimizer X` for training rows, and `--runtime R` when the jar accepts it) once per distinct
command line and compares the figure that means the same as the measurement:
  inference           activations.peakLiveBytesBeyondInputs (the peak above the weights and the caller's input)
  training, step 1    training.firstStepPeakBytes - parametersBytes - masterWeightsBytes - input bytes
                      (the weights and the input exist before the measured region; docs/memory.md)
  training, step 2    training.peakBytes - parametersBytes - masterWeightsBytes - optimizerStateBytes - input
                      bytes (the optimizer state is held before the measured region)
The ideal figure (no --runtime) is always shown; the runtime profile's beside it when the jar has --runtime.
"""
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MODELS_DIR = os.path.join(ROOT, "bench", "work", "models")
MEASURED = os.path.join(ROOT, "bench", "results", "measured.json")
OUT = os.path.join(ROOT, "bench", "results", "validation.md")
RUNTIME_FLAG = {"onnxruntime": "onnxruntime", "pytorch": "pytorch", "pytorch-cuda": "pytorch"}
OPTIMIZER_FLAG = {"sgd_momentum": "momentum", "adam": "adam"}
BANDS = {"inference": 0.15, "training": 0.20}  # issue 16's acceptance bands


class Modelcost:
    def __init__(self, jar):
        self.jar = jar
        self.cache = {}
        usage = subprocess.run(["java", "-jar", jar, "inspect", "--help"], capture_output=True, text=True)
        self.has_runtime = "--runtime" in usage.stdout + usage.stderr

    def report(self, model_file, batch, optimizer=None, runtime=None):
        argv = ["java", "-Xmx1g", "-jar", self.jar, "inspect", os.path.join(MODELS_DIR, model_file),
                "--format", "json", "--batch", str(batch)]
        if optimizer:
            argv += ["--training", "--optimizer", OPTIMIZER_FLAG[optimizer]]
        if runtime:
            argv += ["--runtime", runtime]
        key = tuple(argv)
        if key not in self.cache:
            proc = subprocess.run(argv, capture_output=True, text=True)
            self.cache[key] = json.loads(proc.stdout) if proc.returncode == 0 else {"error": proc.stderr[-300:]}
        return self.cache[key]


def predicted(report, record):
    if "error" in report:
        return None
    if record["mode"] == "inference":
        return report["activations"]["peakLiveBytesBeyondInputs"]
    t = report["training"]
    held = t["parametersBytes"] + t["masterWeightsBytes"] + record["details"]["input_bytes"]
    if record["variant"] == "first_step":
        return t["firstStepPeakBytes"] - held
    return t["peakBytes"] - held - t["optimizerStateBytes"]


def mb(n):
    return "—" if n is None else "{:,.2f}".format(n / 1e6)


def ratio(p, m):
    return None if p is None or not m else p / m


def fmt_ratio(r):
    return "—" if r is None else "%.2f" % r


def rows_for(mc, records):
    rows = []
    for r in records:
        path = os.path.join(MODELS_DIR, r["model_file"])
        if not os.path.exists(path):
            continue
        ideal = predicted(mc.report(r["model_file"], r["batch"], r["optimizer"]), r)
        profile = None
        if mc.has_runtime:
            profile = predicted(mc.report(r["model_file"], r["batch"], r["optimizer"], RUNTIME_FLAG[r["runtime"]]), r)
        rows.append((r, ideal, profile))
    return rows


def table(rows, show_profile):
    head = "| model | runtime | batch | mode | variant | method | measured MB | spread | ideal MB | ideal / measured |"
    rule = "|---|---|---:|---|---|---|---:|---:|---:|---:|"
    if show_profile:
        head += " runtime profile MB | profile / measured |"
        rule += "---:|---:|"
    lines = [head, rule]
    for r, ideal, profile in rows:
        mode = r["mode"] + (" " + r["optimizer"] if r["optimizer"] else "")
        line = "| %s | %s | %d | %s | %s | %s | %s | %.1f%% | %s | %s |" % (
            r["model"], r["runtime"], r["batch"], mode, r["variant"], r["method"], mb(r["measured_bytes"]),
            100 * r["spread_fraction"], mb(ideal), fmt_ratio(ratio(ideal, r["measured_bytes"])))
        if show_profile:
            line += " %s | %s |" % (mb(profile), fmt_ratio(ratio(profile, r["measured_bytes"])))
        lines.append(line)
    return lines


def summary(groups, show_profile):
    lines = ["| rows | band | ideal within band | runtime profile within band |", "|---|---:|---:|---:|"]
    for title, rows in groups:
        if not rows:
            continue
        bands = sorted({BANDS[row[0]["mode"]] for row in rows})

        def within(i):
            hits = 0
            for row in rows:
                x = ratio(row[i], row[0]["measured_bytes"])
                hits += x is not None and abs(x - 1) <= BANDS[row[0]["mode"]]
            return "%d / %d" % (hits, len(rows))
        band = " / ".join("±%d%%" % round(b * 100) for b in bands)
        lines.append("| %s | %s | %s | %s |" % (title, band, within(1), within(2) if show_profile else "—"))
    return lines


def overview(mc, records):
    """Every runtime's figure side by side, per model and batch (inference)."""
    columns = [("ORT default", dict(runtime="onnxruntime", variant="default")),
               ("ORT no arena", dict(runtime="onnxruntime", variant="no_arena")),
               ("ORT no mem pattern", dict(runtime="onnxruntime", variant="no_mempattern")),
               ("ORT opt disabled", dict(runtime="onnxruntime", variant="opt_disabled")),
               ("ORT no arena, opt disabled", dict(runtime="onnxruntime", variant="no_arena_opt_disabled")),
               ("PyTorch profiler", dict(runtime="pytorch", mode="inference", method="torch_profiler_c10")),
               ("PyTorch RSS", dict(runtime="pytorch", mode="inference", method="rss_vmhwm"))]
    keys = []
    for r in records:
        if r["mode"] == "inference" and (r["model"], r["batch"]) not in keys:
            keys.append((r["model"], r["batch"]))
    lines = ["| model | batch | ideal MB | " + " | ".join(c for c, _ in columns) + " |",
             "|---|---:|---:|" + "---:|" * len(columns)]
    for model, batch in keys:
        file = model + "_dyn.onnx"
        if not os.path.exists(os.path.join(MODELS_DIR, file)):
            continue
        ideal = mc.report(file, batch)
        ideal = None if "error" in ideal else ideal["activations"]["peakLiveBytesBeyondInputs"]
        cells = []
        for _, want in columns:
            hit = [r for r in records if r["model"] == model and r["batch"] == batch and r["model_file"] == file
                   and all(r.get(k) == v for k, v in want.items())]
            cells.append(mb(hit[0]["measured_bytes"]) if hit else "—")
        lines.append("| %s | %d | %s | %s |" % (model, batch, mb(ideal), " | ".join(cells)))
    return lines


def session_creation(records):
    """What creating an ONNX Runtime session keeps, above the runtime's own start-up and the file's bytes."""
    lines = ["| model | file MB | variant | kept above start-up MB | kept above start-up and file MB | "
             "transient peak above start-up MB |", "|---|---:|---|---:|---:|---:|"]
    for r in records:
        if r["runtime"] != "onnxruntime" or r["batch"] != 1 or not r["model_file"].endswith("_dyn.onnx"):
            continue
        d = r["details"]
        if d.get("session_create_retained_above_ort_baseline_bytes") is None:
            continue
        base = d["session_create_retained_bytes"][0] - d["session_create_retained_above_ort_baseline_bytes"][0]
        lines.append("| %s | %s | %s | %s | %s | %s |" % (
            r["model"], mb(d["model_file_bytes"]), r["variant"],
            mb(max(d["session_create_retained_above_ort_baseline_bytes"])),
            mb(max(d["session_create_retained_above_ort_baseline_minus_file_bytes"])),
            mb(max(d["session_create_peak_bytes"]) - base)))
    return lines


def main():
    jar = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "cli", "target", "modelcost.jar")
    with open(MEASURED) as f:
        measured = json.load(f)
    mc = Modelcost(jar)
    records = measured["records"]

    def pick(**kw):
        return [r for r in records if all(r.get(k) == v for k, v in kw.items())]
    groups = [
        ("ONNX Runtime, default options (arena, memory patterns, all optimisations), dynamic-batch file",
         [r for r in pick(runtime="onnxruntime", variant="default") if r["model_file"].endswith("_dyn.onnx")]),
        ("PyTorch eager inference, profiler (c10 allocations)", pick(runtime="pytorch", mode="inference",
                                                                    method="torch_profiler_c10")),
        ("PyTorch eager inference, RSS", pick(runtime="pytorch", mode="inference", method="rss_vmhwm")),
        ("PyTorch training, first step of a fresh optimizer, profiler",
         pick(runtime="pytorch", variant="first_step", method="torch_profiler_c10")),
        ("PyTorch training, first step, RSS", pick(runtime="pytorch", variant="first_step", method="rss_vmhwm")),
        ("PyTorch training, steady step (optimizer state held before), profiler",
         pick(runtime="pytorch", variant="steady_step", method="torch_profiler_c10")),
        ("PyTorch training, steady step, RSS", pick(runtime="pytorch", variant="steady_step", method="rss_vmhwm")),
        ("PyTorch on the GPU (torch.cuda.max_memory_allocated), inference and training steps",
         pick(runtime="pytorch-cuda")),
        ("ONNX Runtime, fixed-batch file and option variants",
         [r for r in pick(runtime="onnxruntime") if r["variant"] != "default" or not r["model_file"].endswith("_dyn.onnx")]),
    ]
    computed = [(title, rows_for(mc, rs)) for title, rs in groups]
    out = ["# Predicted vs measured peak memory", "",
           "Generated by `bench/memory/compare.sh` from `bench/results/measured.json` (measured %s on %s, %d "
           "logical CPUs) and `%s`%s. MB = 10^6 bytes. The predicted figure is the one that means the same "
           "as the measurement (see `bench/memory/compare.py`); ratio = predicted / measured." % (
               measured["generated"], measured["machine"]["cpu"], measured["machine"]["logical_cpus"],
               os.path.relpath(jar, ROOT),
               " with `--runtime`" if mc.has_runtime else " (the jar has no `--runtime` yet: ideal figure only)"),
           "", "## Within the acceptance bands", ""]
    out += summary(computed, mc.has_runtime)
    out += ["", "## Inference, every runtime side by side (MB)", ""] + overview(mc, records)
    out += ["", "## ONNX Runtime session creation", "",
            "Start-up = what a one-Relu model's session adds to the process (%s MB: library pages, environment, "
            "thread pool)." % mb(measured.get("ort_baseline_session_create_bytes")), ""] + session_creation(records)
    for title, rows in computed:
        if rows:
            out += ["", "## " + title, ""] + table(rows, mc.has_runtime)
    if not pick(runtime="pytorch-cuda"):
        out += ["", "## Missing rows", "",
                "- GPU (`runner.py torch-cuda`, `torch.cuda.max_memory_allocated`): not measured here, no device "
                "machine was lent to this run."]
    if measured.get("errors"):
        out += ["", "## Cells that failed", ""]
        out += ["- %s" % json.dumps(e)[:300] for e in measured["errors"]]
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")
    print("%s: %d rows" % (os.path.relpath(OUT, ROOT), sum(len(r) for _, r in computed)))


if __name__ == "__main__":
    main()
