"""Writes transformer_encoder.onnx and its truth, the oracle of TorchExportRolesTest.

Run with Debian's python3-torch 1.13 (/usr/bin/python3 export_transformer_encoder.py). A small model with the
patterns every transformer export has below opset 17: Linear on rank-3 inputs (MatMul + Add), attention's packed
in-projection, and LayerNorm written op by op. The truth is torch's own named_parameters, split by name:
*.bias -> bias, norm*.weight/bias -> norm scale/shift, other *.weight / *_weight -> weight.
"""
import json

import torch
import torch.nn as nn

torch.manual_seed(20261129)


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(8, 16)
        layer = nn.TransformerEncoderLayer(16, 2, 32, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.head = nn.Linear(16, 5)

    def forward(self, x):
        return self.head(self.encoder(self.embed(x)))


model = Model().eval()
with torch.no_grad():
    # TransformerEncoder deep-copies its layer: fresh values keep the exporter from sharing identical tensors.
    for p in model.parameters():
        p.copy_(torch.randn_like(p))
torch.onnx.export(model, torch.randn(2, 6, 8), "transformer_encoder.onnx", opset_version=13,
                  do_constant_folding=True, input_names=["x"], output_names=["y"])
roles = {"weight": 0, "bias": 0, "normScaleShift": 0}
for name, p in model.named_parameters():
    leaf = name.rsplit(".", 1)[-1]
    if ".norm" in name:
        roles["normScaleShift"] += p.numel()
    elif leaf.endswith("bias"):
        roles["bias"] += p.numel()
    else:
        roles["weight"] += p.numel()
truth = {"generated_with": "torch " + torch.__version__ + ", opset 13",
         "params_total": sum(p.numel() for p in model.parameters()), "params_by_role": roles,
         "output_shape": [2, 6, 5]}
with open("transformer_encoder.truth.json", "w") as f:
    json.dump(truth, f, indent=2)
    f.write("\n")
print(json.dumps(truth))
