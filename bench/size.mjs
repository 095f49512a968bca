// What each data layer adds to a Worker bundle: esbuild, minified, ESM, then gzip -9. chat-d1 is
// its JS (entry plus wasm-bindgen glue, the wasm left external) and its wasm; the baseline is
// bench/src/baseline.ts with drizzle-orm bundled in.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

async function bundle(entry, external = []) {
  const result = await build({
    entryPoints: [new URL(entry, import.meta.url).pathname],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    external,
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

const sizes = (bytes) => ({ raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length });
const chatJs = sizes(await bundle("../js/index.js", ["*.wasm"]));
const chatWasm = sizes(readFileSync(new URL("../pkg/chat_d1_bg.wasm", import.meta.url)));
const baseline = sizes(await bundle("./src/baseline.ts"));

console.log("| bundle (esbuild --minify, gzip -9) | raw bytes | gzipped bytes |");
console.log("|---|---:|---:|");
console.log(`| chat-d1: JS (entry + glue) | ${chatJs.raw} | ${chatJs.gzipped} |`);
console.log(`| chat-d1: wasm | ${chatWasm.raw} | ${chatWasm.gzipped} |`);
console.log(`| **chat-d1 total** | **${chatJs.raw + chatWasm.raw}** | **${chatJs.gzipped + chatWasm.gzipped}** |`);
console.log(`| baseline: drizzle-orm/d1 layer | ${baseline.raw} | ${baseline.gzipped} |`);
