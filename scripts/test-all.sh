#!/usr/bin/env bash
# Runs every test of adcontract on a fresh machine. Everything the tests need beyond the Rust
# toolchain is installed here or by the tests themselves, never assumed to be on the machine:
# the pinned node packages (TypeScript, playwright-core) from the committed lockfile, and Debian's
# Chromium for the browser tests (Playwright's own browser download cannot work on this network).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "node is required for the TypeScript tests (apt-get install nodejs npm)" >&2; exit 2; }

if [ ! -x /usr/bin/chromium ]; then
  echo "installing Debian's chromium for the browser tests" >&2
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
# npm ci is quick when the lockfile's packages are in npm's cache; it makes node_modules exactly
# what the lockfile says, so a stale or hand-installed package can never make a test pass.
(cd ts && npm ci --no-audit --no-fund --prefer-offline >/dev/null)

cargo test --workspace --locked

# Fuzzing (issue 12): a bounded run of each cargo-fuzz target on the nightly toolchain, seeded
# with the committed corpus. New inputs go to a temporary directory, so the run never edits the
# tree; a crash fails the command and leaves its input in fuzz/artifacts/.
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
fuzz_tmp="$(mktemp -d)"
trap 'rm -rf "$fuzz_tmp"' EXIT
# jsonl_split runs the engine on several threads: LeakSanitizer's per-input check races with the
# teardown of those (joined) threads' stacks and thread-locals and reports a leak that does not
# reproduce when the input is replayed alone, so leak detection is off for that target only.
for target in fast_vs_exact jsonl_split; do
  leaks=1; [ "$target" = jsonl_split ] && leaks=0
  mkdir -p "$fuzz_tmp/$target" "fuzz/corpus/$target"
  (cargo +nightly fuzz run "$target" "$fuzz_tmp/$target" "fuzz/corpus/$target" -- \
    -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -timeout=10 -detect_leaks="$leaks" \
    -print_final_stats=1 2>&1 | tail -n 15)
done
