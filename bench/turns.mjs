// The chat turn benchmark: a turn's database time and D1 round trips for the drizzle baseline (as
// the original handlers used it), chat-d1's drop-in methods (as the drop-in example used them) and
// the chat API, on local D1 under `wrangler dev`, with a simulated round-trip latency of 0, 5, 20
// and 50 ms (each round trip waits that long first: a simulation of D1's distance, not a
// measurement of deployed D1). Flows alternate within each round; medians over rounds.
import { fileURLToPath } from "node:url";
import { startWorker } from "../scripts/wrangler-dev.mjs";
import { alternate, median } from "./bench-worker.mjs";

const ROUNDS = Number(process.env.BENCH_TURN_ROUNDS ?? 5);
const REPEAT = Number(process.env.BENCH_TURN_REPEAT ?? 10);
const LATENCIES = [0, 5, 20, 50];
const FLOWS = ["baseline", "drop-in", "chat"];
const KINDS = ["new", "continuing"];


const worker = await startWorker({
  dir: fileURLToPath(new URL(".", import.meta.url)),
  databases: ["DB_CHAT_D1", "DB_BASELINE"],
});
try {
  const run = async (flow, kind, latency, repeat = REPEAT) => {
    const response = await fetch(`${worker.url}/turns?flow=${flow}&kind=${kind}&latency=${latency}&repeat=${repeat}`);
    if (!response.ok) throw new Error(`${flow} ${kind}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  console.log(`Chat turns on local D1 under wrangler dev, ${REPEAT} turns per sample, ${ROUNDS} rounds (flows alternating), medians; latency is simulated per round trip.\n`);
  console.log("| simulated latency | turn | baseline ms (trips) | drop-in ms (trips) | chat API ms (trips) | chat API / baseline |");
  console.log("|---:|---|---:|---:|---:|---:|");
  for (const latency of LATENCIES) {
    for (const kind of KINDS) {
      const { samples, last } = await alternate((flow) => run(flow, kind, latency), FLOWS, "chat", ROUNDS);
      const cell = (flow) => `${median(samples[flow]).toFixed(1)} (${last[flow].roundTripsPerTurn})`;
      const ratio = median(samples.chat) / median(samples.baseline);
      console.log(`| ${latency} ms | ${kind} | ${cell("baseline")} | ${cell("drop-in")} | ${cell("chat")} | ${ratio.toFixed(2)} |`);
    }
  }
  // What a turn costs in D1's billing units, from D1's own meta through onQuery (chat-d1's flows;
  // drizzle reads without meta). The continuing turn goes to a conversation of 4 turns (8 messages)
  // plus those before it in the sample: the drop-in handlers read the whole conversation back.
  console.log(`\nD1 rows per turn (onQuery's rows_read / rows_written, summed from D1's meta; ${REPEAT} turns per sample):\n`);
  console.log("| turn | drop-in handlers: read / written (trips) | chat API: read / written (trips) |\n|---|---:|---:|");
  for (const kind of KINDS) {
    const [dropIn, chatApi] = [await run("drop-in", kind, 0), await run("chat", kind, 0)];
    const cell = (r) => `${r.rowsReadPerTurn.toFixed(1)} / ${r.rowsWrittenPerTurn.toFixed(1)} (${r.roundTripsPerTurn})`;
    console.log(`| ${kind} | ${cell(dropIn)} | ${cell(chatApi)} |`);
  }
  // The chat API on D1 against the chat API on a Durable Object's SQLite (no simulated latency):
  // on local workerd, D1 is itself served by a SQLite Durable Object behind the binding, so this
  // compares the D1 path (binding, batch, its object) with SQLite inside the caller's own object.
  console.log(`\nThe chat API per turn, D1 backend vs Durable Object backend (local workerd, ${REPEAT * 5} turns per sample, medians of ${ROUNDS}):\n`);
  console.log("| turn | D1: ms (storage round trips) | Durable Object: ms (storage round trips) | Durable Object / D1 |\n|---|---:|---:|---:|");
  for (const kind of KINDS) {
    const onD1 = [];
    const onObject = [];
    let trips = {};
    for (let round = 0; round < ROUNDS; round++) {
      const d1 = await run("chat", kind, 0, REPEAT * 5);
      const object = await fetch(`${worker.url}/durable-turns?kind=${kind}&repeat=${REPEAT * 5}`).then((r) => r.json());
      onD1.push(d1.msPerTurn);
      onObject.push(object.msPerTurn);
      trips = { d1: d1.roundTripsPerTurn, object: object.roundTripsPerTurn };
    }
    const [a, b] = [median(onD1), median(onObject)];
    console.log(`| ${kind} | ${a.toFixed(2)} (${trips.d1}) | ${b.toFixed(2)} (${trips.object}) | ${(b / a).toFixed(2)} |`);
  }
  const pages = async (tied) =>
    fetch(`${worker.url}/pages?rows=100000&limit=100&far=1000&samples=9&tied=${tied ? 1 : 0}`).then((r) => r.json());
  const spread = await pages(false);
  const tied = await pages(true);
  console.log("\nA conversation of 100,000 messages, read 100 at a time with getConversation (median of 9 reads, ms, workerd's clock):\n");
  console.log("| messages' created_at | 1st page (newest) | 1,000th page (oldest) |\n|---|---:|---:|");
  console.log(`| one a second | ${spread.firstMs.toFixed(1)} | ${spread.farMs.toFixed(1)} |`);
  console.log(`| all the same millisecond | ${tied.firstMs.toFixed(1)} | ${tied.farMs.toFixed(1)} |`);
} finally {
  await worker.stop();
}
