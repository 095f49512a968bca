// A scripted session of every method of both APIs (odd drop-in values and refused calls
// included), recorded as a transcript that does not depend on the engine's clock: the
// two-backend suite runs it on D1 and on a Durable Object and compares the transcripts.
import { DatabaseClient, DatabaseError, type QueryCost } from "chat-d1";
import type { Storage } from "./engines";

const INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g;
/** D1 prefixes its errors with `D1_ERROR: `; a Durable Object's are the same text without it. */
const ENGINE_PREFIX = /D1_ERROR: /g;

/** `value` with every instant and page cursor masked, as JSON. */
function normalized(value: unknown): unknown {
  const json = JSON.stringify(value, (key, v) => {
    // A BLOB: D1 reads it back as an array of byte values, `sql.exec` as an ArrayBuffer.
    if (v instanceof Uint8Array) return [...v];
    if (v instanceof ArrayBuffer) return [...new Uint8Array(v)];
    if ((key === "next_cursor" || key === "cursor") && typeof v === "string") return "<cursor>";
    return v;
  });
  return json === undefined ? "undefined" : JSON.parse(json.replace(INSTANT, "<instant>"));
}

/** Runs the script on `storage`; resolves to what each call gave, in order, and the tables. */
export async function transcript(storage: Storage) {
  const costs: QueryCost[] = [];
  const db = new DatabaseClient(storage.db, { onQuery: (cost) => costs.push(cost) });
  const lines: unknown[] = [];
  const call = async (label: string, run: () => Promise<unknown>) => {
    try {
      lines.push([label, normalized(await run())]);
    } catch (error) {
      if (!(error instanceof DatabaseError)) throw error;
      lines.push([label, error.code, error.message.replace(ENGINE_PREFIX, "")]);
    }
  };
  // The drop-in methods, odd values as real handlers pass them through.
  await call("session", () => db.getOrCreateSession("s1", { plan: "free" }));
  await call("session again", () => db.getOrCreateSession("s1", { ignored: true }));
  await call("session numeric id", () => db.getOrCreateSession(42 as never));
  await call("conversation", () => db.createConversation("c1", "s1", "Lisbon ünï 👋"));
  await call("conversation untitled", () => db.createConversation("c2", "s1"));
  await call("conversation duplicate", () => db.createConversation("c1", "s1", "again"));
  await call("conversation unknown session", () => db.createConversation("c3", "nobody", "x"));
  await call("message", () => db.createMessage("m1", "c1", "user", "hi"));
  await call("message boolean id", () => db.createMessage(true as never, "c1", "assistant", "yes"));
  await call("message number content", () => db.createMessage("m3", "c1", "user", 1.5 as never));
  await call("message bytes content", () => db.createMessage("m4", "c1", "user", new Uint8Array([1, 2, 255]) as never));
  await call("message bad role", () => db.createMessage("m5", "c1", "system" as never, "x"));
  await call("message unknown conversation", () => db.createMessage("m6", "nope", "user", "x"));
  await call("list", () => db.listConversations("s1"));
  await call("list limit string", () => db.listConversations("s1", "1" as never));
  await call("with messages", () => db.getConversationWithMessages("c1"));
  await call("with messages unknown", () => db.getConversationWithMessages("nope"));
  // The chat API.
  const chat = db.forSession("s2");
  await call("turn new", () => chat.startTurn({ conversationId: "k1", newConversation: { title: "T" }, message: { id: "u1", content: "one" }, sessionMetadata: { a: 1 } }));
  await call("reply", () => chat.addMessage("k1", { id: "a1", role: "assistant", content: "two", metadata: { model: "m", tokens: 3 } }));
  await call("turn continuing", () => chat.startTurn({ conversationId: "k1", message: { id: "u2", content: "three" }, historyLimit: 2 }));
  await call("turn duplicate conversation", () => chat.startTurn({ conversationId: "k1", newConversation: {}, message: { id: "u9", content: "x" } }));
  await call("turn foreign", () => chat.startTurn({ conversationId: "c1", message: { id: "u8", content: "x" } }));
  await call("turn duplicate message", () => chat.startTurn({ conversationId: "k1", message: { id: "u1", content: "x" } }));
  await call("reply invalid", () => chat.addMessage("k1", { id: "", role: "assistant", content: "x" }));
  const parts = [{ type: "text", text: "five" }, { type: "tool-t", toolCallId: "c", state: "output-available", input: {}, output: 1 }];
  await call("turn with parts", () => chat.startTurn({ conversationId: "k1", message: { id: "u4", parts } }));
  await call("save", () => chat.saveMessages("k1", [{ id: "u4", role: "user", parts }, { id: "a4", role: "assistant", parts: [{ type: "text", text: "six" }] }]));
  await call("save again", () => chat.saveMessages("k1", [{ id: "a4", role: "assistant", parts: [{ type: "text", text: "six" }] }]));
  await call("save foreign id", () => chat.saveMessages("k1", [{ id: "m1", role: "user", content: "mine" }]));
  await call("save both bodies", () => chat.saveMessages("k1", [{ id: "a5", role: "assistant", content: "x", parts: [] } as never]));
  // k2 strictly newer than k1 on both engines (a Durable Object's clock stands still while it runs
  // synchronous SQL, so without a wait the two can tie, and a tie lists k1 first).
  await new Promise((resolve) => setTimeout(resolve, 5));
  await call("second conversation", () => chat.startTurn({ conversationId: "k2", newConversation: {}, message: { id: "u3", content: "four" } }));
  const first = await chat.listConversations({ limit: 1 });
  await call("page 1", async () => first);
  await call("page 2", () => chat.listConversations({ limit: 1, cursor: first.next_cursor }));
  const newest = await chat.getConversation("k1", { limit: 2 });
  await call("messages newest", async () => newest);
  await call("messages older", () => chat.getConversation("k1", { before: newest!.next_cursor }));
  await call("foreign conversation", () => chat.getConversation("c1"));
  await call("rename", () => chat.renameConversation("k1", "renamed"));
  await call("count", () => chat.countMessagesSince("2000-01-01T00:00:00.000Z"));
  await call("delete after", () => chat.deleteMessagesAfter("k1", "a1"));
  await call("delete after unknown", () => chat.deleteMessagesAfter("k1", "nope"));
  await call("delete conversation", () => chat.deleteConversation("k2"));
  await call("delete conversation again", () => chat.deleteConversation("k2"));
  await call("erase", () => chat.erase());
  const tables: Record<string, unknown> = {};
  for (const table of ["client_sessions", "conversations", "messages"]) {
    tables[table] = normalized(await storage.rows(`SELECT * FROM ${table} ORDER BY rowid`));
  }
  // Every session purged: with a smaller limit, which one goes first depends on the clock (a
  // Durable Object runs the script within fewer milliseconds than D1, so more instants tie).
  await call("purge", () => db.purgeInactiveSessions({ before: "2999-01-01T00:00:00.000Z", limit: 10 }));
  await call("purge invalid", () => db.purgeInactiveSessions({ before: "yesterday" }));
  await call("after the purge", async () => storage.rows("SELECT (SELECT COUNT(*) FROM client_sessions) + (SELECT COUNT(*) FROM messages) AS n"));
  const calls = costs.map(({ method, ok, round_trips, statements }) => [method, ok, round_trips, statements]);
  return { lines, tables, calls, costs };
}
