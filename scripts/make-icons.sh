#!/usr/bin/env bash
# Renders assets/icons/nianbao.svg to the PNG sizes desktops use (assets/icons/nianbao-N.png).
# The 年报 text is set with Noto Sans CJK SC Bold alone (Debian: fonts-noto-cjk), so the
# result does not depend on the other fonts installed here. Needs rsvg-convert (Debian:
# librsvg2-bin) and fontconfig.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc "$tmp/"
cat > "$tmp/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$tmp</dir>
  <cachedir>$tmp/cache</cachedir>
</fontconfig>
CONF
export FONTCONFIG_FILE="$tmp/fonts.conf"

for size in 16 32 48 64 128 256; do
    rsvg-convert -w "$size" -h "$size" assets/icons/nianbao.svg -o "assets/icons/nianbao-$size.png"
    echo "assets/icons/nianbao-$size.png"
done

# The Windows icon (.exe resource, installer, draft association): all sizes in one .ico
# (ImageMagick; 256 is stored as PNG inside, as Windows Vista and later expect).
convert $(for size in 16 32 48 64 128 256; do echo "assets/icons/nianbao-$size.png"; done) assets/icons/nianbao.ico
echo "assets/icons/nianbao.ico"
