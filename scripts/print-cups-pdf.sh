#!/usr/bin/env bash
# Prints a draft end to end through CUPS into a PDF printer (CUPS-PDF) and renders what
# came out to PNG: installs cups and printer-driver-cups-pdf (apt-get, as root or with
# sudo), starts cupsd by hand where no init system runs it (containers), adds a CUPS-PDF
# queue, runs `nianbao print --printer QUEUE --two-sided`, waits for the PDF CUPS-PDF
# writes and turns its pages into PNG with pdftoppm.
#   scripts/print-cups-pdf.sh [DRAFT] [OUT_DIR]
# NIANBAO=path/to/nianbao uses that binary instead of building the debug one.
set -euo pipefail
cd "$(dirname "$0")/.."
draft=${1:-tests/fixtures/003_73a49c1d9e8bef42.ron}
out=${2:-target/print-cups-pdf}
queue=nianbao-pdf
sudo=
[ "$(id -u)" = 0 ] || sudo=sudo

if ! command -v lp >/dev/null || ! command -v pdftoppm >/dev/null \
    || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends \
        cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils
fi

# The scheduler: `lpstat -r` says whether it answers.
if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    $sudo /usr/sbin/cupsd
    for _ in $(seq 50); do
        lpstat -r 2>/dev/null | grep -q "is running" && break
        sleep 0.2
    done
fi
lpstat -r

# A CUPS-PDF queue with the driver's own PPD.
if ! lpstat -p "$queue" >/dev/null 2>&1; then
    ppd=$(lpinfo -m | awk 'tolower($0) ~ /cups-pdf/ {print $1; exit}')
    [ -n "$ppd" ] || { echo "no CUPS-PDF driver found (lpinfo -m)" >&2; exit 1; }
    $sudo lpadmin -p "$queue" -E -v cups-pdf:/ -m "$ppd"
fi
lpstat -p "$queue"

bin=${NIANBAO:-}
if [ -z "$bin" ]; then
    cargo build --quiet --bin nianbao
    bin=target/debug/nianbao
fi
"$bin" printers

# CUPS-PDF writes to the job owner's ~/PDF, or its spool folder for anonymous jobs.
stamp=$(mktemp)
"$bin" print "$draft" --printer "$queue" --two-sided | tee "$out.job.txt" || true
mkdir -p "$out"
mv "$out.job.txt" "$out/job.txt"
grep -q "任务号" "$out/job.txt" || { echo "the job was not accepted" >&2; exit 1; }
pdf=
for _ in $(seq 100); do
    pdf=$(find "$HOME/PDF" /var/spool/cups-pdf /root/PDF -name '*.pdf' -newer "$stamp" \
        2>/dev/null | head -n1 || true)
    [ -n "$pdf" ] && [ -s "$pdf" ] && break
    sleep 0.3
done
rm -f "$stamp"
[ -n "$pdf" ] || { echo "CUPS-PDF wrote no PDF (see /var/log/cups/error_log)" >&2; exit 1; }
sleep 1
cp "$pdf" "$out/printed.pdf"
rm -f "$out"/page-*.png
pdftoppm -png -r 60 "$out/printed.pdf" "$out/page"
echo "printed: $out/printed.pdf"
ls "$out"
