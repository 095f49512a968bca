// The chat API's editing and lifecycle methods on real D1, one round trip each: rename, delete,
// delete messages after one (regenerate), count for quotas, erase, and the purge a Cron Trigger
// calls. Another session's conversation answers exactly like a missing one and is left untouched.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { FaultyD1 } from "./faulty-d1";
import { count, id, rejectsWith } from "./helpers";

/** A session with a conversation of `n` user messages and a reply to each. */
async function conversationWith(n: number) {
  const counted = new FaultyD1(env.DB);
  const sessionId = id("life-s");
  const chat = new DatabaseClient(counted.binding()).forSession(sessionId);
  const conversationId = id("life-c");
  const userIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const turn = await chat.startTurn({
      conversationId,
      newConversation: i === 0 ? { title: "First" } : undefined,
      message: { id: id("u"), content: `question ${i}` },
    });
    userIds.push(turn.message.id);
    await chat.addMessage(conversationId, { id: id("a"), role: "assistant", content: `answer ${i}` });
  }
  counted.roundTrips = 0;
  return { chat, counted, sessionId, conversationId, userIds };
}

const stranger = () => new DatabaseClient(env.DB).forSession(id("stranger"));

describe("renameConversation and deleteConversation", () => {
  it("renames without moving updated_at, clears with null, and refuses a foreign conversation", async () => {
    const { chat, counted, conversationId } = await conversationWith(1);
    const before = await env.DB.prepare("SELECT updated_at FROM conversations WHERE id = ?").bind(conversationId).first();
    const renamed = await chat.renameConversation(conversationId, "Renamed");
    expect(counted.roundTrips).toBe(1);
    expect(renamed.title).toBe("Renamed");
    expect({ updated_at: renamed.updated_at }).toEqual(before);
    expect((await chat.renameConversation(conversationId, null)).title).toBeNull();
    expect((await chat.renameConversation(conversationId, "")).title).toBeNull();
    const foreign = await rejectsWith(stranger().renameConversation(conversationId, "Mine"), "NOT_FOUND", "Failed to rename conversation: conversation ");
    const missing = await rejectsWith(stranger().renameConversation("missing", "Mine"), "NOT_FOUND", "Failed to rename conversation: conversation ");
    expect(foreign.message.replace(/"[^"]*"/, "")).toBe(missing.message.replace(/"[^"]*"/, ""));
    expect(await count("conversations", "id = ? AND title IS NULL", conversationId)).toBe(1);
  });

  it("deletes a conversation with its messages; false for a foreign or missing one", async () => {
    const { chat, conversationId } = await conversationWith(2);
    expect(await stranger().deleteConversation(conversationId)).toBe(false);
    expect(await count("messages", "conversation_id = ?", conversationId)).toBe(4);
    expect(await chat.deleteConversation(conversationId)).toBe(true);
    expect(await count("messages", "conversation_id = ?", conversationId)).toBe(0);
    expect(await chat.deleteConversation(conversationId)).toBe(false);
  });
});

describe("deleteMessagesAfter", () => {
  it("deletes every message after one, for regenerate, and counts them", async () => {
    const { chat, counted, conversationId, userIds } = await conversationWith(3);
    // Regenerate the last reply: delete what follows the last user message.
    expect(await chat.deleteMessagesAfter(conversationId, userIds[2]!)).toBe(1);
    expect(counted.roundTrips).toBe(1);
    // Edit and resend the first question: everything after it goes (a0, q1, a1, q2).
    expect(await chat.deleteMessagesAfter(conversationId, userIds[0]!)).toBe(4);
    const left = await env.DB.prepare("SELECT content FROM messages WHERE conversation_id = ? ORDER BY rowid").bind(conversationId).all();
    expect(left.results).toEqual([{ content: "question 0" }]);
    expect(await chat.deleteMessagesAfter(conversationId, userIds[0]!)).toBe(0);
  });

  it("answers NOT_FOUND for a missing message or a foreign conversation, deleting nothing", async () => {
    const { chat, conversationId, userIds } = await conversationWith(2);
    await rejectsWith(chat.deleteMessagesAfter(conversationId, "missing"), "NOT_FOUND", "Failed to delete messages: message ");
    await rejectsWith(stranger().deleteMessagesAfter(conversationId, userIds[0]!), "NOT_FOUND", "Failed to delete messages: message ");
    expect(await count("messages", "conversation_id = ?", conversationId)).toBe(4);
  });
});

