#!/usr/bin/env bash
# Builds the npm package's generated part into pkg/: wasm-pack (release), then binaryen's wasm-opt
# -Oz tuned for gzip (with only the features the module declares: `--all-features` re-encodes
# imports in a form workerd cannot parse), then esbuild minifies the JS glue and its snippets, then
# prints the size of what a Worker ships (wasm, glue, snippets and the entry js/index.js).
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
# Tuned for the gzipped size, which is what the budget counts (measured with binaryen 132):
# - inlining only functions of at most 10 instructions into their single caller (binaryen's default
#   inlines any size) leaves the wasm 3.3 KB larger raw but 2.0 KB smaller gzipped (2.5 KB with
#   dlmalloc); 5 to 20 measured within 0.1 KB of each other, no limit at all 0.2 KB more;
# - the producers and target_features sections are for tools; nothing reads them at run time
#   (-0.2 KB gzipped). wasm-opt reads the features before it drops the section.
# `--converge` was tried: within 50 B either way, so it is not run.
node_modules/.bin/wasm-opt -Oz --one-caller-inline-max-function-size=10 \
  --strip-producers --strip-target-features pkg/chat_d1_bg.wasm -o pkg/chat_d1_bg.opt.wasm
mv pkg/chat_d1_bg.opt.wasm pkg/chat_d1_bg.wasm

step "esbuild --minify (glue and snippets)"
# Each file on its own (no bundling), in place: ESM in, ESM out, so the exports and the import paths
# stay as wasm-bindgen wrote them. The wasm finds its imports by the import object's property names
# (`"./chat_d1_bg.js"`, `__wbg_...`), and esbuild never renames properties, only local names.
# js/index.js, the entry, ships as written (minifying it would save about 0.1 KB).
mapfile -t snippets < <(find pkg/snippets -name '*.js' | sort)
node_modules/.bin/esbuild pkg/chat_d1.js "${snippets[@]}" --minify --format=esm \
  --outbase=pkg --outdir=pkg --allow-overwrite --log-level=warning

# The size of what a Worker bundle takes from the package, as tests/size/ measures it for the budget.
node tests/size/shipped.mjs
