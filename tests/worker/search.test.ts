// Search on real D1 and on a Durable Object's SQLite, through the installed package: the session's
// own messages best first with snippets, one round trip; the index in step with every write of
// both APIs (FTS5's integrity check against the messages after each); hostile text answered or
// refused, never an engine error; the backfill of an existing database, resumed after a failure;
// a database without search told how to enable it.
import { describe, expect, it } from "vitest";
import { DatabaseClient, DatabaseError, type QueryCost } from "chat-d1";
import { ENGINES, type Storage } from "./engines";
import { rejectsWith } from "./helpers";

const PREFIX = "Failed to search messages: ";

/** FTS5's check of the index against every message the view gives (throws when out of step). */
async function inStep(storage: Storage) {
  await storage.rows("INSERT INTO message_search (message_search, rank) VALUES ('integrity-check', 1)");
}

/** Every chunk of the backfill; how many calls it took. */
async function enable(client: DatabaseClient, batchSize?: number) {
  for (let calls = 1; ; calls++) {
    const progress = await client.enableSearch(batchSize === undefined ? undefined : { batchSize });
    if (progress.done) return { calls, indexed: progress.indexed };
  }
}

describe.each(ENGINES)("on $name", (engine) => {
  it("finds the session's own messages, best first, with snippets, in one round trip", async () => {
    await engine.run(async (storage) => {
      const costs: QueryCost[] = [];
      const client = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) });
      await enable(client);
      const chat = client.forSession("sr-s");
      await chat.startTurn({ conversationId: "sr-c1", newConversation: { title: "Zoo" }, message: { id: "sr-m1", content: "The walrus <b>sings</b> & dances" } });
      await chat.addMessage("sr-c1", { id: "sr-m2", role: "assistant", parts: [{ type: "reasoning", text: "walrus?" }, { type: "text", text: "walrus walrus walrus" }] });
      await client.forSession("sr-other").startTurn({ conversationId: "sr-c9", newConversation: {}, message: { id: "sr-m9", content: "a walrus elsewhere" } });
      costs.length = 0;
      const found = await chat.searchMessages("WALRUS");
      expect(costs).toMatchObject([{ method: "searchMessages", ok: true, round_trips: 1 }]);
      expect(found.results.map((r) => r.message.id)).toEqual(["sr-m2", "sr-m1"]);
      expect(found.next_cursor).toBeNull();
      const [dense, sung] = found.results;
      expect(dense!.message).toMatchObject({ role: "assistant", status: "done", parent_id: "sr-m1", parts: [{ type: "reasoning" }, { type: "text" }] });
      expect(dense!.snippet).toBe("<mark>walrus</mark> <mark>walrus</mark> <mark>walrus</mark>");
      expect(sung!.snippet).toBe("The <mark>walrus</mark> &lt;b&gt;sings&lt;/b&gt; &amp; dances");
      expect(sung!.conversation).toEqual(expect.objectContaining({ id: "sr-c1", session_id: "sr-s", title: "Zoo" }));
      expect((await chat.searchMessages("walrus dan")).results.map((r) => r.message.id)).toEqual(["sr-m1"]);
      expect((await chat.searchMessages("reasoning")).results).toEqual([]);
      // Pages, and a cursor that belongs to its query.
      const first = await chat.searchMessages("walrus", { limit: 1 });
      expect(first.results.map((r) => r.message.id)).toEqual(["sr-m2"]);
      const second = await chat.searchMessages("walrus", { limit: 1, cursor: first.next_cursor });
      expect(second.results.map((r) => r.message.id)).toEqual(["sr-m1"]);
      expect(second.next_cursor).toBeNull();
      await rejectsWith(chat.searchMessages("sings", { cursor: first.next_cursor }), "VALIDATION_ERROR", PREFIX);
    });
  });

  it("keeps the index in step with every write of both APIs", async () => {
    await engine.run(async (storage) => {
      const client = new DatabaseClient(storage.db);
      await enable(client);
      const chat = client.forSession("ss-s");
      const ids = async (query: string) => (await chat.searchMessages(query)).results.map((r) => r.message.id).sort();
      await chat.startTurn({ conversationId: "ss-c", newConversation: {}, message: { id: "ss-u", content: "hello heron" }, reply: { id: "ss-r" } });
      await chat.updateReply("ss-c", "ss-r", { content: "half a pelican" });
      await inStep(storage);
      expect(await ids("pelican")).toEqual(["ss-r"]);
      await chat.finishReply("ss-c", "ss-r", { content: "a whole albatross", status: "done" });
      await inStep(storage);
      expect(await ids("pelican")).toEqual([]);
      await chat.saveMessages("ss-c", [
        { id: "ss-u", role: "user", parts: [{ type: "text", text: "hello egret" }] },
        { id: "ss-r", role: "assistant", parts: [{ type: "text", text: "a whole albatross" }] },
        { id: "ss-n", role: "user", parts: [{ type: "text", text: "new ibis" }] },
      ]);
      await inStep(storage);
      expect([await ids("heron"), await ids("egret"), await ids("ibis")]).toEqual([[], ["ss-u"], ["ss-n"]]);
      await client.createMessage("ss-d", "ss-c", "user", "a drop-in dodo");
      await chat.forkConversation("ss-c", "ss-n", { conversationId: "ss-f" });
      await inStep(storage);
      expect((await ids("egret")).length).toBe(2);
      await chat.deleteMessagesAfter("ss-c", "ss-u");
      await inStep(storage);
      expect(await ids("dodo")).toEqual([]);
      await chat.deleteConversation("ss-f");
      await inStep(storage);
      expect(await ids("egret")).toEqual(["ss-u"]);
      await client.forSession("ss-old").startTurn({ conversationId: "ss-o", newConversation: {}, message: { id: "ss-om", content: "old egret" } });
      await chat.erase();
      await client.purgeInactiveSessions({ before: "2999-01-01T00:00:00.000Z" });
      await inStep(storage);
      expect(await storage.rows("SELECT count(*) AS n FROM message_search_docsize")).toEqual([{ n: 0 }]);
    });
  });

  it("answers or refuses whatever is typed, never with an engine error", async () => {
    await engine.run(async (storage) => {
      const client = new DatabaseClient(storage.db);
      await enable(client);
      const chat = client.forSession("sh-s");
      await chat.startTurn({ conversationId: "sh-c", newConversation: {}, message: { id: "sh-m", content: 'content: sid NEAR(a b) "quoted" a*b ^c -d x:y' } });
      const typed = [
        'NEAR(a b)', "AND", "OR NOT", '"', '""', '"quoted"', "a*", "*", "^c", "-d", "+", "x:y", "sid: 53", "content:",
        "{content sid}: a", "(", ")", "a OR b", "\u0000", "a\u0000b", "🐱", "--", "'; DROP TABLE messages; --",
        "\uD800", "a \uDFFF b", "x".repeat(1000), "x ".repeat(5000), "", "   ", "\n\t", "a ".repeat(33),
      ];
      for (const query of typed) {
        try {
          const found = await chat.searchMessages(query);
          expect(Array.isArray(found.results), JSON.stringify(query)).toBe(true);
        } catch (error) {
          expect(error, JSON.stringify(query)).toBeInstanceOf(DatabaseError);
          expect((error as DatabaseError).code, JSON.stringify(query.slice(0, 40))).toBe("VALIDATION_ERROR");
        }
      }
      expect((await chat.searchMessages('NEAR(a "quoted"')).results).toHaveLength(1);
      for (const bad of [undefined, null, 42, {}, ["a"]]) {
        await rejectsWith(chat.searchMessages(bad as never), "VALIDATION_ERROR", PREFIX);
      }
      await rejectsWith(chat.searchMessages("a", { limit: 101 }), "VALIDATION_ERROR", PREFIX);
      await rejectsWith(chat.searchMessages("a", { cursor: "nope" }), "VALIDATION_ERROR", PREFIX);
      await inStep(storage);
    });
  });

  it("indexes an existing database in chunks, resuming after a failed one", async () => {
    await engine.run(async (storage) => {
      const client = new DatabaseClient(storage.db);
      // D1's database is the test file's, shared with the tests above: start without search.
      await client.disableSearch();
      await client.getOrCreateSession("sb-s");
      await client.createConversation("sb-c", "sb-s");
      for (let n = 0; n < 25; n++) await client.createMessage(`sb-m${n}`, "sb-c", "user", `filler number${n}`);
      const total = async () => Number((await storage.rows("SELECT count(*) AS n FROM messages"))[0]!.n);
      const before = await total();
      expect(await client.enableSearch({ batchSize: 10 })).toEqual({ indexed: 10, done: false });
      await expect(new DatabaseClient(storage.failing(11, new Error("boom"))).enableSearch({ batchSize: 10 })).rejects.toThrow(DatabaseError);
      expect(await client.enableSearch({ batchSize: 10 })).toEqual({ indexed: 20, done: false });
      await client.createMessage("sb-late", "sb-c", "user", "filler late");
      const resumed = await enable(client, 10);
      // Done with the chunk that reaches the newest message.
      expect(resumed).toEqual({ calls: Math.max(1, Math.ceil((before + 1 - 20) / 10)), indexed: before + 1 });
      await inStep(storage);
      const chat = client.forSession("sb-s");
      let page = await chat.searchMessages("filler", { limit: 100 });
      expect(page.results).toHaveLength(26);
      await rejectsWith(client.enableSearch({ batchSize: 0 }), "VALIDATION_ERROR", "Failed to enable search: ");
      await client.disableSearch();
      const missing = await chat.searchMessages("filler").catch((error: DatabaseError) => error);
      expect(missing).toBeInstanceOf(DatabaseError);
      expect((missing as DatabaseError).code).toBe("QUERY_ERROR");
      expect((missing as DatabaseError).message).toMatch(/^Failed to search messages: search is not enabled on this database: call db\.enableSearch\(\)/);
      await client.createMessage("sb-after", "sb-c", "user", "written without search");
      expect((await enable(client, 100_000)).indexed).toBe(before + 2);
      page = await chat.searchMessages("without");
      expect(page.results.map((r) => r.message.id)).toEqual(["sb-after"]);
    });
  });
});
