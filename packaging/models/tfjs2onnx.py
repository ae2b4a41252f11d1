#!/usr/bin/python3
"""Convert a TF.js graph model (model.json + weight shards) into an ONNX model that OpenCV 4.6 DNN reads.

TF graphs are NHWC; OpenCV wants NCHW. Instead of inserting transposes around every op, each converted
tensor remembers its *storage permutation* `perm`: onnx_tensor == numpy.transpose(tf_tensor, perm).
Convolutions, pooling and resizing want perm NCHW = [0, 3, 1, 2]; element-wise ops accept any perm as long
as both operands share it; reshapes want the TF order back. A Transpose node is only emitted where a
consumer needs a different order than the producer made, and TF Transpose ops just relabel `perm`.

Only opset-9 style ops are emitted (Clip/Pad/Split/Slice with attributes, Upsample with a scales input,
no dynamic Shape), because OpenCV 4.6's importer rejects the newer forms.

usage: tfjs2onnx.py model.json out.onnx [--output TF_NAME[=ONNX_NAME]]... [--input-name NAME]
"""
import argparse
import base64
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 9
NCHW = (0, 3, 1, 2)

_NP_DTYPES = {"float32": np.float32, "int32": np.int32, "bool": np.bool_, "float16": np.float16,
              "uint8": np.uint8, "uint16": np.uint16, "int64": np.int64}


def load_weights(model_json, model_dir):
    """Decode every weight group of the manifest: float16 and affine-quantised uint8/uint16 included."""
    weights = {}
    for group in model_json["weightsManifest"]:
        blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for w in group["weights"]:
            shape = [int(d) for d in w["shape"]]
            count = int(np.prod(shape)) if shape else 1
            quant = w.get("quantization")
            stored = np.dtype(_NP_DTYPES[quant["dtype"] if quant else w["dtype"]])
            raw = np.frombuffer(blob, dtype=stored, count=count, offset=offset)
            offset += count * stored.itemsize
            if quant and quant["dtype"] != "float16":
                raw = raw.astype(np.float32) * quant["scale"] + quant["min"]
            weights[w["name"]] = raw.astype(_NP_DTYPES[w["dtype"]]).reshape(shape)
    return weights


def attr(node, key, default=None):
    """A TF attr value in plain Python: ints, floats, bools, strings, lists."""
    a = node.get("attr", {}).get(key)
    if a is None:
        return default
    if "list" in a:
        lst = a["list"]
        if "i" in lst:
            return [int(v) for v in lst["i"]]
        if "s" in lst:
            return [base64.b64decode(v).decode() for v in lst["s"]]
        if "f" in lst:
            return [float(v) for v in lst["f"]]
        return []
    if "s" in a:
        return base64.b64decode(a["s"]).decode()
    if "i" in a:
        return int(a["i"])
    if "f" in a:
        return float(a["f"])
    if "b" in a:
        return bool(a["b"])
    return default


# TF op -> (ONNX op, attributes with defaults) for one-input element-wise ops
UNARY = {"Relu": ("Relu", {}), "Relu6": ("Clip", {"min": 0.0, "max": 6.0}), "Sigmoid": ("Sigmoid", {}),
         "Abs": ("Abs", {}), "Tanh": ("Tanh", {}), "LeakyRelu": ("LeakyRelu", {"alpha": 0.2})}
# TF op -> ONNX op for two-input element-wise ops (constant operands handled in Converter.binary)
BINARY = {"Add": "Add", "AddV2": "Add", "BiasAdd": "Add", "Sub": "Sub", "Mul": "Mul", "RealDiv": "Div",
          "Maximum": "Max", "Minimum": "Min"}
REDUCE = {"Mean": "ReduceMean", "Sum": "ReduceSum", "Max": "ReduceMax"}


class Val:
    """A converted TF tensor: either a numpy constant or an ONNX tensor with its TF shape and storage perm."""

    def __init__(self, name=None, shape=None, perm=None, const=None):
        self.name, self.const = name, const
        self.shape = list(const.shape) if const is not None else list(shape)
        self.perm = tuple(perm) if perm is not None else tuple(range(len(self.shape)))
        self.padded = None  # (unpadded Val, [(before, after)] per TF axis, value) when made by Pad/PadV2

    @property
    def is_const(self):
        return self.const is not None

    def stored_shape(self):
        return [self.shape[a] for a in self.perm]


