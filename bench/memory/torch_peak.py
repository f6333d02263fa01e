"""Peak memory of PyTorch eager on the CPU for one model, mode and batch, in this (fresh) process. Prints one JSON line.

usage: /usr/bin/python3 bench/memory/torch_peak.py MODEL MODE BATCH METHOD
  MODE    infer | train_sgd (SGD, momentum 0.9) | train_adam (Adam, torch defaults)
  METHOD  profiler | rss | cuda (the model and input on the GPU; needs a CUDA build of torch)
Run the rss method with MALLOC_MMAP_THRESHOLD_=65536 MALLOC_TRIM_THRESHOLD_=0 (run_all.sh does), so that glibc
hands large freed blocks back to the kernel at once and the resident set follows the live tensors.

What is measured (the model's weights and the input exist before the measured region in both methods):
  infer       model.eval(), torch.no_grad(); one warm-up forward, then the measured forward.
  train_*     model.train(); one warm-up forward + backward (gradients then set to None, no optimizer), then
              step 1 = zero_grad(set_to_none) + forward + loss + backward + optimizer.step() with a FRESH optimizer
              (its state is created inside the step), then step 2 with the state already there: its gradients
              are set to None before the region, so step 2's peak excludes the optimizer state
              (optimizer_state_bytes, reported beside it, is what was held).
  profiler    the legacy autograd profiler with profile_memory (this Debian torch has no Kineto): every c10 CPU
              allocator allocation (+bytes) and free (-bytes) inside the region, in time order; the peak is the
              largest running sum. Library-internal buffers that bypass c10 (oneDNN scratch, MKL) are not seen.
  cuda        torch.cuda.max_memory_allocated() - torch.cuda.memory_allocated() around the region, the peak
              statistics reset before it (the caching allocator's live tensors, not its reserved pool)
  rss         VmHWM - VmRSS from /proc/self/status, the high-water mark reset before the region
              (`5` into /proc/self/clear_refs). Process-wide: includes allocator slack and library buffers.
"""
import gc
import json
import os
import platform
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

THREADS = 1
torch.set_num_threads(THREADS)


def status_kib():
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                out[key] = int(rest.split()[0])
    return out


def rss_region(fn):
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = status_kib()
    fn()
    end = status_kib()
    gc.collect()
    after = status_kib()
    return {"peak_bytes": (end["VmHWM"] - before["VmRSS"]) * 1024,
            "retained_bytes": (after["VmRSS"] - before["VmRSS"]) * 1024,
            "rss_before_bytes": before["VmRSS"] * 1024,
            "rss_file_delta_bytes": (after["RssFile"] - before["RssFile"]) * 1024}


def profiler_region(fn):
    """Peak of the running sum of c10 CPU allocations inside fn, and the operator stack at the peak."""
    from torch.autograd import ProfilerConfig, ProfilerState
    config = ProfilerConfig(ProfilerState.CPU, False, True, False, False, False,
                            torch._C._profiler._ExperimentalConfig())
    gc.collect()
    torch.autograd._enable_profiler_legacy(config)
    try:
        fn()
    finally:
        threads = torch.autograd._disable_profiler_legacy()
    events = []  # (time us, thread index, index in thread, record)
    for t, records in enumerate(threads):
        for i, r in enumerate(records):
            if r.kind() in ("memory_alloc", "push", "pop"):
                events.append((r.start_us(), t, i, r))
    events.sort(key=lambda e: e[:3])
    stacks = {}
    running = peak = allocated = 0
    peak_stack = []
    for _, t, _, r in events:
        stack = stacks.setdefault(t, [])
        if r.kind() == "push":
            stack.append(r.name())
        elif r.kind() == "pop":
            if stack:
                stack.pop()
        else:
            b = r.cpu_memory_usage()
            running += b
            allocated += max(b, 0)
            if running > peak:
                peak = running
                peak_stack = list(stack)
    return {"peak_bytes": int(peak), "net_bytes_at_end": int(running), "allocated_bytes": int(allocated),
            "ops_at_peak": peak_stack[-4:], "threads_with_records": len(threads)}


def cuda_region(fn):
    torch.cuda.synchronize()
    torch.cuda.reset_peak_memory_stats()
    before = torch.cuda.memory_allocated()
    fn()
    torch.cuda.synchronize()
    return {"peak_bytes": torch.cuda.max_memory_allocated() - before,
            "retained_bytes": torch.cuda.memory_allocated() - before,
            "reserved_peak_bytes": torch.cuda.max_memory_reserved(),
            "device": torch.cuda.get_device_name()}


REGIONS = {"profiler": profiler_region, "rss": rss_region, "cuda": cuda_region}


def tensor_bytes(obj):
    if isinstance(obj, torch.Tensor):
        return obj.numel() * obj.element_size()
    if isinstance(obj, dict):
        return sum(tensor_bytes(v) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(tensor_bytes(v) for v in obj)
    return 0


def measure(name, mode, batch, method):
    region = REGIONS[method]
    device = "cuda" if method == "cuda" else "cpu"
    model, in_shape = models.build(name)
    model.to(device)
    x = torch.randn(batch, *in_shape, device=device)
    param_bytes = sum(p.numel() * p.element_size() for p in model.parameters())
    buffer_bytes = sum(b.numel() * b.element_size() for b in model.buffers())
    out = {"param_bytes": param_bytes, "buffer_bytes": buffer_bytes, "input_bytes": x.numel() * 4}
    if mode == "infer":
        model.eval()

        def forward():
            with torch.no_grad():
                model(x)
        forward()  # warm-up: one-time initialisation stays out of the measurement
        out["infer"] = region(forward)
        return out
    model.train()
    loss_fn, target = models.training_loss(name, batch, in_shape)
    target = target.to(device)
    models.logits(model(x)).float().mean().backward()  # warm-up forward + backward
    model.zero_grad(set_to_none=True)
    if mode == "train_adam":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def step():
        opt.zero_grad(set_to_none=True)
        loss_fn(models.logits(model(x)), target).backward()
        opt.step()
    out["step1"] = region(step)
    opt.zero_grad(set_to_none=True)
    out["optimizer_state_bytes"] = tensor_bytes([s for s in opt.state.values()])
    out["step2"] = region(step)
    return out


def main():
    name, mode, batch, method = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    if mode not in ("infer", "train_sgd", "train_adam") or method not in REGIONS:
        sys.exit(__doc__)
    result = {"runtime": "pytorch", "model": name, "mode": mode, "batch": batch, "method": method,
              "torch_version": torch.__version__, "threads": torch.get_num_threads(),
              "mkldnn": torch.backends.mkldnn.is_available(), "machine": platform.machine(),
              "malloc_env": {k: os.environ.get(k) for k in ("MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")}}
    result.update(measure(name, mode, batch, method))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
