// What the app-migrations test asks the probe Worker: every chat-d1 method on a database where the
// app added a column to chat-d1's conversations and tables that reference them (ON DELETE CASCADE,
// and NO ACTION). chat-d1's objects keep exactly their keys; its deletes cascade where the app's
// keys say so and are refused, leaving everything intact, where they forbid it.
import { expect } from "vitest";
import type { Probe } from "./project";

const SID = "5d6e7f80-91a2-4b3c-8d4e-5f60718293a4";
const CONVERSATION_KEYS = ["created_at", "id", "session_id", "title", "updated_at"];
const keys = (value: object) => Object.keys(value).sort();

export async function probeAppTables(probe: Probe) {
  const ok = async (api: "client" | "session", method: string, ...args: unknown[]) => {
    const { value, error } = await probe.call(api, method, args, SID);
    expect(error, `${method} rejected`).toBeUndefined();
    return value;
  };
  const count = async (sql: string) => (await probe.sql(`SELECT COUNT(*) AS n FROM ${sql}`))[0].n;

  // Two conversations, then the app's rows that point at them.
  const a = await ok("session", "startTurn", { conversationId: "a", newConversation: { title: "A" }, message: { id: "a1", content: "hello" } });
  expect(keys(a.conversation)).toEqual(CONVERSATION_KEYS);
  await ok("session", "addMessage", "a", { id: "a2", role: "assistant", content: "hi" });
  await ok("session", "startTurn", { conversationId: "b", newConversation: { title: "B" }, message: { id: "b1", content: "exported" } });
  await probe.sql("INSERT INTO character_cards (id, name) VALUES ('card1', 'Ada')");
  await probe.sql("UPDATE conversations SET card_id = 'card1' WHERE id IN ('a', 'b')");
  await probe.sql("INSERT INTO conversation_notes (id, conversation_id, body) VALUES ('note1', 'a', 'remember this')");
  await probe.sql("INSERT INTO conversation_exports (id, conversation_id, url) VALUES ('export1', 'b', 'https://example.com/b')");

  // Every other method with the extra column present: chat-d1's objects, not the app's column.
  const page = await ok("session", "listConversations");
  expect(page.conversations.map((row: { id: string }) => row.id).sort()).toEqual(["a", "b"]);
  for (const row of page.conversations) expect(keys(row)).toEqual(CONVERSATION_KEYS);
  const got = await ok("session", "getConversation", "a");
  expect(keys(got.conversation)).toEqual(CONVERSATION_KEYS);
  expect(got.messages.map((row: { id: string }) => row.id)).toEqual(["a1", "a2"]);
  expect(await ok("session", "renameConversation", "a", "A renamed")).toMatchObject({ id: "a", title: "A renamed" });
  expect(await ok("session", "deleteMessagesAfter", "a", "a1")).toBe(1);
  expect(await ok("session", "countMessagesSince", "2000-01-01T00:00:00.000Z")).toBe(2);
  expect(await ok("client", "getOrCreateSession", SID)).toMatchObject({ id: SID });
  expect(keys(await ok("client", "createConversation", "c", SID, "C"))).toEqual(CONVERSATION_KEYS);
  expect(await ok("client", "createMessage", "c1", "c", "user", "in c")).toMatchObject({ id: "c1", conversation_id: "c" });
  expect((await ok("client", "listConversations", SID)).map((row: { id: string }) => row.id)).toEqual(["c", "b", "a"]);
  const withMessages = await ok("client", "getConversationWithMessages", "a");
  expect(keys(withMessages.conversation)).toEqual(CONVERSATION_KEYS);
  expect(withMessages.messages.map((row: { id: string }) => row.id)).toEqual(["a1"]);
  // The app's column is still the app's: chat-d1's writes left it as set.
  expect(await probe.sql("SELECT id, card_id FROM conversations ORDER BY id")).toEqual([
    { id: "a", card_id: "card1" },
    { id: "b", card_id: "card1" },
    { id: "c", card_id: null },
  ]);

  // ON DELETE CASCADE: deleting the conversation takes the app's notes with it.
  expect(await ok("session", "deleteConversation", "a")).toBe(true);
  expect(await count("conversation_notes")).toBe(0);
  expect(await count("messages WHERE conversation_id = 'a'")).toBe(0);
  expect(await count("character_cards")).toBe(1);

  // NO ACTION: the delete is refused with a DatabaseError, and nothing of it happened.
  const everything = async () => ({
    sessions: await probe.sql("SELECT * FROM client_sessions"),
    conversations: await probe.sql("SELECT * FROM conversations ORDER BY id"),
    messages: await probe.sql("SELECT * FROM messages ORDER BY rowid"),
    exports: await probe.sql("SELECT * FROM conversation_exports"),
  });
  const before = await everything();
  expect(before.exports).toHaveLength(1);
  for (const [api, method, args] of [
    ["session", "deleteConversation", ["b"]],
    ["session", "erase", []],
    ["client", "purgeInactiveSessions", [{ before: "9999-01-01T00:00:00.000Z" }]],
  ] as const) {
    const { value, error } = await probe.call(api, method, [...args], SID);
    expect(value, `${method} resolved`).toBeUndefined();
    expect(error).toMatchObject({ name: "DatabaseError", isError: true, code: "CONSTRAINT_ERROR" });
    expect(error.cause).toMatch(/FOREIGN KEY constraint failed/);
    expect(await everything()).toEqual(before);
  }

  // Once the app lets go of it, chat-d1 deletes it as usual.
  await probe.sql("DELETE FROM conversation_exports");
  expect(await ok("session", "deleteConversation", "b")).toBe(true);
}
