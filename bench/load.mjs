// Load on both variants of the example Worker under `wrangler dev` on 127.0.0.1: SESSIONS client
// sessions start at once, each sending TURNS chat turns one after another (each a streamed reply:
// the chat API's two storage calls). Reports throughput, latency and every failure, then reads
// every session's conversation back through the API to check that each message was stored once.
// D1 variant: one database for all sessions. Durable Object variant: one object per session.
import { performance } from "node:perf_hooks";
import { chat, get } from "../examples/hono-chat/client/chat-client.mjs";
import { forVariant, startWorker } from "../scripts/wrangler-dev.mjs";

const SESSIONS = Number(process.env.BENCH_LOAD_SESSIONS ?? 1000);
const TURNS = Number(process.env.BENCH_LOAD_TURNS ?? 3);
const TIMEOUT_MS = 60_000;

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

/** `tasks` run with at most `limit` at once. */
async function pooled(tasks, limit) {
  const results = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

async function load(variant) {
  process.env.CHAT_D1_VARIANT = variant;
  const worker = await startWorker(forVariant({ vars: { QUOTA_PER_DAY: "0" }, timeoutMs: 120_000 }));
  try {
    const statuses = new Map();
    const failures = new Map();
    const latencies = [];
    const sessions = Array.from({ length: SESSIONS }, () => ({ id: crypto.randomUUID(), conversationId: undefined }));
    const started = performance.now();
    await Promise.all(
      sessions.map(async (session, s) => {
        for (let turn = 0; turn < TURNS; turn++) {
          const sent = performance.now();
          try {
            const result = await chat(worker.url, session.id, `session ${s} turn ${turn}`, {
              conversationId: session.conversationId,
              signal: AbortSignal.timeout(TIMEOUT_MS),
            });
            statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
            session.conversationId ??= result.conversationId;
            if (result.status === 200) latencies.push(performance.now() - sent);
          } catch (error) {
            const name = error?.name ?? String(error);
            failures.set(name, (failures.get(name) ?? 0) + 1);
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // Read every conversation back, 50 at a time: each turn stored its message and its reply once.
    const stored = await pooled(
      sessions.map((session) => async () => {
        if (!session.conversationId) return 0;
        const { body } = await get(worker.url, session.id, `/api/conversations/${session.conversationId}?limit=1000`);
        return body.messages?.length ?? 0;
      }),
      50,
    );
    const requests = SESSIONS * TURNS;
    return {
      variant,
      requests,
      seconds,
      ok: statuses.get(200) ?? 0,
      statuses: Object.fromEntries(statuses),
      failures: Object.fromEntries(failures),
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      stored: stored.reduce((a, b) => a + b, 0),
    };
  } finally {
    await worker.stop();
  }
}

console.log(`${SESSIONS} sessions at once, ${TURNS} streamed chat turns each, against wrangler dev on 127.0.0.1 (one process, this machine):\n`);
console.log("| variant | requests | 200s | other statuses / failures | seconds | turns / s | p50 ms | p99 ms | messages read back (expected) |");
console.log("|---|---:|---:|---|---:|---:|---:|---:|---:|");
for (const variant of ["d1", "durable"]) {
  const r = await load(variant);
  const other = JSON.stringify({ ...Object.fromEntries(Object.entries(r.statuses).filter(([s]) => s !== "200")), ...r.failures });
  const name = variant === "d1" ? "D1 (one database)" : "Durable Object per session";
  console.log(
    `| ${name} | ${r.requests} | ${r.ok} | ${other === "{}" ? "none" : other} | ${r.seconds.toFixed(1)} | ${(r.requests / r.seconds).toFixed(0)} | ${r.p50?.toFixed(0)} | ${r.p99?.toFixed(0)} | ${r.stored} (${r.requests * 2}) |`,
  );
}
