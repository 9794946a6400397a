#!/usr/bin/env bash
# Extracts the real photographs that Debian's python3-skimage package ships (skimage/data/) into
# .data/photos/ without installing the Python package: `apt-get download` + `dpkg -x`.
# Idempotent; used by tests, the model build and the demo. Licence: scikit-image data, see the package's
# copyright file (copied beside the photos).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
OUT=${VIGIL_PHOTOS_DIR:-$ROOT/.data/photos}
PHOTOS=(astronaut.png chelsea.png coffee.png motorcycle_left.png rocket.jpg camera.png page.png horse.png
  hubble_deep_field.jpg coins.png moon.png text.png retina.jpg no_time_for_that_tiny.gif)
if [ -f "$OUT/.complete" ]; then exit 0; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && { apt-get download python3-skimage >/dev/null 2>&1 || { apt-get update -qq && apt-get download python3-skimage >/dev/null; }; })
dpkg -x "$work"/python3-skimage_*.deb "$work/x"
src=$(find "$work/x" -type d -path '*skimage/data' | head -1)
mkdir -p "$OUT"
for p in "${PHOTOS[@]}"; do [ -f "$src/$p" ] && cp "$src/$p" "$OUT/"; done
cp "$(find "$work/x" -name copyright -path '*python3-skimage*' | head -1)" "$OUT/COPYRIGHT.skimage" 2>/dev/null || true
touch "$OUT/.complete"
echo "photos: $(ls "$OUT" | wc -l) files in $OUT"
