#!/usr/bin/env bash
# Runs every test layer of chat-d1. The README's quick start and .ci/run call exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

step "installing what is missing"
ensure_rust_tools

step "format, lints and documentation"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --lib --target wasm32-unknown-unknown -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --lib --quiet

step "native tests on real SQLite"
logs=$(mktemp -d)
run_logged "$logs/native" cargo test --lib --tests --examples
count_cargo_results "$logs/native"

step "the npm tarball: npm pack (its prepack step builds the package), then what the tarball holds"
ensure_npm_deps
packed=$(mktemp -d)
trap 'rm -rf "$packed"' EXIT
tarball=$(pack_tarball "$packed")
TARBALL=$tarball run_logged "$logs/tarball" node --test tests/package/
count_node_test_results "$logs/tarball"

step "the README and docs/: every relative link and anchor resolves; the snippet extractor misses no TypeScript block"
run_logged "$logs/docs" node --test tests/docs/links.test.mjs tests/docs/snippets.test.mjs
count_node_test_results "$logs/docs"

step "size budget: wasm, glue, snippets, entry and request helpers within 84 KB gzipped"
run_logged "$logs/size" node --test tests/size/
count_node_test_results "$logs/size"

step "the exported DatabaseClient in headless Chrome (wasm-bindgen-test)"
ensure_chromium
CHROMEDRIVER=$(command -v chromedriver) run_logged "$logs/browser" \
  wasm-pack test --headless --chrome -- --test wasm_client --test wasm_arguments
count_cargo_results "$logs/browser"

step "TypeScript: the old handlers' usage type-checks, misuse does not (tsc --strict)"
node_modules/.bin/tsc -p tests/types
echo "type-check: handlers.ts compiles; $(grep -c '^ *// @ts-expect-error' tests/types/misuse.ts) misuses in misuse.ts are rejected"

step "the tarball installed into the example Worker outside the repository, both variants bundled by wrangler"
ensure_node24
example=$(install_packed_example "$tarball" "$packed")
(cd "$example" && node_modules/.bin/tsc --noEmit && node_modules/.bin/wrangler deploy --dry-run --outdir dist &&
  node_modules/.bin/wrangler deploy --dry-run --outdir dist-durable --config wrangler.durable.jsonc)
export CHAT_D1_EXAMPLE_DIR=$example CHAT_D1_PACKAGE_DIR=$example/node_modules/chat-d1

step "every TypeScript snippet of the README, extracted and compiled under tsc --strict in the installed Worker"
node tests/docs/snippets.mjs "$example"

step "the installed package on real D1 and on Durable Object SQLite inside workerd (@cloudflare/vitest-plugin)"
run_logged "$logs/worker" node_modules/.bin/vitest run --config tests/worker/vitest.config.ts
count_vitest_results "$logs/worker"

step "the example Worker, installed from the tarball, end to end over HTTP under wrangler dev (D1 variant)"
run_logged "$logs/e2e" node_modules/.bin/vitest run --config tests/e2e/vitest.config.ts
count_vitest_results "$logs/e2e"

step "the example's Durable Object variant, the same end-to-end and browser tests, and its alarm"
CHAT_D1_VARIANT=durable run_logged "$logs/e2e-durable" \
  node_modules/.bin/vitest run --config tests/e2e/vitest.config.ts example page durable ai-sdk replies page-replies page-search
count_vitest_results "$logs/e2e-durable"

echo "the page's screenshots (1280 and 390 px wide, both variants): ${CHAT_D1_ARTIFACTS:-target/page-screenshots}"

step "the migration tooling (chat-d1 migrations copy, chat-d1 adopt) on local D1 through wrangler"
run_logged "$logs/migrations" node_modules/.bin/vitest run --config tests/migrations/vitest.config.ts
count_vitest_results "$logs/migrations"

step "the benchmark Worker type-checks (strict)"
npm_ci_if_stale bench
(cd bench && node_modules/.bin/tsc --noEmit)

step "all test layers passed"
echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
