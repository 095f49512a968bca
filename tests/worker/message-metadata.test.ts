// Migration 0002's message metadata on real D1: `addMessage` stores a plain object with the
// reply, every chat API read hands it back parsed (the key absent when none was stored), anything
// else is refused before any SQL, and the drop-in methods keep exactly the contract's keys.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { FaultyD1 } from "./faulty-d1";
import { count, id, rejectsWith } from "./helpers";

const usage = { model: "m-1", usage: { input_tokens: 12, output_tokens: 40 }, finish_reason: "stop", note: "ünï 👋 \"q\"" };

async function started() {
  const counted = new FaultyD1(env.DB);
  const client = new DatabaseClient(counted.binding());
  const chat = client.forSession(id("meta-s"));
  const conversationId = id("meta-c");
  await chat.startTurn({ conversationId, newConversation: {}, message: { id: id("m"), content: "hi" } });
  return { client, chat, conversationId, counted };
}

describe("message metadata", () => {
  it("is stored with a reply and read back by every chat API read, absent where none was stored", async () => {
    const { chat, conversationId } = await started();
    const reply = await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "hello", metadata: usage });
    expect(reply.metadata).toEqual(usage);
    const stored = await env.DB.prepare("SELECT metadata FROM messages WHERE id = ?").bind(reply.id).first<{ metadata: string }>();
    expect(JSON.parse(stored!.metadata)).toEqual(usage);

    const plain = await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "bare", metadata: null });
    // No metadata key at all; the chat API's `parts`, `parent_id`, `status` and `siblings` as on
    // every message.
    expect(Object.keys(plain)).toEqual(["id", "conversation_id", "role", "content", "created_at", "parts", "parent_id", "status", "siblings"]);

    const turn = await chat.startTurn({ conversationId, message: { id: id("m"), content: "again" } });
    expect(turn.history.map((m) => m.metadata)).toEqual([undefined, usage, undefined, undefined]);
    expect(turn.history.map((m) => "metadata" in m)).toEqual([false, true, false, false]);
    const page = await chat.getConversation(conversationId);
    expect(page!.messages.map((m) => m.metadata)).toEqual([undefined, usage, undefined, undefined]);
    const older = await chat.getConversation(conversationId, { limit: 1, before: (await chat.getConversation(conversationId, { limit: 2 }))!.next_cursor });
    expect(older!.messages.map((m) => m.metadata)).toEqual([usage]);
  });

  it("never reaches the drop-in methods' objects", async () => {
    const { client, chat, conversationId } = await started();
    await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "x", metadata: usage });
    const found = await client.getConversationWithMessages(conversationId);
    for (const message of found!.messages) {
      expect(Object.keys(message)).toEqual(["id", "conversation_id", "role", "content", "created_at"]);
    }
    const created = await client.createMessage(id("m"), conversationId, "user", "drop-in");
    expect(Object.keys(created)).toEqual(["id", "conversation_id", "role", "content", "created_at"]);
  });

  it("that is not a plain object JSON.stringify serializes is refused before any SQL, nothing written", async () => {
    const { chat, conversationId, counted } = await started();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const before = [await count("messages"), counted.roundTrips];
    for (const metadata of ["{}", 1, true, [1], new Date(0), new Map(), cyclic, { big: 1n }]) {
      const error = await rejectsWith(
        chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "x", metadata: metadata as never }),
        "VALIDATION_ERROR",
        "Failed to add message: ",
      );
      expect(error.message).toContain("message.metadata");
    }
    expect([await count("messages"), counted.roundTrips]).toEqual(before);
  });

  it("too large for a D1 row is refused before any SQL", async () => {
    const { chat, conversationId, counted } = await started();
    const trips = counted.roundTrips;
    await rejectsWith(
      chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "x", metadata: { blob: "x".repeat(2_000_000) } }),
      "VALIDATION_ERROR",
      "Failed to add message: ",
    );
    expect(counted.roundTrips).toBe(trips);
  });
});
