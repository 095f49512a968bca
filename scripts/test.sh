#!/usr/bin/env bash
# Runs every test layer of chat-d1. The README's quick start and .ci/run call exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step "installing what is missing"
ensure_rust_tools

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings

step "native tests on real SQLite"
logs=$(mktemp -d)
run_logged "$logs/native" cargo test --lib --tests --examples
count_cargo_results "$logs/native"

step "release build for wasm32"
cargo build --lib --release --target wasm32-unknown-unknown

step "all test layers passed"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
