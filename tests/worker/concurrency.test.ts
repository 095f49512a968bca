// Many calls at once on real D1: nothing lost, nothing duplicated, no orphan rows.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { count, db, id } from "./helpers";

it("200 concurrent getOrCreateSession calls for one new id make one row with one created_at", async () => {
  const sessionId = id("race");
  const client = db();
  const sessions = await Promise.all(
    Array.from({ length: 200 }, (_, i) => client.getOrCreateSession(sessionId, { caller: i })),
  );
  expect(await count("client_sessions", "id = ?", sessionId)).toBe(1);
  expect(new Set(sessions.map((s) => s.created_at)).size).toBe(1);
  // Every caller sees the metadata of the one call that created the row.
  expect(new Set(sessions.map((s) => JSON.stringify(s.metadata))).size).toBe(1);
  const stored = await env.DB.prepare("SELECT created_at, last_activity FROM client_sessions WHERE id = ?")
    .bind(sessionId)
    .first<{ created_at: string; last_activity: string }>();
  expect(stored!.created_at).toBe(sessions[0]!.created_at);
  expect(stored!.last_activity >= stored!.created_at).toBe(true);
});

it("500 concurrent createMessage calls into one conversation are all stored once, updated_at last", async () => {
  const client = db();
  const session = await client.getOrCreateSession(id("s"));
  const conversation = await client.createConversation(id("c"), session.id);
  const ids = Array.from({ length: 500 }, (_, i) => `${conversation.id}-m${i}`);
  const messages = await Promise.all(
    ids.map((messageId, i) => client.createMessage(messageId, conversation.id, i % 2 ? "assistant" : "user", `#${i}`)),
  );
  expect(messages.map((m) => m.id)).toEqual(ids);
  const found = await client.getConversationWithMessages(conversation.id);
  expect(found!.messages).toHaveLength(500);
  expect(new Set(found!.messages.map((m) => m.id))).toEqual(new Set(ids));
  const newest = messages.map((m) => m.created_at).sort().at(-1);
  expect(found!.conversation.updated_at).toBe(newest);
});

it("creating and deleting sessions concurrently never leaves an orphan row", async () => {
  const client = db();
  const outcomes = await Promise.allSettled(
    Array.from({ length: 50 }, async (_, i) => {
      const sessionId = `orphan-s-${i}`;
      await client.getOrCreateSession(sessionId);
      const conversationId = `orphan-c-${i}`;
      await Promise.allSettled([
        client.createConversation(conversationId, sessionId).then(() =>
          client.createMessage(`orphan-m-${i}`, conversationId, "user", "x"),
        ),
        env.DB.prepare("DELETE FROM client_sessions WHERE id = ?").bind(sessionId).run(),
      ]);
    }),
  );
  expect(outcomes.every((o) => o.status === "fulfilled")).toBe(true);
  const orphans = await env.DB.prepare(
    `SELECT
       (SELECT COUNT(*) FROM conversations WHERE session_id NOT IN (SELECT id FROM client_sessions)) +
       (SELECT COUNT(*) FROM messages WHERE conversation_id NOT IN (SELECT id FROM conversations)) AS n`,
  ).first<{ n: number }>();
  expect(orphans!.n).toBe(0);
});
