// The search benchmark, on local D1 under `wrangler dev`: for 10,000, 100,000 and 1,000,000
// messages, in one session and spread over sessions of 100, the backfill (`enableSearch` until
// done, 10,000 messages a call: round trips, total and slowest call, and the index's bytes a
// message from D1's size_after) and `searchMessages` (a common word, a rare one, prefixes, two
// words; the mean of REPEAT calls, median over rounds), and what
// search costs a chat turn. Seeding grows one database per layout; search is disabled before each
// growth and enabled after, so every size measures a whole backfill.
import { median, startBenchWorker } from "./bench-worker.mjs";

const SIZES = (process.env.BENCH_SEARCH_SIZES ?? "10000,100000,1000000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);
const REPEAT = Number(process.env.BENCH_SEARCH_REPEAT ?? 3);
const SEED_CHUNK = 100_000;
const QUERIES = [
  ["a common word (w3, ended by a space: 1 in 5)", "w3 "],
  ["a rare word (1 in 6,250)", "r42424"],
  ["a prefix (r424*: 1 in 56)", "r424"],
  ["a 2-letter prefix (w3*: 94 in 100)", "w3"],
  ["two words (w3 r424*)", "w3 r424"],
];

const fmt = (n, digits = 0) => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

for (const layout of ["one", "many"]) {
  const worker = await startBenchWorker(["DB_CHAT_D1"]);
  try {
    const where = layout === "one" ? "one session holding every message" : "sessions of 100 messages each";
    console.log(`### ${where}\n`);
    if (layout === "one") {
      const off = await worker.json("/search/turns?turns=20");
      await worker.json("/search/enable?batch=10000");
      const on = await worker.json("/search/turns?turns=20");
      console.log(`A chat turn (startTurn + addMessage), 20 turns: ${fmt(off.msPerTurn, 2)} ms and ${fmt(off.rowsWrittenPerTurn, 1)} rows written without search, ${fmt(on.msPerTurn, 2)} ms and ${fmt(on.rowsWrittenPerTurn, 1)} with it.\n`);
    }
    console.log("| messages | backfill: calls, total s, slowest call ms; index bytes a message | " + QUERIES.map(([label]) => `${label}: ms (results, rows read)`).join(" | ") + " |");
    console.log("|---:|---|" + QUERIES.map(() => "---:").join("|") + "|");
    let seeded = 0;
    for (const size of SIZES) {
      await worker.json("/search/enable?disable=1");
      while (seeded < size) {
        const count = Math.min(SEED_CHUNK, size - seeded);
        await worker.json(`/search/seed?layout=${layout}&from=${seeded}&count=${count}`);
        seeded += count;
      }
      const { sizeAfter: without } = await worker.json("/search/enable?disable=1");
      let withIndex = without;
      let calls = 0;
      let slowest = 0;
      const started = performance.now();
      for (let done = false; !done; ) {
        const call = await worker.json("/search/enable?batch=10000");
        calls++;
        slowest = Math.max(slowest, call.ms);
        done = call.done;
        withIndex = call.sizeAfter;
      }
      const total = (performance.now() - started) / 1000;
      const session = layout === "one" ? "solo" : `s${Math.floor(size / 200)}`;
      const cells = [];
      for (const [, q] of QUERIES) {
        const samples = [];
        let last;
        for (let round = 0; round < ROUNDS; round++) {
          last = await worker.json(`/search/query?session=${session}&q=${encodeURIComponent(q)}&repeat=${REPEAT}`);
          samples.push(last.ms);
        }
        cells.push(`${fmt(median(samples), 2)} (${last.results}, ${fmt(last.rowsRead)})`);
      }
      const perMessage = (withIndex - without) / size;
      console.log(`| ${fmt(size)} | ${calls}, ${fmt(total, 1)}, ${fmt(slowest)}; ${fmt(perMessage)} | ${cells.join(" | ")} |`);
    }
    console.log();
  } finally {
    await worker.stop();
  }
}
