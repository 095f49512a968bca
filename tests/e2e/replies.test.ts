// Replies in flight over HTTP under wrangler dev, on D1 or (CHAT_D1_VARIANT=durable) a Durable
// Object per session: the connection cut at random points and the reply followed from where the
// client had it (the text the user ends with is the whole reply, once), the stop button's stored
// `stopped`, and a wrangler dev killed mid-reply: after a restart the reply reads `interrupted`,
// none `streaming`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain JS modules without type declarations
import { follow, get, readEvents, send } from "../../examples/hono-chat/client/chat-client.mjs";
// @ts-expect-error plain JS modules without type declarations
import { forVariant, startWorker, variant } from "../../scripts/wrangler-dev.mjs";

type Worker = { url: string; stop: (o?: { keepState?: boolean }) => Promise<void>; kill: () => Promise<void>; persistTo: string; removeState: () => void };

/** A chunk every 15 ms; a reply with no write for 1.5 s reads `interrupted`. */
const VARS = { REPLY_DELAY_MS: "15", STALE_AFTER_MS: "1500" };
let worker: Worker;
beforeAll(async () => {
  worker = await startWorker(forVariant({ vars: VARS }));
});
afterAll(async () => {
  await worker?.stop();
});

/** A message of `words` words, and the whole reply the example's assistant makes to it. */
function message(words: number) {
  const text = Array.from({ length: words }, (_, i) => `word${i}`).join(" ");
  return { text, reply: `Turn 1: you said "${text}".` };
}

/** Sends `text` as a new conversation and reads `deltas` chunks of the reply, then drops the
 * connection; what the client had, and the ids the stream started with. */
async function cutAfter(url: string, sessionId: string, text: string, deltas: number) {
  const abort = new AbortController();
  const response = await fetch(`${url}/api/chat/stream`, {
    method: "POST",
    signal: abort.signal,
    headers: { "X-Session-ID": sessionId, "Content-Type": "application/json" },
    body: JSON.stringify({ message: text }),
  });
  let shown = "";
  let start: { conversationId: string; replyId: string } | undefined;
  let seen = 0;
  try {
    for await (const event of readEvents(response)) {
      if (event.event === "start") start = event.data;
      if (event.event === "delta") {
        shown += event.data.text;
        if (++seen >= deltas) break;
      }
    }
  } finally {
    abort.abort();
  }
  return { shown, ...start! };
}

/** The last message of the conversation, as the chat API reads it. */
async function lastMessage(url: string, sessionId: string, conversationId: string) {
  const { body } = await get(url, sessionId, `/api/conversations/${conversationId}`);
  return body.messages.at(-1) as { id: string; content: string; status: string };
}

describe("replies in flight", () => {
  it("a connection cut anywhere: the reply followed from where the client had it is whole, once", async () => {
    const { text, reply } = message(30);
    // Cut points spread over the reply's 34 chunks (random, but reported on failure).
    const cuts = [1, 2, 5, 9, 14, 20, 27, 33].map((n) => Math.max(1, n + Math.floor(Math.random() * 2)));
    for (const cut of cuts) {
      const sessionId = crypto.randomUUID();
      const first = await cutAfter(worker.url, sessionId, text, cut);
      expect(reply.startsWith(first.shown), `cut after ${cut}`).toBe(true);
      // The client comes back: it reads the conversation, then follows the reply from where it is.
      const stored = await lastMessage(worker.url, sessionId, first.conversationId);
      expect(stored.id).toBe(first.replyId);
      const have = stored.status === "streaming" ? stored.content : first.shown;
      const rest = await follow(worker.url, sessionId, first.conversationId, first.replyId, have.length);
      expect(`${have}${rest.reply}`, `cut after ${cut}`).toBe(reply);
      expect(rest.done.status).toBe("done");
      const finished = await lastMessage(worker.url, sessionId, first.conversationId);
      expect([finished.status, finished.content]).toEqual(["done", reply]);
    }
  });

  it("the stop button stores what was streamed as stopped", async () => {
    const sessionId = crypto.randomUUID();
    const { text, reply } = message(40);
    const first = await cutAfter(worker.url, sessionId, text, 6);
    const stopped = await send(worker.url, sessionId, "POST", `/api/conversations/${first.conversationId}/replies/${first.replyId}/stop`);
    expect(stopped.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const stored = await lastMessage(worker.url, sessionId, first.conversationId);
    expect(stored.status).toBe("stopped");
    // What was streamed: on D1 the last checkpoint's text; live in the object, every chunk made
    // before the stop (so at least what the client showed).
    expect(reply.startsWith(stored.content) && stored.content.length < reply.length).toBe(true);
    if (variant === "durable") expect(stored.content.startsWith(first.shown)).toBe(true);
  });
});

describe("a wrangler dev killed mid-reply", () => {
  it("leaves an interrupted reply after the restart, none streaming", async () => {
    const own: Worker = await startWorker(forVariant({ vars: VARS }));
    try {
      const sessionId = crypto.randomUUID();
      const { text, reply } = message(60);
      const first = await cutAfter(own.url, sessionId, text, 20);
      await own.kill();
      const again: Worker = await startWorker(forVariant({ vars: VARS, persistTo: own.persistTo }));
      try {
        await new Promise((resolve) => setTimeout(resolve, 1600));
        const stored = await lastMessage(again.url, sessionId, first.conversationId);
        expect(stored.id).toBe(first.replyId);
        expect(stored.status).toBe("interrupted");
        // The text of its last checkpoint: 20 chunks at 15 ms passed the first (at 250 ms).
        expect(stored.content.length).toBeGreaterThan(0);
        expect(reply.startsWith(stored.content)).toBe(true);
        const { body } = await get(again.url, sessionId, `/api/conversations/${first.conversationId}`);
        expect(body.messages.filter((m: { status: string }) => m.status === "streaming")).toEqual([]);
      } finally {
        await again.stop();
      }
    } finally {
      own.removeState();
    }
  });
});
