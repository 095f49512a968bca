// The chat API's pages on real D1: walking listConversations and getConversation page by page,
// with random limits and many items in the same millisecond, yields every item exactly once, in
// order; next_cursor is null exactly when nothing follows; cursors are refused elsewhere.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatabaseClient, type ChatSession } from "chat-d1";
import { FaultyD1 } from "./faulty-d1";
import { id, rejectsWith } from "./helpers";

const AT = (n: number) => new Date(Date.UTC(2025, 0, 1) + n).toISOString();

/** A session whose conversations' updated_at come from `instants` (ties on purpose). */
async function sessionWith(instants: number[]) {
  const sessionId = id("page-s");
  await env.DB.prepare("INSERT INTO client_sessions VALUES (?, ?, ?, NULL)").bind(sessionId, AT(0), AT(0)).run();
  const rows = instants.map((n, i) => env.DB.prepare("INSERT INTO conversations (id, session_id, title, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)").bind(`${sessionId}-c${i}`, sessionId, AT(0), AT(n)));
  if (rows.length > 0) await env.DB.batch(rows);
  return sessionId;
}

/** A conversation of a new session whose messages' created_at come from `instants`. */
async function conversationWith(instants: number[]) {
  const sessionId = await sessionWith([0]);
  const conversationId = `${sessionId}-c0`;
  const rows = instants.map((n, i) => env.DB.prepare("INSERT INTO messages (id, conversation_id, role, content, created_at) VALUES (?, ?, 'user', 'x', ?)").bind(`${conversationId}-m${i}`, conversationId, AT(n)));
  if (rows.length > 0) await env.DB.batch(rows);
  return { sessionId, conversationId };
}

async function ids(sql: string, ...params: unknown[]) {
  return (await env.DB.prepare(sql).bind(...params).all<{ id: string }>()).results.map((r) => r.id);
}

const chatOf = (sessionId: string) => new DatabaseClient(env.DB).forSession(sessionId);

describe("listConversations", () => {
  it("walks every conversation exactly once, newest first, whatever the limit and ties", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 25 }), fc.integer({ min: 1, max: 6 }), async (instants, limit) => {
        const sessionId = await sessionWith(instants);
        const expected = await ids("SELECT id FROM conversations WHERE session_id = ? ORDER BY updated_at DESC, rowid ASC", sessionId);
        const chat = chatOf(sessionId);
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages <= expected.length + 1; pages++) {
          const page: Awaited<ReturnType<ChatSession["listConversations"]>> = await chat.listConversations({ limit, cursor });
          seen.push(...page.conversations.map((c) => c.id));
          expect(page.conversations.length).toBeLessThanOrEqual(limit);
          cursor = page.next_cursor;
          if (cursor === null) break;
          expect(page.conversations.length).toBe(limit);
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 25, seed: 20261126 },
    );
  });

  it("answers null next_cursor on a full last page, pages in one round trip, and replays a cursor", async () => {
    const sessionId = await sessionWith([1, 2, 3, 4]);
    const counted = new FaultyD1(env.DB);
    const chat = new DatabaseClient(counted.binding()).forSession(sessionId);
    const first = await chat.listConversations({ limit: 2 });
    expect(first.next_cursor).not.toBeNull();
    const last = await chat.listConversations({ limit: 2, cursor: first.next_cursor });
    expect(last.conversations).toHaveLength(2);
    expect(last.next_cursor).toBeNull();
    expect(counted.roundTrips).toBe(2);
    expect((await chat.listConversations()).conversations).toHaveLength(4);
    // A cursor replayed with no writes between gives the same page again.
    const replayed = await chat.listConversations({ limit: 2, cursor: first.next_cursor });
    expect(replayed).toEqual(last);
  });

  it("goes on from where the caller stopped after the cursor's conversation moved to the top or went", async () => {
    const sessionId = await sessionWith([5, 4, 3, 2, 1]);
    const chat = chatOf(sessionId);
    const first = await chat.listConversations({ limit: 2 });
    const [, last] = first.conversations;
    await chat.addMessage(last!.id, { id: id("touch"), role: "user", content: "back to the top" });
    const next = await chat.listConversations({ limit: 2, cursor: first.next_cursor });
    expect(next.conversations.map((c) => c.id)).toEqual([`${sessionId}-c2`, `${sessionId}-c3`]);
    expect(await chat.deleteConversation(`${sessionId}-c3`)).toBe(true);
    const rest = await chat.listConversations({ limit: 2, cursor: next.next_cursor });
    expect(rest.conversations.map((c) => c.id)).toEqual([`${sessionId}-c4`]);
    expect(rest.next_cursor).toBeNull();
  });

  it("refuses a malformed cursor, another session's, and limits out of range", async () => {
    const mine = chatOf(await sessionWith([1, 2, 3]));
    const theirs = chatOf(await sessionWith([1, 2, 3]));
    const { next_cursor } = await theirs.listConversations({ limit: 1 });
    for (const cursor of [next_cursor, "", "not a cursor", 5]) {
      await rejectsWith(mine.listConversations({ cursor: cursor as never }), "VALIDATION_ERROR", "Failed to list conversations: options.cursor must be a cursor");
    }
    for (const limit of [0, 101, 2.5, -1, null]) {
      await rejectsWith(mine.listConversations({ limit: limit as never }), "VALIDATION_ERROR", "Failed to list conversations: options.limit");
    }
  });
});

describe("getConversation", () => {
  it("walks every message exactly once with before, pages oldest first, ties in insertion order", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 25 }), fc.integer({ min: 1, max: 6 }), async (steps, limit) => {
        // Non-decreasing instants, many equal: messages as a conversation writes them.
        let at = 0;
        const { sessionId, conversationId } = await conversationWith(steps.map((step) => (at += step)));
        const expected = await ids("SELECT id FROM messages WHERE conversation_id = ? ORDER BY created_at, rowid", conversationId);
        const chat = chatOf(sessionId);
        const pages: string[][] = [];
        let before: string | null = null;
        for (let n = 0; n <= expected.length + 1; n++) {
          const found = await chat.getConversation(conversationId, { limit, before });
          expect(found?.conversation.id).toBe(conversationId);
          pages.unshift(found!.messages.map((m) => m.id));
          before = found!.next_cursor;
          if (before === null) break;
        }
        expect(pages.flat()).toEqual(expected);
      }),
      { numRuns: 25, seed: 20261126 },
    );
  });

  it("answers null for a foreign conversation as for a missing one, and refuses a cursor of another conversation", async () => {
    const a = await conversationWith([1, 2, 3]);
    const b = await conversationWith([1, 2, 3]);
    const chat = chatOf(a.sessionId);
    expect(await chat.getConversation(b.conversationId)).toBeNull();
    expect(await chat.getConversation("missing")).toBeNull();
    const { next_cursor } = (await chatOf(b.sessionId).getConversation(b.conversationId, { limit: 1 }))!;
    await rejectsWith(chat.getConversation(a.conversationId, { before: next_cursor }), "VALIDATION_ERROR", "Failed to get conversation: options.before must be a cursor");
    await rejectsWith(chat.getConversation(a.conversationId, { limit: 1001 }), "VALIDATION_ERROR", "Failed to get conversation: options.limit");
  });
});
