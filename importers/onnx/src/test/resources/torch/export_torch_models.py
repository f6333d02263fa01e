"""Writes small PyTorch exports and their truth files, the oracles of TorchExportRolesTest.

Run with Debian's python3-torch 1.13 and python3-onnx (/usr/bin/python3 export_torch_models.py). Each model has
patterns real exports are made of: Linear on rank-3 inputs (MatMul + Add), attention's packed in-projection,
LayerNorm written op by op below opset 17, GroupNorm as InstanceNormalization + affine Mul/Add, an embedding
Gather, RNNs whose zero initial state is a stored tensor expanded to the batch, BatchNorm, PReLU.
The truth is torch's own: named_parameters split by module and name, and named_buffers (BatchNorm statistics).
Read from the ONNX file with the onnx package: the ones/zeros the exporter writes as InstanceNormalization's
scale and bias for a GroupNorm (norm scale/shift the file stores that torch does not count).
"""
import json

import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn

torch.manual_seed(20261129)


class TransformerEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(8, 16)
        self.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(16, 2, 32, batch_first=True), 2)
        self.head = nn.Linear(16, 5)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x)))


class EmbeddingLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(50, 8)
        self.lstm = nn.LSTM(8, 12, batch_first=True)
        self.head = nn.Linear(12, 3)

    def forward(self, x):
        y, _ = self.lstm(self.embed(x))
        return self.head(y)


class BidirectionalGru(nn.Module):
    def __init__(self):
        super().__init__()
        self.gru = nn.GRU(6, 10, num_layers=2, bidirectional=True)
        self.head = nn.Linear(20, 2)

    def forward(self, x):
        y, _ = self.gru(x)
        return self.head(y)


class ConvNorms(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 3)
        self.gn = nn.GroupNorm(2, 8)
        self.up = nn.ConvTranspose1d(8, 4, 3, stride=2)
        self.bn = nn.BatchNorm1d(4)
        self.act = nn.PReLU()

    def forward(self, x):
        return self.act(self.bn(self.up(self.gn(self.conv(x)))))


CASES = {
    "transformer_encoder": (TransformerEncoder(), torch.randn(2, 6, 8)),
    "embedding_lstm": (EmbeddingLstm(), torch.randint(0, 50, (2, 7))),
    "bidirectional_gru": (BidirectionalGru(), torch.randn(5, 2, 6)),
    "conv_norms": (ConvNorms(), torch.randn(2, 4, 20)),
}
NORMS = (nn.LayerNorm, nn.GroupNorm, nn.BatchNorm1d)

for name, (model, x) in CASES.items():
    model.eval()
    with torch.no_grad():
        # Fresh values everywhere: TransformerEncoder deep-copies its layer, and the exporter would share equal tensors.
        for p in model.parameters():
            p.copy_(torch.randn_like(p))
    path = name + ".onnx"
    torch.onnx.export(model, x, path, opset_version=13, do_constant_folding=True)
    roles = {"weight": 0, "bias": 0, "normScaleShift": 0, "other": 0}
    for module_name, module in model.named_modules():
        for leaf, p in module.named_parameters(recurse=False):
            if isinstance(module, NORMS):
                roles["normScaleShift"] += p.numel()
            elif isinstance(module, nn.PReLU):
                roles["other"] += p.numel()
            elif "bias" in leaf:
                roles["bias"] += p.numel()
            else:
                roles["weight"] += p.numel()
    statistics = sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
    graph = onnx.load(path).graph
    stored = {t.name: t for t in graph.initializer}
    stored.update({n.output[0]: n.attribute[0].t for n in graph.node if n.op_type == "Constant"})
    instance_norm_constants = sum(int(onnx.numpy_helper.to_array(stored[i]).size)
                                  for n in graph.node if n.op_type == "InstanceNormalization"
                                  for i in set(n.input[1:3]) if i in stored)
    truth = {"generated_with": "torch " + torch.__version__ + ", onnx " + onnx.__version__ + ", opset 13",
             "torch_params_total": sum(p.numel() for p in model.parameters()),
             "torch_params_by_role": roles,
             "torch_norm_statistics": statistics,
             "onnx_instance_norm_constants": instance_norm_constants}
    with open(name + ".truth.json", "w") as f:
        json.dump(truth, f, indent=2)
        f.write("\n")
    print(name, json.dumps(truth))
