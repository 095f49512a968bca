// A database created by the old TypeScript layer: the same tables and index names, none of the
// CHECK constraints. The package must work on it unchanged.
import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { rejectsWith } from "./helpers";

const OLD_LAYER_SCHEMA = [
  "DROP TABLE IF EXISTS messages",
  "DROP TABLE IF EXISTS conversations",
  "DROP TABLE IF EXISTS client_sessions",
  "CREATE TABLE client_sessions (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, last_activity TEXT NOT NULL, metadata TEXT)",
  "CREATE TABLE conversations (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES client_sessions(id) ON DELETE CASCADE, title TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
  "CREATE TABLE messages (id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE, role TEXT NOT NULL, content TEXT NOT NULL, created_at TEXT NOT NULL)",
  "CREATE INDEX idx_session_activity ON client_sessions (last_activity DESC)",
  "CREATE INDEX idx_conv_session_updated ON conversations (session_id, updated_at DESC)",
  "CREATE INDEX idx_conv_updated ON conversations (updated_at DESC)",
  "CREATE INDEX idx_msg_conversation ON messages (conversation_id, created_at ASC)",
];

beforeAll(async () => {
  await env.DB.batch(OLD_LAYER_SCHEMA.map((sql) => env.DB.prepare(sql)));
});

it("runs every method unchanged on the old layer's schema", async () => {
  const { results } = await env.DB.prepare(
    "SELECT sql FROM sqlite_master WHERE name = 'messages'",
  ).all<{ sql: string }>();
  expect(results[0]?.sql).not.toContain("CHECK");

  const db = new DatabaseClient(env.DB);
  const session = await db.getOrCreateSession("old-s", { migrated: true });
  const conv = await db.createConversation("old-c", session.id, "From before");
  const message = await db.createMessage("old-m", conv.id, "assistant", "still works");
  expect(await db.listConversations(session.id)).toEqual([{ ...conv, updated_at: message.created_at }]);
  expect((await db.getConversationWithMessages(conv.id))?.messages).toEqual([message]);
  expect((await db.getOrCreateSession(session.id)).metadata).toEqual({ migrated: true });
});

it("reports a role the old schema let in instead of returning it", async () => {
  const db = new DatabaseClient(env.DB);
  await db.getOrCreateSession("old-s2");
  await db.createConversation("old-c2", "old-s2");
  await env.DB.prepare(
    "INSERT INTO messages VALUES ('old-bad', 'old-c2', 'system', 'x', '2025-01-01T00:00:00.000Z')",
  ).run();
  const error = await rejectsWith(
    db.getConversationWithMessages("old-c2"),
    "QUERY_ERROR",
    "Failed to get conversation with messages: ",
  );
  expect(error.message).toContain('column role holds "system"');
});
