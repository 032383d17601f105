#!/usr/bin/env bash
# Yardstick: LibreOffice turning the exported text of a full report into a PDF, beside
# nianbao exporting the same report to PDF, timed in one hyperfine run.
#
#   scripts/bench-yardstick.sh        (RUNS=N to change the number of runs, default 10)
#
# Needs: hyperfine, libreoffice-writer-nogui (Debian). Each tool is a whole process, as a
# user would run it; LibreOffice's profile is created once before timing.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet
cargo build --release --quiet --example gen_drafts
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# Draft 1 of the generated set is a full, balanced report (draft 0 fails a rule on purpose).
target/release/examples/gen_drafts "$dir/drafts" 2 >/dev/null
draft="$dir/drafts/00001.ron"
target/release/nianbao export "$draft" --txt "$dir/report.txt" >/dev/null
profile="file://$dir/lo-profile"
soffice "-env:UserInstallation=$profile" --headless --convert-to pdf --outdir "$dir/lo" \
    "$dir/report.txt" >/dev/null 2>&1

hyperfine --warmup 1 --runs "${RUNS:-10}" \
    -n libreoffice "soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $dir/lo $dir/report.txt" \
    -n nianbao "target/release/nianbao export $draft --pdf $dir/nianbao.pdf"
ls -l "$dir/lo/report.pdf" "$dir/nianbao.pdf" | awk '{print $5, $9}'
