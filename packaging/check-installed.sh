#!/usr/bin/env bash
# Installs a VL Explorer .deb with apt (which must resolve every dependency it declares) and checks the
# installed programs from their installed paths:
#   - /usr/bin/vl-explorer --version and /usr/bin/vlx --version print the package's version, without a display;
#   - /usr/bin/vlx serve on a fresh data directory answers /api/v1/healthcheck over loopback HTTP, the
#     installed vlx lists its datasets with the credentials of its engine.json, and the engine finds the
#     installed learned models (when the package has them);
#   - /usr/bin/vl-explorer starts (offscreen) and keeps running;
#   - the desktop file, AppStream metainfo and icons are where desktops look for them.
# The package is removed again afterwards when it was not installed before.
#
#   packaging/check-installed.sh build/dev/packages/vl-explorer_<version>_<arch>.deb
set -euo pipefail

deb=$(realpath "${1:?usage: $0 PACKAGE.deb}")
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
fail() {
    echo "check-installed: FAIL: $*" >&2
    exit 1
}
step() { echo "check-installed: $*"; }

version=$(dpkg-deb -f "$deb" Version)
name=$(dpkg-deb -f "$deb" Package)
installed_before=false
dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" && installed_before=true

scratch=$(mktemp -d)
serve_pid=
app_pid=
cleanup() {
    [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
    rm -rf "$scratch"
    if [ "$installed_before" = false ] && dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "ok installed"; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq "$name" >/dev/null || true
    fi
}
trap cleanup EXIT

start=$(date +%s)
# Recommends (a keyring, Wayland) left out: the declared Depends alone must make the programs run.
step "apt-get install $deb"
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >"$scratch/apt.log" 2>&1 ||
    { cat "$scratch/apt.log" >&2; fail "apt-get could not install $deb"; }
installed=$(date +%s)

# Text-only runs must not need a display.
for program in vl-explorer vlx; do
    out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "/usr/bin/$program" --version 2>&1) ||
        fail "/usr/bin/$program --version failed: $out"
    [ "$out" = "$program $version" ] || fail "/usr/bin/$program --version printed '$out', expected '$program $version'"
    step "/usr/bin/$program --version: $out"
done

app_id=io.github.vlexplorer.VLExplorer
for file in /usr/share/applications/$app_id.desktop /usr/share/metainfo/$app_id.metainfo.xml \
    /usr/share/icons/hicolor/scalable/apps/$app_id.svg /usr/share/icons/hicolor/256x256/apps/$app_id.png; do
    [ -f "$file" ] || fail "$file is missing"
done
models_in_package=false
dpkg -L "$name" | grep -q '/usr/share/vl-explorer/models/manifest.json$' && models_in_package=true

# The installed engine, on its own data directory, over loopback HTTP.
export XDG_DATA_HOME="$scratch/xdg/data" XDG_CONFIG_HOME="$scratch/xdg/config" XDG_CACHE_HOME="$scratch/xdg/cache"
data="$scratch/engine"
/usr/bin/vlx serve --data "$data" >"$scratch/serve.out" 2>"$scratch/serve.err" &
serve_pid=$!
url=
for _ in $(seq 1 300); do
    url=$(sed -n 's/^listening on //p' "$scratch/serve.out")
    [ -n "$url" ] && break
    kill -0 "$serve_pid" 2>/dev/null || fail "vlx serve exited: $(cat "$scratch/serve.err")"
    sleep 0.1
done
[ -n "$url" ] || fail "vlx serve printed no URL within 30 s"
case "$url" in http://127.0.0.1:*) ;; *) fail "vlx serve listens on $url, not on loopback" ;; esac
[ -f "$data/engine.json" ] || fail "vlx serve wrote no $data/engine.json"
health=$(curl -fsS --max-time 10 "$url/api/v1/healthcheck") || fail "no answer from $url/api/v1/healthcheck"
echo "$health" | grep -q "\"version\":\"$version\"" || fail "healthcheck answered '$health'"
step "vlx serve on $url: healthcheck $health"
/usr/bin/vlx --engine "$data" datasets >"$scratch/datasets.out" 2>&1 ||
    fail "vlx --engine datasets against the installed engine: $(cat "$scratch/datasets.out")"
# The engine's model list names the learned COCO detector only when it found the installed models.
mkdir -p "$scratch/photos"
id=$(/usr/bin/vlx --engine "$data" add-folder "$scratch/photos" --name check 2>&1) || fail "add-folder: $id"
models=$(/usr/bin/vlx --engine "$data" --json models "$id" 2>&1) || fail "vlx models: $models"
if [ "$models_in_package" = true ]; then
    echo "$models" | grep -q "CenterNet" || fail "the installed engine did not find the installed models: $models"
    step "the installed engine uses the installed learned models"
else
    step "this package has no learned models (build/models was missing when it was made)"
fi
kill -TERM "$serve_pid"
wait "$serve_pid" || fail "vlx serve did not exit cleanly on SIGTERM: $(cat "$scratch/serve.err")"
serve_pid=
grep -q stopped "$scratch/serve.err" || fail "vlx serve did not report stopping"

# The desktop app itself starts on its embedded engine (offscreen: CI has no display).
QT_QPA_PLATFORM=offscreen /usr/bin/vl-explorer >"$scratch/app.log" 2>&1 &
app_pid=$!
sleep 5
kill -0 "$app_pid" 2>/dev/null || fail "/usr/bin/vl-explorer exited at start: $(cat "$scratch/app.log")"
kill -TERM "$app_pid"
wait "$app_pid" 2>/dev/null || true
app_pid=
step "/usr/bin/vl-explorer started and ran for 5 s"

echo "check-installed: OK ($name $version: apt install $((installed - start)) s, checks $(($(date +%s) - installed)) s)"