describe("countMessagesSince, erase, purgeInactiveSessions", () => {
  it("counts the session's user messages at or after an instant, across its conversations", async () => {
    const { chat, counted } = await conversationWith(3);
    expect(await chat.countMessagesSince("2000-01-01T00:00:00.000Z")).toBe(3);
    expect(counted.roundTrips).toBe(1);
    expect(await chat.countMessagesSince("2999-01-01T00:00:00.000Z")).toBe(0);
    expect(await stranger().countMessagesSince("2000-01-01T00:00:00.000Z")).toBe(0);
    for (const bad of ["2025-01-01", "2025-02-30T00:00:00.000Z", 0, undefined]) {
      await rejectsWith(chat.countMessagesSince(bad as never), "VALIDATION_ERROR", "Failed to count messages: since must be an instant");
    }
  });

  it("erases a session and everything in it, counting what went, and nothing of another's", async () => {
    const { chat, counted, sessionId } = await conversationWith(2);
    const other = await conversationWith(1);
    expect(await chat.erase()).toEqual({ conversations: 1, messages: 4 });
    expect(counted.roundTrips).toBe(1);
    expect(await count("client_sessions", "id = ?", sessionId)).toBe(0);
    expect(await count("messages", "conversation_id = ?", other.conversationId)).toBe(2);
    expect(await chat.erase()).toEqual({ conversations: 0, messages: 0 });
  });

  it("purges the oldest inactive sessions in chunks until done, keeping the active ones", async () => {
    const db = new DatabaseClient(env.DB);
    const old = "2001-01-01T00:00:00.000Z";
    const stale = Array.from({ length: 5 }, () => id("stale"));
    await env.DB.batch(stale.map((s) => env.DB.prepare("INSERT INTO client_sessions VALUES (?, ?, ?, NULL)").bind(s, old, old)));
    const active = await conversationWith(1);
    const before = "2002-01-01T00:00:00.000Z";
    expect(await db.purgeInactiveSessions({ before, limit: 2 })).toEqual({ sessions: 2, done: false });
    expect(await db.purgeInactiveSessions({ before, limit: 2 })).toEqual({ sessions: 2, done: false });
    expect(await db.purgeInactiveSessions({ before, limit: 2 })).toEqual({ sessions: 1, done: true });
    expect(await count("client_sessions", "last_activity < ?", before)).toBe(0);
    expect(await count("messages", "conversation_id = ?", active.conversationId)).toBe(2);
    await rejectsWith(db.purgeInactiveSessions({ before, limit: 1001 }), "VALIDATION_ERROR", "Failed to purge sessions: options.limit");
    await rejectsWith(db.purgeInactiveSessions({ limit: 1 } as never), "VALIDATION_ERROR", "Failed to purge sessions: options.before");
  });

  it("purges 10,000 inactive sessions in chunks of 1,000, with their rows, losing nothing active", async () => {
    const old = "2001-06-01T00:00:00.000Z";
    await env.DB.prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000) INSERT INTO client_sessions SELECT 'bulk-' || i, ?1, ?1, NULL FROM n",
    ).bind(old).run();
    await env.DB.prepare(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO conversations (id, session_id, title, created_at, updated_at) SELECT 'bulk-c' || i, 'bulk-' || (i * 20), NULL, ?1, ?1 FROM n",
    ).bind(old).run();
    const active = await Promise.all([conversationWith(1), conversationWith(2)]);
    const db = new DatabaseClient(env.DB);
    let calls = 0;
    let purged = 0;
    for (;;) {
      const result = await db.purgeInactiveSessions({ before: "2001-12-31T00:00:00.000Z", limit: 1000 });
      calls++;
      purged += result.sessions;
      if (result.done) break;
    }
    expect(purged).toBe(10_000);
    expect(calls).toBe(11);
    expect(await count("client_sessions", "id LIKE 'bulk-%'")).toBe(0);
    expect(await count("conversations", "id LIKE 'bulk-c%'")).toBe(0);
    for (const { sessionId, conversationId } of active) {
      expect(await count("client_sessions", "id = ?", sessionId)).toBe(1);
      expect(await count("messages", "conversation_id = ?", conversationId)).toBeGreaterThan(0);
    }
  });
});
