// The example Hono Worker, bundled by wrangler with chat-d1 inside, over real HTTP and a local D1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { chat, get } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { startWorker } from "../../scripts/wrangler-dev.mjs";

let worker: { url: string; stop: () => Promise<void>; log: () => string };

beforeAll(async () => {
  worker = await startWorker();
});

afterAll(async () => {
  await worker?.stop();
});

const session = () => crypto.randomUUID();

describe("POST /api/chat/stream", () => {
  it("streams the reply as SSE and stores both messages", async () => {
    const sessionId = session();
    const deltas: string[] = [];
    const result = await chat(worker.url, sessionId, "Hello, D1", { onDelta: (t: string) => deltas.push(t) });
    expect(result.status).toBe(200);
    expect(result.events.map((e: { event: string }) => e.event)).toEqual([
      "start",
      ...deltas.map(() => "delta"),
      "done",
    ]);
    expect(deltas.length).toBeGreaterThan(1);
    expect(result.reply).toBe('Turn 1: you said "Hello, D1".');

    const { status, body } = await get(worker.url, sessionId, `/api/conversations/${result.conversationId}`);
    expect(status).toBe(200);
    expect(body.conversation.title).toBe("Hello, D1");
    expect(body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ["user", "Hello, D1"],
      ["assistant", result.reply],
    ]);
    expect(body.conversation.updated_at).toBe(body.messages[1].created_at);
  });

  it("continues a conversation with its history", async () => {
    const sessionId = session();
    const first = await chat(worker.url, sessionId, "one");
    const second = await chat(worker.url, sessionId, "two", { conversationId: first.conversationId });
    expect(second.conversationId).toBe(first.conversationId);
    expect(second.reply).toBe('Turn 2: you said "two".');
    const { body } = await get(worker.url, sessionId, `/api/conversations/${first.conversationId}`);
    expect(body.messages.map((m: { content: string }) => m.content)).toEqual(["one", first.reply, "two", second.reply]);
  });

  it("refuses another session's conversation, an unknown one, a bad header and an empty message", async () => {
    const owner = session();
    const { conversationId } = await chat(worker.url, owner, "mine");
    expect((await chat(worker.url, session(), "theirs", { conversationId })).status).toBe(401);
    expect((await chat(worker.url, owner, "x", { conversationId: "missing" })).status).toBe(404);
    expect((await chat(worker.url, "not-a-uuid", "x")).status).toBe(400);
    expect((await chat(worker.url, owner, "")).status).toBe(400);
    const { body } = await get(worker.url, owner, `/api/conversations/${conversationId}`);
    expect(body.messages).toHaveLength(2);
  });
});

describe("GET /api/conversations", () => {
  it("lists the session's conversations, most recently updated first", async () => {
    const sessionId = session();
    const a = await chat(worker.url, sessionId, "first");
    const b = await chat(worker.url, sessionId, "second");
    await chat(worker.url, sessionId, "back to the first", { conversationId: a.conversationId });
    const { status, body } = await get(worker.url, sessionId, "/api/conversations");
    expect(status).toBe(200);
    expect(body.conversations.map((c: { id: string }) => c.id)).toEqual([a.conversationId, b.conversationId]);
    expect((await get(worker.url, session(), "/api/conversations")).body).toEqual({ conversations: [] });
  });

  it("answers 404 for an unknown conversation and 401 for another session's", async () => {
    const owner = session();
    const { conversationId } = await chat(worker.url, owner, "private");
    expect((await get(worker.url, owner, "/api/conversations/nope")).status).toBe(404);
    expect((await get(worker.url, session(), `/api/conversations/${conversationId}`)).status).toBe(401);
  });
});
