#!/usr/bin/env bash
# Draws a draft's 图解 in its three forms and makes each a picture to look at:
#   scripts/render-infographic.sh DRAFT.nianbao [OUT_DIR] [LAST_YEAR]
# → 图解.png as exported, pdf-1.png (the PDF rendered by pdftoppm), svg.png (the SVG as
# headless Chromium shows it, with whatever faces the machine has).
# Needs: poppler-utils; chromium for the SVG (skipped without it).
set -euo pipefail
cd "$(dirname "$0")/.."
draft=$1
out=${2:-target/infographic-render}
last=${3:-}
mkdir -p "$out"
previous=()
[ -n "$last" ] && previous=(--previous "$last")
for ext in png svg pdf; do
    cargo run --release --quiet -- export "$draft" --infographic "$out/图解.$ext" "${previous[@]}"
done
pdftoppm -png -r 72 "$out/图解.pdf" "$out/pdf"
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
    height=$(grep -o 'height="[0-9.]*"' "$out/图解.svg" | head -1 | tr -dc '0-9.')
    "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --hide-scrollbars --screenshot="$(realpath "$out")/svg.png" \
        --window-size="750,${height%.*}" "file://$(realpath "$out/图解.svg")" 2>/dev/null
fi
ls "$out"
