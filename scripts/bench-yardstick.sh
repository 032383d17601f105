#!/usr/bin/env bash
# Yardstick: how long LibreOffice takes to turn the same report's text into a PDF, next to
# `nianbao export --pdf` of the draft itself (needs hyperfine and soffice).
#
# soffice gets the plain-text export (it cannot read our drafts), so it sets less than we
# do (no tables, no CJK line breaking rules): the ratio is a floor for what a user would wait
# for with an office suite, not a like-for-like comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/yardstick}
runs=${RUNS:-10}
command -v hyperfine >/dev/null || { echo "hyperfine is needed" >&2; exit 1; }
command -v soffice >/dev/null || {
  echo "soffice is needed: apt-get install -y libreoffice-writer-nogui" >&2
  exit 1
}
cargo build --release --quiet
cargo build --release --quiet --example gen_drafts
mkdir -p "$out"
out=$(cd "$out" && pwd)
# A fully filled, balanced draft (every tenth generated draft is made to fail H1).
if [ ! -f "$out/drafts/00001.ron" ]; then
  target/release/examples/gen_drafts "$out/drafts" 2 >/dev/null
fi
draft="$out/drafts/00001.ron"
bin=$(pwd)/target/release/nianbao
"$bin" export "$draft" --txt "$out/report.txt" >/dev/null
# A private profile, so a desktop LibreOffice the user has open is neither used nor touched.
profile="file://$out/lo-profile"
soffice_cmd="soffice -env:UserInstallation=$profile --headless --convert-to pdf --outdir $out/lo $out/report.txt"
# The first start of a fresh profile builds it (seconds); not part of the figure.
$soffice_cmd >/dev/null 2>&1
json="$out/yardstick.json"
hyperfine --warmup 1 --runs "$runs" --export-json "$json" \
  -n soffice "$soffice_cmd" \
  -n nianbao "$bin export $draft --pdf $out/report.pdf"
ls -l "$out/lo/report.pdf" "$out/report.pdf"
python3 - "$json" <<'EOF'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
lo, nb = r["soffice"], r["nianbao"]
print(f"soffice --convert-to pdf (text): median {lo['median']*1000:.0f} ms")
print(f"nianbao export --pdf (draft):    median {nb['median']*1000:.0f} ms")
print(f"ratio soffice / nianbao: {lo['median'] / nb['median']:.1f}x")
EOF
