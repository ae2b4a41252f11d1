#!/usr/bin/python3
"""Check every model in DEST/manifest.json with OpenCV DNN (1 thread) on real photos from Debian packages.

usage: verify_models.py DEST [--tfjs-dir DIR] [--images DIR]

- nanodet and centernet: dog.jpg -> dog, bicycle, car/truck; person.jpg -> person, dog, horse; kite.jpg -> people, kites;
  each expected object must overlap a hand-labelled box (IoU >= 0.5). Their embeddings must be closer for a
  flipped copy of a photo than for another photo.
- BlazeFace (both): the astronaut's face in python3-skimage's astronaut.png; no face on coffee.png and 16
  other skimage images without faces (textures, microscopy, text, ...). The detectors' false objects on those
  16 images are printed as a measurement.
- MobileFaceNet: two crops of the astronaut's face closer than the astronaut and 50 LFW faces (skimage's
  lfw_subset), after centring on the manifest's centre vector.
- with --tfjs-dir (the unpacked human-models/models): OpenCV's outputs equal a numpy evaluation of the
  TF.js graph in TF's own NHWC semantics (tfjs_reference.py).
Prints detections and per-image forward times; exits 1 when a check fails.
"""
import argparse
import json
import os
import sys
import time

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

# Hand-labelled boxes (x1, y1, x2, y2 in image pixels) of objects the detector must find.
EXPECTED = {
    "dog.jpg": [({"dog"}, (130, 215, 315, 540)), ({"bicycle"}, (120, 125, 570, 420)),
                ({"car", "truck"}, (470, 80, 690, 165))],
    "person.jpg": [({"person"}, (187, 105, 276, 378)), ({"dog"}, (65, 262, 200, 348)),
                   ({"horse"}, (400, 136, 605, 342))],
    "kite.jpg": [({"person"}, (107, 611, 166, 756)), ({"person"}, (211, 695, 276, 849)),
                 ({"kite"}, (588, 80, 669, 155)), ({"kite"}, (275, 235, 305, 278))],
}
DETECT_THRESHOLD = 0.3  # printed detections
EXPECT_THRESHOLD = 0.25  # an expected object may score this low (person.jpg's white horse: 0.28)
ASTRONAUT_FACE = (172, 74, 277, 180)  # in skimage.data.astronaut(), 512x512

failures = []


def check(ok, what):
    print("  [%s] %s" % ("ok" if ok else "FAIL", what))
    if not ok:
        failures.append(what)


def iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def timed_forward(net, names, runs=3):
    net.forward(names)  # first run allocates
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        out = net.forward(names)
        times.append(time.perf_counter() - t)
    return out, float(np.median(times))


def blob_for(model, rgb):
    """The input tensor a manifest entry describes: resize, scale/mean, layout."""
    inp = model["input"]
    n, a, b, c = inp["shape"]
    size = (b, a) if inp["layout"] == "NHWC" else (c, b)
    x = cv2.resize(rgb, size, interpolation=cv2.INTER_LINEAR).astype(np.float32)
    if inp["colour"] == "BGR":
        x = x[:, :, ::-1]
    x = (x - np.array(inp["mean"], np.float32)) * np.array(inp["scale"], np.float32)
    return x[None] if inp["layout"] == "NHWC" else x.transpose(2, 0, 1)[None].copy()


# ---- centernet ---------------------------------------------------------------------------------------
def centernet_decode(model, heatmap, dist, width, height, threshold):
    size = model["input"]["shape"][2]
    hm = heatmap[0]
    pooled = np.stack([cv2.dilate(c, np.ones((3, 3), np.uint8)) for c in hm])
    dets = []
    for c, y, x in np.argwhere((hm == pooled) & (hm >= threshold)):
        d = dist[0, :, y, x]
        box = np.array([4 * x - d[0], 4 * y - d[1], 4 * x + d[2], 4 * y + d[3]]) / size
        dets.append((model["labels"][c], float(hm[c, y, x]), box * [width, height, width, height]))
    return sorted(dets, key=lambda d: -d[1])


