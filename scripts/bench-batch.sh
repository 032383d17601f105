#!/usr/bin/env bash
# Times `nianbao validate` over a folder of 10,000 generated drafts (needs hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/batch-drafts}
cargo build --release --quiet
if [ ! -f "$dir/09999.ron" ]; then
  rm -rf "$dir"
  cargo run --release --quiet --example gen_drafts -- "$dir" 10000
fi
hyperfine --warmup 1 --runs 10 -i "target/release/nianbao validate --quiet $dir > /dev/null"
