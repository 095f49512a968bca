#!/usr/bin/env bash
# The benchmark: chat-d1 against the drizzle-orm layer it replaces, side by side on local D1 under
# wrangler dev, then chat-d1's own overhead, cold start and bundle size. Prints markdown tables and
# keeps a copy in bench/results.md. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

bash scripts/build.sh
ensure_node24
npm_ci_if_stale bench

{
  echo "# Benchmark results"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, Node $(node --version), wrangler $(bench/node_modules/.bin/wrangler --version | tail -n1)."
  echo
  echo "## Side by side on local D1"
  echo
  node bench/run.mjs
  echo
  echo "## Chat turns and pages"
  echo
  node bench/turns.mjs
  echo
  echo "## A turn with a tool call: the AI SDK template's queries and chat-d1"
  echo
  node bench/ai-turns.mjs
  echo
  echo "## Branches: a history window against the whole tree"
  echo
  node bench/branches.mjs
  echo
  echo "## Search: the backfill and queries at 10,000 to 1,000,000 messages"
  echo
  node bench/search.mjs
  echo
  echo "## Load: both example variants"
  echo
  node bench/load.mjs
  echo
  echo "## Time inside chat-d1 per call (D1 answering instantly)"
  echo
  node bench/overhead.mjs
  echo
  echo "## Soak: one isolate, a million calls"
  echo
  node bench/soak.mjs
  echo
  echo "## Cold start"
  echo
  node bench/cold-start.mjs
  echo
  echo "## Bundle size"
  echo
  (cd bench && node size.mjs)
} | tee bench/results.md