class Converter:
    def __init__(self, model_json, weights):
        self.nodes = {n["name"]: n for n in model_json["modelTopology"]["node"]}
        self.weights = weights
        self.vals = {}
        self.onnx_nodes, self.inits = [], []
        self.inputs = []
        self.counter = 0

    # ---- emission helpers -------------------------------------------------------------------------
    def fresh(self, hint):
        self.counter += 1
        return "%s__%d" % (hint.replace(":", "_"), self.counter)

    def init(self, array, hint):
        name = self.fresh(hint)
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def emit(self, op, inputs, hint, outputs=1, **attrs):
        names = [self.fresh(hint) for _ in range(outputs)]
        self.onnx_nodes.append(helper.make_node(op, inputs, names, **attrs))
        return names if outputs > 1 else names[0]

    def stored(self, v, perm=None):
        """ONNX name of v laid out with `perm` (TF axes order); transposes or re-lays constants as needed."""
        perm = tuple(perm) if perm is not None else v.perm
        if v.is_const:
            return self.init(np.transpose(v.const.astype(np.float32) if v.const.dtype == np.float64
                                          else v.const, perm), "const")
        if perm == v.perm:
            return v.name
        to = [v.perm.index(a) for a in perm]
        return self.emit("Transpose", [v.name], "transpose", perm=to)

    def broadcast_const(self, c, like):
        """A constant operand made ready to broadcast against tensor `like` in its storage order."""
        c = np.asarray(c, dtype=np.float32)
        if c.size == 1:
            return self.init(c.reshape([]), "scalar")
        r = len(like.shape)
        c = c.reshape([1] * (r - c.ndim) + list(c.shape))
        c = np.transpose(c, like.perm)
        while c.ndim > 1 and c.shape[0] == 1 and c.ndim > 3:  # per-channel constants as [C,1,1]
            c = c[0]
        return self.init(c, "bconst")

    # ---- graph walk -------------------------------------------------------------------------------
    def value(self, ref):
        ref = ref.lstrip("^")
        name, _, idx = ref.partition(":")
        key = (name, int(idx) if idx else 0)
        if key not in self.vals:
            outs = self.convert(self.nodes[name])
            if not isinstance(outs, list):
                outs = [outs]
            for i, o in enumerate(outs):
                self.vals[(name, i)] = o
        return self.vals[key]

    def convert(self, node):
        op = node["op"]
        ins = [self.value(i) for i in node.get("input", []) if not i.startswith("^")]
        if op not in ("Placeholder", "Const") and ins and all(v.is_const for v in ins):
            folded = self.fold(op, node, ins)
            if folded is not None:
                return folded
        if op in UNARY:
            onnx_op, attrs = UNARY[op]
            attrs = {k: attr(node, k, v) for k, v in attrs.items()}  # TF attr of the same name, else default
            return self.unary(onnx_op, node, ins, **attrs)
        if op in BINARY:
            return self.binary(BINARY[op], node, ins)
        if op in REDUCE:
            return self.reduce(REDUCE[op], node, ins)
        handler = getattr(self, "op_" + op, None)
        if handler is None:
            raise NotImplementedError("TF op %s (node %s) is not supported" % (op, node["name"]))
        return handler(node, ins)

    # ---- constant folding (only what shape/size arithmetic in these graphs needs) ------------------
    def fold(self, op, node, ins):
        c = [v.const for v in ins]
        simple = {"Mul": np.multiply, "Add": np.add, "AddV2": np.add, "Sub": np.subtract,
                  "RealDiv": np.divide, "FloorDiv": np.floor_divide, "Maximum": np.maximum,
                  "Minimum": np.minimum}
        if op in simple:
            return Val(const=np.asarray(simple[op](c[0], c[1])).astype(c[0].dtype))
        if op == "Cast":
            dst = attr(node, "DstT")
            return Val(const=c[0].astype(np.float32 if dst == "DT_FLOAT" else np.int64))
        if op == "Identity":
            return ins[0]
        if op == "Reshape":
            return Val(const=c[0].reshape([int(d) for d in c[1]]))
        if op == "ConcatV2":
            return Val(const=np.concatenate(c[:-1], axis=int(c[-1])))
        if op == "Pack":
            return Val(const=np.stack(c, axis=attr(node, "axis", 0)))
        if op == "SparseToDense":  # onnx-tf emits these (with no indices) to build reshape targets
            dense = np.full([int(d) for d in c[1].reshape(-1)], c[3], dtype=c[2].dtype)
            idx = c[0].reshape(-1, dense.ndim) if dense.ndim else c[0]
            if idx.size:
                dense[tuple(idx.T)] = c[2]
            return Val(const=dense)
        return None

    # ---- ops ----------------------------------------------------------------------------------------
    def op_Const(self, node, ins):
        return Val(const=self.weights[node["name"]])

    def op_Placeholder(self, node, ins):
        shape = [int(d.get("size", 1)) for d in node["attr"]["shape"]["shape"]["dim"]]
        shape = [d if d > 0 else 1 for d in shape]
        # An NHWC image input is presented to ONNX as NCHW (what cv::dnn::blobFromImage makes).
        perm = NCHW if len(shape) == 4 and shape[3] in (1, 3, 4) and shape[1] not in (1, 3, 4) else None
        v = Val(name=self.input_name or node["name"], shape=shape, perm=perm)
        self.inputs.append(helper.make_tensor_value_info(v.name, TensorProto.FLOAT, v.stored_shape()))
        return v

    def op_Identity(self, node, ins):
        return ins[0]

    op_StopGradient = op_Identity

    def unary(self, onnx_op, node, ins, **attrs):
        x = ins[0]
        return Val(self.emit(onnx_op, [self.stored(x)], onnx_op, **attrs), x.shape, x.perm)

    def op_Square(self, node, ins):
        x = self.stored(ins[0])
        return Val(self.emit("Mul", [x, x], "square"), ins[0].shape, ins[0].perm)

    def binary(self, onnx_op, node, ins):
        a, b = ins
        if a.is_const and not b.is_const and onnx_op in ("Add", "Mul"):
            a, b = b, a
        if b.is_const:
            if onnx_op in ("Max", "Min") and b.const.size == 1:  # OpenCV 4.6: no Max/Min with a constant
                bound = float(b.const.reshape(-1)[0])
                kw = {"min": bound} if onnx_op == "Max" else {"max": bound}
                return Val(self.emit("Clip", [self.stored(a)], "clip", **kw), a.shape, a.perm)
            if onnx_op == "Sub":  # x - c == x + (-c): OpenCV folds that into a Scale/Shift layer
                onnx_op, b = "Add", Val(const=-b.const)
            if onnx_op == "Div":
                onnx_op, b = "Mul", Val(const=1.0 / b.const)
            return Val(self.emit(onnx_op, [self.stored(a), self.broadcast_const(b.const, a)], onnx_op),
                       np.broadcast_shapes(tuple(a.shape), tuple(b.shape)), a.perm)
        if a.is_const:
            raise NotImplementedError("constant left operand of %s in %s" % (onnx_op, node["name"]))
        shape = list(np.broadcast_shapes(tuple(a.shape), tuple(b.shape)))
        if len(a.shape) == len(b.shape):
            main = a if list(a.shape) == shape else b
            out = self.emit(onnx_op, [self.stored(a, main.perm), self.stored(b, main.perm)], onnx_op)
            return Val(out, shape, main.perm)
        raise NotImplementedError("rank-changing broadcast in %s" % node["name"])

    # ---- convolution family -------------------------------------------------------------------------
    @staticmethod
    def same_pads(size, k, s, d):
        out = -(-size // s)
        total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
        return total // 2, total - total // 2, out

    def absorb_pad(self, node, x, value):
        """(input, extra pads [t, l, b, r]): a VALID conv/pool over an explicit spatial Pad reads the unpadded
        tensor and pads itself, which saves OpenCV a copy of the whole feature map per layer."""
        if x.padded is None or attr(node, "padding") != "VALID":
            return x, [0, 0, 0, 0]
        src, pads, v = x.padded
        if pads[0] != (0, 0) or pads[3] != (0, 0) or not (v == value or (value < 0 and np.isneginf(v))):
            return x, [0, 0, 0, 0]
        return src, [pads[1][0], pads[2][0], pads[1][1], pads[2][1]]

    def spatial(self, node, x, kh, kw):
        """Output H, W and ONNX pads [top, left, bottom, right] for a TF conv/pool on NHWC x."""
        s = attr(node, "strides", [1, 1, 1, 1])
        d = attr(node, "dilations", [1, 1, 1, 1])
        padding = attr(node, "padding", "VALID")
        h, w = x.shape[1], x.shape[2]
        if padding == "SAME":
            t, b, oh = self.same_pads(h, kh, s[1], d[1])
            l, r, ow = self.same_pads(w, kw, s[2], d[2])
        elif padding == "VALID":
            t = b = l = r = 0
            oh = (h - (kh - 1) * d[1] - 1) // s[1] + 1
            ow = (w - (kw - 1) * d[2] - 1) // s[2] + 1
        else:  # EXPLICIT
            e = attr(node, "explicit_paddings")
            t, b, l, r = e[2], e[3], e[4], e[5]
            oh = (h + t + b - (kh - 1) * d[1] - 1) // s[1] + 1
            ow = (w + l + r - (kw - 1) * d[2] - 1) // s[2] + 1
        return oh, ow, [t, l, b, r], [s[1], s[2]], [d[1], d[2]]

    def conv(self, node, ins, depthwise):
        x, w = ins[0], ins[1].const.astype(np.float32)
        if attr(node, "data_format", "NHWC") != "NHWC":
            raise NotImplementedError("data_format %s" % attr(node, "data_format"))
        kh, kw, cin, cm = w.shape
        if depthwise:  # [H, W, Cin, mult] -> [Cin*mult, 1, H, W], one group per input channel
            weight = np.transpose(w, (2, 3, 0, 1)).reshape(cin * cm, 1, kh, kw)
            group, cout = cin, cin * cm
        else:  # HWIO -> OIHW
            weight = np.transpose(w, (3, 2, 0, 1))
            group, cout = 1, cm
        bias = np.zeros(cout, np.float32)
        post = []
        fused = attr(node, "fused_ops", []) or []
        args = [v.const.astype(np.float32) for v in ins[2:]]
        for f in fused:
            if f == "BiasAdd":
                bias = bias + args[0]
            elif f == "FusedBatchNorm":
                scale, offset, mean, var = args[:4]
                k = scale / np.sqrt(var + attr(node, "epsilon", 0.001))
                weight = weight * k.reshape(-1, 1, 1, 1)
                bias = (bias - mean) * k + offset
            elif f in ("Relu", "Relu6", "Elu", "Sigmoid", "LeakyRelu", "Prelu"):
                post.append(f)
            else:
                raise NotImplementedError("fused op %s in %s" % (f, node["name"]))
        oh, ow, pads, strides, dil = self.spatial(node, x, kh, kw)
        x, extra = self.absorb_pad(node, x, 0.0)
        pads = [a + b for a, b in zip(pads, extra)]
        y = self.emit("Conv", [self.stored(x, NCHW), self.init(weight.astype(np.float32), "W"),
                               self.init(bias.astype(np.float32), "B")], "conv",
                      kernel_shape=[kh, kw], strides=strides, dilations=dil, pads=pads, group=group)
        out = Val(y, [x.shape[0], oh, ow, cout], NCHW)
        for f in post:
            if f == "Relu":
                out = Val(self.emit("Relu", [out.name], "relu"), out.shape, NCHW)
            elif f == "Relu6":
                out = Val(self.emit("Clip", [out.name], "relu6", min=0.0, max=6.0), out.shape, NCHW)
            elif f == "Sigmoid":
                out = Val(self.emit("Sigmoid", [out.name], "sigmoid"), out.shape, NCHW)
            elif f == "Elu":
                out = Val(self.emit("Elu", [out.name], "elu"), out.shape, NCHW)
            elif f == "LeakyRelu":
                out = Val(self.emit("LeakyRelu", [out.name], "lrelu", alpha=attr(node, "leakyrelu_alpha", 0.2)),
                          out.shape, NCHW)
            elif f == "Prelu":
                slope = args[1].reshape(-1, 1, 1)
                out = Val(self.emit("PRelu", [out.name, self.init(slope, "slope")], "prelu"), out.shape, NCHW)
        return out

    def op_Conv2D(self, node, ins):
        return self.conv(node, ins, depthwise=False)

    op__FusedConv2D = op_Conv2D

    def op_DepthwiseConv2dNative(self, node, ins):
        return self.conv(node, ins, depthwise=True)

    op_FusedDepthwiseConv2dNative = op_DepthwiseConv2dNative

    def pool(self, onnx_op, node, ins):
        x = ins[0]
        k = attr(node, "ksize")
        oh, ow, pads, strides, _ = self.spatial(node, x, k[1], k[2])
        if onnx_op == "MaxPool":  # MaxPool's own padding never wins the max, like a -inf Pad
            x, more = self.absorb_pad(node, x, -np.inf)
            pads = [a + b for a, b in zip(pads, more)]
        extra = {"count_include_pad": 0} if onnx_op == "AveragePool" else {}
        y = self.emit(onnx_op, [self.stored(x, NCHW)], onnx_op, kernel_shape=[k[1], k[2]], strides=strides,
                      pads=pads, **extra)
        return Val(y, [x.shape[0], oh, ow, x.shape[3]], NCHW)

    def op_MaxPool(self, node, ins):
        return self.pool("MaxPool", node, ins)

    def op_AvgPool(self, node, ins):
        return self.pool("AveragePool", node, ins)

    def op_ResizeBilinear(self, node, ins):
        return self.resize(node, ins, "linear")

    def op_ResizeNearestNeighbor(self, node, ins):
        return self.resize(node, ins, "nearest")

    def resize(self, node, ins, mode):
        x, size = ins[0], [int(v) for v in ins[1].const]
        if mode == "linear" and attr(node, "half_pixel_centers", False) and not attr(node, "align_corners", False) \
                and size == [2 * x.shape[1], 2 * x.shape[2]]:
            return self.upsample2_half_pixel(x)
        if mode == "linear" and attr(node, "half_pixel_centers", False) and not attr(node, "align_corners", False) \
                and [2 * size[0], 2 * size[1]] == x.shape[1:3]:
            # half-pixel bilinear /2 samples at 2k + 0.5: exactly the mean of each 2x2 block
            y = self.emit("AveragePool", [self.stored(x, NCHW)], "down2", kernel_shape=[2, 2], strides=[2, 2])
            return Val(y, [x.shape[0], size[0], size[1], x.shape[3]], NCHW)
        if mode == "linear" and not attr(node, "align_corners", False) and size == [2 * x.shape[1], 2 * x.shape[2]]:
            return self.upsample2_asymmetric(x)
        if attr(node, "align_corners", False) or attr(node, "half_pixel_centers", False):
            # Upsample-9 only knows the asymmetric mapping src = dst / scale
            raise NotImplementedError("resize with align_corners/half_pixel_centers in %s" % node["name"])
        scales = np.array([1, 1, size[0] / x.shape[1], size[1] / x.shape[2]], np.float32)
        # OpenCV 4.6 spells the asymmetric linear mode "bilinear" (it rejects "linear")
        y = self.emit("Upsample", [self.stored(x, NCHW), self.init(scales, "scales")], "upsample",
                      mode="bilinear" if mode == "linear" else mode)
        return Val(y, [x.shape[0], size[0], size[1], x.shape[3]], NCHW)

    def edge_pad(self, y, shape_hw):
        """Replicate the first/last row and column of NCHW y (Slice + Concat: OpenCV 4.6 has no edge Pad)."""
        for axis, n in zip((2, 3), shape_hw):
            first = self.emit("Slice", [y], "edge", starts=[0], ends=[1], axes=[axis])
            last = self.emit("Slice", [y], "edge", starts=[n - 1], ends=[n], axes=[axis])
            y = self.emit("Concat", [first, y, last], "edgepad", axis=axis)
        return y

    def depthwise_upsample2(self, x, taps, pads):
        """Depthwise ConvTranspose, stride 2, separable kernel `taps`, over x edge-padded by 1 on every side."""
        c, h, w = x.shape[3], x.shape[1], x.shape[2]
        y = self.edge_pad(self.stored(x, NCHW), (h, w))
        k1 = np.array(taps, np.float32)
        kernel = np.tile(np.outer(k1, k1)[None, None], (c, 1, 1, 1))
        y = self.emit("ConvTranspose", [y, self.init(kernel, "bilinear2")], "upsample2", group=c,
                      kernel_shape=[len(taps)] * 2, strides=[2, 2], pads=pads)
        return Val(y, [x.shape[0], 2 * h, 2 * w, c], NCHW)

    def upsample2_asymmetric(self, x):
        """TF's legacy bilinear x2 (src = dst / 2): out[2k] = x[k], out[2k+1] = (x[k] + x[k+1]) / 2, the last
        row/column clamped. Same as Upsample-9 "linear", but built from standard ops so that OpenCV (which
        only accepts the non-standard name "bilinear" there) and ONNX Runtime both run it: a depthwise
        ConvTranspose with kernel [.5, 1, .5, 0] over x padded by one replicated row/column on each side.
        (The trailing 0 tap keeps the crop symmetric: OpenCV 4.6 rejects asymmetric ConvTranspose pads.)"""
        return self.depthwise_upsample2(x, [0.5, 1.0, 0.5, 0.0], [3, 3, 3, 3])

    def upsample2_half_pixel(self, x):
        """TF bilinear x2 with half-pixel centres from opset-9 ops OpenCV 4.6 runs.

        Upsample-9 only maps src = dst / 2. With half-pixel centres out[2k] = .25 x[k-1] + .75 x[k] and
        out[2k+1] = .75 x[k] + .25 x[k+1], edges clamped: that is a depthwise transposed convolution (stride 2,
        kernel [.25, .75, .75, .25] in each direction) over x padded by one replicated edge row/column,
        cropped by 3 on every side (pads)."""
        return self.depthwise_upsample2(x, [0.25, 0.75, 0.75, 0.25], [3, 3, 3, 3])

    # ---- layout-sensitive ops -------------------------------------------------------------------------
    def reduce(self, onnx_op, node, ins):
        x = ins[0]
        r = len(x.shape)
        axes = sorted({int(a) % r for a in np.asarray(ins[1].const).reshape(-1)})
        keep = attr(node, "keep_dims", False)
        shape = [1 if i in axes else d for i, d in enumerate(x.shape)]
        if onnx_op == "ReduceMean" and r == 4 and x.perm == NCHW and axes == [1, 2]:
            y = self.emit("GlobalAveragePool", [x.name], "gap")  # what OpenCV maps spatial means to anyway
            out = Val(y, shape, NCHW)
        else:
            stored_axes = [x.perm.index(a) for a in axes]
            out = Val(self.emit(onnx_op, [self.stored(x)], onnx_op, axes=stored_axes, keepdims=1), shape, x.perm)
        return out if keep else self.drop_axes(out, axes)

    def drop_axes(self, v, axes):
        """Remove size-1 TF axes `axes` from v (Squeeze in storage order) and renumber its perm."""
        stored_axes = sorted(v.perm.index(a) for a in axes)
        remaining = [a for a in v.perm if a not in axes]
        renum = {a: i for i, a in enumerate(sorted(remaining))}
        shape = [d for i, d in enumerate(v.shape) if i not in axes]
        if len(shape) == 1 or (len(shape) == 2 and len(v.shape) == 4 and stored_axes == [2, 3]):
            y = self.emit("Flatten", [v.name], "flatten", axis=1) if len(shape) == 2 else \
                self.emit("Squeeze", [v.name], "squeeze", axes=stored_axes)
        else:
            y = self.emit("Squeeze", [v.name], "squeeze", axes=stored_axes)
        return Val(y, shape, [renum[a] for a in remaining])

    def op_Squeeze(self, node, ins):
        x = ins[0]
        dims = attr(node, "squeeze_dims", []) or [i for i, d in enumerate(x.shape) if d == 1]
        return self.drop_axes(x, sorted(int(d) % len(x.shape) for d in dims))

    def op_ConcatV2(self, node, ins):
        xs, axis = ins[:-1], int(ins[-1].const)
        main = next(v for v in xs if not v.is_const)
        axis %= len(main.shape)
        shape = list(main.shape)
        shape[axis] = sum(v.shape[axis] for v in xs)
        y = self.emit("Concat", [self.stored(v, main.perm) for v in xs], "concat", axis=main.perm.index(axis))
        return Val(y, shape, main.perm)

    def op_Transpose(self, node, ins):
        x, perm = ins[0], [int(p) for p in ins[1].const]
        inv = [perm.index(i) for i in range(len(perm))]
        out = Val(x.name, [x.shape[p] for p in perm], [inv[a] for a in x.perm])
        if x.padded:
            src, pads, value = x.padded
            src_t = Val(src.name, [src.shape[p] for p in perm], [inv[a] for a in src.perm])
            out.padded = (src_t, [pads[p] for p in perm], value)
        return out

    def op_Reshape(self, node, ins):
        x, target = ins[0], [int(d) for d in ins[1].const]
        total = int(np.prod(x.shape))
        if -1 in target:
            known = int(np.prod([d for d in target if d != -1]))
            target[target.index(-1)] = total // known
        y = self.emit("Reshape", [self.stored(x, range(len(x.shape))), self.init(np.array(target, np.int64), "shape")],
                      "reshape")
        return Val(y, target)

    def op_Pad(self, node, ins):
        x, p = ins[0], np.asarray(ins[1].const).reshape(-1, 2)
        value = float(ins[2].const) if len(ins) > 2 else 0.0
        stored = [p[a] for a in x.perm]
        pads = [int(s[0]) for s in stored] + [int(s[1]) for s in stored]
        shape = [d + int(p[i][0] + p[i][1]) for i, d in enumerate(x.shape)]
        out = Val(self.emit("Pad", [self.stored(x)], "pad", pads=pads, value=value), shape, x.perm)
        out.padded = (x, [(int(a), int(b)) for a, b in p], value)
        return out

    op_PadV2 = op_Pad

    def op_SplitV(self, node, ins):
        x, sizes, axis = ins[0], [int(s) for s in ins[1].const], int(ins[2].const) % len(ins[0].shape)
        if -1 in sizes:
            sizes[sizes.index(-1)] = x.shape[axis] - (sum(sizes) + 1)
        outs = self.emit("Split", [self.stored(x)], "split", outputs=len(sizes), axis=x.perm.index(axis), split=sizes)
        vals = []
        for o, s in zip(outs if len(sizes) > 1 else [outs], sizes):
            shape = list(x.shape)
            shape[axis] = s
            vals.append(Val(o, shape, x.perm))
        return vals

    def op_StridedSlice(self, node, ins):
        x = ins[0]
        begin, end, step = (np.asarray(v.const).reshape(-1).tolist() for v in ins[1:4])
        bm, em = attr(node, "begin_mask", 0), attr(node, "end_mask", 0)
        if any(attr(node, k, 0) for k in ("ellipsis_mask", "new_axis_mask", "shrink_axis_mask")) or \
                any(s != 1 for s in step):
            raise NotImplementedError("StridedSlice form in %s" % node["name"])
        starts, ends, shape = [], [], list(x.shape)
        for i in range(len(begin)):
            b = 0 if bm >> i & 1 else begin[i]
            e = x.shape[i] if em >> i & 1 else end[i]
            b, e = b % x.shape[i] if b < 0 else b, e % x.shape[i] if e < 0 else min(e, x.shape[i])
            starts.append(b)
            ends.append(e)
            shape[i] = e - b
        axes = [x.perm.index(i) for i in range(len(begin))]
        y = self.emit("Slice", [self.stored(x)], "slice", starts=starts, ends=ends, axes=axes)
        return Val(y, shape, x.perm)

    def prune(self, outputs):
        """Drop nodes and initializers nothing reads (e.g. Pads absorbed into convolutions)."""
        needed, kept = set(outputs), []
        for n in reversed(self.onnx_nodes):
            if any(o in needed for o in n.output):
                kept.append(n)
                needed.update(n.input)
        self.onnx_nodes = kept[::-1]
        self.inits = [i for i in self.inits if i.name in needed]

    # ---- driver -------------------------------------------------------------------------------------
    def run(self, outputs, input_name=None):
        self.input_name = input_name
        graph_outputs, facts = [], []
        for tf_name, onnx_name in outputs:
            pooled = tf_name.endswith("@gap")
            v = self.value(tf_name[:-4] if pooled else tf_name)
            if pooled:  # global-average-pooled features [N, C]: an image embedding taken from a backbone
                g = self.emit("GlobalAveragePool", [self.stored(v, NCHW)], "gap")
                v = Val(self.emit("Flatten", [g], "flatten", axis=1), [v.shape[0], v.shape[3]])
            # an Identity carries the requested name: the producer's own output may feed other nodes too
            self.emit("Identity", [self.stored(v)], "out")
            self.onnx_nodes[-1].output[0] = onnx_name
            graph_outputs.append(helper.make_tensor_value_info(onnx_name, TensorProto.FLOAT, v.stored_shape()))
            facts.append({"name": onnx_name, "tf_name": tf_name, "shape": v.stored_shape(), "tf_shape": v.shape,
                          "layout_perm": list(v.perm)})
        self.prune([o.name for o in graph_outputs])
        graph = helper.make_graph(self.onnx_nodes, "tfjs2onnx", self.inputs, graph_outputs, self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="vl-explorer tfjs2onnx")
        model.ir_version = 4  # IR that matches opset 9; initializers need not be graph inputs
        onnx.checker.check_model(model)
        return model, facts


def main(argv):
    sys.setrecursionlimit(10000)  # the graph is walked depth-first from the outputs
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model_json")
    ap.add_argument("out_onnx")
    ap.add_argument("--output", action="append", default=[],
                    help="TF tensor to export, optionally renamed: 'tower_0/wh=wh'; a '@gap' suffix on the TF name "
                         "exports its global average pool [N, C]; default: the signature's outputs")
    ap.add_argument("--input-name", help="name of the ONNX input (default: the TF placeholder's)")
    ap.add_argument("--facts", help="write the input/output shapes and layouts as JSON here")
    a = ap.parse_args(argv)
    model_json = json.load(open(a.model_json))
    weights = load_weights(model_json, os.path.dirname(os.path.abspath(a.model_json)))
    outputs = [tuple(o.split("=", 1)) if "=" in o else (o, o.replace("/", "_").replace(":", "_")) for o in a.output]
    if not outputs:
        sig = model_json.get("signature", {}).get("outputs", {})
        outputs = [(v["name"], k.replace("/", "_").replace(":", "_")) for k, v in sig.items()]
    conv = Converter(model_json, weights)
    model, facts = conv.run(outputs, a.input_name)
    onnx.save(model, a.out_onnx)
    inp = conv.inputs[0]
    info = {"input": {"name": inp.name, "shape": [d.dim_value for d in inp.type.tensor_type.shape.dim]},
            "outputs": facts, "onnx_nodes": len(conv.onnx_nodes)}
    if a.facts:
        with open(a.facts, "w") as f:
            json.dump(info, f, indent=1)
    print("%s: %d ONNX nodes, input %s %s, outputs %s" % (
        os.path.basename(a.out_onnx), len(conv.onnx_nodes), info["input"]["name"], info["input"]["shape"],
        ", ".join("%s %s" % (o["name"], o["shape"]) for o in facts)))


if __name__ == "__main__":
    main(sys.argv[1:])