def nanodet_decode(model, outs, width, height, threshold):
    size = model["input"]["shape"][2]
    named = dict(zip([o["name"] for o in model["outputs"]], outs))
    dets = []
    for stride in (8, 16, 32):
        grid = size // stride
        cls, reg = named["cls_stride%d" % stride][0], named["box_stride%d" % stride][0].reshape(4, 11, -1)
        p = np.exp(reg - reg.max(axis=1, keepdims=True))
        dist = (p / p.sum(axis=1, keepdims=True) * np.arange(11)[None, :, None]).sum(axis=1) * stride
        for c, cell in np.argwhere(cls >= threshold):
            cy, cx = (np.array(divmod(cell, grid)) + 0.5) * stride
            d = dist[:, cell]
            box = np.array([cx - d[0], cy - d[1], cx + d[2], cy + d[3]]) / size
            dets.append((model["labels"][c], float(cls[c, cell]), box * [width, height, width, height]))
    keep = []
    for det in sorted(dets, key=lambda d: -d[1]):  # per-class greedy NMS
        if all(k[0] != det[0] or iou(k[2], det[2]) <= 0.5 for k in keep):
            keep.append(det)
    return keep


def verify_detector(model, dest, images, timings):
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    names = [o["name"] for o in model["outputs"]]
    embeddings = {}
    for image, expected in EXPECTED.items():
        bgr = cv2.imread(os.path.join(images, image))
        check(bgr is not None, "read %s" % image)
        if bgr is None:
            continue
        h, w = bgr.shape[:2]
        net.setInput(blob_for(model, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)))
        outs, seconds = timed_forward(net, names)
        timings.append((model["id"], image, seconds))
        embeddings[image] = outs[names.index("embedding")][0]
        if model["id"].startswith("centernet"):
            dets = centernet_decode(model, outs[0], outs[1], w, h, EXPECT_THRESHOLD)
        else:
            dets = nanodet_decode(model, outs, w, h, EXPECT_THRESHOLD)
        print("%s (%dx%d): %.3f s" % (image, w, h, seconds))
        for label, score, box in dets:
            if score >= DETECT_THRESHOLD:
                print("    %-12s %.2f  box %s" % (label, score, [int(round(v)) for v in box]))
        for labels, ref in expected:
            hits = [(s, iou(b, ref)) for l, s, b in dets if l in labels and iou(b, ref) >= 0.5]
            best = max(hits) if hits else None
            check(best is not None, "%s: %s at %s%s" % (image, "/".join(sorted(labels)), list(ref),
                                                       " score %.2f IoU %.2f" % best if best else ""))
    # embedding: a flipped copy stays closer than a different photo
    if "dog.jpg" in embeddings:
        bgr = cv2.imread(os.path.join(images, "dog.jpg"))[:, ::-1]
        net.setInput(blob_for(model, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)))
        flipped = net.forward("embedding")[0]
        cos = lambda a, b: float(a @ b / np.linalg.norm(a) / np.linalg.norm(b))
        same, other = cos(embeddings["dog.jpg"], flipped), max(
            cos(embeddings["dog.jpg"], e) for k, e in embeddings.items() if k != "dog.jpg")
        check(same > other, "%s embedding: cos(dog, flipped dog) %.3f > cos(dog, other photos) %.3f"
              % (model["id"], same, other))
    return net


