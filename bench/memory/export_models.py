"""Exports the measured models to ONNX: bench/work/models/NAME.onnx (batch fixed at 1) and NAME_dyn.onnx
(batch axis symbolic, "batch"), opset 13, eval mode, constant folding on (which folds BatchNorm into the
convolutions), random weights after torch.manual_seed(0). Existing files are kept; a failed export is
recorded in bench/work/models/export.json and the next model follows.

usage: /usr/bin/python3 bench/memory/export_models.py [MODEL ...]
"""
import json
import os
import sys
import time
import traceback

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

OPSET = 13
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "work", "models")


def export(module, in_shape, path, dynamic):
    x = torch.randn(1, *in_shape)
    axes = {"input": {0: "batch"}, "output": {0: "batch"}} if dynamic else None
    tmp = path + ".part"
    torch.onnx.export(module, x, tmp, opset_version=OPSET, do_constant_folding=True, export_params=True,
                      input_names=["input"], output_names=["output"], dynamic_axes=axes)
    os.replace(tmp, path)


def export_one(name):
    record = {"opset": OPSET, "torch": torch.__version__}
    module, in_shape = models.build(name)
    module.eval()
    record["input_shape"] = [1, *in_shape]
    for suffix, dynamic in (("", False), ("_dyn", True)):
        path = os.path.join(OUT, name + suffix + ".onnx")
        key = "dynamic_batch" if dynamic else "fixed_batch1"
        if os.path.exists(path):
            record[key] = {"file": os.path.relpath(path, OUT), "bytes": os.path.getsize(path), "reused": True}
            continue
        started = time.time()
        try:
            export(module, in_shape, path, dynamic)
            record[key] = {"file": os.path.relpath(path, OUT), "bytes": os.path.getsize(path),
                           "seconds": round(time.time() - started, 1)}
        except Exception:  # one failed export must not stop the others; the error is recorded
            record[key] = {"error": traceback.format_exc()[-1500:]}
    return record


def export_baseline():
    """ort_baseline_relu.onnx: one Relu on a [batch, 1] float input and no weights. Creating its session
    measures what ONNX Runtime itself costs on first use (library pages, environment, thread pool), which the
    other models' session-creation figures include."""
    import onnx
    from onnx import TensorProto, helper
    path = os.path.join(OUT, "ort_baseline_relu.onnx")
    graph = helper.make_graph([helper.make_node("Relu", ["input"], ["output"])], "baseline",
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 1])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 1])])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)]), path)


def main(names):
    os.makedirs(OUT, exist_ok=True)
    export_baseline()
    status_path = os.path.join(OUT, "export.json")
    status = {}
    if os.path.exists(status_path):
        with open(status_path) as f:
            status = json.load(f)
    for name in names:
        status[name] = export_one(name)
        print(name, json.dumps({k: v for k, v in status[name].items() if isinstance(v, dict)}), flush=True)
        with open(status_path, "w") as f:
            json.dump(status, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:] or models.ALL)
