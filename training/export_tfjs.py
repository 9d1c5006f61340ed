"""Export a FerNet checkpoint to a tfjs graph model (model.json + one weight shard).

    /usr/bin/python3 training/export_tfjs.py training/runs/S/best.pt packages/fer-core/models/accurate --quantize uint8

No tensorflowjs converter is needed: the graph is written directly as the GraphDef JSON that
@tensorflow/tfjs-converter's loadGraphModel reads. BatchNorm is folded into the preceding conv, and
each conv becomes one `_FusedConv2D` (BiasAdd[, Relu]) node, as the official converter would emit.

--quantize float16|uint8|uint16 stores every float32 tensor of at least --quantize-min-elements
values (default 1024: the conv kernels and the fc matrix) in that dtype, with the `quantization`
entry of the weights manifest that tfjs-core's io.decodeWeights reads at load time: float16 as
is, uint8/uint16 affine per tensor (value = q * scale + min, the same range rule as the
tensorflowjs converter: the range includes 0 and min is nudged so that 0 is exact). Smaller
tensors (biases, the input normalisation) stay float32. tfjs dequantizes once, at load, so
inference runs on float32 exactly as before.

The source may also be an exported float32 model folder instead of a checkpoint: its graph and
weights are re-quantized into out_dir without PyTorch's module (the figures then come from the
graph run in PyTorch, see `run_graph`).

Also writes test/fixtures/parity-<out_dir name>.json for real PublicTest rows: `probs`, PyTorch's
probabilities with exactly the weights written (dequantized as tfjs does), which the exported
graph must match to 1e-4, and `float32Probs`, those of the float32 checkpoint, which bound what
quantization changed.
"""
import argparse
import base64
import copy
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer_data import CLASSES, load_split  # noqa: E402
from model import INPUT_MEAN, INPUT_STD, ConvBN, FerNet, ResBlock, count_params  # noqa: E402
from train import load_model, predict  # noqa: E402

SHARD = "group1-shard1of1.bin"
QUANTIZE = ("none", "float16", "uint8", "uint16")
QMAX = {"uint8": 255, "uint16": 65535}


def b64(s):
    return base64.b64encode(s.encode()).decode()


def shape_attr(shape):
    return {"dim": [{"size": str(d)} for d in shape]}


def quantize(array, dtype):
    """(stored array, manifest `quantization` entry, float32 values tfjs decodes from them).

    uint8/uint16 follow the tensorflowjs converter's affine rule: the range [min(x, 0), max(x, 0)]
    in 2^bits - 1 steps, min nudged to a whole number of steps below 0. tfjs-core decodes
    q * scale + min in doubles and stores float32; the dequantized values here are computed the
    same way from the same doubles (JSON keeps a float64 exactly), so PyTorch sees the weights tfjs
    sees, bit for bit.
    """
    a = np.asarray(array, np.float32)
    if dtype == "float16":
        stored = a.astype("<f2")
        return stored, {"dtype": "float16"}, stored.astype(np.float32)
    qmax = QMAX[dtype]
    lo, hi = min(float(a.min()), 0.0), max(float(a.max()), 0.0)
    scale = (hi - lo) / qmax if hi > lo else 1.0
    zero_point = min(max(round(-lo / scale), 0), qmax)
    q_min = -zero_point * scale + 0.0  # + 0.0 turns -0.0 into 0.0
    q = np.clip(np.round((a.astype(np.float64) - q_min) / scale), 0, qmax)
    stored = q.astype("<u1" if dtype == "uint8" else "<u2")
    dequantized = (stored.astype(np.float64) * scale + q_min).astype(np.float32)
    return stored, {"dtype": dtype, "min": q_min, "scale": scale}, dequantized


class GraphWriter:
    """Accumulates GraphDef nodes and the weights they reference, in manifest order.

    `values` keeps each constant as tfjs will decode it (dequantized when quantized), for
    `run_graph`.
    """

    def __init__(self, quantize="none", min_elements=1024):
        if quantize not in QUANTIZE:
            raise ValueError(f"quantize must be one of {QUANTIZE}, got {quantize!r}")
        self.quantize, self.min_elements = quantize, min_elements
        self.nodes, self.weights, self.blobs, self.values = [], [], [], {}

    def const(self, name, array):
        array = np.ascontiguousarray(array)
        dtype = {np.dtype("float32"): ("DT_FLOAT", "float32"), np.dtype("int32"): ("DT_INT32", "int32")}[array.dtype]
        self.nodes.append({
            "name": name, "op": "Const",
            "attr": {"value": {"tensor": {"dtype": dtype[0], "tensorShape": shape_attr(array.shape)}}, "dtype": {"type": dtype[0]}},
        })
        spec = {"name": name, "shape": list(array.shape), "dtype": dtype[1]}
        if self.quantize != "none" and array.dtype == np.float32 and array.size >= self.min_elements:
            stored, spec["quantization"], value = quantize(array, self.quantize)
        else:
            stored, value = array.astype("<" + array.dtype.str[1:]), array
        self.weights.append(spec)
        self.blobs.append(np.ascontiguousarray(stored).tobytes())
        self.values[name] = value
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

    def model_json(self, metadata):
        sig_in = {"input": {"name": "input:0", "dtype": "DT_FLOAT", "tensorShape": shape_attr([-1, 48, 48, 1])}}
        sig_out = {"probs": {"name": "probs:0", "dtype": "DT_FLOAT", "tensorShape": shape_attr([-1, 7])}}
        return {
            "format": "graph-model",
            "generatedBy": f"moodtunes training/export_tfjs.py (PyTorch {torch.__version__})",
            "convertedBy": "moodtunes training/export_tfjs.py",
            "signature": {"inputs": sig_in, "outputs": sig_out},
            "userDefinedMetadata": metadata,
            "modelTopology": {"node": self.nodes, "library": {}, "versions": {"producer": 1}},
            "weightsManifest": [{"paths": [SHARD], "weights": self.weights}],
        }


