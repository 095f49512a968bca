// A stand-in D1 binding that answers every statement at once with D1-shaped results chosen by the
// SQL, so a measurement sees only the time spent inside chat-d1. A measuring instrument for the
// overhead and cold-start benchmarks; behaviour is tested against real D1.
import { readFileSync } from "node:fs";

export const wasmBytes = () => readFileSync(new URL("../pkg/chat_d1_bg.wasm", import.meta.url));

const now = "2025-11-14T10:30:00.123Z";
const session = { id: "s", created_at: now, last_activity: now, metadata: '{"agent":"bench"}' };
const conversation = (i) => ({ id: `c${i}`, session_id: "s", title: "Benchmark", created_at: now, updated_at: now });
const message = (i) => ({
  id: `m${i}`,
  conversation_id: "c0",
  role: i % 2 ? "assistant" : "user",
  content: `message ${i} `.repeat(8),
  created_at: now,
});

/** A binding whose conversation holds `messageCount` messages. */
export function instantD1(messageCount) {
  const messages = Array.from({ length: messageCount }, (_, i) => message(i));
  // The walk up a branch (the chat API's reads) answers a message with the columns it computes.
  const walked = messages.map((m, i) => ({
    ...m,
    metadata: null,
    parts: null,
    parent_id: i ? `m${i - 1}` : null,
    status: "done",
    sibling_index: 0,
    sibling_count: 1,
    sibling_previous: null,
    sibling_next: null,
  }));
  const conversations = Array.from({ length: 10 }, (_, i) => conversation(i));
  const rowsFor = (sql) =>
    sql.startsWith("INSERT INTO client_sessions") ? [session]
    : sql.startsWith("WITH RECURSIVE path") ? walked
    : sql.includes("FROM messages") ? messages
    : sql.includes("LIMIT") ? conversations
    : sql.startsWith("SELECT") ? [conversations[0]]
    : [];
  const result = (sql) => ({ results: rowsFor(sql), success: true, meta: {} });
  return {
    prepare(sql) {
      return { sql, bind() { return this; }, all() { return Promise.resolve(result(this.sql)); } };
    },
    batch(statements) {
      return Promise.resolve(statements.map((s) => result(s.sql)));
    },
  };
}
