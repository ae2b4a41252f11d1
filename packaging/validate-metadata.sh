#!/usr/bin/env bash
# Checks the packaging metadata that cannot be built here: the desktop file (desktop-file-validate), the
# AppStream metainfo (appstreamcli validate), the Flatpak manifest (YAML, the permissions the app needs and,
# when flatpak-builder is installed, its own parse), the desktop CI workflow (YAML), the macOS Info.plist
# template and the vcpkg manifest. A missing tool skips (exit 77), or fails when CI=true.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
app_id=io.github.vlexplorer.VLExplorer
py=/usr/bin/python3

need() {
    command -v "$1" >/dev/null && return 0
    echo "validate-metadata: $1 is missing (Debian package $2)" >&2
    [ "${CI:-}" = true ] && exit 1
    exit 77
}
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
"$py" -c 'import yaml' 2>/dev/null || need python3-yaml python3-yaml

# desktop-file-validate prints hints and errors; any output is a finding.
out=$(desktop-file-validate "packaging/linux/$app_id.desktop" 2>&1) || { echo "$out" >&2; exit 1; }
[ -z "$out" ] || { echo "$out" >&2; exit 1; }
appstreamcli validate --no-net "packaging/linux/$app_id.metainfo.xml"

"$py" - "$app_id" <<'PY'
import json, plistlib, sys, yaml
app_id = sys.argv[1]
manifest = yaml.safe_load(open(f"packaging/flatpak/{app_id}.yml"))
assert manifest["app-id"] == app_id, manifest["app-id"]
args = manifest["finish-args"]
for wanted in ("--talk-name=org.freedesktop.secrets", "--share=network", "--socket=wayland",
               "--socket=fallback-x11", "--filesystem=home"):
    assert wanted in args, f"Flatpak finish-args lack {wanted}"
assert manifest["modules"][-1]["name"] == "vl-explorer"
workflow = yaml.safe_load(open(".github/workflows/desktop.yml"))
runners = sorted(job["runs-on"] for job in workflow["jobs"].values())
assert runners == ["macos-latest", "windows-latest"], runners
plist = plistlib.load(open("packaging/macos/Info.plist.in", "rb"))
assert plist["CFBundleIdentifier"] == "${MACOSX_BUNDLE_GUI_IDENTIFIER}"
json.load(open("packaging/windows/vcpkg.json"))
print("validate-metadata: Flatpak manifest, workflow, Info.plist and vcpkg manifest parse")
PY

if command -v flatpak-builder >/dev/null; then
    # It leaves a .flatpak-builder state folder in its working directory: run it in a throw-away one.
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    err=$(cd "$scratch" && flatpak-builder --show-manifest "$root/packaging/flatpak/$app_id.yml" 2>&1 >/dev/null)
    [ -z "$err" ] || { echo "flatpak-builder: $err" >&2; exit 1; }
    echo "validate-metadata: flatpak-builder --show-manifest accepts the manifest"
fi
