// Time spent inside chat-d1 per call, not waiting on D1: the package's wasm runs in Node (same V8
// as workerd) against a stand-in binding that answers instantly with D1-shaped results. This is a
// measuring instrument only; behaviour is tested against real D1.
import { performance } from "node:perf_hooks";
import { DatabaseClient, initSync } from "../pkg/chat_d1.js";
import { instantD1, wasmBytes } from "./instant-d1.mjs";

initSync({ module: new WebAssembly.Module(wasmBytes()) });

const calls = {
  getOrCreateSession: (db) => db.getOrCreateSession("s", { agent: "bench" }),
  createConversation: (db) => db.createConversation("c", "s", "Benchmark"),
  createMessage: (db) => db.createMessage("m", "c", "user", "message ".repeat(8)),
  listConversations: (db) => db.listConversations("s"),
  getConversationWithMessages: (db) => db.getConversationWithMessages("c0"),
};

async function microsPerCall(call, db, iterations) {
  for (let i = 0; i < 200; i++) await call(db);
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await call(db);
  return ((performance.now() - start) * 1000) / iterations;
}

const db = new DatabaseClient(instantD1(4));
console.log("| method (instant D1, 4 messages) | µs per call inside chat-d1 |");
console.log("|---|---:|");
for (const [name, call] of Object.entries(calls)) {
  console.log(`| ${name} | ${(await microsPerCall(call, db, 20_000)).toFixed(1)} |`);
}
console.log("\n| getConversationWithMessages, messages | µs per call inside chat-d1 | µs per message |");
console.log("|---:|---:|---:|");
for (const count of [100, 1_000, 10_000]) {
  const big = new DatabaseClient(instantD1(count));
  const micros = await microsPerCall(calls.getConversationWithMessages, big, Math.max(20, 200_000 / count));
  console.log(`| ${count} | ${micros.toFixed(0)} | ${(micros / count).toFixed(2)} |`);
}
