"""Curates the raw measurements (bench/work/raw/*.jsonl) into bench/results/measured.json: one record per
model x runtime x batch x mode x variant x method, with the repeats, their spread, versions and the machine.

usage: /usr/bin/python3 bench/memory/summarize.py
"""
import collections
import datetime
import json
import os
import platform

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
RAW = os.path.join(ROOT, "bench", "work", "raw")
OUT = os.path.join(ROOT, "bench", "results", "measured.json")

ORT_METHOD = ("onnxruntime_vmhwm: fresh node process; VmHWM reset (5 > /proc/self/clear_refs) before each phase; "
              "measured = the largest of the runs' (3 per process; older lines 2) VmHWM minus VmRSS once the session exists and the caller's "
              "input is filled (peak beyond weights, pre-packed copies and input), less the library code pages "
              "(RssFile growth) the runs touched")
TORCH_METHODS = {
    "profiler": "torch_profiler_c10: legacy autograd profiler, profile_memory; peak of the running sum of c10 CPU "
                "allocations inside the region (weights and input allocated before it; oneDNN/MKL internal "
                "buffers not seen)",
    "cuda": "torch_cuda_max_memory_allocated: the model and input on the GPU; torch.cuda.max_memory_allocated() "
            "minus memory_allocated() before the region, peak statistics reset before it (live tensors of the "
            "caching allocator, not its reserved pool; cuDNN workspaces it hands out are included)",
    "rss": "rss_vmhwm: fresh process, MALLOC_MMAP_THRESHOLD_=65536 MALLOC_TRIM_THRESHOLD_=0; VmHWM minus VmRSS "
           "around the region, high-water mark reset before it (process-wide: allocator slack and library "
           "buffers included)",
}
OPTIMIZERS = {"train_sgd": "sgd_momentum", "train_adam": "adam"}


def read_jsonl(name):
    path = os.path.join(RAW, name + ".jsonl")
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def machine():
    cpu = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kib = int(f.readline().split()[1])
    return {"cpu": cpu, "logical_cpus": os.cpu_count(), "memory_bytes": mem_kib * 1024,
            "kernel": platform.release(), "libc": " ".join(platform.libc_ver()), "arch": platform.machine()}


def spread(values):
    return {"runs": values, "spread_fraction": round((max(values) - min(values)) / max(values), 4) if max(values) else 0}


def ort_runs(raw):
    """The runs of one measurement, in order (older raw lines had run1 and run2 fields)."""
    return raw.get("runs") or [raw["run1"], raw["run2"]]


def ort_measured(raw):
    runs = ort_runs(raw)
    peak = max(r["hwm_bytes"] for r in runs) - raw["input"]["rss_after_bytes"]
    code_pages = sum(r["rss_file_delta_bytes"] for r in runs)
    return peak - max(code_pages, 0), code_pages


def ort_records(baseline_create):
    groups = collections.OrderedDict()
    errors = []
    for raw in read_jsonl("onnxruntime"):
        cell = raw["cell"]
        if "error" in raw:
            errors.append({"runtime": "onnxruntime", **cell, "error": raw["error"]})
            continue
        if cell["model"] == "ort_baseline_relu":
            continue
        groups.setdefault((cell["model"], cell["file"], cell["batch"], cell["variant"]), []).append(raw)
    records = []
    for (model, file, batch, variant), raws in groups.items():
        values = [ort_measured(r)[0] for r in raws]
        first = raws[0]
        create_retained = [r["create"]["retained_delta_bytes"] for r in raws]
        records.append({
            "model": model, "runtime": "onnxruntime", "batch": batch, "mode": "inference", "optimizer": None,
            "variant": variant, "model_file": file, "method": "onnxruntime_vmhwm",
            "measured_bytes": max(values), **spread(values),
            "runtime_version": first["runtime_version"], "threads": first["session_options"]["intraOpNumThreads"],
            "session_options": first["session_options"], "malloc_env": first["malloc_env"],
            "details": {
                "model_file_bytes": first["model_file_bytes"],
                "input_bytes": first["input_bytes"],
                "output_bytes": ort_runs(first)[0]["output_bytes"],
                "runs_per_process": len(ort_runs(first)),
                "run1_peak_above_post_creation_bytes": [ort_runs(r)[0]["peak_above_post_creation_bytes"] for r in raws],
                "run1_retained_bytes": [ort_runs(r)[0]["retained_delta_bytes"] for r in raws],
                "later_runs_peak_above_post_creation_bytes":
                    [[x["peak_above_post_creation_bytes"] for x in ort_runs(r)[1:]] for r in raws],
                "code_pages_touched_by_runs_bytes": [ort_measured(r)[1] for r in raws],
                "session_create_retained_bytes": create_retained,
                "session_create_peak_bytes": [r["create"]["peak_delta_bytes"] for r in raws],
                "session_create_retained_above_ort_baseline_bytes":
                    [c - baseline_create for c in create_retained] if baseline_create is not None else None,
                "session_create_retained_above_ort_baseline_minus_file_bytes":
                    [c - baseline_create - first["model_file_bytes"] for c in create_retained]
                    if baseline_create is not None else None,
            },
        })
    return records, errors


