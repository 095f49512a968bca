// A database created by the old TypeScript layer: the same tables and index names, none of the
// CHECK constraints. The package must work on it unchanged.
import { env } from "cloudflare:test";
import { beforeAll, expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { createOldLayerSchema } from "./old-layer";

beforeAll(async () => {
  await createOldLayerSchema(env.DB);
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

it("returns a role the old schema let in, as the old layer did, instead of failing the read", async () => {
  const db = new DatabaseClient(env.DB);
  await db.getOrCreateSession("old-s2");
  await db.createConversation("old-c2", "old-s2");
  await env.DB.prepare(
    "INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES ('old-bad', 'old-c2', 'system', 'x', '2025-01-01T00:00:00.000Z')",
  ).run();
  const found = await db.getConversationWithMessages("old-c2");
  expect(found?.messages.map((m) => m.role)).toEqual(["system"]);
});
