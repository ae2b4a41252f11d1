#!/usr/bin/python3
"""Converter test without the npm packages: a small TF.js graph model written here is converted by
tfjs2onnx.py, run by OpenCV DNN and compared with tfjs_reference.py (TF's NHWC semantics).

The graph exercises what the shipped models rely on: fused conv + bias + Relu6 with SAME stride 2,
depthwise conv, squeeze-excite (spatial Mean, broadcast Mul), hard-swish constants, an explicit Pad
absorbed into a VALID conv, float16 and uint8-quantised weights, legacy and half-pixel bilinear resizes
(x2 and /2), ConcatV2 on channels, Maximum with a scalar, Transpose + Reshape to a TF-ordered output and
a Mean without keep_dims.

Exit status: 0 passed, 1 failed, 77 skipped (python3-onnx / python3-opencv missing; a failure when CI=true).
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

try:
    import cv2
    import numpy as np
    import onnx  # noqa: F401  (the converter needs it)
except ImportError as e:
    print("missing test dependency: %s" % e)
    sys.exit(1 if os.environ.get("CI") == "true" else 77)


class GraphWriter:
    """Builds model.json + weights.bin in TF.js graph-model format."""

    def __init__(self):
        self.nodes, self.weights, self.blobs = [], [], []
        self.rng = np.random.RandomState(7)

    def const(self, name, value, store="float32"):
        value = np.asarray(value)
        entry = {"name": name, "shape": list(value.shape), "dtype": "int32" if value.dtype.kind == "i" else "float32"}
        if store == "float16":
            entry["quantization"] = {"dtype": "float16", "original_dtype": "float32"}
            self.blobs.append(value.astype(np.float16).tobytes())
        elif store == "uint8":
            lo, hi = float(value.min()), float(value.max())
            scale = (hi - lo) / 255 or 1.0
            entry["quantization"] = {"dtype": "uint8", "scale": scale, "min": lo, "original_dtype": "float32"}
            self.blobs.append(np.round((value - lo) / scale).astype(np.uint8).tobytes())
        else:
            self.blobs.append(value.astype(np.int32 if value.dtype.kind == "i" else np.float32).tobytes())
        self.weights.append(entry)
        self.nodes.append({"name": name, "op": "Const", "attr": {}})
        return name

    def rand(self, name, shape, store="float32", scale=0.5):
        return self.const(name, self.rng.uniform(-scale, scale, shape).astype(np.float32), store)

    def op(self, name, op, inputs, **attrs):
        a = {}
        for k, v in attrs.items():
            if isinstance(v, bool):
                a[k] = {"b": v}
            elif isinstance(v, str):
                a[k] = {"s": base64.b64encode(v.encode()).decode()}
            elif isinstance(v, float):
                a[k] = {"f": v}
            elif isinstance(v, list) and v and isinstance(v[0], str):
                a[k] = {"list": {"s": [base64.b64encode(s.encode()).decode() for s in v]}}
            elif isinstance(v, list):
                a[k] = {"list": {"i": [str(i) for i in v]}}
        self.nodes.append({"name": name, "op": op, "input": inputs, "attr": a})
        return name

    def save(self, directory):
        with open(os.path.join(directory, "weights.bin"), "wb") as f:
            f.write(b"".join(self.blobs))
        model = {"format": "graph-model", "modelTopology": {"node": self.nodes},
                 "weightsManifest": [{"paths": ["weights.bin"], "weights": self.weights}]}
        path = os.path.join(directory, "model.json")
        with open(path, "w") as f:
            json.dump(model, f)
        return path


def build(g):
    g.nodes.append({"name": "x", "op": "Placeholder",
                    "attr": {"shape": {"shape": {"dim": [{"size": "1"}, {"size": "20"}, {"size": "20"}, {"size": "3"}]}}}})
    c1 = g.op("c1", "_FusedConv2D", ["x", g.rand("w1", (3, 3, 3, 8), "float16"), g.rand("b1", (8,))],
              strides=[1, 2, 2, 1], padding="SAME", fused_ops=["BiasAdd", "Relu6"], data_format="NHWC")
    dw = g.op("dw", "FusedDepthwiseConv2dNative", [c1, g.rand("wd", (3, 3, 8, 1)), g.rand("bd", (8,))],
              strides=[1, 1, 1, 1], padding="SAME", fused_ops=["BiasAdd", "Relu"], data_format="NHWC")
    se = g.op("se", "Mean", [dw, g.const("se_axes", np.array([1, 2], np.int32))], keep_dims=True)
    sem = g.op("se_mul", "Mul", [se, dw])
    hs_add = g.op("hs_add", "Add", [sem, g.const("three", np.float32(3))])
    hs_r6 = g.op("hs_r6", "Relu6", [hs_add])
    hs_k = g.op("hs_k", "Mul", [g.const("sixth", np.float32(1 / 6)), sem])
    hs = g.op("hs", "Mul", [hs_k, hs_r6])  # hard-swish: x * relu6(x + 3) / 6
    pad = g.op("pad", "Pad", [hs, g.const("pads", np.array([[0, 0], [1, 1], [1, 1], [0, 0]], np.int32))])
    c2 = g.op("c2", "_FusedConv2D", [pad, g.rand("w2", (3, 3, 8, 6), "uint8"), g.rand("b2", (6,))],
              strides=[1, 1, 1, 1], padding="VALID", fused_ops=["BiasAdd"], data_format="NHWC")
    up_hp = g.op("up_hp", "ResizeBilinear", [c2, g.const("s20", np.array([20, 20], np.int32))],
                 half_pixel_centers=True, align_corners=False)
    up_legacy = g.op("up_legacy", "ResizeBilinear", [c2, g.const("s20b", np.array([20, 20], np.int32))],
                     half_pixel_centers=False, align_corners=False)
    cat = g.op("cat", "ConcatV2", [up_hp, up_legacy, g.const("cat_axis", np.int32(3))])
    down = g.op("down", "ResizeBilinear", [cat, g.const("s10", np.array([10, 10], np.int32))],
                half_pixel_centers=True, align_corners=False)
    mx = g.op("mx", "Maximum", [down, g.const("floor", np.float32(-0.2))])
    nchw = g.op("nchw", "Transpose", [mx, g.const("perm", np.array([0, 3, 1, 2], np.int32))])
    g.op("flat", "Reshape", [nchw, g.const("flat_shape", np.array([1, 12, -1], np.int32))])
    g.op("pooled", "Mean", [cat, g.const("gap_axes", np.array([1, 2], np.int32))], keep_dims=False)


def main():
    from tfjs_reference import Reference
    from tfjs2onnx import load_weights
    with tempfile.TemporaryDirectory() as tmp:
        g = GraphWriter()
        build(g)
        model_json = g.save(tmp)
        out = os.path.join(tmp, "model.onnx")
        subprocess.run([sys.executable, os.path.join(HERE, "tfjs2onnx.py"), model_json, out, "--input-name", "image",
                        "--output", "flat", "--output", "pooled", "--output", "c1@gap=c1_gap"], check=True)
        failures = 0

        def check(ok, what):
            nonlocal failures
            print("[%s] %s" % ("ok" if ok else "FAIL", what))
            failures += 0 if ok else 1

        # weight decoding: float16 and uint8 affine quantisation stay within their rounding error
        weights = load_weights(json.load(open(model_json)), tmp)
        g2 = GraphWriter()
        ref_w1 = g2.rng.uniform(-0.5, 0.5, (3, 3, 3, 8))  # the first draw of build(): w1
        check(np.abs(weights["w1"] - ref_w1).max() < 1e-3, "float16 weights decoded")
        w2 = weights["w2"]
        check(w2.shape == (3, 3, 8, 6) and w2.dtype == np.float32 and np.abs(w2).max() <= 0.5 + 1e-6,
              "uint8-quantised weights decoded to float32 in range")

        x = np.random.RandomState(3).uniform(0, 1, (1, 20, 20, 3)).astype(np.float32)
        net = cv2.dnn.readNetFromONNX(out)
        net.setInput(x.transpose(0, 3, 1, 2).copy())
        flat, pooled, c1_gap = net.forward(["flat", "pooled", "c1_gap"])
        r_flat, r_pooled, r_c1 = Reference(model_json).run({"x": x}, ["flat", "pooled", "c1"])
        check(flat.shape == (1, 12, 100), "TF-ordered reshape output shape %s" % (flat.shape,))
        for name, a, b in (("flat", flat, r_flat), ("pooled", pooled, r_pooled),
                           ("c1@gap", c1_gap, r_c1.mean(axis=(1, 2)))):
            d = float(np.abs(a - b).max())
            check(d < 1e-4, "%s: OpenCV vs TF reference max |diff| %.2g (values up to %.2g)"
                  % (name, d, float(np.abs(b).max())))
        ops = {n.op_type for n in onnx.load(out).graph.node}
        check("Pad" not in ops, "explicit Pad absorbed into the VALID conv (ops: %s)" % ", ".join(sorted(ops)))
        check(onnx.load(out).opset_import[0].version == 9, "opset 9")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
