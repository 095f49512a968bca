// The example's D1 read replication and cost log, over HTTP under wrangler dev on local D1: every
// response past the header checks carries the D1 session's bookmark (a stream's final one in its
// `done` event), the client relays it, a read carrying a write's bookmark sees that write, a
// malformed bookmark is refused before D1 is touched, and each request logs one line of totals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { bookmarkOf, chat, get, send } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { startWorker, variant } from "../../scripts/wrangler-dev.mjs";
import { afterCostLines, costLines } from "./cost-lines";

let worker: { url: string; stop: () => Promise<void>; log: () => string };
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

// D1's read replication and the D1 variant's cost log: nothing of it exists without D1.
const d1Only = variant !== "d1";

beforeAll(async () => {
  if (d1Only) return;
  // No quota: a chat turn is then exactly its two chat-d1 calls.
  worker = await startWorker({ vars: { QUOTA_PER_DAY: "0" } });
});

afterAll(async () => {
  await worker?.stop();
});

/** The cost lines the Worker logged, parsed. */
const loggedCosts = () => costLines(worker.log());

describe.skipIf(d1Only)("D1 bookmarks", () => {
  it("come back on every API response, the stream's last one in its done event, and only move forward", async () => {
    const sessionId = crypto.randomUUID();
    const turn = await chat(worker.url, sessionId, "hello replicas");
    expect(turn.status).toBe(200);
    expect(turn.headers["x-d1-bookmark"]).toMatch(BOOKMARK);
    const done = turn.events.at(-1);
    expect(done.event).toBe("done");
    expect(done.data.bookmark).toMatch(BOOKMARK);
    expect(done.data.bookmark > turn.headers["x-d1-bookmark"]).toBe(true);
    expect(bookmarkOf(sessionId)).toBe(done.data.bookmark);
    const responses = [
      await get(worker.url, sessionId, "/api/conversations"),
      await get(worker.url, sessionId, `/api/conversations/${turn.conversationId}`),
      await get(worker.url, sessionId, "/api/conversations/no-such-conversation"),
      await send(worker.url, sessionId, "PATCH", `/api/conversations/${turn.conversationId}`, { title: "t" }),
      await get(worker.url, sessionId, "/api/conversations?limit=0"),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 200, 400]);
    for (const response of responses) expect(response.headers["x-d1-bookmark"]).toMatch(BOOKMARK);
  });

  // Local D1 has no replicas, so this holds whatever the bookmark; what it checks is that the
  // write's bookmark travels to the read and comes back no older.
  it("a read carrying a write's bookmark sees the write, and hands back one no older", async () => {
    const sessionId = crypto.randomUUID();
    const { conversationId } = await chat(worker.url, sessionId, "before the rename");
    const renamed = await send(worker.url, sessionId, "PATCH", `/api/conversations/${conversationId}`, { title: "after" });
    const written = renamed.headers["x-d1-bookmark"];
    const read = await get(worker.url, sessionId, `/api/conversations/${conversationId}`, { bookmark: written });
    expect(read.body.conversation.title).toBe("after");
    expect(read.headers["x-d1-bookmark"] >= written).toBe(true);
  });

  it("a malformed bookmark is answered 400 before D1 is touched", async () => {
    const sessionId = crypto.randomUUID();
    // A read first (it writes nothing): the client now holds a bookmark for the session.
    await get(worker.url, sessionId, "/api/conversations");
    expect(bookmarkOf(sessionId)).toMatch(BOOKMARK);
    const before = loggedCosts().length;
    for (const bookmark of ["garbage", "00000000-00000001", "first-primary", `${"0".repeat(8)}-${"0".repeat(8)}-${"0".repeat(8)}-${"g".repeat(32)}`]) {
      const refused = await chat(worker.url, sessionId, "never stored", { bookmark });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toContain("x-d1-bookmark");
      expect(refused.headers["x-d1-bookmark"]).toBeUndefined();
    }
    // The client forgets a bookmark the Worker refused instead of relaying it forever.
    expect(bookmarkOf(sessionId)).toBeUndefined();
    // No D1 session was opened for them: no cost line, and nothing stored.
    expect(loggedCosts().length).toBe(before);
    const listed = await get(worker.url, sessionId, "/api/conversations");
    expect(listed.body.conversations).toEqual([]);
  });
});

describe.skipIf(d1Only)("no D1 call, no bookmark", () => {
  it("a request refused before any D1 call carries no x-d1-bookmark (an empty one would be refused if relayed)", async () => {
    const sessionId = crypto.randomUUID();
    const refused = await get(worker.url, sessionId, "/api/search?q=");
    expect(refused.status).toBe(400);
    expect(refused.headers["x-d1-bookmark"]).toBeUndefined();
    expect(bookmarkOf(sessionId)).toBeUndefined();
    // The next request works as the first one would.
    expect((await get(worker.url, sessionId, "/api/conversations")).status).toBe(200);
    expect(bookmarkOf(sessionId)).toMatch(BOOKMARK);
  });
});

describe.skipIf(d1Only)("the cost log", () => {
  it("has one line per request with its D1 totals: a chat turn is two calls, two round trips", async () => {
    const sessionId = crypto.randomUUID();
    const before = loggedCosts().length;
    await chat(worker.url, sessionId, "count me");
    await afterCostLines(worker.log, before);
    await get(worker.url, sessionId, "/api/conversations");
    const [turn, list] = loggedCosts().slice(before);
    expect(turn).toMatchObject({ request: "POST /api/chat/stream", status: 200, calls: 2, round_trips: 2, statements: 10, replica_reads: 0 });
    expect(turn!.rows_written).toBeGreaterThan(0);
    expect(turn!.rows_read).toBeGreaterThan(0);
    expect(list).toMatchObject({ request: "GET /api/conversations", status: 200, calls: 1, round_trips: 1, statements: 1, rows_written: 0 });
  });
});
