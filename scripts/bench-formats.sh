#!/usr/bin/env bash
# Throughput per input format at -j 1: the documents of ../shared/corpus/docs published as web
# pages and Word files (examples/format_fixtures.rs, the generator of the formats tests), the
# first PDF_DOCS of them printed to PDF by LibreOffice, and the plain text itself; each folder is
# read by `policy-targets extract -j 1 --stats` RUNS times and the MB/s of input (median) printed.
#
#   scripts/bench-formats.sh [WORKDIR]      (default target/bench-formats)
#
# needs for the PDF part: soffice (libreoffice-writer-nogui) and fonts-noto-cjk; without them the
# PDF row is skipped with a note. BIN=path times another build.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-target/bench-formats}
src=${SRC:-../shared/corpus/docs}
bin=${BIN:-target/release/policy-targets}
runs=${RUNS:-3}
pdf_docs=${PDF_DOCS:-60}
if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
mkdir -p "$work"
if [ ! -d "$work/published" ]; then
  cargo run -q --release --example format_fixtures -- "$src" "$work/published"
fi
for f in html docx; do
  if [ ! -d "$work/$f" ]; then mkdir -p "$work/$f"; mv "$work/published"/*."$f" "$work/$f"/; fi
done
if [ ! -d "$work/txt" ]; then mkdir -p "$work/txt"; cp "$src"/*.txt "$work/txt"/; fi
if [ ! -d "$work/pdf" ] && command -v soffice > /dev/null; then
  mkdir -p "$work/pdf-src" "$work/pdf"
  docx=("$work/docx"/*.docx)
  cp "${docx[@]:0:$pdf_docs}" "$work/pdf-src"/
  soffice --headless --norestore --convert-to pdf --outdir "$work/pdf" "$work/pdf-src"/*.docx > /dev/null 2>&1
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
for f in txt html docx pdf; do
  dir="$work/$f"
  if [ ! -d "$dir" ]; then echo "$f: skipped (no soffice to make the PDF files)"; continue; fi
  files=$(find "$dir" -type f | wc -l)
  bytes=$(du -sb "$dir" | cut -f1)
  find "$dir" -type f -exec cat {} + > /dev/null
  rates=()
  for run in $(seq "$runs"); do
    rm -rf "$work/out-$f"
    line=$("$bin" extract "$dir" -o "$work/out-$f" -q -j 1 --stats 2>&1 | grep '^files' || true)
    rates+=("$(echo "$line" | sed -n 's/.* \([0-9.]*\) MB\/s$/\1/p')")
    last=$line
  done
  median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')
  echo "$f: $files files, $bytes bytes; MB/s at -j 1: ${rates[*]} (median $median); last run: $last"
done
