#!/usr/bin/env bash
# Profile-guided release build: target/pgo/policy-targets, the same program as `cargo build
# --release` (same output, byte for byte; the script checks it) with its code laid out and inlined
# by where the time really goes.
#
#   scripts/pgo-build.sh [TRAINING_DIR ...]
#
# Steps: build an instrumented binary (target/pgo-gen), run `extract` (at -j 1 and -j 2) and
# `compare` on the training notices, merge the counts with llvm-profdata, build again with them
# (target/pgo-use), and compare that build's output with the plain release build's on the training
# notices and on seeds/. Training notices, when none are named: seeds/ and every second document of
# ../shared/corpus/docs (the others are left out, so that the build can be measured on documents it
# was not trained on: `ODD=1` trains on the other half instead).
#
# Needs llvm-profdata of the LLVM version rustc was built with (`rustc -vV`), e.g. on Debian 12 with
# rustc 1.95 (LLVM 22): `apt-get install llvm-22`. Set LLVM_PROFDATA to use another path.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "pgo-build: $*" >&2; exit 1; }

llvm_major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
host=$(rustc -vV | sed -n 's/^host: //p')
profdata=${LLVM_PROFDATA:-}
if [ -z "$profdata" ]; then
  for c in "llvm-profdata-$llvm_major" "/usr/lib/llvm-$llvm_major/bin/llvm-profdata" \
    "$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata" \
    llvm-profdata; do
    if command -v "$c" > /dev/null 2>&1 \
      && "$c" --version 2>/dev/null | grep -q "LLVM version $llvm_major\."; then
      profdata=$c
      break
    fi
  done
fi
[ -n "$profdata" ] || die "no llvm-profdata for LLVM $llvm_major (rustc's); install llvm-$llvm_major or set LLVM_PROFDATA"

work=target/pgo
rm -rf "$work" target/pgo-gen/profiles
mkdir -p "$work"

# Training notices.
if [ "$#" -gt 0 ]; then
  train=("$@")
else
  mkdir -p "$work/train"
  cp seeds/*.txt "$work/train/"
  if [ -d ../shared/corpus/docs ]; then
    keep=$([ "${ODD:-0}" = 1 ] && echo 0 || echo 1)
    find ../shared/corpus/docs -maxdepth 1 -type f | LC_ALL=C sort \
      | awk -v k="$keep" 'NR % 2 == k' | while read -r f; do cp "$f" "$work/train/"; done
  fi
  train=("$work/train")
fi
echo "pgo-build: training on ${train[*]} ($(find "${train[@]}" -type f | wc -l) files), llvm-profdata: $profdata"

# --target keeps build scripts and proc macros out of the instrumentation and the profile.
profiles=$PWD/target/pgo-gen/profiles
RUSTFLAGS="-Cprofile-generate=$profiles" CARGO_TARGET_DIR=target/pgo-gen \
  cargo build --release -q --target "$host"
gen=target/pgo-gen/$host/release/policy-targets
"$gen" extract "${train[@]}" -o "$work/gen-j1" -q -j 1
"$gen" extract "${train[@]}" -o "$work/gen-j2" -q -j 2
"$gen" compare "$work/gen-j1" > /dev/null
"$profdata" merge -o "$work/merged.profdata" "$profiles"

RUSTFLAGS="-Cprofile-use=$PWD/$work/merged.profdata" CARGO_TARGET_DIR=target/pgo-use \
  cargo build --release -q --target "$host"
cp "target/pgo-use/$host/release/policy-targets" "$work/policy-targets"

# The profile changes how the code is laid out, never what it computes: check it.
cargo build --release -q
check() {
  target/release/policy-targets extract "$@" -o "$work/check-plain" -q
  "$work/policy-targets" extract "$@" -o "$work/check-pgo" -q
  for f in targets.jsonl milestones.jsonl documents.jsonl; do
    cmp -s "$work/check-plain/$f" "$work/check-pgo/$f" \
      || die "$f differs between the plain and the profile-guided build on $*"
  done
}
check "${train[@]}"
check seeds
echo "pgo-build: $work/policy-targets (output identical to target/release/policy-targets on the training notices and seeds/)"
