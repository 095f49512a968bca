// The example Hono Worker, bundled by wrangler with chat-d1 inside, over real HTTP: on a local D1,
// or with CHAT_D1_VARIANT=durable the Durable Object variant (one object per session).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { chat, get, regenerate, send } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { exampleDir, forVariant, startWorker, variant } from "../../scripts/wrangler-dev.mjs";

let worker: { url: string; stop: () => Promise<void>; log: () => string };

// A small quota, so that the quota test reaches it. On D1, sessions "inactive for -1 days" (all of
// them) are what the Cron Trigger purges, which the last test runs; a Durable Object erases its
// session by its own alarm instead (tests/e2e/durable.test.ts), so it keeps the default there.
const QUOTA = 6;
const RETENTION_DAYS = variant === "durable" ? "30" : "-1";
beforeAll(async () => {
  worker = await startWorker(forVariant({ vars: { QUOTA_PER_DAY: String(QUOTA), RETENTION_DAYS }, testScheduled: true }));
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
    // A title is plain words: Markdown's marks dropped, a link's text kept.
    const marked = await chat(worker.url, sessionId, "## **Plan** a `trip` to [Lyon](https://lyon.example)");
    const titled = await get(worker.url, sessionId, `/api/conversations/${marked.conversationId}`);
    expect(titled.body.conversation.title).toBe("Plan a trip to Lyon");
    // Cut at 50 characters between characters: an emoji across the cut is kept whole or left out.
    const long = await chat(worker.url, sessionId, `${"a".repeat(49)}😀 party with my_var`);
    expect(long.status).toBe(200);
    const cut = await get(worker.url, sessionId, `/api/conversations/${long.conversationId}`);
    expect(cut.body.conversation.title).toBe(`${"a".repeat(49)}😀`);
    const snake = await chat(worker.url, sessionId, "rename my_var to _x_");
    expect((await get(worker.url, sessionId, `/api/conversations/${snake.conversationId}`)).body.conversation.title).toBe("rename my_var to x");
    expect(body.messages.map((m: { role: string; content: string }) => [m.role, m.content])).toEqual([
      ["user", "Hello, D1"],
      ["assistant", result.reply],
    ]);
    expect(body.conversation.updated_at).toBe(body.messages[1].created_at);
    // The reply carries what the Worker recorded with it; the user's message has no metadata.
    expect(body.messages[1].metadata).toEqual({ model: "local-echo", chunks: deltas.length, finish_reason: "stop" });
    expect(Object.keys(body.messages[0])).not.toContain("metadata");
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

  it("refuses another session's conversation like an unknown one, a bad header and an empty message", async () => {
    const owner = session();
    const { conversationId } = await chat(worker.url, owner, "mine");
    const foreign = await chat(worker.url, session(), "theirs", { conversationId });
    const missing = await chat(worker.url, owner, "x", { conversationId: "missing" });
    expect([foreign.status, missing.status]).toEqual([404, 404]);
    expect(foreign.body.error.replace(conversationId, "ID")).toBe(missing.body.error.replace("missing", "ID"));
    expect((await chat(worker.url, "not-a-uuid", "x")).status).toBe(400);
    const empty = await chat(worker.url, owner, "");
    expect([empty.status, empty.body.error]).toEqual([400, "message must be a non-empty string"]);
    // A body that is not JSON says so (not that the message is empty).
    const headers = { "X-Session-ID": owner, "Content-Type": "application/json" };
    const notJson = await fetch(`${worker.url}/api/chat/stream`, { method: "POST", headers, body: "{not json" });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: string }).error).toContain("the body must be a JSON object");
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
    expect((await get(worker.url, session(), "/api/conversations")).body).toEqual({ conversations: [], next_cursor: null });
  });

  it("answers 404 alike for an unknown conversation and another session's", async () => {
    const owner = session();
    const { conversationId } = await chat(worker.url, owner, "private");
    const missing = await get(worker.url, owner, "/api/conversations/nope");
    const foreign = await get(worker.url, session(), `/api/conversations/${conversationId}`);
    expect([missing.status, foreign.status]).toEqual([404, 404]);
    expect(missing.body).toEqual(foreign.body);
  });

  it("pages conversations with ?cursor= and messages with ?before=", async () => {
    const sessionId = session();
    const ids = [];
    for (const text of ["a", "b", "c"]) ids.unshift((await chat(worker.url, sessionId, text)).conversationId);
    const first = await get(worker.url, sessionId, "/api/conversations?limit=2");
    const rest = await get(worker.url, sessionId, `/api/conversations?limit=2&cursor=${first.body.next_cursor}`);
    expect([...first.body.conversations, ...rest.body.conversations].map((c: { id: string }) => c.id)).toEqual(ids);
    expect(rest.body.next_cursor).toBeNull();
    const newest = await get(worker.url, sessionId, `/api/conversations/${ids[0]}?limit=1`);
    expect(newest.body.messages.map((m: { role: string }) => m.role)).toEqual(["assistant"]);
    const older = await get(worker.url, sessionId, `/api/conversations/${ids[0]}?limit=1&before=${newest.body.next_cursor}`);
    expect(older.body.messages.map((m: { content: string }) => m.content)).toEqual(["c"]);
    expect(older.body.next_cursor).toBeNull();
    expect((await get(worker.url, sessionId, "/api/conversations?limit=0")).status).toBe(400);
  });
});