def build_graph(model: FerNet, quantize="none", min_elements=1024):
    g = GraphWriter(quantize, min_elements)
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


def graph_from_folder(src_dir, quantize="none", min_elements=1024):
    """A GraphWriter holding an exported float32 model's graph, its weights re-encoded."""
    with open(os.path.join(src_dir, "model.json")) as f:
        model_json = json.load(f)
    (group,) = model_json["weightsManifest"]
    with open(os.path.join(src_dir, group["paths"][0]), "rb") as f:
        data = f.read()
    arrays, offset = {}, 0
    for spec in group["weights"]:
        if "quantization" in spec:
            raise ValueError(f"{src_dir}: {spec['name']} is already quantized; re-quantize from the float32 export or the checkpoint")
        dtype = {"float32": "<f4", "int32": "<i4"}[spec["dtype"]]
        n = int(np.prod(spec["shape"], dtype=np.int64))
        arrays[spec["name"]] = np.frombuffer(data, dtype, n, offset).astype(dtype[1:]).reshape(spec["shape"])
        offset += n * 4
    g = GraphWriter(quantize, min_elements)
    for node in model_json["modelTopology"]["node"]:
        if node["op"] == "Const":
            g.const(node["name"], arrays[node["name"]])
        else:
            g.nodes.append(node)
    return g, model_json["userDefinedMetadata"]


def run_graph(g: GraphWriter, x_u8, batch=512, flip=False):
    """Softmax outputs of the written graph, computed in PyTorch from the weights as tfjs decodes
    them: the reference for quantized exports (and checked against the module for float32)."""
    values = {k: torch.from_numpy(np.array(v)) for k, v in g.values.items()}
    out = []
    with torch.no_grad():
        for i in range(0, len(x_u8), batch):
            xb = torch.as_tensor(x_u8[i : i + batch]).float().div_(255).unsqueeze(3)  # NHWC
            if flip:
                xb = torch.flip(xb, dims=[2])
            env = {"input": xb}
            for node in g.nodes:
                op, name = node["op"], node["name"]
                ins = [env[n] if n in env else values[n] for n in node.get("input", [])]
                if op in ("Placeholder", "Const"):
                    continue
                if op == "Sub":
                    env[name] = ins[0] - ins[1]
                elif op == "Mul":
                    env[name] = ins[0] * ins[1]
                elif op == "_FusedConv2D":
                    w = ins[1].permute(3, 2, 0, 1)  # HWIO -> OIHW; SAME at stride 1 = padding k // 2
                    y = F.conv2d(ins[0].permute(0, 3, 1, 2), w, ins[2], padding=w.shape[-1] // 2).permute(0, 2, 3, 1)
                    fused = [base64.b64decode(s).decode() for s in node["attr"]["fused_ops"]["list"]["s"]]
                    env[name] = F.relu(y) if "Relu" in fused else y
                elif op == "MaxPool":
                    env[name] = F.max_pool2d(ins[0].permute(0, 3, 1, 2), 2, 2).permute(0, 2, 3, 1)
                elif op == "AddV2":
                    env[name] = ins[0] + ins[1]
                elif op == "Relu":
                    env[name] = F.relu(ins[0])
                elif op == "Mean":
                    env[name] = ins[0].mean(dim=tuple(int(a) for a in ins[1]))
                elif op == "MatMul":
                    env[name] = ins[0] @ ins[1]
                elif op == "BiasAdd":
                    env[name] = ins[0] + ins[1]
                elif op == "Softmax":
                    env[name] = F.softmax(ins[0], dim=-1)
                elif op == "Identity":
                    env[name] = ins[0]
                else:
                    raise TypeError(f"run_graph: no rule for op {op}")
            out.append(env["probs"])
    return torch.cat(out).numpy()


def write_model(g: GraphWriter, out_dir, metadata):
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, SHARD), "wb") as f:
        for blob in g.blobs:
            f.write(blob)
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(g.model_json(metadata), f, separators=(",", ":"))


def export(model: FerNet, out_dir, metadata, quantize="none", min_elements=1024):
    model.eval()
    g = build_graph(model, quantize, min_elements)
    write_model(g, out_dir, metadata)
    return g


