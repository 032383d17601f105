#!/bin/sh
# Regenerates the office-suite shapes of the filled template: LibreOffice's HTML
# conversion of tests/fixtures/real/filled-2021.docx (needs libreoffice-writer-nogui).
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
soffice -env:UserInstallation=file:///tmp/lo-profile --headless \
    --convert-to html --outdir "$out" tests/fixtures/real/filled-2021.docx
cp "$out/filled-2021.html" tests/fixtures/real/filled-2021-libreoffice.html
rm -r "$out"
