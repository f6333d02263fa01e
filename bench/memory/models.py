"""The measured model set: the torchvision holdout of the corpus truth files plus a small TransformerEncoder.

Every model is built with random weights after torch.manual_seed(0), the same construction the corpus truth files
(shared/corpus/onnx/torchvision/*.truth.json) describe, so measurements here and there are of the same networks.
"""
import torch
import torch.nn as nn
import torchvision.models as tvm

# The fast ones first: run_all.sh measures these before the large ones so results appear early.
FAST = ["squeezenet1_1", "resnet18", "mobilenet_v2", "alexnet", "shufflenet_v2_x1_0", "mnasnet1_0",
        "efficientnet_b0", "googlenet"]
SLOW = ["transformer_encoder", "resnet50", "densenet121", "inception_v3", "vgg16", "vgg16_bn"]
ALL = FAST + SLOW


class TransformerEncoderModel(nn.Module):
    """nn.TransformerEncoder, the corpus truth files' configuration: 2 layers, d_model 256, 8 heads,
    dim_feedforward 2048 and dropout 0.1 (torch defaults), ReLU, batch_first. Input [B, 128, 256]."""

    def __init__(self):
        super().__init__()
        layer = nn.TransformerEncoderLayer(d_model=256, nhead=8, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)

    def forward(self, x):
        return self.encoder(x)


def build(name):
    """Returns (module, input shape without the batch axis)."""
    torch.manual_seed(0)
    if name == "transformer_encoder":
        return TransformerEncoderModel(), (128, 256)
    if name == "inception_v3":
        return tvm.inception_v3(weights=None, init_weights=True), (3, 299, 299)
    if name == "googlenet":
        return tvm.googlenet(weights=None, init_weights=True), (3, 224, 224)
    return getattr(tvm, name)(weights=None), (3, 224, 224)


def training_loss(name, batch, in_shape):
    """(loss function, target) for one training step: cross-entropy on random labels, MSE for the transformer."""
    if name == "transformer_encoder":
        return nn.MSELoss(), torch.randn(batch, *in_shape)
    return nn.CrossEntropyLoss(), torch.randint(0, 1000, (batch,))


def logits(output):
    """googlenet and inception_v3 return a namedtuple in train mode; the loss reads the main head."""
    return output.logits if hasattr(output, "logits") else output
