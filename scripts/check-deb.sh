#!/usr/bin/env bash
# Tries the Debian package as a user would, on this machine (as root):
#
#   scripts/check-deb.sh [PACKAGE.deb] [OUT.png]
#
# installs it with dpkg -i, checks that the desktop entry, icons and the draft MIME type are
# registered, starts the installed binary with the desktop entry's own command and a draft
# (%f) under Xvfb, takes a screenshot, then removes the package and checks nothing is left.
# Needs (Debian): xvfb imagemagick xdotool libgl1 libgl1-mesa-dri desktop-file-utils
# shared-mime-info xdg-utils libfile-mimeinfo-perl.
set -euo pipefail
cd "$(dirname "$0")/.."

deb=${1:-$(ls -1t "${CARGO_TARGET_DIR:-target}"/debian/nianbao_*.deb | head -1)}
out=${2:-deb-check.png}
display=${SCREEN_DISPLAY:-:98}
data=$(mktemp -d)

xvfb=
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT

echo "== install $deb"
dpkg -i "$deb"
dpkg -L nianbao
desktop=/usr/share/applications/nianbao.desktop
desktop-file-validate "$desktop"
grep -q '^Name=政府信息公开年报$' "$desktop"
for s in 16 32 48 64 128 256; do
    test -s "/usr/share/icons/hicolor/${s}x${s}/apps/nianbao.png"
done

echo "== a draft is application/x-nianbao"
draft="$data/年报草稿.nianbao"
cp tests/fixtures/000_*.ron "$draft"
mime=$(xdg-mime query filetype "$draft")
echo "$draft: $mime"
[ "$mime" = application/x-nianbao ]
# What a file manager opens on a double-click.
default=$(xdg-mime query default application/x-nianbao)
echo "opens with: $default"
[ "$default" = nianbao.desktop ]

echo "== start the menu entry's command with the draft"
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
for _ in $(seq 1 40); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.25
done
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
# %f is the file a double-click hands over.
cmd=${exec_line//%f/\"$draft\"}
echo "$cmd"
DISPLAY=$display XDG_DATA_HOME=$data XDG_CONFIG_HOME=$data LIBGL_ALWAYS_SOFTWARE=1 \
    PATH=/usr/bin:/bin bash -c "exec $cmd" &
app=$!
wid=
for _ in $(seq 1 60); do
    wid=$(DISPLAY=$display xdotool search --class nianbao 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.5
done
[ -n "$wid" ] || { echo "the window did not appear" >&2; exit 1; }
sleep "${SETTLE:-3}"
DISPLAY=$display xdotool getwindowname "$wid"
DISPLAY=$display import -window root "$out"
echo "screenshot: $out"
kill "$app"
wait "$app" 2>/dev/null || true
app=

echo "== remove"
dpkg -r nianbao
for f in /usr/bin/nianbao "$desktop" /usr/share/mime/packages/nianbao.xml \
    /usr/share/icons/hicolor/48x48/apps/nianbao.png; do
    if [ -e "$f" ]; then
        echo "left behind: $f" >&2
        exit 1
    fi
done
[ "$(xdg-mime query filetype "$draft")" != application/x-nianbao ]
echo "removed cleanly"
