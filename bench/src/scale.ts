// Reads as the data grows: a session with `rows` conversations, and a conversation with `rows`
// messages. Rows are seeded with plain SQL in batches; only the timed reads go through the layers.
import type { DataLayer } from "./workload";

const SEED_BATCH = 500;

async function seed(db: D1Database, sql: string, rows: number, params: (i: number) => unknown[]) {
  for (let start = 0; start < rows; start += SEED_BATCH) {
    const count = Math.min(SEED_BATCH, rows - start);
    await db.batch(Array.from({ length: count }, (_, k) => db.prepare(sql).bind(...params(start + k))));
  }
}

const iso = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString();

/** A session with `rows` conversations, the first of which has `rows` messages. */
export async function seedScale(db: D1Database, rows: number) {
  const sessionId = crypto.randomUUID();
  const conversationId = crypto.randomUUID();
  await db.prepare("INSERT INTO client_sessions VALUES (?, ?, ?, NULL)").bind(sessionId, iso(0), iso(0)).run();
  await seed(db, "INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)", rows, (i) => [
    i === 0 ? conversationId : crypto.randomUUID(),
    sessionId,
    iso(i),
    iso(i),
  ]);
  await seed(db, "INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES (?, ?, ?, ?, ?)", rows, (i) => [
    crypto.randomUUID(),
    conversationId,
    i % 2 ? "assistant" : "user",
    `message ${i}`,
    iso(i),
  ]);
  return { sessionId, conversationId };
}

/** One timed call of each read. */
export async function timeReads(layer: DataLayer, { sessionId, conversationId }: { sessionId: string; conversationId: string }) {
  let start = performance.now();
  await layer.listConversations(sessionId);
  const listMs = performance.now() - start;
  start = performance.now();
  await layer.getConversationWithMessages(conversationId);
  return { listMs, getMs: performance.now() - start };
}
