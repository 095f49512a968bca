// Branches on real D1 and on a Durable Object's SQLite: edit, regenerate and the arrows through the
// package's own objects (parent_id, siblings), replies sent at once under one user message,
// leafId, selectBranch, a fork in one round trip, deleteMessagesAfter over every branch, ownership
// (nothing written), and saveMessages landing a regenerated reply as a sibling.
import { describe, expect, it } from "vitest";
import { DatabaseClient, type QueryCost } from "chat-d1";
import { ENGINES } from "./engines";
import { rejectsWith } from "./helpers";

const text = (content: string) => ({ content });

describe.each(ENGINES)("on $name", (engine) => {
  it("keeps what an edit or a regenerate replaces, and walks between the branches", async () => {
    await engine.run(async (storage) => {
      const chat = new DatabaseClient(storage.db).forSession("br-s");
      const c = "br-c";
      await chat.startTurn({ conversationId: c, newConversation: {}, message: { id: "br-u1", ...text("hi") } });
      await chat.addMessage(c, { id: "br-a1", role: "assistant", ...text("hello") });
      await chat.startTurn({ conversationId: c, message: { id: "br-u2", ...text("weather?") } });
      const first = await chat.addMessage(c, { id: "br-a2", role: "assistant", ...text("sunny") });
      expect(first).toMatchObject({ parent_id: "br-u2", siblings: { index: 0, count: 1 } });
      const again = await chat.addMessage(c, { id: "br-a2b", role: "assistant", parentId: "br-u2", ...text("rainy") });
      expect(again).toMatchObject({ parent_id: "br-u2", siblings: { index: 1, count: 2 } });
      const edited = await chat.startTurn({ conversationId: c, parentId: "br-a1", message: { id: "br-u2b", ...text("time?") } });
      expect(edited.history.map((m) => m.id)).toEqual(["br-u1", "br-a1", "br-u2b"]);
      expect(edited.message.siblings).toEqual({ index: 1, count: 2, previous: "br-u2", next: null });
      // The old branch, read without moving the active one.
      const old = await chat.getConversation(c, { leafId: "br-a2" });
      expect(old!.messages.map((m) => [m.id, m.parent_id, m.siblings.index, m.siblings.count])).toEqual([
        ["br-u1", null, 0, 1],
        ["br-a1", "br-u1", 0, 1],
        ["br-u2", "br-a1", 0, 2],
        ["br-a2", "br-u2", 0, 2],
      ]);
      expect((await chat.getConversation(c))!.messages.at(-1)!.id).toBe("br-u2b");
      // The arrow back to br-u2 shows its newest leaf.
      const selected = await chat.selectBranch(c, "br-u2");
      expect(Object.keys(selected)).toEqual(["id", "session_id", "title", "created_at", "updated_at"]);
      expect((await chat.getConversation(c))!.messages.map((m) => m.id)).toEqual(["br-u1", "br-a1", "br-u2", "br-a2b"]);
      // A page of one, walked up by cursor, stays on the branch it started on.
      let page = await chat.getConversation(c, { limit: 1, leafId: "br-a2" });
      const walked = [page!.messages[0]!.id];
      while (page!.next_cursor) {
        page = await chat.getConversation(c, { limit: 1, before: page!.next_cursor });
        walked.unshift(page!.messages[0]!.id);
      }
      expect(walked).toEqual(["br-u1", "br-a1", "br-u2", "br-a2"]);
      // The drop-in read is blind to branches: every row.
      const all = await new DatabaseClient(storage.db).getConversationWithMessages(c);
      expect(all!.messages).toHaveLength(6);
      expect(Object.keys(all!.messages[0]!)).toEqual(["id", "conversation_id", "role", "content", "created_at"]);
    });
  });

  it("stores replies sent at once under one user message as siblings", async () => {
    await engine.run(async (storage) => {
      const chat = new DatabaseClient(storage.db).forSession("conc-s");
      await chat.startTurn({ conversationId: "conc-c", newConversation: {}, message: { id: "conc-u", ...text("q") } });
      const ids = ["conc-r0", "conc-r1", "conc-r2", "conc-r3"];
      await Promise.all(ids.map((id) => chat.addMessage("conc-c", { id, role: "assistant", parentId: "conc-u", ...text(id) })));
      const counts = await Promise.all(ids.map(async (id) => (await chat.getConversation("conc-c", { leafId: id }))!.messages[1]!.siblings));
      expect(counts.map((s) => s.count)).toEqual([4, 4, 4, 4]);
      expect(counts.map((s) => s.index).sort()).toEqual([0, 1, 2, 3]);
    });
  });

  it("deletes every branch below a message, and forks a path in one round trip", async () => {
    await engine.run(async (storage) => {
      const costs: QueryCost[] = [];
      const chat = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) }).forSession("cut-s");
      await chat.startTurn({ conversationId: "cut-c", newConversation: { title: "Trip" }, message: { id: "cut-u1", parts: [{ type: "text", text: "plan" }] } });
      await chat.addMessage("cut-c", { id: "cut-a1", role: "assistant", parts: [{ type: "reasoning", text: "hm" }, { type: "text", text: "ok" }], metadata: { model: "m" } });
      await chat.addMessage("cut-c", { id: "cut-a1b", role: "assistant", parentId: "cut-u1", ...text("other") });
      const fork = await chat.forkConversation("cut-c", "cut-a1", { conversationId: "cut-f" });
      expect(costs.at(-1)).toMatchObject({ method: "forkConversation", ok: true, round_trips: 1 });
      expect(fork.messages).toBe(2);
      expect(fork.conversation).toMatchObject({ id: "cut-f", session_id: "cut-s", title: "Trip" });
      const copied = (await chat.getConversation("cut-f"))!.messages;
      expect(copied.map((m) => [m.role, m.content, m.parts, m.metadata])).toEqual([
        ["user", "plan", [{ type: "text", text: "plan" }], undefined],
        ["assistant", "ok", [{ type: "reasoning", text: "hm" }, { type: "text", text: "ok" }], { model: "m" }],
      ]);
      expect(copied[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(await chat.deleteMessagesAfter("cut-c", "cut-u1")).toBe(2);
      expect((await chat.getConversation("cut-c"))!.messages.map((m) => m.id)).toEqual(["cut-u1"]);
      expect((await chat.getConversation("cut-f"))!.messages).toHaveLength(2);
    });
  });

  it("refuses a parent, leaf or message of another conversation or session, writing nothing", async () => {
    await engine.run(async (storage) => {
      const db = new DatabaseClient(storage.db);
      const chat = db.forSession("own-s");
      await chat.startTurn({ conversationId: "own-c", newConversation: {}, message: { id: "own-u", ...text("mine") } });
      await chat.startTurn({ conversationId: "own-d", newConversation: {}, message: { id: "own-x", ...text("other conversation") } });
      await db.forSession("own-t").startTurn({ conversationId: "own-e", newConversation: {}, message: { id: "own-y", ...text("theirs") } });
      const before = await storage.rows("SELECT count(*) AS n FROM messages");
      for (const foreign of ["own-x", "own-y", "own-none"]) {
        const notFound = `message "${foreign}" not found`;
        await rejectsWith(chat.startTurn({ conversationId: "own-c", parentId: foreign, message: { id: "own-n", ...text("n") } }), "NOT_FOUND", `Failed to start turn: ${notFound}`);
        await rejectsWith(chat.startTurn({ conversationId: "own-new", newConversation: {}, parentId: foreign, message: { id: "own-n", ...text("n") } }), "NOT_FOUND", `Failed to start turn: ${notFound}`);
        await rejectsWith(chat.addMessage("own-c", { id: "own-n", role: "assistant", parentId: foreign, ...text("n") }), "NOT_FOUND", `Failed to add message: ${notFound}`);
        await rejectsWith(chat.getConversation("own-c", { leafId: foreign }), "NOT_FOUND", `Failed to get conversation: ${notFound}`);
        await rejectsWith(chat.selectBranch("own-c", foreign), "NOT_FOUND", `Failed to select branch: ${notFound}`);
        await rejectsWith(chat.forkConversation("own-c", foreign, { conversationId: "own-f" }), "NOT_FOUND", `Failed to fork conversation: ${notFound}`);
      }
      await rejectsWith(chat.startTurn({ conversationId: "own-c", parentId: "", message: { id: "own-n", ...text("n") } }), "VALIDATION_ERROR", "Failed to start turn: turn.parentId");
      expect(await storage.rows("SELECT count(*) AS n FROM messages")).toEqual(before);
      expect(await storage.rows("SELECT id FROM conversations WHERE id IN ('own-new', 'own-f')")).toEqual([]);
    });
  });

  it("lands the AI SDK's regenerate, saved as a list, as a sibling", async () => {
    await engine.run(async (storage) => {
      const chat = new DatabaseClient(storage.db).forSession("sv-s");
      await chat.startTurn({ conversationId: "sv-c", newConversation: {}, message: { id: "sv-u", parts: [{ type: "text", text: "q" }] } });
      await chat.saveMessages("sv-c", [{ id: "sv-a", role: "assistant", parts: [{ type: "text", text: "one" }] }]);
      const page = (await chat.getConversation("sv-c"))!.messages;
      // The client drops the reply and asks again: the list ends with a new reply after sv-u.
      const regenerated = { id: "sv-a2", role: "assistant" as const, parts: [{ type: "text", text: "two" }] };
      expect(await chat.saveMessages("sv-c", [page[0]!, regenerated])).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
      const after = (await chat.getConversation("sv-c"))!.messages;
      expect(after.map((m) => [m.id, m.siblings])).toEqual([
        ["sv-u", { index: 0, count: 1, previous: null, next: null }],
        ["sv-a2", { index: 1, count: 2, previous: "sv-a", next: null }],
      ]);
    });
  });
});