def accuracy(probs, labels):
    return round(float((probs.argmax(1) == labels).mean()), 4)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("source", help="a FerNet checkpoint (.pt), or an exported float32 model folder to re-quantize")
    p.add_argument("out_dir")
    p.add_argument("--quantize", choices=QUANTIZE, default="none",
                   help="dtype of the weights of tensors with at least --quantize-min-elements values (default none: all float32)")
    p.add_argument("--quantize-min-elements", type=int, default=1024,
                   help="smaller tensors stay float32 (default 1024: the biases and normalisation constants)")
    p.add_argument("--val", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "data", "fer2013", "fer2013-publictest.csv.gz"))
    p.add_argument("--parity-rows", type=int, default=64, help="PublicTest rows whose PyTorch outputs go into the parity fixture")
    p.add_argument("--parity-out", default=None, help="folder of the parity fixture parity-<out_dir name>.json (default: <out_dir>/../../test/fixtures)")
    args = p.parse_args()
    torch.set_num_threads(2)
    xva, yva = load_split(args.val)
    rows = list(range(args.parity_rows))
    quant_meta = None
    if args.quantize != "none":
        quant_meta = {"dtype": args.quantize, "minElements": args.quantize_min_elements}

    if os.path.isdir(args.source):
        # Re-quantize an export: the float32 reference is the same graph run with its float32 weights.
        g_float, metadata = graph_from_folder(args.source)
        g, _ = graph_from_folder(args.source, args.quantize, args.quantize_min_elements)
        float_probs = run_graph(g_float, xva)
        float_tta = (float_probs + run_graph(g_float, xva, flip=True)) / 2
        about_float = "the source export's float32 weights, graph run in PyTorch"
    else:
        model, ck = load_model(args.source)
        model.eval()
        float_probs = predict(model, xva, "cpu")
        float_tta = (float_probs + predict(model, xva, "cpu", flip=True)) / 2
        g = build_graph(model, args.quantize, args.quantize_min_elements)
        # The graph runner must compute what the module computes, or its figures below mean nothing.
        check = np.abs(run_graph(build_graph(model), xva[:256]) - float_probs[:256]).max()
        if check > 1e-5:
            raise RuntimeError(f"run_graph differs from the PyTorch module by {check:.2e} on the float32 weights")
        about_float = "the float32 checkpoint (PyTorch module)"
        metadata = {
            "name": f"FerNet-{ck['arch']}",
            "inputSize": 48, "channels": 1, "scale": "0..1", "classes": CLASSES,
            "parameters": count_params(model),
            "trainedOn": "FER2013 Training (28,561 rows as provided); selected on PublicTest",
        }
    probs = run_graph(g, xva) if quant_meta else float_probs
    probs_tta = (probs + run_graph(g, xva, flip=True)) / 2 if quant_meta else float_tta
    # Accuracy (of the weights as written) before trainedOn, as in every earlier export.
    metadata = {k: v for k, v in metadata.items() if not k.startswith("publicTestAccuracy") and k != "weightsQuantization"}
    trained_on = metadata.pop("trainedOn", None)
    metadata["publicTestAccuracy"] = accuracy(probs, yva)
    metadata["publicTestAccuracyFlipTTA"] = accuracy(probs_tta, yva)
    if quant_meta:
        metadata["publicTestAccuracyFloat32"] = accuracy(float_probs, yva)
        metadata["publicTestAccuracyFloat32FlipTTA"] = accuracy(float_tta, yva)
        metadata["weightsQuantization"] = quant_meta
    if trained_on is not None:
        metadata["trainedOn"] = trained_on
    write_model(g, args.out_dir, metadata)

    parity_dir = args.parity_out or os.path.join(args.out_dir, "..", "..", "test", "fixtures")
    os.makedirs(parity_dir, exist_ok=True)
    fixture = {
        "about": "PyTorch softmax outputs for the first PublicTest rows of ../shared (the pixels stay there): "
                 "probs with the weights as written (dequantized as tfjs does), float32Probs of " + about_float,
        "data": "fer2013/fer2013-publictest.csv.gz", "rows": rows,
        "quantization": quant_meta,
        "probs": [[round(float(v), 8) for v in probs[r]] for r in rows],
        "float32Probs": [[round(float(v), 8) for v in float_probs[r]] for r in rows],
    }
    with open(os.path.join(parity_dir, f"parity-{os.path.basename(os.path.normpath(args.out_dir))}.json"), "w") as f:
        json.dump(fixture, f)
    size = os.path.getsize(os.path.join(args.out_dir, SHARD))
    diff = np.abs(probs[rows] - float_probs[rows]).max()
    print(f"exported {metadata['name']} ({metadata['parameters']:,} params) to {args.out_dir}: weights {size:,} bytes "
          f"({args.quantize}), PublicTest {metadata['publicTestAccuracy']:.4f}, flip TTA {metadata['publicTestAccuracyFlipTTA']:.4f}"
          + (f"; float32 {metadata['publicTestAccuracyFloat32']:.4f}, max |p - p_float32| on {len(rows)} parity rows {diff:.2e}" if quant_meta else ""))


if __name__ == "__main__":
    main()
