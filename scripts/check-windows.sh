#!/usr/bin/env bash
# Tests the Windows release under wine, as a user and an IT department would meet it:
#
#   scripts/check-windows.sh [--no-build] [OUT_DIR]
#
# 1. the installer installs silently (/S) per user: program, Start menu entry, .nianbao
#    association with its icon, 程序和功能 entry;
# 2. the installed nianbao.exe opens its window on a fixture draft under Xvfb (screenshot);
# 3. the CLI under wine exports every fixture draft and the filled official Word template
#    (and one report's 图解 as SVG, PNG and PDF)
#    exactly as the Linux build does: text, JSON and HTML byte for byte, the .docx's document
#    part, the PDF's pages (page count and the text of each page); it imports a .docx, a web
#    page, a PDF and a scanned PDF (OCR, with the installed model) into the same drafts;
# 4. in the window, Ctrl+S over a draft another program holds open (NTFS refuses to replace
#    an open file) leaves the old draft as it was and saves once the file is let go; a
#    read-only draft is refused; paths over 260 characters and CRLF drafts work;
# 5. printing: with a CUPS-PDF queue, wine shows it as a Windows printer; `nianbao.exe
#    printers` lists it and `nianbao.exe print` spools the pages through GDI; the sheet that
#    comes out has the PDF export's pages;
# 6. the uninstaller (/S) removes the program, the shortcuts and the association, and leaves
#    the user's drafts.
# Prints one line per check and "N passed, N failed"; exits non-zero on any failure.
# Needs Debian's wine, xvfb, imagemagick, poppler-utils, cups + printer-driver-cups-pdf,
# unzip and MinGW's gcc (installed when missing). Not part of `cargo test`: it needs wine.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
out=${1:-$root/target/windows-check}
mkdir -p "$out"
out=$(realpath "$out")

need=()
command -v wine64 >/dev/null || [ -x /usr/lib/wine/wine64 ] || need+=(wine wine64)
command -v Xvfb >/dev/null || need+=(xvfb xauth)
command -v import >/dev/null || need+=(imagemagick)
command -v pdftotext >/dev/null || need+=(poppler-utils)
command -v unzip >/dev/null || need+=(unzip)
command -v cupsd >/dev/null || need+=(cups cups-bsd printer-driver-cups-pdf)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ $build = 1 ]; then
    scripts/build-windows.sh || exit 1
    cargo build --release --bin nianbao || exit 1
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
setup=$root/target/windows/nianbao-setup-$version.exe
linux=$root/target/release/nianbao
[ -f "$setup" ] && [ -x "$linux" ] || { echo "missing $setup or $linux" >&2; exit 1; }

passed=0
failed=0
ok() { echo "ok   $*"; passed=$((passed + 1)); }
bad() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}

WINE=/usr/lib/wine/wine64
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export WINEPREFIX=$out/prefix
rm -rf "$WINEPREFIX"
DISPLAY_NUM=:97
Xvfb $DISPLAY_NUM -screen 0 1280x900x24 >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=$DISPLAY_NUM
cleanup() {
    wineserver -k 2>/dev/null
    kill $xvfb 2>/dev/null
    [ -n "${cupsd_pid:-}" ] && kill "$cupsd_pid" 2>/dev/null
}
trap cleanup EXIT
$WINE wineboot -i >/dev/null 2>&1
wineserver -w

# A printer without hardware: CUPS-PDF, the default queue (wine maps CUPS queues to
# Windows printers). Started before the programs that list printers.
if ! lpstat -e >/dev/null 2>&1; then
    mkdir -p /run/cups
    cupsd && cupsd_pid=$(pgrep -n cupsd)
    sleep 1
fi
lpadmin -p PDF -v cups-pdf:/ -E -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd >/dev/null 2>&1
lpadmin -d PDF >/dev/null 2>&1

