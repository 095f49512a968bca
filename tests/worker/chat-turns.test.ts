// The chat API's turn on real D1: `startTurn` before the model, `addMessage` after, one round trip
// each; ownership enforced in SQL (a foreign conversation answers exactly like a missing one and
// nothing of it is read or written); strict arguments refused before any SQL.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatabaseClient, type ChatSession } from "chat-d1";
import { FaultyD1 } from "./faulty-d1";
import { count, id, rejectsWith } from "./helpers";

/** A chat over a binding that counts round trips. */
function chat(sessionId = id("chat-s")) {
  const counted = new FaultyD1(env.DB);
  return { chat: new DatabaseClient(counted.binding()).forSession(sessionId), counted, sessionId };
}

async function rows() {
  return Promise.all(["client_sessions", "conversations", "messages"].map((table) => count(table)));
}

/** A session with one conversation holding `n` user messages, started through the chat API. */
async function conversationWith(n: number, sessionId?: string) {
  const { chat: c, sessionId: s } = chat(sessionId);
  const conversationId = id("chat-c");
  let turn = await c.startTurn({ conversationId, newConversation: { title: "T" }, message: { id: id("m"), content: "0" } });
  for (let i = 1; i < n; i++) {
    turn = await c.startTurn({ conversationId, message: { id: id("m"), content: String(i) } });
  }
  return { chat: c, sessionId: s, conversationId, turn };
}

describe("startTurn", () => {
  it("creates the session and the conversation, stores the message, in one round trip", async () => {
    const { chat: c, counted, sessionId } = chat();
    const conversationId = id("c");
    const turn = await c.startTurn({
      conversationId,
      newConversation: { title: "Lisbon" },
      message: { id: id("m"), content: "Hello" },
      sessionMetadata: { plan: "free" },
    });
    expect(counted.roundTrips).toBe(1);
    expect(turn.session).toMatchObject({ id: sessionId, metadata: { plan: "free" } });
    expect(turn.conversation).toMatchObject({ id: conversationId, session_id: sessionId, title: "Lisbon" });
    expect(turn.message).toMatchObject({ conversation_id: conversationId, role: "user", content: "Hello" });
    expect(turn.conversation.updated_at).toBe(turn.message.created_at);
    expect(turn.history).toEqual([turn.message]);
    expect(turn.history_truncated).toBe(false);
    expect(await count("messages", "conversation_id = ?", conversationId)).toBe(1);
  });

  it("continues a conversation: history is the newest historyLimit messages, oldest first", async () => {
    const { chat: c, conversationId } = await conversationWith(4);
    const turn = await c.startTurn({ conversationId, message: { id: id("m"), content: "4" }, historyLimit: 3 });
    expect(turn.history.map((m) => m.content)).toEqual(["2", "3", "4"]);
    expect(turn.history.at(-1)).toEqual(turn.message);
    expect(turn.history_truncated).toBe(true);
    const all = await c.startTurn({ conversationId, message: { id: id("m"), content: "5" }, historyLimit: 1000 });
    expect(all.history.map((m) => m.content)).toEqual(["0", "1", "2", "3", "4", "5"]);
    expect(all.history_truncated).toBe(false);
  });

  it("answers a foreign conversation exactly like a missing one, writing no conversation or message", async () => {
    const owner = await conversationWith(2);
    const { chat: stranger } = chat();
    const before = await rows();
    const foreign = await rejectsWith(
      stranger.startTurn({ conversationId: owner.conversationId, message: { id: id("m"), content: "mine now" } }),
      "NOT_FOUND",
      "Failed to start turn: ",
    );
    const missing = await rejectsWith(
      stranger.startTurn({ conversationId: "no-such-conversation", message: { id: id("m"), content: "x" } }),
      "NOT_FOUND",
      "Failed to start turn: ",
    );
    // Word for word the same, but for the id each names.
    const shape = (message: string) => message.replace(/"[^"]*"/, '"…"');
    expect(shape(foreign.message)).toBe(shape(missing.message));
    expect([foreign.cause, missing.cause]).toEqual([undefined, undefined]);
    const after = await rows();
    // Only the stranger's own session row was created.
    expect(after).toEqual([before[0]! + 1, before[1], before[2]]);
    expect(await count("messages", "content = 'mine now'")).toBe(0);
  });

  it("refuses a new conversation whose id exists, whoever owns it, writing nothing at all", async () => {
    const owner = await conversationWith(1);
    const before = await rows();
    for (const sessionId of [owner.sessionId, id("new-session")]) {
      await rejectsWith(
        chat(sessionId).chat.startTurn({
          conversationId: owner.conversationId,
          newConversation: {},
          message: { id: id("m"), content: "x" },
        }),
        "CONSTRAINT_ERROR",
        "Failed to start turn: a conversation with id ",
      );
    }
    expect(await rows()).toEqual(before);
  });

  it("refuses a duplicate message id, writing nothing", async () => {
    const { chat: c, conversationId, turn } = await conversationWith(1);
    const before = await rows();
    await rejectsWith(
      c.startTurn({ conversationId, message: { id: turn.message.id, content: "again" } }),
      "CONSTRAINT_ERROR",
      "Failed to start turn: a message with id ",
    );
    expect(await rows()).toEqual(before);
  });
});