def torch_records():
    groups = collections.OrderedDict()
    errors = []
    for raw in read_jsonl("pytorch"):
        cell = raw["cell"]
        if "error" in raw:
            errors.append({"runtime": "pytorch", **cell, "error": raw["error"]})
            continue
        groups.setdefault((cell["model"], cell["mode"], cell["batch"], cell["method"]), []).append(raw)
    records = []
    for (model, mode, batch, method), raws in groups.items():
        first = raws[0]
        common = {"model": model, "runtime": "pytorch-cuda" if method == "cuda" else "pytorch", "batch": batch,
                  "mode": "inference" if mode == "infer" else "training", "optimizer": OPTIMIZERS.get(mode),
                  "model_file": model + "_dyn.onnx", "method": TORCH_METHODS[method].split(":")[0],
                  "runtime_version": "torch " + first["torch_version"] + (
                      " on " + first["infer" if mode == "infer" else "step1"]["device"] if method == "cuda" else ""),
                  "threads": first["threads"],
                  "malloc_env": first["malloc_env"]}
        sizes = {"param_bytes": first["param_bytes"], "buffer_bytes": first["buffer_bytes"],
                 "input_bytes": first["input_bytes"]}
        phases = [("infer", "eager")] if mode == "infer" else [("step1", "first_step"), ("step2", "steady_step")]
        for key, variant in phases:
            values = [r[key]["peak_bytes"] for r in raws]
            details = dict(sizes)
            if "ops_at_peak" in first[key]:
                details["ops_at_peak"] = first[key]["ops_at_peak"]
                details["net_bytes_at_end"] = first[key]["net_bytes_at_end"]
            if "retained_bytes" in first[key]:
                details["retained_bytes"] = [r[key]["retained_bytes"] for r in raws]
            if variant == "steady_step":
                details["optimizer_state_bytes_held_before"] = first["optimizer_state_bytes"]
            records.append({**common, "variant": variant, "measured_bytes": max(values), **spread(values),
                            "details": details})
    return records, errors


def main():
    baseline = [r["create"]["retained_delta_bytes"] for r in read_jsonl("onnxruntime")
                if r["cell"]["model"] == "ort_baseline_relu" and "error" not in r]
    baseline_create = max(baseline) if baseline else None
    ort, ort_errors = ort_records(baseline_create)
    torch, torch_errors = torch_records()
    doc = {
        "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": machine(),
        "methods": {"onnxruntime_vmhwm": ORT_METHOD,
                    **{v.split(":")[0]: v for v in TORCH_METHODS.values()}},
        "notes": [
            "A record: model, runtime (onnxruntime | pytorch | pytorch-cuda), batch, mode (inference | training), "
            "optimizer (null | sgd_momentum | adam), variant (ONNX Runtime session options; PyTorch eager, "
            "first_step or steady_step), model_file (the export in bench/work/models to give modelcost), method "
            "(see methods), measured_bytes, runs, spread_fraction, runtime_version, threads, details.",
            "measured_bytes is the largest of the repeats (runs); spread_fraction = (max - min) / max.",
            "ONNX Runtime rows: model_file *_dyn.onnx has a symbolic batch axis, the other file fixes batch 1.",
            "ort_baseline_session_create_bytes: what creating a session of a one-Relu model adds to the process "
            "(library pages, environment, thread pool); the per-model session_create_retained_above_ort_baseline "
            "subtracts it.",
            "PyTorch training: first_step is the first optimizer step of a fresh optimizer (state created inside); "
            "steady_step is step 2 with the state already held before the region (not included) and the "
            "gradients set to None before it; one warm-up forward + backward precedes both.",
            "PyTorch runs the eager module (BatchNorm unfolded), not the exported file; model_file names the "
            "export modelcost should be given for the comparison.",
        ],
        "ort_baseline_session_create_bytes": baseline_create,
        "records": ort + torch,
        "errors": ort_errors + torch_errors,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("%s: %d records, %d errors" % (os.path.relpath(OUT, ROOT), len(doc["records"]), len(doc["errors"])))


if __name__ == "__main__":
    main()