describe("editing and lifecycle", () => {
  it("renames, regenerates the last reply, deletes a conversation and erases the session", async () => {
    const sessionId = session();
    const { conversationId } = await chat(worker.url, sessionId, "first question");
    await chat(worker.url, sessionId, "second question", { conversationId });
    const renamed = await send(worker.url, sessionId, "PATCH", `/api/conversations/${conversationId}`, { title: "Renamed" });
    expect([renamed.status, renamed.body.title]).toEqual([200, "Renamed"]);
    const again = await regenerate(worker.url, sessionId, conversationId);
    expect(again.reply).toBe('Turn 2: you said "second question".');
    const { body } = await get(worker.url, sessionId, `/api/conversations/${conversationId}`);
    expect(body.messages.map((m: { content: string }) => m.content)).toEqual([
      "first question",
      'Turn 1: you said "first question".',
      "second question",
      again.reply,
    ]);
    expect((await send(worker.url, session(), "DELETE", `/api/conversations/${conversationId}`)).status).toBe(404);
    expect((await send(worker.url, sessionId, "DELETE", `/api/conversations/${conversationId}`)).status).toBe(204);
    await chat(worker.url, sessionId, "another");
    expect((await send(worker.url, sessionId, "DELETE", "/api/session")).body).toEqual({ conversations: 1, messages: 2 });
    expect((await get(worker.url, sessionId, "/api/conversations")).body.conversations).toEqual([]);
  });

  it(`answers 429 past ${QUOTA} user messages a day`, async () => {
    const sessionId = session();
    const { conversationId } = await chat(worker.url, sessionId, "0");
    for (let i = 1; i < QUOTA; i++) expect((await chat(worker.url, sessionId, String(i), { conversationId })).status).toBe(200);
    expect((await chat(worker.url, sessionId, "one too many", { conversationId })).status).toBe(429);
  });

  it.skipIf(variant === "durable")("purges inactive sessions from its Cron Trigger", async () => {
    const sessionId = session();
    await chat(worker.url, sessionId, "soon gone");
    const response = await fetch(`${worker.url}/__scheduled?cron=0+3+*+*+*`);
    expect(response.status).toBe(200);
    expect((await get(worker.url, sessionId, "/api/conversations")).body.conversations).toEqual([]);
  });
});

describe("on an old Node", () => {
  // The system's Node (20 on this machine) runs the example's pre-scripts; wrangler needs 22.
  const systemNode = "/usr/bin/node";
  const old = existsSync(systemNode) && Number(execFileSync(systemNode, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" })) < 22;
  const script = join(exampleDir, "scripts/require-node.mjs");

  it.skipIf(!old)("the example's scripts say that wrangler needs Node 22 or later, and stop", () => {
    const refused = spawnSync(systemNode, [script], { encoding: "utf8" });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("wrangler, which needs Node.js 22 or later; this is Node.js 20.");
    expect(spawnSync(process.execPath, [script], { encoding: "utf8" }).status).toBe(0);
  });
});
