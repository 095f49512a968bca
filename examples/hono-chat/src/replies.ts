// Replies in flight: nothing lost when the connection drops. `startTurn` reserves the reply
// (`streaming`) in the turn's round trip; the reply is generated in `waitUntil`, not by the
// response, so it goes on when the client leaves (for as long as the platform keeps `waitUntil`
// work alive: 30 s after the response on Cloudflare; a longer reply is cut, read `interrupted`); it is checkpointed every
// CHECKPOINT_MS (`updateReply`: one round trip, one row written) and finished with `finishReply`.
// A client that comes back follows the reply from where it was:
// - on D1 (here): the last checkpoint, then the rest by reading the reply again every FOLLOW_MS
//   until it is no longer `streaming` (D1 holds no live stream: the rest comes checkpoint by
//   checkpoint), and a stop keeps the last checkpoint's text;
// - on the Durable Object variant (src/live-replies.ts): each chunk also goes to the session's
//   object, which replays the text so far and then every chunk as it comes.
import type { ChatSession, Message } from "chat-d1";
import { ASSISTANT_MODEL, reply } from "./assistant";

/** How often a reply in flight is written. */
export const CHECKPOINT_MS = 250;
/** How often a returning client's reply is read again on D1 while it is `streaming`. */
export const FOLLOW_MS = 250;

/** What a reply's stream carries: its text as it grows, then how it ended. */
export type ReplyEvent = { text: string } | { done: string; bookmark?: string | null };

/** An event as a server-sent event's bytes: `delta` with `{ text }`, or `done` with `{ status }`. */
export function sse(event: ReplyEvent): Uint8Array {
  const frame =
    "text" in event
      ? `event: delta\ndata: ${JSON.stringify({ text: event.text })}\n\n`
      : `event: done\ndata: ${JSON.stringify({ status: event.done, bookmark: event.bookmark ?? null })}\n\n`;
  return new TextEncoder().encode(frame);
}

/** How replies run, are followed and stopped; server-sent event streams, so they cross RPC. */
export interface Replies {
  /** Generates the reply `replyId` to `history` (reserved by `startTurn`), to the end whoever
   * reads; `onEnd` when it has. */
  run(conversationId: string, replyId: string, history: readonly Message[], onEnd: () => void): ReadableStream<Uint8Array>;
  /** The reply `replyId` from character `from` on: what there is, then the rest as it comes. */
  follow(conversationId: string, replyId: string, from: number): ReadableStream<Uint8Array>;
  /** Stops the reply: stored `stopped`. */
  stop(conversationId: string, replyId: string): Promise<void>;
}

/** A stream of events fed by `produce`, which keeps running (kept alive by `keepAlive`) when the
 * reader goes away; `reading()` tells it whether anyone still reads. */
export function detached(
  produce: (send: (event: ReplyEvent) => void, reading: () => boolean) => Promise<void>,
  keepAlive: (p: Promise<unknown>) => void,
) {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => void (open = false),
  });
  const send = (event: ReplyEvent) => {
    if (!open) return;
    try {
      controller.enqueue(sse(event));
    } catch {
      open = false;
    }
  };
  const done = produce(send, () => open)
    .catch((error) => console.error("reply failed", error))
    .finally(() => {
      if (open) controller.close();
    });
  keepAlive(done);
  return stream;
}

/** Where a reply's chunks go as they are made, each with the whole text it makes; `false` from
 * `chunk` stops the reply. */
export interface Sink {
  chunk(text: string, whole: string): boolean | Promise<boolean>;
}

/**
 * Generates the reply `replyId` to `history` through `chat`: each chunk to `sink`, a checkpoint
 * every CHECKPOINT_MS, then `finishReply`. Resolves to how it ended: `done`, `stopped` (the sink
 * said so, or the reply was finished elsewhere: a stop on D1), or `error`.
 */
export async function generate(chat: ChatSession, ids: { conversationId: string; replyId: string }, history: readonly Message[], delayMs: number, sink: Sink) {
  const { conversationId, replyId } = ids;
  let text = "";
  let chunks = 0;
  let checkpointed = Date.now();
  let status: "done" | "stopped" | "error" = "done";
  try {
    for await (const chunk of reply(history, delayMs)) {
      if (!(await sink.chunk(chunk, text + chunk))) {
        status = "stopped";
        break;
      }
      text += chunk;
      chunks += 1;
      if (Date.now() - checkpointed >= CHECKPOINT_MS) {
        await chat.updateReply(conversationId, replyId, { content: text });
        checkpointed = Date.now();
      }
    }
  } catch (error) {
    // Finished elsewhere (a stop on D1): `updateReply` is refused, and the reply stays as stopped.
    if ((error as { code?: string }).code === "CONSTRAINT_ERROR") return "stopped";
    console.error("reply failed", error);
    status = "error";
  }
  const metadata = { model: ASSISTANT_MODEL, chunks, finish_reason: status === "done" ? "stop" : status };
  try {
    await chat.finishReply(conversationId, replyId, { content: text, metadata, status });
  } catch (error) {
    if ((error as { code?: string }).code === "CONSTRAINT_ERROR") return "stopped";
    throw error;
  }
  return status;
}

/** Replies on D1 through `chat`, generation kept alive by `waitUntil`. */
export function d1Replies(chat: ChatSession, waitUntil: (p: Promise<unknown>) => void, delayMs: number, bookmark: () => string | null): Replies {
  return {
    run: (conversationId, replyId, history, onEnd) =>
      detached(async (send) => {
        try {
          const sink = { chunk: (text: string) => (send({ text }), true) };
          const status = await generate(chat, { conversationId, replyId }, history, delayMs, sink);
          send({ done: status, bookmark: bookmark() });
        } finally {
          onEnd();
        }
      }, waitUntil),
    follow: (conversationId, replyId, from) =>
      detached(async (send, reading) => {
        let sent = from;
        // Until the reply ends, or its reader goes away.
        while (reading()) {
          const page = await chat.getConversation(conversationId, { leafId: replyId, limit: 1 });
          const stored = page?.messages[0];
          if (!stored) return send({ done: "error" });
          if (stored.content.length > sent) send({ text: stored.content.slice(sent) });
          sent = Math.max(sent, stored.content.length);
          if (stored.status !== "streaming") return send({ done: stored.status, bookmark: bookmark() });
          await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
        }
      }, waitUntil),
    stop: async (conversationId, replyId) => {
      const page = await chat.getConversation(conversationId, { leafId: replyId, limit: 1 });
      const stored = page?.messages[0];
      if (stored?.status !== "streaming" && stored?.status !== "interrupted") return;
      // The text of the last checkpoint (at most CHECKPOINT_MS behind what the page showed; the
      // page's own text is not taken: it would let a client write the assistant's words). The
      // generation, maybe in another isolate, learns of the stop when its next write is refused.
      await chat.finishReply(conversationId, replyId, { content: stored.content, status: "stopped" });
    },
  };
}
