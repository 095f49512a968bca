// `onQuery` on real D1: called exactly once for every call of every method of both APIs, failed
// calls included, with figures equal to the sums of D1's own `meta` for that call's round trips
// (read by a spy that passes D1's answers through untouched); a throwing callback changes nothing.
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { DatabaseClient, type QueryCost } from "chat-d1";
import { FaultyD1 } from "./faulty-d1";
import { id, rejectsWith } from "./helpers";

/** A client over a spied binding, collecting what `onQuery` is given. */
function metered() {
  const spy = new FaultyD1(env.DB);
  const reports: QueryCost[] = [];
  const client = new DatabaseClient(spy.binding(), { onQuery: (cost) => reports.push(cost) });
  /** Runs `call` and checks its one report against D1's own meta for its round trips. */
  async function measured<T>(method: string, call: () => Promise<T>, statements: number) {
    const [trips, answered, before] = [spy.roundTrips, spy.answered.length, reports.length];
    const value = await call();
    expect(reports.length - before, method).toBe(1);
    const report = reports.at(-1)!;
    const metas = spy.answered.slice(answered).flat();
    const sum = (key: "rows_read" | "rows_written" | "duration") => metas.reduce((n, m) => n + (m[key] ?? 0), 0);
    expect(report).toEqual({
      method,
      ok: true,
      round_trips: spy.roundTrips - trips,
      statements,
      rows_read: sum("rows_read"),
      rows_written: sum("rows_written"),
      duration_ms: sum("duration"),
      served_by_primary: true,
    });
    return { value, report };
  }
  return { client, spy, reports, measured };
}

describe("onQuery", () => {
  it("reports every method of both APIs once, with D1's own figures summed", async () => {
    const { client, measured } = metered();
    const [s, c, m] = [id("cost-s"), id("cost-c"), id("cost-m")];
    await measured("getOrCreateSession", () => client.getOrCreateSession(s, { a: 1 }), 1);
    await measured("createConversation", () => client.createConversation(c, s, "t"), 1);
    await measured("createMessage", () => client.createMessage(m, c, "user", "hi"), 2);
    await measured("listConversations", () => client.listConversations(s), 1);
    await measured("getConversationWithMessages", () => client.getConversationWithMessages(c), 2);
    const chat = client.forSession(s);
    const turn = await measured("startTurn", () => chat.startTurn({ conversationId: c, message: { id: id("m"), content: "x" } }), 4);
    expect(turn.report.rows_written).toBeGreaterThan(0);
    const reply = await measured("addMessage", () => chat.addMessage(c, { id: id("r"), role: "assistant", content: "y" }), 3);
    await measured("renameConversation", () => chat.renameConversation(c, "u"), 1);
    await measured("listConversations", () => chat.listConversations(), 1);
    await measured("getConversation", () => chat.getConversation(c), 2);
    await measured("countMessagesSince", () => chat.countMessagesSince("2000-01-01T00:00:00.000Z"), 1);
    await measured("selectBranch", () => chat.selectBranch(c, turn.value.message.id), 1);
    await measured("forkConversation", () => chat.forkConversation(c, turn.value.message.id, { conversationId: id("cost-fork") }), 3);
    await measured("deleteMessagesAfter", () => chat.deleteMessagesAfter(c, turn.value.message.id), 3);
    expect(reply.value.id).toBeTruthy();
    await measured("deleteConversation", () => chat.deleteConversation(c), 1);
    await measured("erase", () => chat.erase(), 3);
    await measured("purgeInactiveSessions", () => client.purgeInactiveSessions({ before: "2000-01-01T00:00:00.000Z" }), 1);
  });

  it("reports failed calls too: refused before any SQL, and refused by D1", async () => {
    const { client, reports } = metered();
    const chat = client.forSession(id("cost-f"));
    await rejectsWith(chat.getConversation(""), "VALIDATION_ERROR", "Failed to get conversation: ");
    expect(reports).toEqual([
      { method: "getConversation", ok: false, round_trips: 0, statements: 0, rows_read: 0, rows_written: 0, duration_ms: 0 },
    ]);
    const c = id("cost-c");
    await chat.startTurn({ conversationId: c, newConversation: {}, message: { id: id("m"), content: "x" } });
    await rejectsWith(
      chat.startTurn({ conversationId: c, newConversation: {}, message: { id: id("m"), content: "x" } }),
      "CONSTRAINT_ERROR",
      "Failed to start turn: ",
    );
    expect(reports.at(-1)).toMatchObject({ method: "startTurn", ok: false, round_trips: 1, statements: 5 });
    expect(reports).toHaveLength(3);
  });

  it("a throwing or rejecting onQuery is logged and changes nothing about the call", async () => {
    const thrown = new Error("the app's callback broke");
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const client = new DatabaseClient(env.DB, {
        onQuery: () => {
          throw thrown;
        },
      });
      const session = await client.getOrCreateSession(id("cost-t"));
      expect(session.id).toMatch(/^cost-t/);
      await rejectsWith(client.forSession(session.id).getConversation(""), "VALIDATION_ERROR", "Failed to get conversation: ");
      expect(logged).toHaveBeenCalledTimes(2);
      expect(logged.mock.calls[0]![1]).toBe(thrown);
      // An async onQuery that rejects: logged too, never an unhandled rejection.
      const rejecting = new DatabaseClient(env.DB, { onQuery: () => Promise.reject(thrown) as never });
      expect((await rejecting.getOrCreateSession(session.id)).id).toBe(session.id);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(logged).toHaveBeenCalledTimes(3);
      expect(logged.mock.calls[2]![1]).toBe(thrown);
    } finally {
      logged.mockRestore();
    }
  });

  it("options that are not what they say are refused at construction", async () => {
    for (const options of [{ onQuery: "log" }, { onQuery: 1 }, 5, "x"]) {
      expect(() => new DatabaseClient(env.DB, options as never)).toThrow(/DatabaseClient options/);
    }
    for (const options of [undefined, null, {}, { onQuery: undefined }]) {
      expect(() => new DatabaseClient(env.DB, options as never)).not.toThrow();
    }
  });
});
