#!/usr/bin/python3
"""A slow, plain numpy evaluator of TF.js graph models in TF's own NHWC semantics.

It shares nothing with tfjs2onnx.py's layout rewriting (only the weight decoding), so comparing its
outputs with OpenCV running the converted ONNX model checks the conversion: transposed filters, SAME
padding, per-channel constants, reduction/concat axes and resize coordinate mapping.
"""
import json
import os

import numpy as np

from tfjs2onnx import attr, load_weights


def _pad_same(size, k, s, d):
    out = -(-size // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
    return total // 2, total - total // 2


def _conv(node, x, w, depthwise):
    """TF conv on NHWC x with HWIO (or HW,Cin,mult) filters, by shifted-view accumulation."""
    s = attr(node, "strides", [1, 1, 1, 1])
    d = attr(node, "dilations", [1, 1, 1, 1])
    kh, kw = w.shape[:2]
    if attr(node, "padding") == "SAME":
        (t, b), (l, r) = _pad_same(x.shape[1], kh, s[1], d[1]), _pad_same(x.shape[2], kw, s[2], d[2])
    elif attr(node, "padding") == "VALID":
        t = b = l = r = 0
    else:
        e = attr(node, "explicit_paddings")
        t, b, l, r = e[2], e[3], e[4], e[5]
    xp = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))
    oh = (xp.shape[1] - (kh - 1) * d[1] - 1) // s[1] + 1
    ow = (xp.shape[2] - (kw - 1) * d[2] - 1) // s[2] + 1
    cout = w.shape[2] * w.shape[3] if depthwise else w.shape[3]
    y = np.zeros((x.shape[0], oh, ow, cout), np.float64)
    for i in range(kh):
        for j in range(kw):
            patch = xp[:, i * d[1]: i * d[1] + (oh - 1) * s[1] + 1: s[1],
                       j * d[2]: j * d[2] + (ow - 1) * s[2] + 1: s[2], :]
            if depthwise:
                y += (patch[..., :, None] * w[i, j][None, None, None]).reshape(y.shape)
            else:
                y += patch @ w[i, j]
    return y


def _resize_bilinear(x, size, half_pixel):
    h, w = x.shape[1:3]

    def coords(n_out, n_in):
        scale = n_in / n_out
        src = (np.arange(n_out) + 0.5) * scale - 0.5 if half_pixel else np.arange(n_out) * scale
        src = np.clip(src, 0, None)
        lo = np.minimum(np.floor(src).astype(int), n_in - 1)
        hi = np.minimum(lo + 1, n_in - 1)
        return lo, hi, src - lo

    y0, y1, fy = coords(size[0], h)
    x0, x1, fx = coords(size[1], w)
    top = x[:, y0][:, :, x0] * (1 - fx)[None, None, :, None] + x[:, y0][:, :, x1] * fx[None, None, :, None]
    bot = x[:, y1][:, :, x0] * (1 - fx)[None, None, :, None] + x[:, y1][:, :, x1] * fx[None, None, :, None]
    return top * (1 - fy)[None, :, None, None] + bot * fy[None, :, None, None]


def _maxpool(node, x):
    k, s = attr(node, "ksize"), attr(node, "strides")
    if attr(node, "padding") == "SAME":
        (t, b), (l, r) = _pad_same(x.shape[1], k[1], s[1], 1), _pad_same(x.shape[2], k[2], s[2], 1)
    else:
        t = b = l = r = 0
    xp = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)), constant_values=-np.inf)
    oh, ow = (xp.shape[1] - k[1]) // s[1] + 1, (xp.shape[2] - k[2]) // s[2] + 1
    y = np.full((x.shape[0], oh, ow, x.shape[3]), -np.inf)
    for i in range(k[1]):
        for j in range(k[2]):
            y = np.maximum(y, xp[:, i: i + (oh - 1) * s[1] + 1: s[1], j: j + (ow - 1) * s[2] + 1: s[2]])
    return y


