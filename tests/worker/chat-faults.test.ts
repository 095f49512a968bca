// Faults in the binding under every chat API method: each rejects with a DatabaseError keeping
// the injected cause, never hangs, leaves nothing partial (a batch D1 ran is there whole), and
// the same client works once the fault is gone.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { type ChatSession, DatabaseClient, DatabaseError } from "chat-d1";
import { FAULTS, FaultyD1 } from "./faulty-d1";
import { count, id } from "./helpers";

const PREFIX = {
  startTurn: "Failed to start turn: ",
  addMessage: "Failed to add message: ",
  saveMessages: "Failed to save messages: ",
  listConversations: "Failed to list conversations: ",
  getConversation: "Failed to get conversation: ",
  renameConversation: "Failed to rename conversation: ",
  deleteConversation: "Failed to delete conversation: ",
  deleteMessagesAfter: "Failed to delete messages: ",
  countMessagesSince: "Failed to count messages: ",
  erase: "Failed to erase session: ",
  purgeInactiveSessions: "Failed to purge sessions: ",
} as const;
type Method = keyof typeof PREFIX;

let faulty: FaultyD1;
let client: DatabaseClient;
let chat: ChatSession;
const conversationId = "chat-fault-c";
let lastUserMessage = "";

beforeEach(async () => {
  faulty = new FaultyD1(env.DB);
  client = new DatabaseClient(faulty.binding());
  chat = client.forSession("chat-fault-s");
  const turn = await chat.startTurn({
    conversationId,
    newConversation: (await count("conversations", "id = ?", conversationId)) ? undefined : {},
    message: { id: id("m"), content: "hello" },
  });
  lastUserMessage = turn.message.id;
  await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "hi" });
});

/**
 * Makes what `method` acts on (outside any fault), then returns the call itself: one that reads
 * rows back, so a fault in the answer is seen.
 */
async function prepare(method: Method): Promise<() => Promise<unknown>> {
  switch (method) {
    case "startTurn":
      return () => chat.startTurn({ conversationId, message: { id: id("m"), content: "x" } });
    case "addMessage":
      return () => chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: "x" });
    case "saveMessages":
      return () => chat.saveMessages(conversationId, [{ id: lastUserMessage, role: "user", parts: [{ type: "text", text: "edited" }] }, { id: id("r"), role: "assistant", parts: [{ type: "text", text: "x" }] }]);
    case "listConversations":
      return () => chat.listConversations();
    case "getConversation":
      return () => chat.getConversation(conversationId);
    case "renameConversation":
      return () => chat.renameConversation(conversationId, "renamed");
    case "deleteConversation": {
      const doomed = id("doomed");
      await chat.startTurn({ conversationId: doomed, newConversation: {}, message: { id: id("m"), content: "x" } });
      return () => chat.deleteConversation(doomed);
    }
    case "deleteMessagesAfter":
      return () => chat.deleteMessagesAfter(conversationId, lastUserMessage);
    case "countMessagesSince":
      return () => chat.countMessagesSince("2000-01-01T00:00:00.000Z");
    case "erase": {
      const other = client.forSession(id("erased"));
      await other.startTurn({ conversationId: id("c"), newConversation: {}, message: { id: id("m"), content: "x" } });
      return () => other.erase();
    }
    case "purgeInactiveSessions": {
      const old = "2001-01-01T00:00:00.000Z";
      await env.DB.prepare("INSERT INTO client_sessions VALUES (?, ?, ?, NULL)").bind(id("stale"), old, old).run();
      return () => client.purgeInactiveSessions({ before: "2002-01-01T00:00:00.000Z", limit: 1 });
    }
  }
}

async function rows() {
  return Promise.all(["client_sessions", "conversations", "messages"].map((table) => count(table)));
}

describe.each(Object.keys(PREFIX) as Method[])("%s", (method) => {
  it.each(FAULTS)("rejects with a DatabaseError keeping the cause when the binding %s", async (_, makeFault, when) => {
    const fault = makeFault();
    const call = await prepare(method);
    const before = await rows();
    faulty.roundTrips = 0;
    faulty.fault = fault;
    const error = await call().then(
      () => expect.fail("the call should reject"),
      (e: unknown) => e,
    );
    faulty.fault = null;
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).message.startsWith(PREFIX[method]), (error as Error).message).toBe(true);
    expect((error as DatabaseError).cause).toBe("error" in fault ? fault.error : fault.value);
    if (when === "before") expect(await rows()).toEqual(before);
    // Whatever D1 ran, it ran whole: every conversation's updated_at is its newest message's.
    const broken = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM conversations c WHERE c.updated_at < (SELECT MAX(created_at) FROM messages WHERE conversation_id = c.id)",
    ).first<{ n: number }>();
    expect(broken?.n).toBe(0);
    // The same client works once the fault is gone.
    await expect((await prepare(method))()).resolves.not.toBeUndefined();
  });
});
