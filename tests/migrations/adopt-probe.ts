// What the adoption test asks the probe Worker: every method of chat-d1's drop-in API and of its
// chat API, on the adopted old database, with the answers expected from the rows old-database.ts
// put there. One sequence, because each call sees what the previous ones wrote.
import { expect } from "vitest";
import { S1, S2, S3, conversations, messages, sessions } from "./old-database";
import type { Probe } from "./project";

const conversation = (id: string) => conversations.find((row) => row.id === id)!;
const message = (id: string) => messages.find((row) => row.id === id)!;
/** An old message as the chat API reads it: its content as one text part (it has no parts stored),
 * the message before it in its conversation as its parent (it has none stored), no sibling, done. */
const chatMessage = (id: string) => {
  const old = message(id);
  const before = messages.filter((row) => row.conversation_id === old.conversation_id);
  const at = before.indexOf(old);
  return {
    ...old,
    parts: [{ type: "text", text: old.content }],
    parent_id: at > 0 ? before[at - 1]!.id : null,
    status: "done",
    siblings: { index: 0, count: 1, previous: null, next: null },
  };
};
const NEW = "4a8c5f0e-2d3b-4e6f-9a1b-c2d3e4f5a6b7";

export async function probeEveryMethod(probe: Probe) {
  /** The method's value; fails the test with the DatabaseError if it rejected. */
  const ok = async (api: "client" | "session", method: string, args: unknown[], sessionId?: string) => {
    const { value, error } = await probe.call(api, method, args, sessionId);
    expect(error, `${method} rejected`).toBeUndefined();
    return value;
  };
  const chat = (method: string, ...args: unknown[]) => ok("session", method, args, S1);

  // Reads of the old rows, both APIs: exactly what the old layer stored.
  expect(await ok("client", "getConversationWithMessages", ["c1"])).toEqual({
    conversation: conversation("c1"),
    messages: ["m1", "m2", "m3", "m4"].map(message),
  });
  expect(await ok("client", "listConversations", [S1])).toEqual(["c2", "c3", "c1"].map(conversation));
  const first = await chat("listConversations", { limit: 2 });
  expect(first.conversations).toEqual(["c2", "c3"].map(conversation));
  expect(first.next_cursor).toEqual(expect.any(String));
  expect(await chat("listConversations", { limit: 2, cursor: first.next_cursor })).toEqual({
    conversations: [conversation("c1")],
    next_cursor: null,
  });
  expect(await chat("getConversation", "c2")).toEqual({ conversation: conversation("c2"), messages: ["m5", "m6"].map(chatMessage), next_cursor: null });
  expect(await ok("session", "getConversation", ["c1"], S2)).toBeNull();
  expect(await chat("countMessagesSince", "2024-01-01T00:00:00.000Z")).toBe(4);

  // A known session keeps what it had, and is touched.
  const session = await ok("client", "getOrCreateSession", [S1, { ignored: true }]);
  expect(session).toMatchObject({ id: S1, created_at: sessions[0].created_at, metadata: JSON.parse(sessions[0].metadata!) });
  expect(session.last_activity > sessions[0].last_activity).toBe(true);

  // A turn in an old conversation: its history is the old messages, the odd role as stored.
  const turn = await chat("startTurn", { conversationId: "c1", message: { id: "t1", content: "Nächste Frage 🙂" }, historyLimit: 3 });
  expect(turn.session.id).toBe(S1);
  expect(turn.message).toMatchObject({ id: "t1", conversation_id: "c1", role: "user", content: "Nächste Frage 🙂" });
  expect(turn.conversation).toEqual({ ...conversation("c1"), updated_at: turn.message.created_at });
  expect(turn.history).toEqual([chatMessage("m3"), chatMessage("m4"), turn.message]);
  expect(turn.history_truncated).toBe(true);
  // Migration 0002 ran after the adoption: a reply keeps its metadata.
  const metadata = { model: "m", usage: { output_tokens: 2 } };
  const reply = await chat("addMessage", "c1", { id: "t2", role: "assistant", content: "Antwort 'ok'", metadata });
  expect(reply).toMatchObject({ id: "t2", conversation_id: "c1", role: "assistant", content: "Antwort 'ok'", metadata });
  expect(await chat("deleteMessagesAfter", "c1", "m2")).toBe(4);

  // Editing and deleting old rows.
  const title = `Renamed 'it' "now" ✓`;
  expect(await chat("renameConversation", "c2", title)).toEqual({ ...conversation("c2"), title });
  expect(await chat("deleteConversation", "c3")).toBe(true);
  expect(await chat("deleteConversation", "c3")).toBe(false);
  expect(await ok("session", "erase", [], S2)).toEqual({ conversations: 1, messages: 2 });
  expect(await ok("client", "purgeInactiveSessions", [{ before: "2024-01-01T00:00:00.000Z" }])).toEqual({ sessions: 1, done: true });

  // New rows beside the old ones, through the drop-in API.
  const created = await ok("client", "getOrCreateSession", [NEW, { source: "probe ✓" }]);
  expect(created).toMatchObject({ id: NEW, metadata: { source: "probe ✓" } });
  expect(await ok("client", "createConversation", ["n1", NEW, "New ✨"])).toMatchObject({ id: "n1", session_id: NEW, title: "New ✨" });
  const written = await ok("client", "createMessage", ["n1m1", "n1", "user", "first 'new' message 🚀"]);
  expect(written).toMatchObject({ id: "n1m1", conversation_id: "n1", role: "user", content: "first 'new' message 🚀" });
  const listed = await ok("client", "listConversations", [NEW]);
  expect(listed.map((row: { id: string; updated_at: string }) => [row.id, row.updated_at])).toEqual([["n1", written.created_at]]);

  // What is left, read straight from the tables: the calls above changed exactly what they said.
  expect((await probe.sql("SELECT id FROM client_sessions ORDER BY id")).map((row) => row.id)).toEqual([S1, NEW].sort());
  expect((await probe.sql("SELECT id FROM client_sessions WHERE id IN (?, ?)", S2, S3))).toEqual([]);
  expect(await probe.sql("SELECT id, session_id, title, created_at, updated_at FROM conversations WHERE id = 'c1'")).toEqual([
    { ...conversation("c1"), updated_at: reply.created_at },
  ]);
  expect((await probe.sql("SELECT id FROM conversations ORDER BY id")).map((row) => row.id)).toEqual(["c1", "c2", "n1"]);
  expect(await probe.sql("SELECT id, conversation_id, role, content, created_at FROM messages WHERE id LIKE 'm%' ORDER BY rowid")).toEqual(
    ["m1", "m2", "m5", "m6"].map(message),
  );
  expect((await probe.sql("SELECT id FROM messages ORDER BY rowid")).map((row) => row.id)).toEqual(["m1", "m2", "m5", "m6", "n1m1"]);
}
