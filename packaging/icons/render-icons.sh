#!/usr/bin/env bash
# Re-renders the committed application icons from resources/icons/app.svg: hicolor PNGs (16-512 px) with
# Qt's SVG renderer, then app.ico (Windows installer and executable) and app.icns (macOS bundle) with Pillow
# (Debian's python3-pil). Needs a configured dev build.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$here"
cmake --build --preset dev --target vl_render_icons >/dev/null
QT_QPA_PLATFORM=offscreen build/dev/packaging/vl_render_icons resources/icons/app.svg packaging/icons
/usr/bin/python3 - <<'PY'
from PIL import Image
big = Image.open("packaging/icons/512.png")
big.save("packaging/icons/app.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
big.save("packaging/icons/app.icns")
PY
echo "icons written to packaging/icons"
