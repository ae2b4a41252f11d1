#!/usr/bin/env bash
# Fresh-machine set-up for VL Explorer on Debian 12: installs the Debian packages that are missing,
# configures and builds with CMake presets (Ninja), then either starts the app or runs the test suite.
#
#   packaging/bootstrap.sh run            build the dev preset and start vl-explorer on the embedded engine
#   packaging/bootstrap.sh test           build and run ctest in the dev preset, then in the asan preset
#   packaging/bootstrap.sh test --quick   dev preset only
# The full test also packages the dev build as a .deb (CPack), installs it with apt and runs the installed
# programs (packaging/check-installed.sh).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

packages=(
    cmake ninja-build g++ pkg-config ccache
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-image-formats-plugins qt6-svg-dev libqt6svg6
    qt6-l10n-tools qtkeychain-qt6-dev libcpp-httplib-dev libssl-dev
    libopencv-dev opencv-data libsqlite3-dev libgl-dev libzip-dev libtesseract-dev tesseract-ocr-eng
    dbus dbus-x11 gnome-keyring wordnet-base python3-onnx python3-numpy python3-skimage
    npm openssl python3-opencv darknet python-matplotlib-data
    qt6-tools-dev appstream desktop-file-utils dpkg-dev curl python3-yaml
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_missing_packages() {
    local missing=()
    for p in "${packages[@]}"; do
        # a NodeSource nodejs ships its own npm and conflicts with Debian's npm package
        if [ "$p" = npm ] && command -v npm >/dev/null; then continue; fi
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        echo "Installing missing packages: ${missing[*]}"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    fi
}

build_preset() {
    local preset=$1
    local werror=OFF
    [ "${CI:-}" = "true" ] && werror=ON
    cmake --preset "$preset" -DVL_WERROR="$werror" >/dev/null
    cmake --build --preset "$preset" -- -j"$(nproc)"
}

# Learned models (BlazeFace, CenterNet, MobileFaceNet) from the npm registry, converted once into a
# directory all presets share. Without them the engine still runs on its classical detectors.
prepare_models() {
    "$here/packaging/models/prepare-models.sh" "$here/build/models" ||
        echo "warning: learned models unavailable (see above); continuing without them" >&2
}

# The .deb from the dev build (already built and tested: no third build), stripped of its debug info by
# CPack, installed with apt and run from /usr/bin. Release packages come from the release preset the same way.
package_and_check() {
    local dir=$here/build/dev
    rm -f "$dir"/packages/*.deb
    (cd "$dir" && cpack -G DEB >/dev/null)
    local deb
    deb=$(ls "$dir"/packages/*.deb)
    "$here/packaging/check-installed.sh" "$deb"
}

run_tests() {
    local preset=$1
    # Keychain tests talk to a real Secret Service: a private D-Bus session with a throw-away,
    # unlocked gnome-keyring. Nothing touches the user's own keyring.
    dbus-run-session -- "$here/packaging/test-session.sh" "$preset"
}

mode=${1:-}
shift || true
case "$mode" in
run)
    install_missing_packages
    prepare_models
    build_preset dev
    exec "$here/build/dev/app/vl-explorer/vl-explorer" "$@"
    ;;
test)
    install_missing_packages
    prepare_models
    build_preset dev
    run_tests dev
    if [ "${1:-}" != "--quick" ]; then
        build_preset asan
        run_tests asan
        package_and_check
    fi
    ;;
*)
    echo "usage: $0 run|test [--quick]" >&2
    exit 2
    ;;
esac
