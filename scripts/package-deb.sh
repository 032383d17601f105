#!/usr/bin/env bash
# Builds the Debian package (统信UOS, 银河麒麟, Debian, Ubuntu) with cargo-deb:
#
#   scripts/package-deb.sh            # → target/debian/nianbao_<version>-1_<arch>.deb
#
# What goes in is listed under [package.metadata.deb] in Cargo.toml: the release binary, the
# desktop entry "政府信息公开年报", the icons (hicolor, 16–256 px) and the MIME type
# application/x-nianbao (*.nianbao drafts). Needs dpkg-dev (dpkg-shlibdeps computes the
# library dependencies); cargo-deb is installed when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cargo-deb >/dev/null 2>&1; then
    cargo install cargo-deb --locked
fi
if ! command -v dpkg-shlibdeps >/dev/null 2>&1; then
    echo "dpkg-shlibdeps is missing: apt-get install dpkg-dev" >&2
    exit 1
fi
# Builds target/release/nianbao with the release profile, then packs it.
cargo deb "$@"
ls -1t "${CARGO_TARGET_DIR:-target}"/debian/nianbao_*.deb | head -1
