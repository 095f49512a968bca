#!/usr/bin/env bash
# The demo: packs the npm tarball (its prepack step builds the package), installs it into a copy of
# the example Hono Worker outside the repository, as a user would, then runs that Worker under
# `wrangler dev` on 127.0.0.1 with a fresh local D1 and plays a scripted chat against it. Installs
# what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

ensure_npm_deps
ensure_node24
packed=$(mktemp -d)
trap 'rm -rf "$packed"' EXIT
step "npm pack, then install the tarball into the example Worker"
tarball=$(pack_tarball "$packed")
export CHAT_D1_EXAMPLE_DIR
CHAT_D1_EXAMPLE_DIR=$(install_packed_example "$tarball" "$packed")

step "a scripted chat against the example Worker"
node scripts/demo.mjs
