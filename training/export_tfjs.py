"""Export a FerNet checkpoint to a tfjs graph model (model.json + one weight shard).

    /usr/bin/python3 training/export_tfjs.py training/runs/S/best.pt packages/fer-core/models/accurate

No tensorflowjs converter is needed: the graph is written directly as the GraphDef JSON that
@tensorflow/tfjs-converter's loadGraphModel reads. BatchNorm is folded into the preceding conv, and
each conv becomes one `_FusedConv2D` (BiasAdd[, Relu]) node, as the official converter would emit.
Also writes test/fixtures/parity-<out_dir name>.json: PyTorch probabilities for real PublicTest
rows, which a vitest test compares against the exported model to 1e-4.
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer_data import CLASSES, load_split  # noqa: E402
from model import INPUT_MEAN, INPUT_STD, ConvBN, FerNet, ResBlock, count_params  # noqa: E402
from train import load_model, predict  # noqa: E402

SHARD = "group1-shard1of1.bin"


def b64(s):
    return base64.b64encode(s.encode()).decode()


def shape_attr(shape):
    return {"dim": [{"size": str(d)} for d in shape]}


class GraphWriter:
    """Accumulates GraphDef nodes and the weights they reference, in manifest order."""

    def __init__(self):
        self.nodes, self.weights, self.blobs = [], [], []

    def const(self, name, array):
        array = np.ascontiguousarray(array)
        dtype = {np.dtype("float32"): ("DT_FLOAT", "float32"), np.dtype("int32"): ("DT_INT32", "int32")}[array.dtype]
        self.nodes.append({
            "name": name, "op": "Const",
            "attr": {"value": {"tensor": {"dtype": dtype[0], "tensorShape": shape_attr(array.shape)}}, "dtype": {"type": dtype[0]}},
        })
        self.weights.append({"name": name, "shape": list(array.shape), "dtype": dtype[1]})
        self.blobs.append(array.astype("<" + array.dtype.str[1:]).tobytes())
        return name

    def op(self, name, op, inputs, attr=None):
        node = {"name": name, "op": op, "input": list(inputs), "attr": {"T": {"type": "DT_FLOAT"}, **(attr or {})}}
        self.nodes.append(node)
        return name

    def conv_bn(self, name, x, m: ConvBN):
        conv, bn = m[0], m[1]
        relu = len(m) > 2
        scale = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach()
        w = (conv.weight.detach() * scale.view(-1, 1, 1, 1)).permute(2, 3, 1, 0).numpy().astype(np.float32)
        b = (bn.bias.detach() - bn.running_mean * scale).numpy().astype(np.float32)
        wn = self.const(f"{name}/weights", w)
        bnm = self.const(f"{name}/bias", b)
        fused = ["BiasAdd", "Relu"] if relu else ["BiasAdd"]
        return self.op(f"{name}/{'Relu' if relu else 'BiasAdd'}", "_FusedConv2D", [x, wn, bnm], {
            "strides": {"list": {"i": ["1", "1", "1", "1"]}},
            "dilations": {"list": {"i": ["1", "1", "1", "1"]}},
            "padding": {"s": b64("SAME")},
            "data_format": {"s": b64("NHWC")},
            "fused_ops": {"list": {"s": [b64(f) for f in fused]}},
            "num_args": {"i": "1"},
            "epsilon": {"f": 0},
            "explicit_paddings": {"list": {}},
        })


def build_graph(model: FerNet):
    g = GraphWriter()
    g.nodes.append({
        "name": "input", "op": "Placeholder",
        "attr": {"shape": {"shape": shape_attr([-1, 48, 48, 1])}, "dtype": {"type": "DT_FLOAT"}},
    })
    x = g.op("normalize/sub", "Sub", ["input", g.const("normalize/mean", np.array(INPUT_MEAN, np.float32))])
    x = g.op("normalize/mul", "Mul", [x, g.const("normalize/inv_std", np.array(1 / INPUT_STD, np.float32))])
    x = g.conv_bn("stem", x, model.stem)
    layers = [("stem/pool", model.stem_pool)] if model.stem_pool is not None else []
    layers += [(f"stage{si}/{li}", layer) for si, stage in enumerate(model.stages) for li, layer in enumerate(stage)]
    for name, layer in layers:
        if isinstance(layer, ResBlock):
            h = g.conv_bn(f"{name}/conv1", x, layer.conv1)
            h = g.conv_bn(f"{name}/conv2", h, layer.conv2)
            s = x if layer.shortcut is None else g.conv_bn(f"{name}/shortcut", x, layer.shortcut)
            x = g.op(f"{name}/Relu", "Relu", [g.op(f"{name}/add", "AddV2", [h, s])])
        elif isinstance(layer, torch.nn.MaxPool2d):
            x = g.op(f"{name}/MaxPool", "MaxPool", [x], {
                "ksize": {"list": {"i": ["1", "2", "2", "1"]}},
                "strides": {"list": {"i": ["1", "2", "2", "1"]}},
                "padding": {"s": b64("VALID")},
                "data_format": {"s": b64("NHWC")},
            })
        else:
            raise TypeError(f"cannot export layer {type(layer).__name__}")
    x = g.op("pool/Mean", "Mean", [x, g.const("pool/axes", np.array([1, 2], np.int32))], {
        "Tidx": {"type": "DT_INT32"}, "keep_dims": {"b": False},
    })
    w = model.fc.weight.detach().t().numpy().astype(np.float32)
    x = g.op("fc/MatMul", "MatMul", [x, g.const("fc/weights", w)], {"transpose_a": {"b": False}, "transpose_b": {"b": False}})
    x = g.op("fc/BiasAdd", "BiasAdd", [x, g.const("fc/bias", model.fc.bias.detach().numpy().astype(np.float32))], {
        "data_format": {"s": b64("NHWC")},
    })
    x = g.op("probs/Softmax", "Softmax", [x])
    g.op("probs", "Identity", [x])
    return g


def export(model: FerNet, out_dir, metadata):
    model.eval()
    g = build_graph(model)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, SHARD), "wb") as f:
        for blob in g.blobs:
            f.write(blob)
    sig_in = {"input": {"name": "input:0", "dtype": "DT_FLOAT", "tensorShape": shape_attr([-1, 48, 48, 1])}}
    sig_out = {"probs": {"name": "probs:0", "dtype": "DT_FLOAT", "tensorShape": shape_attr([-1, 7])}}
    model_json = {
        "format": "graph-model",
        "generatedBy": f"moodtunes training/export_tfjs.py (PyTorch {torch.__version__})",
        "convertedBy": "moodtunes training/export_tfjs.py",
        "signature": {"inputs": sig_in, "outputs": sig_out},
        "userDefinedMetadata": metadata,
        "modelTopology": {"node": g.nodes, "library": {}, "versions": {"producer": 1}},
        "weightsManifest": [{"paths": [SHARD], "weights": g.weights}],
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(model_json, f, separators=(",", ":"))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("checkpoint")
    p.add_argument("out_dir")
    p.add_argument("--val", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "fer2013", "fer2013-publictest.csv.gz"))
    p.add_argument("--parity-rows", type=int, default=64, help="PublicTest rows whose PyTorch outputs go into the parity fixture")
    p.add_argument("--parity-out", default=None, help="folder of the parity fixture parity-<out_dir name>.json (default: <out_dir>/../../test/fixtures)")
    args = p.parse_args()
    torch.set_num_threads(2)
    model, ck = load_model(args.checkpoint)
    xva, yva = load_split(args.val)
    probs = predict(model, xva, "cpu")
    acc = float((probs.argmax(1) == yva).mean())
    acc_tta = float((predict(model, xva, "cpu", tta=True).argmax(1) == yva).mean())
    metadata = {
        "name": f"FerNet-{ck['arch']}",
        "inputSize": 48, "channels": 1, "scale": "0..1", "classes": CLASSES,
        "parameters": count_params(model),
        "publicTestAccuracy": round(acc, 4), "publicTestAccuracyFlipTTA": round(acc_tta, 4),
        "trainedOn": "FER2013 Training (28,561 rows as provided); selected on PublicTest",
    }
    export(model, args.out_dir, metadata)
    parity_dir = args.parity_out or os.path.join(args.out_dir, "..", "..", "test", "fixtures")
    os.makedirs(parity_dir, exist_ok=True)
    rows = list(range(args.parity_rows))
    with open(os.path.join(parity_dir, f"parity-{os.path.basename(os.path.normpath(args.out_dir))}.json"), "w") as f:
        json.dump({
            "about": "PyTorch softmax outputs of the exported model for the first PublicTest rows of ../shared; the pixels stay in ../shared",
            "data": "fer2013/fer2013-publictest.csv.gz", "rows": rows,
            "probs": [[round(float(v), 8) for v in probs[r]] for r in rows],
        }, f)
    print(f"exported FerNet-{ck['arch']} ({metadata['parameters']:,} params) to {args.out_dir}: "
          f"PublicTest {acc:.4f}, flip TTA {acc_tta:.4f}")


if __name__ == "__main__":
    main()
