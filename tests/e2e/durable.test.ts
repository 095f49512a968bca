// The Durable Object variant's own behaviour over HTTP under wrangler dev (run with
// CHAT_D1_VARIANT=durable; the shared API is example.test.ts and page.test.ts): each session's
// object keeps its session apart from every other, logs what each request cost from the object's
// SQLite, and erases its session by its own alarm after RETENTION_DAYS without a call.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { chat, get } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker, variant } from "../../scripts/wrangler-dev.mjs";
import { afterCostLines } from "./cost-lines";

let worker: { url: string; stop: () => Promise<void>; log: () => string };
// About 2.6 seconds: long enough for a turn, short enough to wait out.
const RETENTION_DAYS = 0.00003;
const retentionMs = RETENTION_DAYS * 24 * 60 * 60 * 1000;

beforeAll(async () => {
  if (variant !== "durable") return;
  worker = await startWorker(forVariant({ vars: { QUOTA_PER_DAY: "0", RETENTION_DAYS: String(RETENTION_DAYS) } }));
});

afterAll(async () => {
  await worker?.stop();
});

describe.skipIf(variant !== "durable")("one Durable Object per session", () => {
  it("logs each request's cost from the object's SQLite: a chat turn is two calls", async () => {
    const sessionId = crypto.randomUUID();
    const turn = await chat(worker.url, sessionId, "cost me");
    expect(turn.status).toBe(200);
    expect(turn.headers["x-d1-bookmark"]).toBeUndefined();
    const line = (await afterCostLines(worker.log, 0)).find((l) => l.request === "POST /api/chat/stream");
    expect(line).toMatchObject({ status: 200, calls: 2, round_trips: 2, statements: 10 });
    expect(line!.rows_written).toBeGreaterThan(0);
  });

  it("erases a session by its alarm after RETENTION_DAYS without a call, and only that session", async () => {
    const [gone, kept] = [crypto.randomUUID(), crypto.randomUUID()];
    expect((await chat(worker.url, gone, "soon gone")).status).toBe(200);
    const before = Date.now();
    // Keep the other session active past the first one's retention.
    while (Date.now() - before < retentionMs * 2) {
      expect((await chat(worker.url, kept, "still here")).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, retentionMs / 3));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await get(worker.url, gone, "/api/conversations")).body.conversations).toEqual([]);
    expect((await get(worker.url, kept, "/api/conversations")).body.conversations.length).toBeGreaterThan(0);
  });
});
