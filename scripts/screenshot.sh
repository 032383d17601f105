#!/usr/bin/env bash
# Screenshot of the real application window under a virtual X server.
#
#   scripts/screenshot.sh [DRAFT.nianbao] [OUT.png]
#
# Environment:
#   PROFILE=release|dev   build profile (default release)
#   SCROLL=N              mouse-wheel steps down over the report before the shot (default 0)
#   SETTLE=S              seconds to wait after the window appears (default 2)
#   CLICK="X Y[;X Y…]"    click at these window positions in turn before the shot
#   RECENT="A B …"        drafts listed as recently opened (absolute paths, no spaces)
#
# Needs (Debian): xvfb imagemagick xdotool libgl1 libgl1-mesa-dri libx11-xcb1 libxcursor1
# libxi6 libxkbcommon-x11-0. The app runs with a throw-away data folder, so recent files and
# recovery copies of the user are not touched.
set -euo pipefail
cd "$(dirname "$0")/.."

draft=${1:-}
out=${2:-screenshot.png}
profile=${PROFILE:-release}
display=${SCREEN_DISPLAY:-:99}

if [ "$profile" = release ]; then
    cargo build --release --quiet
    dir=release
else
    cargo build --quiet
    dir=debug
fi
# Wait for a server left over from a previous run to go away.
for _ in $(seq 1 20); do
    [ -e "/tmp/.X${display#:}-lock" ] || break
    sleep 0.25
done
data=$(mktemp -d)
# A private copy: a shared target folder may get another build's binary meanwhile.
# (Not at $data/nianbao: that is the settings folder.)
mkdir "$data/bin"
cp "${CARGO_TARGET_DIR:-target}/$dir/nianbao" "$data/bin/nianbao"
bin="$data/bin/nianbao"
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
app=
cleanup() {
    [ -n "$app" ] && kill "$app" 2>/dev/null || true
    kill "$xvfb" 2>/dev/null || true
    wait "$xvfb" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 40); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.25
done

if [ -n "${RECENT:-}" ]; then
    # The settings file eframe keeps: a map of keys to RON values (the list of paths).
    mkdir -p "$data/nianbao"
    list=$(printf '\\"%s\\",' $RECENT)
    printf '{"nianbao.recent": "[%s]"}\n' "${list%,}" >"$data/nianbao/app.ron"
fi
args=()
[ -n "$draft" ] && args+=("$draft")
DISPLAY=$display XDG_DATA_HOME=$data XDG_CONFIG_HOME=$data LIBGL_ALWAYS_SOFTWARE=1 \
    "$bin" "${args[@]}" &
app=$!

wid=
for _ in $(seq 1 60); do
    wid=$(DISPLAY=$display xdotool search --class nianbao 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    sleep 0.5
done
if [ -z "$wid" ]; then
    echo "the window did not appear" >&2
    exit 1
fi
sleep "${SETTLE:-2}"
if [ "${SCROLL:-0}" -gt 0 ]; then
    DISPLAY=$display xdotool mousemove 760 420 click --repeat "$SCROLL" --delay 60 5
    sleep 1
fi
if [ -n "${CLICK:-}" ]; then
    # Several clicks in turn: "X1 Y1;X2 Y2" (a menu, then its entry).
    IFS=';' read -r -a clicks <<<"$CLICK"
    for at in "${clicks[@]}"; do
        # shellcheck disable=SC2086
        DISPLAY=$display xdotool mousemove $at click 1
        sleep 1
    done
fi
DISPLAY=$display import -window root "$out"
echo "$out"
