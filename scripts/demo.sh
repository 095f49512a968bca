#!/usr/bin/env bash
# The demo: builds the package, then runs the example Hono Worker under `wrangler dev` on
# 127.0.0.1 with a fresh local D1 and plays a scripted chat against it. Installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

bash scripts/build.sh
ensure_node24
ensure_example_deps

step "a scripted chat against the example Worker"
node scripts/demo.mjs
