"""Writes a Keras 2 HDF5 model file with 500 weight datasets (250 Dense layers, kernel and bias each), laid out
as keras.Model.save() writes it (root attributes, model_config JSON, model_weights/<layer>/<layer>/<weight>:0),
without needing TensorFlow. Usage: python3 bench/keras500.py OUT.h5 [UNITS]"""
import json
import sys

import h5py
import numpy as np

out = sys.argv[1]
units = int(sys.argv[2]) if len(sys.argv) > 2 else 256
layers_n = 250
rng = np.random.default_rng(0)
layers = [{"class_name": "InputLayer", "config": {"name": "input", "batch_input_shape": [None, units], "dtype": "float32"}}]
for i in range(layers_n):
    layers.append({"class_name": "Dense", "config": {"name": f"dense_{i}", "units": units, "activation": "relu",
                                                     "use_bias": True, "trainable": True}})
config = {"class_name": "Sequential", "config": {"name": "seq500", "layers": layers}}
with h5py.File(out, "w") as f:
    f.attrs["keras_version"] = "2.4.0"
    f.attrs["backend"] = "tensorflow"
    f.attrs["model_config"] = json.dumps(config)
    w = f.create_group("model_weights")
    w.attrs["layer_names"] = np.array([l["config"]["name"].encode() for l in layers[1:]])
    w.attrs["backend"] = "tensorflow"
    w.attrs["keras_version"] = "2.4.0"
    for i in range(layers_n):
        name = f"dense_{i}"
        g = w.create_group(name)
        g.attrs["weight_names"] = np.array([f"{name}/kernel:0".encode(), f"{name}/bias:0".encode()])
        inner = g.create_group(name)
        inner.create_dataset("kernel:0", data=rng.standard_normal((units, units), dtype=np.float32))
        inner.create_dataset("bias:0", data=np.zeros(units, dtype=np.float32))
