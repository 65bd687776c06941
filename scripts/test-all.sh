#!/usr/bin/env bash
# Runs every test of adcontract on a fresh machine. Tests that need node packages (the pinned
# TypeScript compiler) install them themselves from the committed lockfile, so nothing here
# depends on what happens to be installed by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null || { echo "node is required for the TypeScript tests (apt-get install nodejs npm)" >&2; exit 2; }

cargo test --workspace --locked
