#!/usr/bin/env bash
# Builds the npm package's generated part into pkg/: wasm-pack (release), then binaryen's wasm-opt
# -Oz (with only the features the module declares: `--all-features` re-encodes imports in a form
# workerd cannot parse), then prints the size of what a Worker ships (wasm plus its JS glue).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
ensure_rust_tools
ensure_wasm_pack
ensure_npm_deps

step "wasm-pack build (release, target web)"
# From an empty pkg/: wasm-pack leaves files it no longer writes (a removed JS snippet) in place,
# and the tarball would ship them.
rm -rf pkg
wasm-pack build --release --target web --out-dir pkg --no-pack --no-typescript

# wasm-pack writes pkg/.gitignore holding `*`; npm honours a .gitignore inside a folder it packs and
# would leave pkg/snippets/ (the glue's imports) out of the tarball, so the package would not build.
rm -f pkg/.gitignore

step "wasm-opt -Oz"
node_modules/.bin/wasm-opt -Oz pkg/chat_d1_bg.wasm -o pkg/chat_d1_bg.opt.wasm
mv pkg/chat_d1_bg.opt.wasm pkg/chat_d1_bg.wasm

wasm_raw=$(wc -c < pkg/chat_d1_bg.wasm)
glue_raw=$(wc -c < pkg/chat_d1.js)
wasm_gz=$(gzipped_size pkg/chat_d1_bg.wasm)
glue_gz=$(gzipped_size pkg/chat_d1.js)
printf 'size: wasm %d B (%d B gzipped) + glue %d B (%d B gzipped) = %d B gzipped\n' \
  "$wasm_raw" "$wasm_gz" "$glue_raw" "$glue_gz" $((wasm_gz + glue_gz))
