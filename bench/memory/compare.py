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
            profile = predicted(mc.report(r["model_file"], r["batch"], r["optimizer"], r["runtime"]), r)
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
        band = BANDS[rows[0][0]["mode"]]

        def within(i):
            rs = [ratio(row[i], row[0]["measured_bytes"]) for row in rows]
            hits = sum(1 for x in rs if x is not None and abs(x - 1) <= band)
            return "%d / %d" % (hits, len(rs))
        lines.append("| %s | ±%d%% | %s | %s |" % (title, band * 100, within(1), within(2) if show_profile else "—"))
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
    for title, rows in computed:
        if rows:
            out += ["", "## " + title, ""] + table(rows, mc.has_runtime)
    if measured.get("errors"):
        out += ["", "## Cells that failed", ""]
        out += ["- %s" % json.dumps(e)[:300] for e in measured["errors"]]
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")
    print("%s: %d rows" % (os.path.relpath(OUT, ROOT), sum(len(r) for _, r in computed)))


if __name__ == "__main__":
    main()
