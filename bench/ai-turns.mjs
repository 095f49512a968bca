// The AI SDK turn benchmark: a chat turn with one tool call on the Vercel AI SDK chatbot template's
// query pattern (drizzle-orm over D1, bench/src/ai-turns.ts) against chat-d1 as the example's AI SDK
// route uses it, on local D1 under `wrangler dev`, each round trip delayed by a simulated 0, 20 or
// 50 ms. Flows alternate within each round; medians over rounds. Rows written are D1's own `meta`.
import { alternate, median, startBenchWorker } from "./bench-worker.mjs";

const ROUNDS = Number(process.env.BENCH_TURN_ROUNDS ?? 5);
const REPEAT = Number(process.env.BENCH_TURN_REPEAT ?? 10);
const LATENCIES = [0, 20, 50];
const FLOWS = ["template", "chat-d1"];
const KINDS = ["new", "continuing"];

const worker = await startBenchWorker();
try {
  const run = (flow, kind, latency) => worker.json(`/ai-turns?flow=${flow}&kind=${kind}&latency=${latency}&repeat=${REPEAT}`);
  console.log(`A turn with one tool call, ${REPEAT} turns per sample, ${ROUNDS} rounds (flows alternating), medians; latency simulated per round trip.\n`);
  console.log("| simulated latency | turn | AI SDK template ms (trips, rows written) | chat-d1 ms (trips, rows written) | chat-d1 / template |");
  console.log("|---:|---|---:|---:|---:|");
  for (const latency of LATENCIES) {
    for (const kind of KINDS) {
      const { samples, last } = await alternate((flow) => run(flow, kind, latency), FLOWS, "chat-d1", ROUNDS);
      const cell = (flow) => `${median(samples[flow]).toFixed(1)} (${last[flow].roundTripsPerTurn}, ${last[flow].rowsWrittenPerTurn.toFixed(1)})`;
      const ratio = median(samples["chat-d1"]) / median(samples.template);
      console.log(`| ${latency} ms | ${kind} | ${cell("template")} | ${cell("chat-d1")} | ${ratio.toFixed(2)} |`);
    }
  }
} finally {
  await worker.stop();
}
