// Replies in flight on real D1 and on a Durable Object's SQLite: the reply reserved in the turn's
// round trip, checkpoints (one round trip, one row written each), the finish, a finished reply never
// changed again, `interrupted` past `staleAfterMs` (never stuck `streaming`), saveMessages finishing
// a reserved reply, parts and branches, and the client option refused when it is not a number.
import { describe, expect, it } from "vitest";
import { DatabaseClient, type QueryCost } from "chat-d1";
import { ENGINES } from "./engines";
import { rejectsWith } from "./helpers";

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)("on $name", (engine) => {
  it("reserves the reply in the turn, checkpoints it, and finishes it once", async () => {
    await engine.run(async (storage) => {
      const costs: QueryCost[] = [];
      const chat = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) }).forSession("rp-s");
      const turn = await chat.startTurn({ conversationId: "rp-c", newConversation: {}, message: { id: "rp-u", content: "hi" }, reply: { id: "rp-r" } });
      expect(costs.at(-1)).toMatchObject({ method: "startTurn", round_trips: 1 });
      expect(turn.history.map((m) => m.id)).toEqual(["rp-u"]);
      expect(turn.reply).toMatchObject({ id: "rp-r", role: "assistant", content: "", parts: [], parent_id: "rp-u", status: "streaming" });
      expect(turn.message.status).toBe("done");
      // The reply is the active leaf: the page ends with it.
      expect((await chat.getConversation("rp-c"))!.messages.map((m) => [m.id, m.status])).toEqual([["rp-u", "done"], ["rp-r", "streaming"]]);
      expect(await chat.updateReply("rp-c", "rp-r", { content: "Hel" })).toBeUndefined();
      expect(costs.at(-1)).toMatchObject({ method: "updateReply", round_trips: 1, rows_written: 1 });
      await chat.updateReply("rp-c", "rp-r", { parts: [{ type: "reasoning", text: "hm" }, { type: "text", text: "Hello" }], metadata: { step: 1 } });
      const [row] = await storage.rows("SELECT content, status FROM messages WHERE id = 'rp-r'");
      expect(row).toEqual({ content: "Hello", status: "streaming" });
      const done = await chat.finishReply("rp-c", "rp-r", { content: "Hello there", status: "done" });
      expect(done).toMatchObject({ id: "rp-r", content: "Hello there", status: "done", metadata: { step: 1 } });
      await rejectsWith(chat.updateReply("rp-c", "rp-r", { content: "x" }), "CONSTRAINT_ERROR", 'Failed to update reply: reply "rp-r" is done, not streaming');
      await rejectsWith(chat.finishReply("rp-c", "rp-r", { content: "x", status: "stopped" }), "CONSTRAINT_ERROR", "Failed to finish reply: ");
      await rejectsWith(chat.finishReply("rp-c", "rp-u", { content: "x", status: "done" }), "CONSTRAINT_ERROR", 'Failed to finish reply: reply "rp-u" is done');
      await rejectsWith(chat.finishReply("rp-c", "rp-none", { content: "x", status: "done" }), "NOT_FOUND", 'Failed to finish reply: reply "rp-none" not found');
      await rejectsWith(chat.finishReply("rp-c", "rp-r", { content: "x", status: "streaming" } as never), "VALIDATION_ERROR", "Failed to finish reply: reply.status");
      await rejectsWith(new DatabaseClient(storage.db).forSession("rp-other").updateReply("rp-c", "rp-r", { content: "x" }), "NOT_FOUND", "Failed to update reply: ");
      expect(await storage.rows("SELECT content FROM messages WHERE id = 'rp-r'")).toEqual([{ content: "Hello there" }]);
    });
  });

  it("reads a reply left streaming as interrupted once staleAfterMs has passed, and lets it be finished", async () => {
    await engine.run(async (storage) => {
      const chat = new DatabaseClient(storage.db, { staleAfterMs: 50 }).forSession("st-s");
      await chat.startTurn({ conversationId: "st-c", newConversation: {}, message: { id: "st-u", content: "hi" }, reply: { id: "st-r" } });
      await chat.updateReply("st-c", "st-r", { content: "half" });
      await wait(80);
      const read = (await chat.getConversation("st-c"))!.messages.at(-1)!;
      expect([read.status, read.content]).toEqual(["interrupted", "half"]);
      // Never stuck: no chat API read says streaming, whichever reads it.
      const turn = await chat.startTurn({ conversationId: "st-c", parentId: "st-u", message: { id: "st-u2", content: "again" } });
      expect(turn.message.siblings.count).toBe(2);
      expect((await chat.getConversation("st-c", { leafId: "st-r" }))!.messages.at(-1)!.status).toBe("interrupted");
      await chat.finishReply("st-c", "st-r", { content: "half", status: "error" });
      expect((await chat.getConversation("st-c", { leafId: "st-r" }))!.messages.at(-1)!.status).toBe("error");
      expect(() => new DatabaseClient(storage.db, { staleAfterMs: 0 })).toThrow(/staleAfterMs/);
      expect(() => new DatabaseClient(storage.db, { staleAfterMs: "1" as never })).toThrow(/staleAfterMs/);
    });
  });

  it("stores a reserved reply saved by saveMessages as done, in the turn's two round trips", async () => {
    await engine.run(async (storage) => {
      const costs: QueryCost[] = [];
      const chat = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) }).forSession("sv-s");
      await chat.startTurn({ conversationId: "sv-c", newConversation: {}, message: { id: "sv-u", parts: [{ type: "text", text: "q" }] }, reply: { id: "sv-r" } });
      const reply = { id: "sv-r", role: "assistant" as const, parts: [{ type: "text", text: "a" }] };
      expect(await chat.saveMessages("sv-c", [reply])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      expect(costs.map((c) => c.round_trips)).toEqual([1, 1]);
      expect((await chat.getConversation("sv-c"))!.messages.at(-1)).toMatchObject({ id: "sv-r", status: "done", content: "a" });
      // A tool result arriving later still updates a finished message through saveMessages.
      const later = { ...reply, parts: [{ type: "text", text: "a, and more" }] };
      expect(await chat.saveMessages("sv-c", [later])).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
      await rejectsWith(chat.updateReply("sv-c", "sv-r", { content: "x" }), "CONSTRAINT_ERROR", "Failed to update reply: ");
    });
  });

  it("refuses a whole turn whose reply id is taken, writing nothing", async () => {
    await engine.run(async (storage) => {
      const chat = new DatabaseClient(storage.db).forSession("tk-s");
      await chat.startTurn({ conversationId: "tk-c", newConversation: {}, message: { id: "tk-u", content: "hi" } });
      await rejectsWith(
        chat.startTurn({ conversationId: "tk-c", message: { id: "tk-u2", content: "x" }, reply: { id: "tk-u" } }),
        "CONSTRAINT_ERROR",
        'Failed to start turn: a message with id "tk-u2" or "tk-u" already exists',
      );
      await rejectsWith(chat.startTurn({ conversationId: "tk-c", message: { id: "tk-u3", content: "x" }, reply: { id: "" } }), "VALIDATION_ERROR", "Failed to start turn: turn.reply.id");
      expect(await storage.rows("SELECT id FROM messages WHERE conversation_id = 'tk-c'")).toEqual([{ id: "tk-u" }]);
    });
  });
});