def verify_nanodet_reference(model, dest, images, tfjs_dir):
    from tfjs_reference import Reference
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    bgr = cv2.imread(os.path.join(images, "dog.jpg"))
    blob = blob_for(model, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    net.setInput(blob)
    names = [o["name"] for o in model["outputs"]]
    outs = net.forward(names)
    tf_names = {"cls_stride8": "Identity:0", "box_stride8": "Identity_3:0", "cls_stride16": "Identity_1:0",
                "box_stride16": "Identity_4:0", "cls_stride32": "Identity_2:0", "box_stride32": "Identity_5:0",
                "embedding": "PartitionedCall/transpose_84"}
    refs = Reference(os.path.join(tfjs_dir, "nanodet.json")).run({"input_1": blob}, [tf_names[n] for n in names])
    worst = 0.0
    for name, out, ref in zip(names, outs, refs):
        ref = ref.mean(axis=(1, 2)) if name == "embedding" else ref.transpose(0, 2, 1)
        worst = max(worst, float(np.abs(out - ref).max() / max(1.0, np.abs(ref).max())))
    check(worst < 1e-4, "nanodet OpenCV vs numpy TF-graph reference on dog.jpg: max relative |diff| %.2g over "
                        "all 7 outputs" % worst)


def verify_centernet_reference(model, dest, images, tfjs_dir):
    from tfjs_reference import Reference
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    bgr = cv2.imread(os.path.join(images, "person.jpg"))
    blob = blob_for(model, cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    net.setInput(blob)
    hm, dist, emb = net.forward([o["name"] for o in model["outputs"]])
    ref = Reference(os.path.join(tfjs_dir, "centernet.json"))
    rh, rd, rf = ref.run({"tower_0/images": blob.transpose(0, 2, 3, 1)},
                         ["tower_0/keypoints", "tower_0/wh", "tower_0/extern1/hard_swish/mul_1"])
    diffs = (np.abs(rh.transpose(0, 3, 1, 2) - hm).max(), np.abs(rd.transpose(0, 3, 1, 2) - dist).max(),
             np.abs(rf.mean(axis=(1, 2)) - emb).max())
    check(diffs[0] < 1e-4 and diffs[1] < 0.05 and diffs[2] < 1e-3,
          "centernet OpenCV vs numpy TF-graph reference on person.jpg: max |diff| heatmap %.2g, "
          "box distances %.2g px (of up to %.0f), embedding %.2g" % (diffs[0], diffs[1], np.abs(rd).max(),
                                                                      diffs[2]))


# ---- images that show no COCO class and no face -------------------------------------------------------
NEGATIVES = ["brick", "grass", "gravel", "coins", "moon", "page", "text", "retina", "hubble_deep_field",
             "immunohistochemistry", "cell", "microaneurysms", "checkerboard", "logo", "colorwheel", "binary_blobs"]


def negative_images():
    import skimage.data
    images = {}
    for name in NEGATIVES:
        a = np.asarray(getattr(skimage.data, name)())
        if a.dtype == bool:
            a = a.astype(np.uint8) * 255
        if a.dtype != np.uint8:
            a = (a * 255 if a.max() <= 1 else a).astype(np.uint8)
        images[name] = np.ascontiguousarray((np.dstack([a] * 3) if a.ndim == 2 else a)[:, :, :3])
    return images


def report_false_objects(model, dest):
    """Prints how many negative images get a false object at common thresholds (a measurement, no check)."""
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    names = [o["name"] for o in model["outputs"]]
    best = {}
    for name, rgb in negative_images().items():
        h, w = rgb.shape[:2]
        net.setInput(blob_for(model, rgb))
        outs = net.forward(names)
        dets = centernet_decode(model, outs[0], outs[1], w, h, 0.2) if model["id"].startswith("centernet") \
            else nanodet_decode(model, outs, w, h, 0.2)
        best[name] = dets[0][:2] if dets else ("-", 0.0)
    counts = ", ".join("%d at %.2f" % (sum(s >= t for _, s in best.values()), t) for t in (0.3, 0.35, 0.4, 0.5))
    worst = sorted(best.items(), key=lambda kv: -kv[1][1])[:3]
    print("  %s on %d images without COCO objects: false objects on %s; worst %s" % (
        model["id"], len(best), counts, ", ".join("%s->%s %.2f" % (k, l, sc) for k, (l, sc) in worst)))


# ---- BlazeFace ---------------------------------------------------------------------------------------
def blazeface_anchors(model):
    centres = []
    for layer in model["anchors"]["layers"]:
        g = layer["grid"]
        for y in range(g):
            for x in range(g):
                centres += [((x + 0.5) / g, (y + 0.5) / g)] * layer["per_cell"]
    return np.array(centres)


def blazeface_detect(model, net, rgb, threshold=0.75):
    """Faces as (score, box in image pixels), overlaps merged by score-weighted averaging."""
    size = model["input"]["shape"][1]
    h, w = rgb.shape[:2]
    net.setInput(blob_for(model, rgb))
    s0, s1, r0, r1 = net.forward([o["name"] for o in model["outputs"]])
    logits = np.concatenate([s0[0, :, 0], s1[0, :, 0]])
    scores = 1 / (1 + np.exp(-np.clip(logits, -80, 80)))
    raw = np.concatenate([r0[0], r1[0]])
    centre = blazeface_anchors(model) + raw[:, :2] / size
    half = raw[:, 2:4] / size / 2
    boxes = np.hstack([centre - half, centre + half]) * [w, h, w, h]
    order = [i for i in np.argsort(-scores) if scores[i] > threshold]
    faces = []
    while order:
        group = [i for i in order if iou(boxes[order[0]], boxes[i]) > 0.3]
        weights = scores[group][:, None]
        faces.append((float(scores[order[0]]), (boxes[group] * weights).sum(0) / weights.sum()))
        order = [i for i in order if i not in group]
    return faces


def verify_blazeface(model, dest, timings):
    import skimage.data
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    astronaut = skimage.data.astronaut()
    faces = blazeface_detect(model, net, astronaut)
    _, seconds = timed_forward(net, [o["name"] for o in model["outputs"]])
    timings.append((model["id"], "astronaut.png", seconds))
    print("%s on astronaut.png: %s (%.4f s)" % (model["id"], [(round(s, 2), [int(v) for v in b]) for s, b in faces],
                                                seconds))
    check(len(faces) == 1 and iou(faces[0][1], ASTRONAUT_FACE) >= 0.5,
          "%s: one face on astronaut.png at %s" % (model["id"], list(ASTRONAUT_FACE)))
    negatives = dict(negative_images(), coffee=skimage.data.coffee())
    false = [name for name, rgb in negatives.items() if blazeface_detect(model, net, rgb)]
    check(not false, "%s: no face on %d images without faces%s" % (
        model["id"], len(negatives), " (found on %s)" % ", ".join(false) if false else ""))
    return faces[0][1] if faces else None


# ---- MobileFaceNet -----------------------------------------------------------------------------------
def face_crop(rgb, box, scale, dx=0.0, dy=0.0):
    """A square crop of side scale * max(box side) around the box centre (shifted by dx, dy box sides)."""
    cx = (box[0] + box[2]) / 2 + dx * (box[2] - box[0])
    cy = (box[1] + box[3]) / 2 + dy * (box[3] - box[1])
    half = max(box[2] - box[0], box[3] - box[1]) * scale / 2
    k = 112 / (2 * half)
    m = np.array([[k, 0, -(cx - half) * k], [0, k, -(cy - half) * k]])
    return cv2.warpAffine(rgb, m, (112, 112), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)


def lfw_faces(first, count):
    import skimage.data
    faces = skimage.data.lfw_subset()[first:first + count]  # 25x25 grey faces in [0, 1]
    return [np.dstack([cv2.resize((f * 255).astype(np.uint8), (112, 112))] * 3) for f in faces]


def as_lfw(rgb112):
    """Degrade a colour face crop the way lfw_subset's faces are (grey, 25x25) so both compare fairly."""
    g = cv2.resize(cv2.cvtColor(rgb112, cv2.COLOR_RGB2GRAY), (25, 25), interpolation=cv2.INTER_AREA)
    return np.dstack([cv2.resize(g, (112, 112))] * 3)


def verify_mobilefacenet(model, dest, face_box, timings):
    import skimage.data
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    centre = np.array(model["centre"]["vector"], np.float32)

    def embed(rgb112):
        net.setInput(blob_for(model, rgb112))
        e = net.forward("embedding")[0] - centre
        return e / np.linalg.norm(e)

    box = face_box if face_box is not None else ASTRONAUT_FACE
    astronaut = skimage.data.astronaut()
    scale = model["input"]["crop_scale"]
    net.setInput(blob_for(model, face_crop(astronaut, box, scale)))
    _, seconds = timed_forward(net, ["embedding"])
    timings.append((model["id"], "one 112x112 face", seconds))
    crops = [face_crop(astronaut, box, scale * s, dx, dy) for s, dx, dy in ((1, 0, 0), (1.1, 0.04, 0.03),
                                                                            (0.95, -0.04, 0.02))]
    others = [embed(f) for f in lfw_faces(50, 50)]
    for label, prep in (("colour crops", lambda c: c), ("grey 25x25 crops like LFW", as_lfw)):
        e = [embed(prep(c)) for c in crops]
        same = min(e[0] @ e[1], e[0] @ e[2], e[1] @ e[2])
        diff = max(a @ o for a in e for o in others)
        check(same > diff, "mobilefacenet (%s): same face min cos %.3f > astronaut vs 50 LFW faces max cos %.3f"
              % (label, same, diff))
    raw = [net.setInput(blob_for(model, c)) or net.forward("embedding")[0] for c in crops[:1]]
    print("    (uncentred cosine is ~1 for any two faces: |centre| %.0f vs |embedding - centre| %.1f)"
          % (np.linalg.norm(centre), np.linalg.norm(raw[0] - centre)))


def verify_mobilefacenet_reference(model, dest, tfjs_dir):
    from tfjs_reference import Reference
    net = cv2.dnn.readNetFromONNX(os.path.join(dest, model["file"]))
    blob = np.random.RandomState(1).uniform(-1, 1, (1, 3, 112, 112)).astype(np.float32)
    net.setInput(blob)
    e = net.forward("embedding")
    ref, = Reference(os.path.join(tfjs_dir, "mobilefacenet.json")).run(
        {"img_inputs": blob.transpose(0, 2, 3, 1)}, ["MobileFaceNet/Logits/SpatialSqueeze"])
    d = np.abs(ref - e).max()
    check(d < 1e-2, "mobilefacenet OpenCV vs numpy TF-graph reference: max |diff| %.2g (values up to %.0f)"
          % (d, np.abs(ref).max()))


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("dest")
    ap.add_argument("--tfjs-dir", help="unpacked human-models/models: also compare with the TF-graph reference")
    ap.add_argument("--images", default="/usr/share/darknet/data")
    ap.add_argument("--skip-if-missing", action="store_true",
                    help="exit 77 (ctest: skipped) when DEST has no manifest.json, unless CI=true (then fail)")
    a = ap.parse_args(argv)
    cv2.setNumThreads(1)
    if not os.path.isfile(os.path.join(a.dest, "manifest.json")):
        print("no learned models in %s: run packaging/models/prepare-models.sh %s" % (a.dest, a.dest))
        return 77 if a.skip_if_missing and os.environ.get("CI") != "true" else 1
    manifest = json.load(open(os.path.join(a.dest, "manifest.json")))
    models = {m["id"]: m for m in manifest["models"]}
    timings = []
    print("== nanodet-416")
    verify_detector(models["nanodet-416"], a.dest, a.images, timings)
    report_false_objects(models["nanodet-416"], a.dest)
    if a.tfjs_dir:
        verify_nanodet_reference(models["nanodet-416"], a.dest, a.images, a.tfjs_dir)
    print("== centernet-512")
    verify_detector(models["centernet-512"], a.dest, a.images, timings)
    report_false_objects(models["centernet-512"], a.dest)
    if a.tfjs_dir:
        verify_centernet_reference(models["centernet-512"], a.dest, a.images, a.tfjs_dir)
    face = None
    for bid in ("blazeface-back-256", "blazeface-front-128"):
        print("== " + bid)
        box = verify_blazeface(models[bid], a.dest, timings)
        face = face if face is not None else box
    print("== mobilefacenet-112")
    verify_mobilefacenet(models["mobilefacenet-112"], a.dest, face, timings)
    if a.tfjs_dir:
        verify_mobilefacenet_reference(models["mobilefacenet-112"], a.dest, a.tfjs_dir)
    print("== forward time, OpenCV %s, 1 thread (median of 3)" % cv2.__version__)
    for mid, what, seconds in timings:
        print("    %-20s %-18s %7.1f ms" % (mid, what, seconds * 1000))
    if failures:
        print("verify_models: %d check(s) failed" % len(failures), file=sys.stderr)
        return 1
    print("verify_models: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