describe("addMessage", () => {
  it("stores the reply and moves updated_at, in one round trip", async () => {
    const { conversationId, sessionId } = await conversationWith(1);
    const { chat: c, counted } = chat(sessionId);
    const reply = await c.addMessage(conversationId, { id: id("r"), role: "assistant", content: "Hi!" });
    expect(counted.roundTrips).toBe(1);
    expect(reply).toMatchObject({ conversation_id: conversationId, role: "assistant", content: "Hi!" });
    const stored = await env.DB.prepare("SELECT updated_at FROM conversations WHERE id = ?").bind(conversationId).first();
    expect(stored).toEqual({ updated_at: reply.created_at });
  });

  it("answers NOT_FOUND for a foreign or missing conversation, writing nothing", async () => {
    const owner = await conversationWith(1);
    const { chat: stranger } = chat();
    const before = await rows();
    for (const conversationId of [owner.conversationId, "missing"]) {
      await rejectsWith(
        stranger.addMessage(conversationId, { id: id("r"), role: "assistant", content: "x" }),
        "NOT_FOUND",
        "Failed to add message: conversation ",
      );
    }
    expect(await rows()).toEqual(before);
  });
});

describe("strict arguments", () => {
  const valid = () => ({ conversationId: "c", message: { id: "m", content: "x" } });
  const cases: Array<[string, (c: ChatSession) => Promise<unknown>, string]> = [
    ["turn", (c) => c.startTurn(null as never), "turn must be an object"],
    ["conversationId", (c) => c.startTurn({ ...valid(), conversationId: 5 as never }), "turn.conversationId must be"],
    ["empty conversationId", (c) => c.startTurn({ ...valid(), conversationId: "" }), "turn.conversationId must be"],
    ["message", (c) => c.startTurn({ ...valid(), message: "hi" as never }), "turn.message must be an object"],
    ["lone surrogate", (c) => c.startTurn({ ...valid(), message: { id: "m", content: "a\uD800" } }), "turn.message.content must be"],
    ["2 MB content", (c) => c.startTurn({ ...valid(), message: { id: "m", content: "x".repeat(2_000_001) } }), "turn.message.content must be"],
    ["2 MB title", (c) => c.startTurn({ ...valid(), newConversation: { title: "x".repeat(2_000_001) } }), "turn.newConversation.title must be"],
    ["historyLimit 0", (c) => c.startTurn({ ...valid(), historyLimit: 0 }), "turn.historyLimit must be an integer from 1 to 1000"],
    ["historyLimit 1001", (c) => c.startTurn({ ...valid(), historyLimit: 1001 }), "turn.historyLimit must be"],
    ["historyLimit 2.5", (c) => c.startTurn({ ...valid(), historyLimit: 2.5 }), "turn.historyLimit must be"],
    ["metadata array", (c) => c.startTurn({ ...valid(), sessionMetadata: [] as never }), "turn.sessionMetadata must be a plain object"],
    ["metadata bigint", (c) => c.startTurn({ ...valid(), sessionMetadata: { n: 1n } }), "turn.sessionMetadata must be a plain object"],
    ["role", (c) => c.addMessage("c", { id: "m", role: "system" as never, content: "x" }), "message.role must be"],
    ["message id", (c) => c.addMessage("c", { id: 7 as never, role: "user", content: "x" }), "message.id must be"],
  ];
  it.each(cases)("refuses a bad %s before any SQL", async (_, call, message) => {
    const { chat: c, counted } = chat();
    const error = await rejectsWith(call(c), "VALIDATION_ERROR", "Failed to ");
    expect(error.message, error.message).toContain(message);
    expect(counted.roundTrips).toBe(0);
  });

  it("forSession refuses an id that is not a non-empty string at once", () => {
    const db = new DatabaseClient(env.DB);
    for (const bad of ["", 5, null, undefined, "a\uD800"]) {
      expect(() => db.forSession(bad as never)).toThrow(/^Failed to open chat session: sessionId must be/);
    }
  });
});
