// What a Worker bundle takes from chat-d1, and its size gzipped (zlib, level 9): the wasm, the
// wasm-bindgen glue, every snippet the glue imports (wasm-bindgen's copies, under pkg/snippets/,
// of js/catching.js, js/database-error.js and js/result-cells.js: the originals in js/ ship in the
// tarball but no bundle reaches them), the entry, js/index.js, and its request helpers, js/request.js. The budget test asserts on it;
// scripts/build.sh runs this file to print the same figures.
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";

export const root = fileURLToPath(new URL("../../", import.meta.url));

/** The shipped files, as package-relative paths. */
export function shippedFiles() {
  const snippets = readdirSync(join(root, "pkg/snippets"), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".js"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
  return ["pkg/chat_d1_bg.wasm", "pkg/chat_d1.js", ...snippets, "js/index.js", "js/request.js"];
}

/** Each shipped file's size, raw and gzipped, in bytes. */
export function shippedSizes() {
  return shippedFiles().map((path) => {
    const bytes = readFileSync(join(root, path));
    return { path, raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
}

/** One line per file, then the total. */
export function report(sizes) {
  const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
  const lines = sizes.map(({ path, raw, gzipped }) => `size: ${path} ${raw} B (${gzipped} B gzipped)`);
  return [...lines, `size: ${total} B gzipped in all`].join("\n");
}

const runAsScript = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) console.log(report(shippedSizes()));
