#!/usr/bin/env bash
# Makes the scanned test documents in tests/fixtures/scans/ from PDFs with a text layer, as
# a scanner would: each page rendered at DPI (default 150) in colour, a red seal drawn over
# the signature on the last page, turned ANGLE degrees (default 0.35), Gaussian noise and a
# slight blur, saved as JPEG (quality 80) and joined into a PDF without a text layer.
#
#   scripts/make-scans.sh SOURCE.pdf OUT.pdf [DPI] [ANGLE]
#   PHOTO=1 scripts/make-scans.sh SOURCE.pdf OUT.pdf [DPI]
#   GREY=1 scripts/make-scans.sh SOURCE.pdf OUT.pdf [DPI] [ANGLE]
#
# With GREY=1 the pages are saved in grey, as a scanner's greyscale mode does.
#
# With PHOTO=1 each page is photographed instead: lying on a desk (a brown-grey ground
# around it), seen from a little off square (a keystone: the sheet's corners pulled in by
# 1.2-4 % unevenly), in light falling off to about 70 % towards the bottom, with noise,
# blur and JPEG at quality 85; no seal.
#
# The expected values of a scan are those of its source (the `.expected` beside the
# source, written by hand from the original). Needs poppler-utils, ImageMagick and the pip
# package img2pdf. Not part of `cargo test`; the documents it made are committed.
set -euo pipefail
src=$1
out=$2
dpi=${3:-150}
angle=${4:-0.35}
for tool in pdftoppm convert img2pdf; do
  command -v "$tool" >/dev/null || {
    echo "$tool is needed (apt-get install poppler-utils imagemagick; pip install img2pdf)" >&2
    exit 1
  }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pdftoppm -r "$dpi" -png "$src" "$work/p"
pages=("$work"/p-*.png)
if [ -n "${PHOTO:-}" ]; then
  jpgs=()
  for p in "${pages[@]}"; do
    size=$(identify -format '%w %h' "$p")
    w=${size% *}
    h=${size#* }
    # Where the sheet's corners land: top left, top right, bottom left, bottom right.
    corners="0,0 $((w * 42 / 1000)),$((h * 26 / 1000))  $w,0 $((w - w * 36 / 1000)),$((h * 22 / 1000))"
    corners="$corners  0,$h $((w * 18 / 1000)),$((h - h * 9 / 1000))  $w,$h $((w - w * 16 / 1000)),$((h - h * 13 / 1000))"
    j=${p%.png}.jpg
    convert "$p" -virtual-pixel background -background 'rgb(118,108,96)' \
      -distort Perspective "$corners" \
      \( -size "${w}x${h}" gradient:'rgb(255,255,255)-rgb(175,170,160)' \) \
      -compose Multiply -composite \
      -attenuate 0.4 +noise Gaussian -blur 0x0.6 -quality 85 "$j"
    jpgs+=("$j")
  done
  img2pdf --pagesize A4 "${jpgs[@]}" -o "$out"
  echo "$out: ${#jpgs[@]} pages photographed at $dpi dpi"
  exit 0
fi
last=${pages[-1]}
# The seal: a red ring and star over the right half, where a signature stands, its size
# and place in proportion to the page.
size=$(identify -format '%w %h' "$last")
w=${size% *}
h=${size#* }
cx=$((w * 66 / 100))
cy=$((h * 40 / 100))
r=$((w * 11 / 100))
# Drawn on white and multiplied in, as seal ink lies over the print without hiding it.
convert -size "${w}x${h}" xc:white -fill none -stroke 'rgb(214,40,40)' -strokewidth $((w / 200 + 1)) \
  -draw "circle $cx,$cy $((cx + r)),$cy" \
  -fill 'rgb(214,40,40)' -stroke none \
  -draw "polygon $cx,$((cy - r / 3)) $((cx + r / 10)),$((cy - r / 10)) $((cx + r / 3)),$((cy - r / 10)) $((cx + r / 7)),$((cy + r / 12)) $((cx + r / 5)),$((cy + r / 3)) $cx,$((cy + r / 6)) $((cx - r / 5)),$((cy + r / 3)) $((cx - r / 7)),$((cy + r / 12)) $((cx - r / 3)),$((cy - r / 10)) $((cx - r / 10)),$((cy - r / 10))" \
  "$work/seal.png"
convert "$last" "$work/seal.png" -compose Multiply -composite "$last"
jpgs=()
for p in "${pages[@]}"; do
  j=${p%.png}.jpg
  grey=()
  [ -n "${GREY:-}" ] && grey=(-colorspace Gray)
  convert "$p" -rotate "$angle" -background white -flatten \
    -attenuate 0.3 +noise Gaussian -blur 0x0.4 "${grey[@]}" -quality 80 "$j"
  jpgs+=("$j")
done
img2pdf --pagesize A4 "${jpgs[@]}" -o "$out"
echo "$out: ${#jpgs[@]} pages at $dpi dpi, turned $angle°"
