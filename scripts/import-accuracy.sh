#!/usr/bin/env bash
# Imports every real or realistic document in tests/fixtures/ (forms/, real/, published/)
# and prints, per document and in total, the cells of tables 二, 三 and 四 that came out
# right / wrong / left for the user against the values written by hand from the originals,
# and per document the errors the import would wrongly charge the report with (must be 0)
# and the hard rules it left 待核对.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --quiet --test it import_accuracy::every_real_document -- --nocapture 2>&1 |
  sed -n '/^document/,/^total/{p;/^total/q}'