class Reference:
    def __init__(self, model_json_path):
        model = json.load(open(model_json_path))
        self.nodes = {n["name"]: n for n in model["modelTopology"]["node"]}
        self.weights = load_weights(model, os.path.dirname(os.path.abspath(model_json_path)))

    def run(self, feed, outputs):
        """feed: {placeholder name: NHWC array}; outputs: TF tensor names. Returns a list of arrays."""
        memo = {(k, 0): np.asarray(v, np.float64) for k, v in feed.items()}

        def value(ref):
            name, _, idx = ref.partition(":")
            key = (name, int(idx) if idx else 0)
            if key not in memo:
                out = self.eval(self.nodes[name], [value(i) for i in self.nodes[name].get("input", [])
                                                   if not i.startswith("^")])
                for i, o in enumerate(out if isinstance(out, list) else [out]):
                    memo[(name, i)] = o
            return memo[key]

        return [value(o) for o in outputs]

    def eval(self, node, ins):
        op = node["op"]
        if op == "Const":
            return self.weights[node["name"]]
        if op in ("AddV2", "Add") and ins[0].dtype.kind == "i":  # shape arithmetic stays integer
            return ins[0] + ins[1]
        if op in ("_FusedConv2D", "Conv2D", "FusedDepthwiseConv2dNative", "DepthwiseConv2dNative"):
            y = _conv(node, ins[0], ins[1].astype(np.float64), "Depthwise" in op)
            fused = attr(node, "fused_ops", []) or []
            for f in fused:
                if f == "BiasAdd":
                    y = y + ins[2]
                elif f == "Relu":
                    y = np.maximum(y, 0)
                elif f == "Relu6":
                    y = np.clip(y, 0, 6)
                else:
                    raise NotImplementedError(f)
            return y
        unary = {"Relu": lambda x: np.maximum(x, 0), "Relu6": lambda x: np.clip(x, 0, 6),
                 "Sigmoid": lambda x: 1 / (1 + np.exp(-x)), "Abs": np.abs, "Identity": lambda x: x,
                 "Square": np.square, "Rsqrt": lambda x: 1 / np.sqrt(x)}
        if op in unary:
            return unary[op](ins[0])
        binary = {"Add": np.add, "AddV2": np.add, "Sub": np.subtract, "Mul": np.multiply,
                  "Maximum": np.maximum, "RealDiv": np.divide}
        if op in binary:
            return binary[op](ins[0], ins[1])
        if op in ("Mean", "Sum"):
            fn = np.mean if op == "Mean" else np.sum
            return fn(ins[0], axis=tuple(int(a) for a in np.asarray(ins[1]).reshape(-1)),
                      keepdims=attr(node, "keep_dims", False))
        if op == "ConcatV2":
            return np.concatenate(ins[:-1], axis=int(ins[-1]))
        if op == "ResizeBilinear":
            return _resize_bilinear(ins[0], [int(v) for v in ins[1]], attr(node, "half_pixel_centers", False))
        if op == "MaxPool":
            return _maxpool(node, ins[0])
        if op == "Squeeze":
            dims = attr(node, "squeeze_dims", []) or None
            return np.squeeze(ins[0], axis=tuple(dims) if dims else None)
        if op in ("Pad", "PadV2"):
            value = float(ins[2]) if len(ins) > 2 else 0.0
            return np.pad(ins[0], np.asarray(ins[1]).reshape(-1, 2), constant_values=value)
        if op == "Transpose":
            return np.transpose(ins[0], [int(p) for p in ins[1]])
        if op == "Reshape":
            return np.reshape(ins[0], [int(d) for d in ins[1]])
        if op == "LeakyRelu":
            return np.where(ins[0] > 0, ins[0], ins[0] * attr(node, "alpha", 0.2))
        if op == "SplitV":
            axis = int(ins[2])
            return np.split(ins[0], np.cumsum([int(v) for v in ins[1]])[:-1], axis=axis)
        if op == "SparseToDense":
            dense = np.full([int(d) for d in np.asarray(ins[1]).reshape(-1)], ins[3], dtype=np.asarray(ins[2]).dtype)
            idx = np.asarray(ins[0]).reshape(-1, dense.ndim)
            if idx.size:
                dense[tuple(idx.T)] = ins[2]
            return dense
        raise NotImplementedError("reference: TF op %s" % op)
