// The side-by-side benchmark: chat-d1 and the drizzle-orm baseline in one `wrangler dev` process,
// each on its own fresh local D1, running the same mixed workload in alternation (A B A B ...).
// Prints markdown tables: per-method medians, D1 round trips and ratios; then reads at scale.
import { fileURLToPath } from "node:url";
import { startWorker } from "../scripts/wrangler-dev.mjs";
import { median } from "./bench-worker.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WARMUP = 3;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 20);
const SCALE_ROWS = [100, 1_000, 10_000];
const SCALE_WARMUP = 2;
const SCALE_SAMPLES = 9;
const LAYERS = ["chat-d1", "baseline"];

const ms = (value) => value.toFixed(2);

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

const worker = await startWorker({
  dir: fileURLToPath(new URL(".", import.meta.url)),
  databases: ["DB_CHAT_D1", "DB_BASELINE"],
});
try {
  const runWorkload = (layer) => getJson(`${worker.url}/workload?layer=${layer}&repeat=${REPEAT}`);
  for (let i = 0; i < WARMUP; i++) for (const layer of LAYERS) await runWorkload(layer);

  // perCall[layer][step] = ms per call, one sample per run; trips likewise; totals[layer] per run.
  const perCall = { "chat-d1": new Map(), baseline: new Map() };
  const trips = { "chat-d1": new Map(), baseline: new Map() };
  const totals = { "chat-d1": [], baseline: [] };
  const mix = new Map();
  for (let round = 0; round < ROUNDS; round++) {
    for (const layer of LAYERS) {
      const costs = await runWorkload(layer);
      totals[layer].push(costs.reduce((sum, cost) => sum + cost.msPerCall * cost.perWorkload, 0));
      for (const { step, perWorkload, msPerCall, roundTripsPerCall } of costs) {
        mix.set(step, perWorkload);
        perCall[layer].set(step, [...(perCall[layer].get(step) ?? []), msPerCall]);
        trips[layer].set(step, [...(trips[layer].get(step) ?? []), roundTripsPerCall]);
      }
    }
  }

  console.log(
    `Mixed workload on local D1 under wrangler dev: ${ROUNDS} alternating runs per layer (A B A B ...) after ` +
      `${WARMUP} warm-up runs; each run times ${REPEAT} back-to-back calls per method. Medians over runs.\n`,
  );
  console.log("| method | calls per workload | chat-d1 ms/call | baseline ms/call | chat-d1 / baseline | D1 round trips per call (chat-d1 / baseline) |");
  console.log("|---|---:|---:|---:|---:|---:|");
  let tripsPerWorkload = { "chat-d1": 0, baseline: 0 };
  for (const [step, calls] of mix) {
    const [a, b] = [median(perCall["chat-d1"].get(step)), median(perCall.baseline.get(step))];
    const [ta, tb] = [median(trips["chat-d1"].get(step)), median(trips.baseline.get(step))];
    tripsPerWorkload["chat-d1"] += ta * calls;
    tripsPerWorkload.baseline += tb * calls;
    console.log(`| ${step} | ${calls} | ${ms(a)} | ${ms(b)} | ${(a / b).toFixed(2)} | ${ta} / ${tb} |`);
  }
  const [a, b] = [median(totals["chat-d1"]), median(totals.baseline)];
  console.log(
    `| **whole workload** | 9 | **${ms(a)}** | **${ms(b)}** | **${(a / b).toFixed(2)}** | **${tripsPerWorkload["chat-d1"]} / ${tripsPerWorkload.baseline}** |`,
  );

  console.log(`\nReads at scale: both databases seeded first, then ${SCALE_SAMPLES} alternating reads per layer (median, ms).\n`);
  console.log("| rows | listConversations chat-d1 | listConversations baseline | getConversationWithMessages chat-d1 | getConversationWithMessages baseline |");
  console.log("|---:|---:|---:|---:|---:|");
  for (const rows of SCALE_ROWS) {
    const seeded = {};
    for (const layer of LAYERS) seeded[layer] = await getJson(`${worker.url}/scale/seed?layer=${layer}&rows=${rows}`);
    const samples = { "chat-d1": { listMs: [], getMs: [] }, baseline: { listMs: [], getMs: [] } };
    for (let i = 0; i < SCALE_WARMUP + SCALE_SAMPLES; i++) {
      for (const layer of LAYERS) {
        const { sessionId, conversationId } = seeded[layer];
        const read = await getJson(`${worker.url}/scale/read?layer=${layer}&session=${sessionId}&conversation=${conversationId}`);
        if (i < SCALE_WARMUP) continue;
        samples[layer].listMs.push(read.listMs);
        samples[layer].getMs.push(read.getMs);
      }
    }
    const cell = (layer, key) => ms(median(samples[layer][key]));
    console.log(`| ${rows} | ${cell("chat-d1", "listMs")} | ${cell("baseline", "listMs")} | ${cell("chat-d1", "getMs")} | ${cell("baseline", "getMs")} |`);
  }
} finally {
  await worker.stop();
}
