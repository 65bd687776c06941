#!/usr/bin/env bash
# Compile-time cost of `adcontract::bindings!()` versus `include!`ing the same generated file.
#
# Two throwaway crates depend on adcontract (by path, no default features); each holds only the
# `latest` bindings of the canonical schema, once through the macro and once as the file that
# `adcontract generate rust` writes. Each is `cargo check`ed RUNS times (default 3) after touching
# its source; dependencies are built once beforehand (shared target dir), so the figures are the
# cost of expanding + checking the bindings alone. Prints the median of each and the ratio.
#
# Usage: benches/macro_cost.sh [RUNS]
set -euo pipefail
runs="${1:-3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Share the workspace's target dir: dependencies are then already built.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

cargo build -q --offline --manifest-path "$root/Cargo.toml" -p adcontract --bin adcontract
"$CARGO_TARGET_DIR/debug/adcontract" generate rust --out "$work/latest.rs"

make_crate() { # name body
  mkdir -p "$work/$1/src"
  cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "$1"
version = "0.0.0"
edition = "2024"
[dependencies]
adcontract = { path = "$root", default-features = false }
[workspace]
TOML
  cp "$root/Cargo.lock" "$work/$1/Cargo.lock"
  printf '%s\n' "$2" > "$work/$1/src/lib.rs"
}
make_crate with-macro 'pub mod latest { adcontract::bindings!(); }'
make_crate with-file "pub mod latest { include!(\"$work/latest.rs\"); }"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # crate -> prints seconds per run
  cargo check -q --offline --manifest-path "$work/$1/Cargo.toml" # warm: dependencies
  for _ in $(seq "$runs"); do
    touch "$work/$1/src/lib.rs"
    local s e
    s=$(date +%s.%N)
    cargo check -q --offline --manifest-path "$work/$1/Cargo.toml"
    e=$(date +%s.%N)
    echo "$e - $s" | bc
  done
}
m=$(measure with-macro | median)
f=$(measure with-file | median)
echo "runs: $runs (median of each)"
echo "cargo check, bindings!():         ${m}s"
echo "cargo check, include!(generated): ${f}s"
echo "ratio macro/file: $(echo "scale=2; $m / $f" | bc)"
