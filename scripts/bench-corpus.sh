#!/usr/bin/env bash
# End-to-end benchmark: build a corpus of at least SIZE_MB megabytes from ../shared/corpus/docs
# (copies with varied file names, keeping its mix of traditional and simplified documents), then
# time `policy-targets extract` on it at -j 1 and -j 2 with /usr/bin/time -v (wall, CPU, peak RSS),
# and time start-up on one small notice.
#
#   scripts/bench-corpus.sh [SIZE_MB] [WORKDIR]      (defaults: 200, target/bench-corpus)
#
# BIN=path times another build of the program (e.g. target/pgo/policy-targets from
# scripts/pgo-build.sh) instead of building target/release/policy-targets; SRC=dir takes the
# documents from another folder (give it a WORKDIR of its own: a corpus once built is reused).
#
# RUNS (default 3) runs of each: timings on a shared machine vary from run to run, so every run is
# printed (the files are read once first, so that every run finds them in the page cache), then
# MB/s by wall time and the ratio of -j 2 to -j 1 for each round and their medians.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-200}
work=${2:-target/bench-corpus}
src=${SRC:-../shared/corpus/docs}
bin=${BIN:-target/release/policy-targets}

if [ -z "${BIN:-}" ]; then cargo build --release -q; fi
mkdir -p "$work"
corpus="$work/corpus-${size_mb}mb"
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus"
  want=$((size_mb * 1000 * 1000))
  have=0
  round=0
  while [ "$have" -lt "$want" ]; do
    round=$((round + 1))
    dir="$corpus/r$(printf %04d "$round")"
    mkdir -p "$dir"
    for f in "$src"/*.txt; do
      cp "$f" "$dir/$(basename "$f" .txt)-$round.txt"
    done
    have=$(du -sb "$corpus" | cut -f1)
  done
fi
bytes=$(du -sb "$corpus" | cut -f1)
files=$(find "$corpus" -name '*.txt' | wc -l)
echo "corpus: $corpus, $files files, $bytes bytes"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
runs=${RUNS:-3}
rm -f "$work/walls.txt"
find "$corpus" -name '*.txt' -exec cat {} + > /dev/null
for run in $(seq "$runs"); do
  for j in 1 2; do
    out="$work/out-j$j"
    log="$work/time-j$j-run$run.txt"
    # Each run writes into an empty folder, as a first run does: replacing the previous run's
    # 64 MB targets.jsonl makes the filesystem free its blocks during the rename (40-50 ms on
    # this machine), which is the cost of deleting old output, not of extracting.
    rm -rf "$out"
    /usr/bin/time -v "$bin" extract "$corpus" -o "$out" -q -j "$j" --stats 2> "$log" || true
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
    user=$(grep 'User time' "$log" | awk '{print $NF}')
    sys=$(grep 'System time' "$log" | awk '{print $NF}')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    stats=$(grep '^files' "$log" || true)
    echo "run $run, -j $j: wall $wall, user ${user}s, sys ${sys}s, peak RSS ${rss} KB; $stats"
    echo "$run $j $wall $(echo "$stats" | sed -n 's/.*bytes \([0-9]*\) .*/\1/p')" >> "$work/walls.txt"
  done
done
# End-to-end figures by wall time (start-up and the final sync included): MB/s of text at -j 1 and
# -j 2 for each run, the ratio of the two runs of a round, and the medians.
if [ -s "$work/walls.txt" ]; then
  awk '
    function secs(w,  n, p) { n = split(w, p, ":"); return n == 3 ? p[1] * 3600 + p[2] * 60 + p[3] : p[1] * 60 + p[2] }
    function median(a, n,  i, j, t) {
      for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    { s[$1, $2] = secs($3); b = $4; if ($1 > runs) runs = $1 }
    END {
      for (r = 1; r <= runs; r++) {
        m1[r] = b / 1e6 / s[r, 1]; m2[r] = b / 1e6 / s[r, 2]; q[r] = s[r, 1] / s[r, 2]
        printf "run %d by wall time: -j 1 %.1f MB/s, -j 2 %.1f MB/s, ratio %.2f\n", r, m1[r], m2[r], q[r]
      }
      printf "median of %d runs: -j 1 %.1f MB/s, -j 2 %.1f MB/s, ratio %.2f\n", runs, median(m1, runs), median(m2, runs), median(q, runs)
    }' "$work/walls.txt"
fi
if [ "$runs" -lt 1 ]; then
  :
elif cmp -s "$work/out-j1/targets.jsonl" "$work/out-j2/targets.jsonl"; then
  echo "targets.jsonl identical for -j 1 and -j 2"
else
  echo "targets.jsonl DIFFERS between -j 1 and -j 2"
fi
/usr/bin/time -v "$bin" extract seeds/001_46e6eaec03570da9.txt -o "$work/out-small" -q 2> "$work/time-small.txt"
echo "start-up on one small notice: wall $(grep 'Elapsed (wall clock)' "$work/time-small.txt" | awk '{print $NF}'), peak RSS $(grep 'Maximum resident set size' "$work/time-small.txt" | awk '{print $NF}') KB"
