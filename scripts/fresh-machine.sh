#!/usr/bin/env bash
# The README's two commands, exactly as written, on what a new user has: a fresh clone of the
# committed tree (no ../shared beside it), an empty cargo registry (a new CARGO_HOME; the Rust
# toolchain still on PATH), a new HOME, a Python without site packages, and no environment
# beyond PATH. The tests run without network (a network namespace of their own, when the
# machine allows one): a test that needs the network, a crate that only an earlier command left
# in the registry, or a package the README does not install fails here.
#
# Usage: scripts/fresh-machine.sh [REPO]   (REPO defaults to this checkout; its HEAD is cloned)
set -euo pipefail

repo=$(cd "${1:-$(dirname "$0")/..}" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/policy-targets-fresh.XXXXXX")
trap 'rm -rf "$work"' EXIT

say() { printf 'fresh-machine: %s\n' "$*" >&2; }

toolchain_bin=$(dirname "$(command -v cargo)")
rustup_home=${RUSTUP_HOME:-$(rustup show home 2>/dev/null || echo "$HOME/.rustup")}
python=$(python3 -c 'import sys; print(sys.executable)')

# A Python with no packages beyond the standard library (no pip, no site packages).
"$python" -m venv --without-pip "$work/python"
mkdir -p "$work/home" "$work/cargo-home"
git clone -q "$repo" "$work/policy-targets"
host=$(cargo -vV | sed -n 's/^host: //p')

# A clean environment: PATH with the bare Python first and the toolchain, nothing else carried.
fresh() {
  env -i \
    PATH="$work/python/bin:$toolchain_bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    HOME="$work/home" CARGO_HOME="$work/cargo-home" RUSTUP_HOME="$rustup_home" \
    PYTHONNOUSERSITE=1 CARGO_TERM_COLOR=never LANG=C.UTF-8 \
    "$@"
}

cd "$work/policy-targets"
if fresh python3 -c 'import duckdb' 2>/dev/null; then
  say "the bare Python imports duckdb: not a fresh machine"
  exit 1
fi

say "README command 1: cargo run --release -- extract seeds"
fresh cargo run --release -- extract seeds
for f in documents targets milestones; do
  if [ ! -s "output/$f.jsonl" ]; then
    say "output/$f.jsonl is missing or empty"
    exit 1
  fi
done

# The test build fetches what the tests need for this platform, as cargo does on a new machine;
# the tests themselves then run with no network.
say "building the tests (fetches the dev-dependencies for $host)"
fresh cargo test --release --no-run
isolate=()
if unshare -n true 2>/dev/null; then
  isolate=(unshare -n --)
else
  say "WARNING: no network namespace on this machine (unshare -n): the tests run with the network reachable"
fi

say "README command 2: cargo test --release${isolate:+ (no network)}"
set +e
fresh "${isolate[@]}" cargo test --release 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e
if [ "$status" != 0 ]; then
  say "cargo test --release failed on a fresh machine (exit $status)"
  exit 1
fi

# Tests of optional components must say that they skipped, not pass in silence.
for t in duckdb_reads_targets_and_the_comparison backends::backends_agree; do
  if ! grep -q "^policy-targets tests: skipped: $t: " "$work/test.log"; then
    say "the test $t did not say it was skipped without its optional component"
    exit 1
  fi
done
say "both README commands pass on a fresh machine; skipped:"
grep '^policy-targets tests: skipped: ' "$work/test.log" >&2
