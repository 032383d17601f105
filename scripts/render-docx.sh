#!/usr/bin/env bash
# Exports a draft to .docx, .html and PDF, converts the .docx with LibreOffice to PDF and
# renders both PDFs to PNG pages side by side; screenshots the web page in Chromium.
#   scripts/render-docx.sh DRAFT.ron [OUT_DIR]
# Needs: libreoffice-writer-nogui poppler-utils chromium (Debian); imagemagick for the
# side-by-side sheets (optional).
set -euo pipefail
cd "$(dirname "$0")/.."
draft=$1
out=${2:-target/docx-render}
rm -rf "$out"
mkdir -p "$out"
bin=${NIANBAO:-target/debug/nianbao}
[ -x "$bin" ] || cargo build --quiet
"$bin" export "$draft" --docx "$out/report.docx" --html "$out/report.html" --pdf "$out/report.pdf"
# A private profile: no first-start dialogs, no interference with a running office suite.
soffice -env:UserInstallation=file:///tmp/nianbao-lo-profile --headless \
  --convert-to pdf --outdir "$out/lo" "$out/report.docx" >/dev/null
pdftoppm -png -r 70 "$out/lo/report.pdf" "$out/docx-page"
pdftoppm -png -r 70 "$out/report.pdf" "$out/pdf-page"
echo "pages: docx (LibreOffice) $(pdfinfo "$out/lo/report.pdf" | awk '/^Pages/ {print $2}'), pdf $(pdfinfo "$out/report.pdf" | awk '/^Pages/ {print $2}')"
if command -v montage >/dev/null; then
  for f in "$out"/docx-page-*.png; do
    n=${f##*-}
    montage "$f" "$out/pdf-page-$n" -tile 2x1 -geometry +6+6 "$out/side-by-side-$n"
  done
fi
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$browser" ]; then
  "$browser" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --screenshot="$(realpath "$out")/html.png" --window-size=1200,3000 \
    "file://$(realpath "$out/report.html")" 2>/dev/null
fi
ls "$out"
