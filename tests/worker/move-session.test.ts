// Moving a session from D1 into its Durable Object (examples/hono-chat/src/move-session.ts): after
// exporting its rows from D1 and importing them into a fresh object, chat-d1 on the object answers
// every read exactly as on D1, and other sessions stay behind.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { DatabaseClient } from "chat-d1";
import { exportSession, importSession } from "../../examples/hono-chat/src/move-session";
import { ENGINES } from "./engines";
import { id } from "./helpers";

it("a session exported from D1 and imported into its object reads back the same", async () => {
  const sessionId = id("move-s");
  const other = id("move-other");
  const d1 = new DatabaseClient(env.DB);
  const chat = d1.forSession(sessionId);
  const conversations = [id("move-c"), id("move-c")];
  for (const [i, conversationId] of conversations.entries()) {
    await chat.startTurn({ conversationId, newConversation: { title: i ? null : "ünï 👋" }, message: { id: id("m"), content: `q${i}` }, sessionMetadata: { plan: "free" } });
    await chat.addMessage(conversationId, { id: id("r"), role: "assistant", content: `a${i}`, metadata: { model: "m", i } });
  }
  // A drop-in write with a BLOB content, as the old layer could store.
  await d1.createMessage(id("blob"), conversations[0]!, "user", new Uint8Array([0, 1, 255]) as never);
  await d1.forSession(other).startTurn({ conversationId: id("move-oc"), newConversation: {}, message: { id: id("m"), content: "not moved" } });
  const reads = async (client: DatabaseClient) => {
    const session = client.forSession(sessionId);
    const pages = await Promise.all(conversations.map((c) => session.getConversation(c)));
    return { list: await session.listConversations(), pages, count: await session.countMessagesSince("2000-01-01T00:00:00.000Z") };
  };
  const onD1 = await reads(d1);
  const dump = await exportSession(env.DB, sessionId);
  expect(dump!.conversations).toHaveLength(2);
  expect(dump!.messages).toHaveLength(5);
  expect(await exportSession(env.DB, id("nobody"))).toBeNull();

  await ENGINES[1]!.run(async (storage) => {
    importSession(storage.db as DurableObjectStorage, dump!);
    expect(await reads(new DatabaseClient(storage.db))).toEqual(onD1);
    expect(await storage.rows("SELECT id FROM client_sessions")).toEqual([{ id: sessionId }]);
    // A second import of the same rows changes nothing: the transaction fails whole.
    expect(() => importSession(storage.db as DurableObjectStorage, dump!)).toThrow(/UNIQUE/);
    expect(await reads(new DatabaseClient(storage.db))).toEqual(onD1);
  });
});
