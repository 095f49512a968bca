// One suite, two backends: every method of both APIs on D1 and on a SQLite-backed Durable
// Object's storage, the same script giving the same transcript (objects, errors, codes, rows,
// round trips), atomic under injected faults on both, and `migrate` for the object.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DatabaseClient, DatabaseError, migrate } from "chat-d1";
import { ENGINES } from "./engines";
import { transcript } from "./transcript";

describe("the same script on both engines", () => {
  it("gives the same transcript: every object, error, code, stored row and round trip", async () => {
    const [onD1, onObject] = [await ENGINES[0]!.run(transcript), await ENGINES[1]!.run(transcript)];
    expect(onObject.lines).toEqual(onD1.lines);
    expect(onObject.tables).toEqual(onD1.tables);
    expect(onObject.calls).toEqual(onD1.calls);
    // The script reaches every kind of outcome.
    const codes = new Set(onD1.lines.map((line) => (line as unknown[])[1]).filter((v) => typeof v === "string"));
    expect([...codes].sort()).toEqual(["CONSTRAINT_ERROR", "NOT_FOUND", "VALIDATION_ERROR"]);
    expect(onD1.lines.length).toBe(45);
  });
});

describe.each(ENGINES)("on $name", (engine) => {
  it("reports what each call cost from the engine's own figures", async () => {
    const { costs } = await engine.run(transcript);
    const turn = costs.find((c) => c.method === "startTurn" && c.ok)!;
    expect(turn.round_trips).toBe(1);
    expect(turn.rows_written).toBeGreaterThan(0);
    expect(turn.rows_read).toBeGreaterThan(0);
    expect(costs.filter((c) => !c.ok && c.round_trips === 0).map((c) => c.method)).toContain("addMessage");
  });

  it("every write fails whole wherever its statement fails: no row of any table changes", async () => {
    await engine.run(async (storage) => {
      const healthy = new DatabaseClient(storage.db);
      const chat = healthy.forSession("whole-s");
      const first = await chat.startTurn({ conversationId: "whole-c", newConversation: { title: "t" }, message: { id: "whole-m1", content: "a" } });
      await chat.addMessage("whole-c", { id: "whole-r1", role: "assistant", content: "b" });
      await chat.startTurn({ conversationId: "whole-c", message: { id: "whole-m2", content: "c" } });
      const snapshot = async () =>
        Promise.all(["client_sessions", "conversations", "messages"].map((t) => storage.rows(`SELECT * FROM ${t} ORDER BY rowid`)));
      // Each write with its statement count: one round trip each.
      const writes: Array<[string, number, (db: DatabaseClient) => Promise<unknown>]> = [
        ["getOrCreateSession", 1, (db) => db.getOrCreateSession("whole-new", { a: 1 })],
        ["createConversation", 1, (db) => db.createConversation("whole-c2", "whole-s", "x")],
        ["createMessage", 2, (db) => db.createMessage("whole-m9", "whole-c", "user", "x")],
        ["startTurn (new conversation)", 5, (db) => db.forSession("whole-s").startTurn({ conversationId: "whole-c3", newConversation: {}, message: { id: "whole-m8", content: "x" } })],
        ["startTurn", 4, (db) => db.forSession("whole-s").startTurn({ conversationId: "whole-c", message: { id: "whole-m7", content: "x" } })],
        ["addMessage", 2, (db) => db.forSession("whole-s").addMessage("whole-c", { id: "whole-r2", role: "assistant", content: "x", metadata: { m: 1 } })],
        ["renameConversation", 1, (db) => db.forSession("whole-s").renameConversation("whole-c", "renamed")],
        ["deleteMessagesAfter", 2, (db) => db.forSession("whole-s").deleteMessagesAfter("whole-c", first.message.id)],
        ["deleteConversation", 1, (db) => db.forSession("whole-s").deleteConversation("whole-c")],
        ["erase", 3, (db) => db.forSession("whole-s").erase()],
        ["purgeInactiveSessions", 1, (db) => db.purgeInactiveSessions({ before: "2999-01-01T00:00:00.000Z" })],
      ];
      const before = await snapshot();
      for (const [name, statements, write] of writes) {
        for (let n = 1; n <= statements; n++) {
          const failing = new DatabaseClient(storage.failing(n, new Error(`injected at ${n}`)));
          const error = await write(failing).then(() => null, (e: unknown) => e);
          expect(error, `${name}, statement ${n}`).toBeInstanceOf(DatabaseError);
          expect(await snapshot(), `${name}, statement ${n}`).toEqual(before);
        }
      }
      // The same writes without the fault all go through.
      for (const [name, , write] of writes) await expect(write(healthy), name).resolves.not.toBeUndefined();
    });
  });

  it("a statement failing mid-call leaves nothing of the call, and the client keeps working", async () => {
    await engine.run(async (storage) => {
      const counts = async () => (await storage.rows("SELECT (SELECT COUNT(*) FROM client_sessions) AS s, (SELECT COUNT(*) FROM conversations) AS c, (SELECT COUNT(*) FROM messages) AS m"))[0];
      const before = await counts();
      // startTurn with a new conversation is 5 statements in one round trip: fail the 3rd
      // (on D1, its one round trip fails: D1 runs a batch whole or not at all).
      const failing = new DatabaseClient(storage.failing(3, new Error("injected"))).forSession("fault-s");
      const error = await failing
        .startTurn({ conversationId: "fault-c", newConversation: {}, message: { id: "fault-m", content: "x" } })
        .then(() => expect.fail("the fault rejects the call"), (e: unknown) => e);
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as DatabaseError).message).toBe("Failed to start turn: injected");
      expect(await counts()).toEqual(before);
      const turn = await new DatabaseClient(storage.db).forSession("fault-s").startTurn({ conversationId: "fault-c", newConversation: {}, message: { id: "fault-m", content: "x" } });
      expect(turn.history.map((m) => m.id)).toEqual(["fault-m"]);
    });
  });
});

describe("migrate", () => {
  it("migrates an object once: its constructor applied every migration, a second call applies none", async () => {
    await ENGINES[1]!.run(async (storage) => {
      const recorded = await storage.rows("SELECT name FROM chat_d1_migrations ORDER BY name");
      expect(recorded.map((r) => r.name)).toEqual(env.TEST_MIGRATIONS.map((m) => m.name));
      expect(await migrate(storage.db as DurableObjectStorage)).toEqual([]);
      const columns = await storage.rows("SELECT name FROM pragma_table_info('messages')");
      expect(columns.map((c) => c.name)).toContain("metadata");
    });
  });

  it("refuses a D1 binding, which wrangler migrates", async () => {
    const error = await migrate(env.DB as never).then(() => expect.fail("refused"), (e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe("VALIDATION_ERROR");
    expect((error as DatabaseError).message).toContain("wrangler d1 migrations apply");
  });
});
