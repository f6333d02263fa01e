"""Exports small PyTorch models with the real exporter (torch.onnx, Debian python3-torch 1.13) into a folder,
for checking `modelcost audit DIR --format jsonl --dim ...` on exporter output: Slice chains of torch.chunk
(shufflenet), causal-mask slicing by sequence length (GPT-style), dynamic axes, If and Loop from scripting.
Random weights; nothing here is checked in. Usage: /usr/bin/python3 export_torch_models.py OUT_DIR"""
import os
import sys

import torch
import torchvision
from torch import nn

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)


def export(name, model, args, dynamic=None, names=None, opset=13):
    model.eval()
    path = os.path.join(out, name + ".onnx")
    torch.onnx.export(model, args, path, opset_version=opset, dynamic_axes=dynamic,
                      input_names=names or ["x"], output_names=["y"])
    print(path)


class CausalSelfAttention(nn.Module):
    """GPT-style block: the causal mask buffer is sliced to the run-time sequence length."""

    def __init__(self, d=32, heads=4, max_len=64):
        super().__init__()
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.heads = heads
        self.register_buffer("mask", torch.tril(torch.ones(max_len, max_len)).view(1, 1, max_len, max_len))

    def forward(self, x):
        b, t, c = x.size()
        q, k, v = self.qkv(x).split(c, dim=2)
        q = q.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        k = k.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        v = v.view(b, t, self.heads, c // self.heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / (c // self.heads) ** 0.5
        att = att.masked_fill(self.mask[:, :, :t, :t] == 0, float("-inf")).softmax(-1)
        return self.proj((att @ v).transpose(1, 2).contiguous().view(b, t, c))


class Branchy(nn.Module):
    """Scripted data-dependent branch: exports an If node with two subgraphs."""

    def __init__(self):
        super().__init__()
        self.a = nn.Linear(16, 8)
        self.b = nn.Linear(16, 8)

    def forward(self, x):
        if bool(x.sum() > 0):
            return self.a(x)
        return self.b(x).relu()


class Looped(nn.Module):
    """Scripted loop with a constant trip count: exports a Loop node."""

    def __init__(self):
        super().__init__()
        self.l = nn.Linear(16, 16)

    def forward(self, x):
        for _ in range(3):
            x = self.l(x).tanh()
        return x


export("shufflenet_v2_x0_5", torchvision.models.shufflenet_v2_x0_5(), torch.randn(1, 3, 224, 224),
       {"x": {0: "batch"}})
export("resnet18_dynamic", torchvision.models.resnet18(), torch.randn(1, 3, 224, 224),
       {"x": {0: "batch", 2: "height", 3: "width"}})
export("mobilenet_v3_small", torchvision.models.mobilenet_v3_small(), torch.randn(1, 3, 224, 224))
export("transformer_encoder",
       nn.TransformerEncoder(nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=128), num_layers=2),
       torch.randn(10, 2, 64), {"x": {0: "seq", 1: "batch"}})
export("gpt_block", CausalSelfAttention(), torch.randn(2, 10, 32), {"x": {0: "batch", 1: "seq"}})
export("lstm", nn.LSTM(input_size=12, hidden_size=20, num_layers=2, bidirectional=True), torch.randn(7, 3, 12),
       {"x": {0: "seq", 1: "batch"}})
export("if_branch", torch.jit.script(Branchy()), torch.randn(4, 16), {"x": {0: "batch"}})
export("loop", torch.jit.script(Looped()), torch.randn(4, 16), {"x": {0: "batch"}})
