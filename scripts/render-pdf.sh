#!/usr/bin/env bash
# Exports a draft to PDF and renders its pages to PNG for a visual check (needs poppler-utils).
#   scripts/render-pdf.sh DRAFT.nianbao [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
draft=$1
command -v pdftoppm >/dev/null || { echo "pdftoppm missing: apt-get install poppler-utils" >&2; exit 1; }
out=${2:-target/pdf-render}
mkdir -p "$out"
cargo run --release --quiet -- export "$draft" --pdf "$out/report.pdf"
pdftoppm -png -r 70 "$out/report.pdf" "$out/page"
ls "$out"
