#!/usr/bin/env bash
# Builds the Windows release from Linux:
#
#   scripts/build-windows.sh            # .exe, installer and portable .zip
#   scripts/build-windows.sh --exe      # the .exe only
#
#   target/x86_64-win7-windows-gnu/release/nianbao.exe    one file, fonts and templates inside
#   target/windows/nianbao-setup-<version>.exe            per-user installer (NSIS), /S = silent
#   target/windows/nianbao-<version>-windows-x64.zip      portable: nianbao.exe + README
#
# Target x86_64-win7-windows-gnu: its standard library needs only what Windows 7 SP1 has
# (the tier-1 x86_64-pc-windows-gnu std calls ProcessPrng of bcryptprimitives.dll, which
# Windows 7/8 and wine 8 lack), and it runs unchanged on Windows 8, 10 and 11. A tier-3
# target has no prebuilt std, so Debian's Rust (rustc-web, with rust-web-src) builds it with
# -Zbuild-std; MinGW-w64 links (.cargo/config.toml). Takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-win7-windows-gnu
need=()
[ -x /usr/bin/cargo ] && /usr/bin/rustc --version >/dev/null 2>&1 || need+=(rustc-web cargo-web)
[ -d /usr/lib/rustlib/src/rust/library ] || need+=(rust-web-src)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
if [ "${1:-}" != "--exe" ]; then
    command -v makensis >/dev/null || need+=(nsis)
    command -v zip >/dev/null || need+=(zip)
fi
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

# Debian's toolchain first on PATH (rustup's has no Windows std and cannot fetch one here).
export PATH=/usr/bin:$PATH
RUSTC_BOOTSTRAP=1 cargo build --release -Zbuild-std --target "$TARGET" --bin nianbao
exe="${CARGO_TARGET_DIR:-target}/$TARGET/release/nianbao.exe"
ls -l "$exe"
[ "${1:-}" = "--exe" ] && exit 0

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
out="${CARGO_TARGET_DIR:-target}/windows"
mkdir -p "$out"
# The installer: per user, no administrator rights (packaging/windows/nianbao.nsi).
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DEXE="$(realpath "$exe")" -DOUT="$(realpath "$out")/nianbao-setup-$version.exe" \
    packaging/windows/nianbao.nsi
# The portable .zip: the same .exe and the OCR model; drafts and settings go to %APPDATA% as
# when installed.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/nianbao-$version"
cp "$exe" "$stage/nianbao-$version/"
cp README.md "$stage/nianbao-$version/README.md"
cp assets/fonts/OFL.txt "$stage/nianbao-$version/OFL-fonts.txt"
# The OCR model for scanned reports, in ocr\ beside the .exe where it looks for it.
mkdir "$stage/nianbao-$version/ocr"
cp assets/ocr/ch_PP-OCRv4_rec.onnx assets/ocr/README.md "$stage/nianbao-$version/ocr/"
rm -f "$out/nianbao-$version-windows-x64.zip"
(cd "$stage" && zip -q -r -X "$OLDPWD/$out/nianbao-$version-windows-x64.zip" "nianbao-$version")
ls -l "$out"
