// The size budget: what a Worker ships from chat-d1 (the optimized wasm, its minified JS glue and
// snippets, and the entry: tests/size/shipped.mjs) stays within 76 KB gzipped. It was 68 KB over
// the wasm and glue alone once message metadata, onQuery and the Durable Object backend came in;
// the minified glue, the talc allocator and wasm-opt tuned for gzip brought everything a Worker
// takes from 68,474 B to 58,483 B, under a 60 KB budget (58,836 B with the memory fix and the
// generated binders). Parts and saveMessages (the AI SDK's messages) added 6.3 KB, and the budget
// went to 66 KB with them; branches (the walk up a branch in SQL, one statement for history and
// pages, selectBranch, forkConversation) 5.3 KB more (65,132 B -> 70,454 B), and 71 KB with them;
// replies in flight (updateReply, finishReply, the reservation, `status` on every message, the
// staleAfterMs option) 4.2 KB more (74,605 B), and 76 KB with them; search (searchMessages read
// as the walk's chat messages, its keyset cursor, enableSearch's index, triggers and backfill,
// disableSearch) 7.8 KB more (82,426 B), and 84 KB with it (see docs/performance.md, Size). Bytes are stable across
// runs, so this is asserted; speed is benchmarked.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { missingImports } from "../package/imports.mjs";
import { report, root, shippedFiles, shippedSizes } from "./shipped.mjs";

const BUDGET_GZIPPED_BYTES = 84_000;

test("the measured files are exactly what the entry reaches", () => {
  const files = shippedFiles();
  const read = (path) => readFileSync(join(root, path), "utf8");
  const { missing, reached } = missingImports(["js/index.js"], new Set(files), read);
  assert.deepEqual(missing, [], "the entry imports a file the budget does not count");
  assert.deepEqual([...reached].sort(), [...files].sort());
});

test(`wasm + glue + snippets + entry stay within ${BUDGET_GZIPPED_BYTES} bytes gzipped`, () => {
  const sizes = shippedSizes();
  const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
  console.log(report(sizes));
  assert.ok(total <= BUDGET_GZIPPED_BYTES, `${total} B gzipped is over the ${BUDGET_GZIPPED_BYTES} B budget`);
});
