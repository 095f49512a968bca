// The soak benchmark: one isolate under `wrangler dev`, BENCH_SOAK_CALLS calls (1,000,000 by
// default) of both APIs in blocks of 10,000, ten calls per simulated request, each request a new
// client (bench/src/soak.ts); after each block the wasm memory, the externref table's length and
// its slots holding a value. Then 50 chat turns of 1.9 MB values. Prints a markdown summary (and,
// with BENCH_SOAK_CSV, every block as CSV to stderr).
import { startBenchWorker } from "./bench-worker.mjs";

const CALLS = Number(process.env.BENCH_SOAK_CALLS ?? 1_000_000);
const BLOCK = 10_000;
const BIG_TURNS = 50;
const BIG_BYTES = 1_900_000;

const worker = await startBenchWorker(["DB_CHAT_D1"]);
const get = worker.json;
try {
  const blocks = [];
  for (let done = 0; done < CALLS; done += BLOCK) {
    const start = performance.now();
    const footprint = await get(`/soak/block?first=${done / 10}&calls=${BLOCK}`);
    blocks.push({ calls: done + BLOCK, msPerCall: (performance.now() - start) / BLOCK, ...footprint });
    if (process.env.BENCH_SOAK_CSV) {
      const b = blocks.at(-1);
      console.error(`${b.calls},${b.msPerCall.toFixed(4)},${b.memoryBytes},${b.tableLength},${b.liveSlots}`);
    }
  }
  const big = await get(`/soak/big?turns=${BIG_TURNS}&bytes=${BIG_BYTES}`);

  const [first, last] = [blocks[0], blocks.at(-1)];
  let largestStep = { bytes: 0, at: 0 };
  let tableSteps = 0;
  for (let i = 1; i < blocks.length; i++) {
    const step = blocks[i].memoryBytes - blocks[i - 1].memoryBytes;
    if (step > largestStep.bytes) largestStep = { bytes: step, at: blocks[i].calls };
    if (blocks[i].tableLength !== blocks[i - 1].tableLength) tableSteps++;
  }
  const liveMax = Math.max(...blocks.map((b) => b.liveSlots));
  const fmt = (n) => n.toLocaleString("en-US");
  console.log(`${fmt(CALLS)} calls of both APIs in one isolate, ${fmt(CALLS / 10)} clients (one per simulated request, never freed), in blocks of ${fmt(BLOCK)}; ${BIG_TURNS} turns of ${fmt(BIG_BYTES)}-byte values after.\n`);
  console.log("| figure | value |");
  console.log("|---|---:|");
  console.log(`| wasm memory after the first block (warm-up) | ${fmt(first.memoryBytes)} B |`);
  console.log(`| wasm memory after the last block | ${fmt(last.memoryBytes)} B |`);
  console.log(`| largest step between blocks after warm-up | ${fmt(largestStep.bytes)} B${largestStep.bytes ? ` (at ${fmt(largestStep.at)} calls)` : ""} |`);
  console.log(`| externref table: length first / last block | ${fmt(first.tableLength)} / ${fmt(last.tableLength)} |`);
  console.log(`| externref table: blocks after which its length changed | ${tableSteps} of ${blocks.length - 1} |`);
  console.log(`| slots holding a value: first / last block / most | ${fmt(first.liveSlots)} / ${fmt(last.liveSlots)} / ${fmt(liveMax)} |`);
  console.log(`| time per call: first / last block | ${(first.msPerCall * 1000).toFixed(1)} µs / ${(last.msPerCall * 1000).toFixed(1)} µs |`);
  console.log(`| after the ${BIG_TURNS} big turns: memory, table length | ${fmt(big.memoryBytes)} B, ${fmt(big.tableLength)} |`);
} finally {
  await worker.stop();
}
