// The branches benchmark: a history window of 50 on the active branch of a 100-message conversation
// and of a 99,100-message one with 1,000 branches, through chat-d1 (`getConversation`, the walk up
// from the leaf in SQL), and the whole tree read and walked in JS as LibreChat and Open WebUI do,
// on local D1 under `wrangler dev`. Medians over rounds, reads alternating.
import { median, startBenchWorker } from "./bench-worker.mjs";

const ROUNDS = Number(process.env.BENCH_BRANCH_ROUNDS ?? 7);
const REPEAT = Number(process.env.BENCH_BRANCH_REPEAT ?? 10);

const worker = await startBenchWorker(["DB_CHAT_D1"]);
try {
  const sizes = [
    { label: "100 messages, no branch", branches: 0 },
    { label: "99,100 messages, 1,000 branches", branches: 1000 },
  ];
  for (const size of sizes) size.ids = await worker.json(`/branches/seed?branches=${size.branches}`);
  const read = (size, how) =>
    worker.json(`/branches/read?how=${how}&session=${size.ids.sessionId}&conversation=${size.ids.conversationId}&repeat=${REPEAT}`);
  console.log(`The newest 50 messages of the active branch, ${REPEAT} reads per sample, ${ROUNDS} rounds, medians.\n`);
  console.log("| conversation | chat-d1 window ms (rows read) | whole tree, path in JS ms (rows read) |");
  console.log("|---|---:|---:|");
  for (const size of sizes) {
    const samples = { window: [], tree: [] };
    const last = {};
    await read(size, "window");
    for (let round = 0; round < ROUNDS; round++) {
      for (const how of ["window", "tree"]) {
        const result = await read(size, how);
        if (result.messages !== 50) throw new Error(`${how} read ${result.messages} messages`);
        samples[how].push(result.ms);
        last[how] = result;
      }
    }
    const cell = (how) => `${median(samples[how]).toFixed(2)} (${last[how].rowsRead.toLocaleString("en")})`;
    console.log(`| ${size.label} | ${cell("window")} | ${cell("tree")} |`);
  }
} finally {
  await worker.stop();
}
