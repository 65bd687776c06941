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
