#!/usr/bin/env bash
# `stream` beside `extract`: the benchmark corpus of scripts/bench-corpus.sh (build it first) as
# one JSON Lines stream of {"path", "text"} documents, read by `stream` at -j 1 and -j 2 into
# /dev/null, and the same files read by `extract`; then the stream repeated REPEAT times (default
# 4) to show that the peak memory does not grow with the length of the stream.
#
#   scripts/bench-stream.sh [CORPUS_DIR] [WORKDIR]   (defaults: target/bench-corpus/corpus-200mb, target/bench-stream)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-target/bench-corpus/corpus-200mb}
work=${2:-target/bench-stream}
bin=${BIN:-target/release/policy-targets}
repeat=${REPEAT:-4}
mkdir -p "$work"
if [ ! -s "$work/stream.jsonl" ]; then
  python3 - "$corpus" "$work/stream.jsonl" <<'PY'
import json, os, sys
root, out = sys.argv[1], sys.argv[2]
with open(out, "w", encoding="utf-8") as f:
    for d, _, names in sorted(os.walk(root)):
        for n in sorted(names):
            if n.endswith(".txt"):
                p = os.path.join(d, n)
                with open(p, "rb") as g:
                    b = g.read()
                try:
                    t = b.decode("utf-8")
                except UnicodeDecodeError:
                    continue
                f.write(json.dumps({"path": p, "text": t}, ensure_ascii=False) + "\n")
PY
fi
bytes=$(stat -c %s "$work/stream.jsonl")
echo "stream: $work/stream.jsonl, $bytes bytes, $(wc -l < "$work/stream.jsonl") documents"
cat "$work/stream.jsonl" > /dev/null
for j in 1 2; do
  /usr/bin/time -f "%e s, %M KB" "$bin" stream -j "$j" < "$work/stream.jsonl" > /dev/null 2> "$work/time-stream-j$j.txt" || true
  rm -rf "$work/out"
  /usr/bin/time -f "%e s, %M KB" "$bin" extract "$corpus" -o "$work/out" -q -j "$j" 2> "$work/time-extract-j$j.txt" || true
  echo "-j $j: stream $(tail -1 "$work/time-stream-j$j.txt") ($(awk -v b="$bytes" '{printf "%.1f", b/1e6/$1}' "$work/time-stream-j$j.txt") MB/s of stream); extract $(tail -1 "$work/time-extract-j$j.txt")"
done
for k in 1 "$repeat"; do
  /usr/bin/time -f "%e s, %M KB" bash -c "for i in \$(seq $k); do cat '$work/stream.jsonl'; done | '$bin' stream -j 2 > /dev/null" 2> "$work/time-repeat.txt" || true
  echo "the stream $k time(s) ($((bytes * k / 1000000)) MB), -j 2: $(tail -1 "$work/time-repeat.txt")"
done
