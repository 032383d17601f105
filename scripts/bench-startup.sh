#!/usr/bin/env bash
# Start-up to the first frame and size of a nianbao binary, under a virtual X server with
# software OpenGL (what a remote desktop or virtual machine gives):
#
#   scripts/bench-startup.sh [BINARY] [RUNS]     # default: target/release/nianbao, 20 runs
#
# Needs hyperfine, xvfb, xdotool, libgl1-mesa-dri. The binary is copied to a private folder
# first, so a build running meanwhile cannot swap it.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-${CARGO_TARGET_DIR:-target}/release/nianbao}
runs=${2:-20}
display=${SCREEN_DISPLAY:-:97}
data=$(mktemp -d)
cp "$bin" "$data/nianbao"
Xvfb "$display" -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 40); do
    DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break
    sleep 0.25
done
echo "size: $(stat -c %s "$data/nianbao") bytes"
DISPLAY=$display XDG_DATA_HOME=$data XDG_CONFIG_HOME=$data LIBGL_ALWAYS_SOFTWARE=1 \
    NIANBAO_EXIT_AFTER_FIRST_FRAME=1 \
    hyperfine -N --warmup 3 --runs "$runs" "$data/nianbao"
