#!/usr/bin/env bash
# Times the release binary on folders (needs hyperfine):
#  - `nianbao validate` over 10,000 generated drafts;
#  - `nianbao check` over 1,000 reports of mixed forms (drafts, texts, Word, web pages,
#    PDFs; the mix is in benches/common/mixed.rs), the issue's ≤ 3 s budget.
# `cargo bench --bench check` gives the same check figure in-process, with the GUI's worker.
set -euo pipefail
cd "$(dirname "$0")/.."
drafts=${1:-target/batch-drafts}
mixed=${2:-target/batch-mixed}
cargo build --release --quiet
if [ ! -f "$drafts/09999.ron" ]; then
  rm -rf "$drafts"
  cargo run --release --quiet --example gen_drafts -- "$drafts" 10000
fi
if [ ! -f "$mixed/0999.pdf" ]; then
  rm -rf "$mixed"
  cargo run --release --quiet --example mixed_folder -- "$mixed"
fi
hyperfine --warmup 1 --runs 10 -i "target/release/nianbao validate --quiet $drafts > /dev/null"
# Exit 1 (some reports fail a rule) is expected: -i.
hyperfine --warmup 1 --runs 10 -i "target/release/nianbao check $mixed > /dev/null 2>&1"
