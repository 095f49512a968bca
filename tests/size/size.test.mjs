// The size budget: what a Worker ships from chat-d1 (the optimized wasm plus its JS glue) stays
// within 68 KB gzipped (60 KB until message metadata, onQuery and the Durable Object backend came
// in: see the README's Performance section). Bytes are stable across runs, so this is asserted;
// speed is benchmarked.
import { readFileSync } from "node:fs";
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";

const BUDGET_GZIPPED_BYTES = 68_000;
const shipped = ["../../pkg/chat_d1_bg.wasm", "../../pkg/chat_d1.js"];

test(`wasm + glue stay within ${BUDGET_GZIPPED_BYTES} bytes gzipped`, () => {
  const sizes = shipped.map((path) => {
    const bytes = readFileSync(new URL(path, import.meta.url));
    return { path, raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
  });
  const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
  console.log(sizes.map(({ path, raw, gzipped }) => `${path}: ${raw} B, ${gzipped} B gzipped`).join("\n"));
  assert.ok(total <= BUDGET_GZIPPED_BYTES, `${total} B gzipped is over the ${BUDGET_GZIPPED_BYTES} B budget`);
});
