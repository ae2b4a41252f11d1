#!/usr/bin/python3
"""Writes tiny ONNX plug-ins and their expected outputs for tst_enrich_plugins.

Usage: make_models.py OUTPUT_DIR

Every expected value is computed here with numpy, independently of the C++ code under test, from the same
weights that go into the ONNX files. Weights are fixed (seeded) so failures are reproducible.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


def linear_model(path, input_name, input_shape, weights, bias, softmax=False):
    """input (any shape) -> Flatten -> Gemm(weights, bias) [-> Softmax] -> output [1, k]."""
    k = weights.shape[1]
    nodes = [
        helper.make_node("Flatten", [input_name], ["flat"], axis=1),
        # OpenCV 4.6 imports Gemm reliably only with transB=1 (weights stored as [outputs, inputs]).
        helper.make_node("Gemm", ["flat", "W", "B"], ["logits" if softmax else "output"], transB=1),
    ]
    if softmax:
        nodes.append(helper.make_node("Softmax", ["logits"], ["output"], axis=1))
    graph = helper.make_graph(
        nodes,
        "linear",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, input_shape)],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, k])],
        [numpy_helper.from_array(np.ascontiguousarray(weights.T).astype(np.float32), "W"),
         numpy_helper.from_array(bias.astype(np.float32), "B")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def normalise_image(pixels, scale, mean, std, bgr, layout):
    """pixels: H x W x 3 uint8 RGB -> the float input tensor the descriptor defines."""
    x = pixels.astype(np.float64) * scale
    if bgr:
        x = x[:, :, ::-1]
    x = (x - np.array(mean)) / np.array(std)
    if layout == "NCHW":
        x = x.transpose(2, 0, 1)
    return x[np.newaxis].astype(np.float32)


def softmax(v):
    e = np.exp(v - v.max())
    return e / e.sum()


def unit(v):
    n = np.linalg.norm(v)
    return v / n if n > 0 else v


def words(text):
    out, cur = [], ""
    for c in text.lower():
        if c.isalnum():
            cur += c
        elif cur:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(out):
    rng = np.random.default_rng(20261122)
    images = [rng.integers(0, 256, size=(2, 2, 3), dtype=np.uint8) for _ in range(4)]
    images.append(np.full((2, 2, 3), 200, dtype=np.uint8))
    expected = {"images": [img.tolist() for img in images]}

    # IMAGE_TAGGING: 2x2 BGR NCHW classifier with logits output, 4 labels.
    labels = ["cat", "dog", "bird", "tree"]
    tag = {"scale": 1 / 255.0, "mean": [0.5, 0.4, 0.3], "std": [0.25, 0.5, 0.2], "bgr": True, "layout": "NCHW"}
    w = rng.normal(0, 1.5, size=(12, 4))
    b = rng.normal(0, 0.5, size=(4,))
    linear_model(os.path.join(out, "tagger.onnx"), "image", [1, 3, 2, 2], w, b)
    write(os.path.join(out, "tagger_labels.txt"), "\n".join(labels) + "\n")
    write(os.path.join(out, "tagger.json"), json.dumps({
        "id": "tiny_tagger", "name": "Tiny tagger", "type": "IMAGE_TAGGING", "model": "tagger.onnx",
        "input": {"width": 2, "height": 2, "mean": tag["mean"], "std": tag["std"], "channel_order": "BGR",
                  "layout": "NCHW"},
        "labels": "tagger_labels.txt", "top_k": 2, "min_score": 0.2}))
    probabilities, tags = [], []
    for img in images:
        x = normalise_image(img, tag["scale"], tag["mean"], tag["std"], tag["bgr"], tag["layout"])
        p = softmax(x.reshape(1, -1)[0].astype(np.float64) @ w + b)
        probabilities.append(p.tolist())
        order = np.argsort(-p, kind="stable")
        tags.append([[labels[i], float(p[i])] for i in order[:2] if p[i] >= 0.2])
    expected["tagger"] = {"probabilities": probabilities, "tags": tags}

    # MULTIMODEL_IMAGE_ENCODING with token ids: RGB NCHW image encoder, text encoder over 6 padded ids.
    vocabulary = ["<pad>", "<unk>", "<bos>", "<eos>", "a", "cat", "on", "the", "beach", "dog", "café"]
    ids_cfg = {"scale": 1 / 255.0, "mean": [0.0, 0.0, 0.0], "std": [1.0, 1.0, 1.0], "seq": 6}
    wi = rng.normal(0, 1, size=(12, 5))
    bi = rng.normal(0, 0.1, size=(5,))
    wt = rng.normal(0, 1, size=(ids_cfg["seq"], 5))
    bt = rng.normal(0, 0.1, size=(5,))
    linear_model(os.path.join(out, "enc_image.onnx"), "image", [1, 3, 2, 2], wi, bi)
    linear_model(os.path.join(out, "enc_text.onnx"), "tokens", [1, ids_cfg["seq"]], wt, bt)
    write(os.path.join(out, "vocab.txt"), "\n".join(vocabulary) + "\n")
    write(os.path.join(out, "encoder.json"), json.dumps({
        "id": "tiny_encoder", "type": "MULTIMODEL_IMAGE_ENCODING", "model": "enc_image.onnx",
        "input": {"width": 2, "height": 2, "layout": "NCHW", "channel_order": "RGB"},
        "text_model": "enc_text.onnx", "vocabulary": "vocab.txt", "text_input": "token_ids",
        "sequence_length": ids_cfg["seq"], "pad_id": 0, "unknown_id": 1, "bos_id": 2, "eos_id": 3}))
    token_index = {word: i for i, word in enumerate(vocabulary)}
    texts = ["A cat on the beach", "DOG, café!", "zebra", "", "a cat on the beach at night"]
    text_ids, text_embeddings = [], []
    for text in texts:
        ids = [2] + [token_index.get(word, 1) for word in words(text)] + [3]
        if len(ids) > ids_cfg["seq"]:
            ids = ids[:ids_cfg["seq"]]
            ids[-1] = 3
        padded = ids + [0] * (ids_cfg["seq"] - len(ids))
        text_ids.append(padded)
        text_embeddings.append(unit(np.array(padded, dtype=np.float64) @ wt + bt).tolist())
    image_embeddings = []
    for img in images:
        x = normalise_image(img, ids_cfg["scale"], ids_cfg["mean"], ids_cfg["std"], False, "NCHW")
        image_embeddings.append(unit(x.reshape(1, -1)[0].astype(np.float64) @ wi + bi).tolist())
    expected["encoder"] = {"texts": texts, "token_ids": text_ids, "text_embeddings": text_embeddings,
                           "image_embeddings": image_embeddings}

    # MULTIMODEL_IMAGE_ENCODING with bag of words and an NHWC image encoder.
    wb = rng.normal(0, 1, size=(len(vocabulary), 3))
    wn = rng.normal(0, 1, size=(12, 3))
    zero3 = np.zeros(3)
    linear_model(os.path.join(out, "bow_image.onnx"), "image", [1, 2, 2, 3], wn, zero3)
    linear_model(os.path.join(out, "bow_text.onnx"), "words", [1, len(vocabulary)], wb, zero3)
    write(os.path.join(out, "bow.json"), json.dumps({
        "id": "tiny_bow", "type": "MULTIMODEL_IMAGE_ENCODING", "model": "bow_image.onnx",
        "input": {"width": 2, "height": 2, "layout": "NHWC", "scale": 1.0, "mean": [128, 128, 128],
                  "std": [64, 64, 64]},
        "text_model": "bow_text.onnx", "vocabulary": "vocab.txt", "text_input": "bag_of_words"}))
    bow_text, bow_image = [], []
    for text in texts:
        counts = np.zeros(len(vocabulary))
        for word in words(text):
            if word in token_index:  # no unknown_id: unknown words are dropped
                counts[token_index[word]] += 1
        bow_text.append(unit(counts @ wb).tolist())
    for img in images:
        x = normalise_image(img, 1.0, [128] * 3, [64] * 3, False, "NHWC")
        bow_image.append(unit(x.reshape(1, -1)[0].astype(np.float64) @ wn).tolist())
    expected["bow"] = {"text_embeddings": bow_text, "image_embeddings": bow_image}

    # Broken plug-ins: each must be listed as Invalid with a reason, never crash the registry.
    write(os.path.join(out, "broken_json.json"), "{\"id\": \"broken_json\", ")
    write(os.path.join(out, "missing_model.json"), json.dumps({
        "id": "missing_model", "type": "IMAGE_TAGGING", "model": "nowhere.onnx",
        "input": {"width": 2, "height": 2}, "labels": "tagger_labels.txt"}))
    write(os.path.join(out, "labels_mismatch.txt"), "one\ntwo\n")
    write(os.path.join(out, "wrong_labels.json"), json.dumps({
        "id": "wrong_labels", "type": "IMAGE_TAGGING", "model": "tagger.onnx",
        "input": {"width": 2, "height": 2}, "labels": "labels_mismatch.txt"}))
    write(os.path.join(out, "garbage.onnx"), "this is not a protobuf")
    write(os.path.join(out, "garbage_model.json"), json.dumps({
        "id": "garbage_model", "type": "IMAGE_TAGGING", "model": "garbage.onnx",
        "input": {"width": 2, "height": 2}, "labels": "tagger_labels.txt"}))
    write(os.path.join(out, "bad_type.json"), json.dumps({
        "id": "bad_type", "type": "CAPTION_IMAGES", "model": "tagger.onnx", "input": {"width": 2, "height": 2}}))
    write(os.path.join(out, "bad_std.json"), json.dumps({
        "id": "bad_std", "type": "IMAGE_TAGGING", "model": "tagger.onnx",
        "input": {"width": 2, "height": 2, "std": [1, 0, 1]}, "labels": "tagger_labels.txt"}))
    write(os.path.join(out, "clashing_id.json"), json.dumps({
        "id": "local_object_detector_v00", "type": "IMAGE_TAGGING", "model": "tagger.onnx",
        "input": {"width": 2, "height": 2}, "labels": "tagger_labels.txt"}))
    expected["invalid"] = ["broken_json", "missing_model", "wrong_labels", "garbage_model", "bad_type", "bad_std"]

    write(os.path.join(out, "expected.json"), json.dumps(expected))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_models.py OUTPUT_DIR")
    main(sys.argv[1])
