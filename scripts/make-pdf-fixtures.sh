#!/bin/sh
# Rebuilds the PDF fixtures of tests/it/import_pdf.rs in tests/fixtures/real/.
# Needs: python3, LibreOffice (libreoffice-writer-nogui), poppler-utils, qpdf, and a built
# nianbao (cargo build). The expected values live in tests/it/import_pdf.rs, written by hand.
set -eu
cd "$(dirname "$0")/.."
out=tests/fixtures/real
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nianbao=${NIANBAO:-target/debug/nianbao}

# The official blank template filled with the made-up 云岭区 report, as LibreOffice prints it.
python3 scripts/fill-official-template.py \
    ../shared/fixtures/real/official-blank-template-2021.docx "$tmp/filled.docx"
soffice -env:UserInstallation=file://"$tmp"/lo --headless --convert-to pdf --outdir "$tmp" \
    "$tmp/filled.docx" >/dev/null
cp "$tmp/filled.pdf" "$out/filled-2021-libreoffice.pdf"

# The same report, and a published one, as nianbao prints them.
"$nianbao" export "$out/yunling-2022.ron" --pdf "$out/yunling-2022-nianbao.pdf"
"$nianbao" export tests/fixtures/001_4215243010f676eb.ron --pdf "$out/chanhe-2022-nianbao.pdf"

# A scan: the first page as a JPEG in a PDF with no text layer.
pdftoppm -jpeg -r 60 -f 1 -l 1 "$out/filled-2021-libreoffice.pdf" "$tmp/scan"
python3 scripts/jpeg-to-pdf.py "$tmp"/scan-1.jpg "$out/scanned.pdf"

# Locked with a user password, and protected with an owner password only.
qpdf --encrypt user123 owner456 256 -- "$out/filled-2021-libreoffice.pdf" "$out/encrypted.pdf"
qpdf --encrypt "" owner456 128 --use-aes=y -- "$out/filled-2021-libreoffice.pdf" \
    "$out/owner-password-only.pdf"