user_dir="$WINEPREFIX/drive_c/users/${USER:-$(id -un)}"
[ -d "$user_dir" ] || user_dir=$(ls -d "$WINEPREFIX"/drive_c/users/* | grep -v Public | head -1)
instdir="$user_dir/AppData/Local/Programs/nianbao"
exe="$instdir/nianbao.exe"

# 1. Silent install, per user.
$WINE "$setup" /S
wineserver -w
check "installer /S puts nianbao.exe in %LOCALAPPDATA%\\Programs\\nianbao" test -f "$exe"
check "…and the OCR model in ocr\\ beside it" cmp -s "$instdir/ocr/ch_PP-OCRv4_rec.onnx" assets/ocr/ch_PP-OCRv4_rec.onnx
check "uninstall.exe beside nianbao.exe" test -f "$instdir/uninstall.exe"
check "Start menu entry 政府信息公开年报" test -f "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/政府信息公开年报.lnk"
reg() { $WINE reg query "$@" 2>/dev/null | tr -d '\r'; }
check ".nianbao is associated with nianbao.draft" grep -q "nianbao.draft" <(reg 'HKCU\Software\Classes\.nianbao')
check "the association opens drafts in nianbao.exe" grep -q 'nianbao.exe" "%1"' <(reg 'HKCU\Software\Classes\nianbao.draft\shell\open\command')
check "drafts show the app's icon" grep -q 'nianbao.exe,0' <(reg 'HKCU\Software\Classes\nianbao.draft\DefaultIcon')
check "程序和功能 lists it with a silent uninstall" grep -q 'uninstall.exe" /S' <(reg 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao')
ls -l "$exe" "$setup" | awk '{print "size", $5, $NF}'

# 2. The window on a fixture draft (a path with Chinese characters and spaces).
work="$out/工作 目录"
rm -rf "$work"
mkdir -p "$work"
cp tests/fixtures/003_73a49c1d9e8bef42.ron "$work/上年 草稿.nianbao"
$WINE "$exe" "$work/上年 草稿.nianbao" >/dev/null 2>&1 &
app=$!
sleep 12
import -window root "$out/window.png" 2>/dev/null
kill $app 2>/dev/null
wineserver -k 2>/dev/null
wineserver -w
check "the window opened (screenshot $out/window.png)" test -s "$out/window.png"
# A window shows more than the empty desktop: many colours.
colours=$(identify -format '%k' "$out/window.png" 2>/dev/null || echo 0)
check "the screenshot shows a window ($colours colours)" test "$colours" -gt 50

# The window drawn on the CPU, as a PC without OpenGL 2 or Direct3D 12 gets it.
NIANBAO_RENDERER=software $WINE "$exe" "$work/上年 草稿.nianbao" >/dev/null 2>&1 &
app=$!
sleep 12
import -window root "$out/window-software.png" 2>/dev/null
kill $app 2>/dev/null
wineserver -k 2>/dev/null
wineserver -w
colours=$(identify -format '%k' "$out/window-software.png" 2>/dev/null || echo 0)
check "the CPU-drawn window opened ($colours colours, $out/window-software.png)" test "$colours" -gt 50

# 3. Exports and imports, Linux build against the Windows build.
cmp_pdf() { # same page count and the same text on each page
    local a=$1 b=$2 n m
    n=$(pdfinfo "$a" 2>/dev/null | awk '/^Pages:/ {print $2}')
    m=$(pdfinfo "$b" 2>/dev/null | awk '/^Pages:/ {print $2}')
    [ -n "$n" ] && [ "$n" = "$m" ] || return 1
    for p in $(seq 1 "$n"); do
        cmp -s <(pdftotext -f "$p" -l "$p" -layout "$a" -) <(pdftotext -f "$p" -l "$p" -layout "$b" -) || return 1
    done
}
cmp_docx() {
    cmp -s <(unzip -p "$1" word/document.xml) <(unzip -p "$2" word/document.xml)
}
drafts=(tests/fixtures/0*.ron)
# What an earlier run left: `import` refuses to overwrite, and would compare stale drafts.
rm -rf "$out/linux" "$out/filled-2021.nianbao"
$linux import tests/fixtures/real/filled-2021.docx -o "$out/filled-2021.nianbao" >/dev/null 2>&1
drafts+=("$out/filled-2021.nianbao")
for d in "${drafts[@]}"; do
    name=$(basename "$d")
    name=${name%.*}
    l="$out/linux/$name"
    w="$work/windows/$name"
    mkdir -p "$l" "$w"
    $linux export "$d" --txt "$l/r.txt" --json "$l/r.json" --html "$l/r.html" --docx "$l/r.docx" --pdf "$l/r.pdf" >/dev/null 2>&1
    $WINE "$exe" export "$d" --txt "$w/r.txt" --json "$w/r.json" --html "$w/r.html" --docx "$w/r.docx" --pdf "$w/r.pdf" >/dev/null 2>&1
    for ext in txt json html; do
        check "$name: .$ext byte-identical" cmp -s "$l/r.$ext" "$w/r.$ext"
    done
    check "$name: .docx document part identical" cmp_docx "$l/r.docx" "$w/r.docx"
    check "$name: PDF pages identical" cmp_pdf "$l/r.pdf" "$w/r.pdf"
done
# The 图解: laid out with the same faces, painted on the CPU in bands as on Linux.
g=tests/fixtures/real/yunling-2022.ron
for ext in svg png pdf; do
    $linux export "$g" --infographic "$out/linux/图解.$ext" >/dev/null 2>&1
    $WINE "$exe" export "$g" --infographic "$work/windows/图解.$ext" >/dev/null 2>&1
done
check "图解 .svg byte-identical" cmp -s "$out/linux/图解.svg" "$work/windows/图解.svg"
check "图解 .png byte-identical" cmp -s "$out/linux/图解.png" "$work/windows/图解.png"
check "图解 .pdf the same page" cmp_pdf "$out/linux/图解.pdf" "$work/windows/图解.pdf"
# The scan is read by OCR with the model the installer put in ocr\ beside the program.
for src in tests/fixtures/real/filled-2021.docx tests/fixtures/real/portal-gbk-2023.html tests/fixtures/real/yunling-2022-nianbao.pdf tests/fixtures/scans/yunling-2022-150dpi.pdf; do
    name=$(basename "$src")
    $linux import "$src" -o "$out/linux/$name.nianbao" >/dev/null 2>&1
    $WINE "$exe" import "$src" -o "$work/windows/$name.nianbao" >/dev/null 2>&1
    check "import $name: the same draft" cmp -s "$out/linux/$name.nianbao" "$work/windows/$name.nianbao"
done
# A command typed in a console prints there (GUI subsystem, attached console) and keeps
# its exit code.
$WINE "$exe" validate tests/fixtures/003_73a49c1d9e8bef42.ron > "$out/validate.txt" 2>&1
code=$?
$linux validate tests/fixtures/003_73a49c1d9e8bef42.ron > "$out/validate-linux.txt" 2>&1
check "validate prints under wine as on Linux (exit $code)" cmp -s <(tr -d '\r' < "$out/validate.txt" | sed 's/[A-Z]:[^ ]*//g; s|/[^ ]*||g') <(sed 's/[A-Z]:[^ ]*//g; s|/[^ ]*||g' "$out/validate-linux.txt")

# 4. Saving over a draft that another program holds open.
cat > "$out/hold.c" <<'C'
#include <windows.h>
/* hold PATH SHARE MILLISECONDS: keeps PATH open with the given share mode
   (0 = none, as Word holds a document; 7 = read|write|delete). */
int wmain(int argc, wchar_t **argv) {
    if (argc < 4) return 2;
    HANDLE h = CreateFileW(argv[1], GENERIC_READ, (DWORD)_wtoi(argv[2]), NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) return 1;
    Sleep((DWORD)_wtoi(argv[3]));
    CloseHandle(h);
    return 0;
}
C
x86_64-w64-mingw32-gcc -municode -O2 -o "$out/hold.exe" "$out/hold.c"
# The user's own path: the draft open in the window, an edit, Ctrl+S while another
# program holds the file open without sharing it (as Word does), then again after it let go.
target="$work/本年 草稿.nianbao"
cp tests/fixtures/002_8c1ae9a60ab0aad1.ron "$target"
before=$(sha256sum < "$target")
$WINE "$exe" "$target" >/dev/null 2>&1 &
app=$!
sleep 12
wid=$(xdotool search --class nianbao | head -1)
xdotool windowfocus --sync "$wid" 2>/dev/null
# 发布机关, the first field of the form.
xdotool mousemove 700 180 click 1
sleep 0.5
xdotool key End
xdotool type "QX"
sleep 0.5
$WINE "$out/hold.exe" "$target" 0 15000 &
hold=$!
sleep 2
xdotool key ctrl+s
sleep 5
import -window root "$out/save-locked.png"
check "saving over a locked draft leaves it untouched" test "$before" = "$(sha256sum < "$target")"
check "…leaves no temporary file" test -z "$(find "$work" -maxdepth 1 -name '.*.tmp')"
check "…and keeps the window with the edit ($out/save-locked.png)" kill -0 $app
wait $hold
xdotool key Escape
sleep 1
xdotool key ctrl+s
sleep 4
check "once the other program lets go, Ctrl+S saves the edit" grep -q 'agency: ".*QX"' "$target"
kill $app 2>/dev/null
wineserver -k 2>/dev/null
wineserver -w
# A read-only draft is refused at once and stays as it was.
cp tests/fixtures/002_8c1ae9a60ab0aad1.ron "$work/只读.nianbao"
chmod a-w "$work/只读.nianbao"
$WINE "$exe" rollover tests/fixtures/003_73a49c1d9e8bef42.ron -o "$work/只读.nianbao" > "$out/readonly.txt" 2>&1
check "a read-only draft is refused with the reason" grep -q "只读" "$out/readonly.txt"
check "…and left as it was" cmp -s tests/fixtures/002_8c1ae9a60ab0aad1.ron "$work/只读.nianbao"
# A path longer than 260 characters.
deep="$work/$(printf 'a%.0s' $(seq 100))/$(printf 'b%.0s' $(seq 100))/$(printf '长%.0s' $(seq 40))"
mkdir -p "$deep"
$WINE "$exe" rollover tests/fixtures/003_73a49c1d9e8bef42.ron -o "$deep/长路径草稿.nianbao" >/dev/null 2>&1
check "a draft saves under a path of $(printf %s "Z:$deep/长路径草稿.nianbao" | wc -m) characters" "$linux" validate "$deep/长路径草稿.nianbao"
# A draft saved on Linux (LF) opens on Windows, and one with CRLF line ends on Linux.
sed 's/$/\r/' tests/fixtures/001_4215243010f676eb.ron > "$work/crlf.nianbao"
check "a CRLF draft validates on Linux" "$linux" validate "$work/crlf.nianbao"
check "an LF draft validates on Windows" $WINE "$exe" validate tests/fixtures/001_4215243010f676eb.ron

# 5. Printing through the spooler.
if lpstat -e 2>/dev/null | grep -qx PDF; then
    $WINE "$exe" printers > "$out/printers.txt" 2>&1
    check "printers lists the CUPS queue as a Windows printer" grep -q "^PDF" "$out/printers.txt"
    check "…marked as the default" grep -q "默认" "$out/printers.txt"
    spool=$(ls -d /root/PDF 2>/dev/null || echo "$HOME/PDF")
    mkdir -p "$spool"
    rm -f "$spool"/*.pdf
    $WINE "$exe" print tests/fixtures/003_73a49c1d9e8bef42.ron --printer PDF > "$out/print.txt" 2>&1
    code=$?
    check "print hands the job to the spooler (exit $code)" test "$code" -eq 0
    for _ in $(seq 1 30); do
        sheet=$(ls -t "$spool"/*.pdf 2>/dev/null | head -1)
        [ -n "$sheet" ] && break
        sleep 1
    done
    sleep 2
    if [ -n "${sheet:-}" ]; then
        cp "$sheet" "$out/printed.pdf"
        pdftoppm -r 50 -png -f 1 -l 2 "$out/printed.pdf" "$out/printed" 2>/dev/null
        l="$out/linux/003_73a49c1d9e8bef42/r.pdf"
        n=$(pdfinfo "$l" | awk '/^Pages:/ {print $2}')
        m=$(pdfinfo "$out/printed.pdf" | awk '/^Pages:/ {print $2}')
        check "the printed sheets are the export's $n pages (got $m)" test "$n" = "$m"
        # The glyphs are printed as outlines (no text to extract): compare the pictures of
        # the pages, 50 dpi, grey, softened by a 1.5-pixel blur so that anti-aliasing does
        # not count (measured: identical pages differ in 0 pixels, a 1 mm shift in ~230,
        # another page in ~14,000).
        same=0
        worst=0
        for p in $(seq 1 "$n"); do
            pdftoppm -r 50 -gray -f "$p" -l "$p" -singlefile "$l" "$out/want-$p"
            pdftoppm -r 50 -gray -f "$p" -l "$p" -singlefile "$out/printed.pdf" "$out/got-$p"
            convert "$out/want-$p.pgm" -blur 0x1.5 "$out/want-$p.pgm"
            convert "$out/got-$p.pgm" -blur 0x1.5 "$out/got-$p.pgm"
            diff=$(compare -metric AE -fuzz 25% "$out/want-$p.pgm" "$out/got-$p.pgm" null: 2>&1 | cut -d' ' -f1)
            diff=${diff%.*}
            [ "${diff:-99999}" -gt "$worst" ] && worst=${diff:-99999}
            [ "${diff:-99999}" -lt 100 ] && same=$((same + 1))
        done
        check "…each page as the PDF draws it ($same of $n; worst page $worst differing pixels of 240,000)" test "$same" = "$n"
    else
        bad "no sheet came out of the CUPS-PDF queue"
    fi
else
    echo "skip printing: no CUPS-PDF queue"
fi

# 6. Silent uninstall: the program goes, the drafts stay.
$WINE "$instdir/uninstall.exe" /S
sleep 3
wineserver -w
check "uninstall /S removes nianbao.exe" test ! -e "$exe"
check "…and the OCR model" test ! -e "$instdir/ocr"
check "…and the Start menu entry" test ! -e "$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/政府信息公开年报.lnk"
no_key() { ! $WINE reg query "$1" >/dev/null 2>&1; }
check "…and the association" no_key 'HKCU\Software\Classes\nianbao.draft'
check "…and .nianbao" no_key 'HKCU\Software\Classes\.nianbao'
check "…and the 程序和功能 entry" no_key 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\nianbao'
check "…and leaves the user's drafts" test -f "$work/本年 草稿.nianbao"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
