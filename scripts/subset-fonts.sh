#!/usr/bin/env bash
# Rebuilds the bundled CJK font subsets in assets/fonts/ from Debian's fonts-noto-cjk.
#
# The subsets cover assets/fonts/charset.txt: GB 2312, the 8,105 characters of
# 《通用规范汉字表》, ASCII/Latin-1, CJK punctuation, fullwidth forms and circled numbers
# (9,178 characters; GB 2312 alone lacks e.g. 瀍 and 〇). Dropping the `locl` feature keeps
# the Japanese/Korean/Traditional variant glyphs out, which halves the size.
#
# Needs: apt-get install fonts-noto-cjk; pip install fonttools
set -euo pipefail
cd "$(dirname "$0")/.."
src=/usr/share/fonts/opentype/noto
out=assets/fonts
# Face 2 of each collection is Simplified Chinese.
for pair in "NotoSansCJK-Regular.ttc:NotoSansCJKsc-Regular-subset.otf" \
            "NotoSerifCJK-Regular.ttc:NotoSerifCJKsc-Regular-subset.otf" \
            "NotoSerifCJK-Bold.ttc:NotoSerifCJKsc-Bold-subset.otf"; do
  in=${pair%%:*}
  name=${pair##*:}
  pyftsubset "$src/$in" --font-number=2 --text-file="$out/charset.txt" \
    --layout-features-=locl --output-file="$out/$name"
  echo "$out/$name: $(stat -c %s "$out/$name") bytes"
done
