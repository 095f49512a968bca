// Replies in flight on the Durable Object variant. The Worker generates the reply as on D1 (kept
// alive by `waitUntil`, checkpointed, finished), and also hands each chunk to the session's object,
// which holds the live text: a client that comes back gets the text so far replayed, then every
// chunk as it is made (on D1 it gets the rest checkpoint by checkpoint). A stop reaches the
// generation through the object: its next chunk is refused, and the reply is stored `stopped` with
// exactly the text streamed.
import type { ChatSession } from "chat-d1";
import { detached, FOLLOW_MS, generate, type Replies, type ReplyEvent } from "./replies";

/** A reply being generated, as its object holds it. */
interface Live {
  text: string;
  stopping: boolean;
  readers: Set<(event: ReplyEvent) => void>;
  /** When the Worker last pushed (`Date.now()`): a live reply silent for STALE_MS is let go. */
  pushed: number;
}

/** How long a live reply may go without a chunk before its followers go by what is stored (the
 * Worker generating it died, or outlived `waitUntil`). */
const STALE_MS = 10_000;

/** The replies in flight of one object (one session), by id; the object's RPC methods call it. */
export class LiveReplies {
  private readonly live = new Map<string, Live>();

  /** `replyId`'s whole text so far (each push carries all of it, so an object that restarted
   * mid-reply holds the right text again at the next chunk); `false` once the reply is stopped. */
  push(replyId: string, text: string): boolean {
    let live = this.live.get(replyId);
    if (!live) this.live.set(replyId, (live = { text: "", stopping: false, readers: new Set(), pushed: 0 }));
    if (live.stopping) return false;
    live.pushed = Date.now();
    if (text.startsWith(live.text)) {
      const added = text.slice(live.text.length);
      if (added) live.readers.forEach((send) => send({ text: added }));
    }
    live.text = text;
    return true;
  }

  /** `replyId` has ended with `status` (stored already). */
  end(replyId: string, status: string) {
    this.live.get(replyId)?.readers.forEach((send) => send({ done: status }));
    this.live.delete(replyId);
  }

  /** The reply from character `from` on: the live text so far, then each chunk as it comes; when it
   * is not live here (not started yet, finished, or the object restarted), what `chat` has stored,
   * read again every FOLLOW_MS while it is `streaming` (it may go live meanwhile). */
  follow(chat: ChatSession, conversationId: string, replyId: string, from: number) {
    return detached(async (send, reading) => {
      let sent = from;
      while (reading()) {
        const live = this.live.get(replyId);
        if (live && Date.now() - live.pushed < STALE_MS) {
          if (live.text.length > sent) send({ text: live.text.slice(sent) });
          sent = Math.max(sent, live.text.length);
          const ended = await this.next(live, (event) => {
            if ("text" in event) sent += event.text.length;
            send(event);
          });
          if (ended) return;
          continue;
        }
        const page = await chat.getConversation(conversationId, { leafId: replyId, limit: 1 });
        const stored = page?.messages[0];
        if (!stored) return send({ done: "error" });
        if (stored.content.length > sent) send({ text: stored.content.slice(sent) });
        sent = Math.max(sent, stored.content.length);
        if (stored.status !== "streaming") return send({ done: stored.status });
        await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
      }
    }, () => {});
  }

  /** Relays `live`'s events to `send` until it ends (`true`) or goes STALE_MS without one. */
  private next(live: Live, send: (event: ReplyEvent) => void): Promise<boolean> {
    return new Promise((resolve) => {
      const reader = (event: ReplyEvent) => {
        send(event);
        if ("done" in event) finish(true);
      };
      const watch = setInterval(() => {
        if (Date.now() - live.pushed >= STALE_MS) finish(false);
      }, 1000);
      const finish = (ended: boolean) => {
        clearInterval(watch);
        live.readers.delete(reader);
        resolve(ended);
      };
      live.readers.add(reader);
    });
  }

  /** Stops `replyId`: live, its next chunk is refused; else stored `stopped` as it stands. */
  async stop(chat: ChatSession, conversationId: string, replyId: string) {
    const live = this.live.get(replyId);
    if (live && Date.now() - live.pushed < STALE_MS) {
      live.stopping = true;
      return;
    }
    this.live.delete(replyId);
    const page = await chat.getConversation(conversationId, { leafId: replyId, limit: 1 });
    const stored = page?.messages[0];
    if (stored?.status === "streaming" || stored?.status === "interrupted") {
      await chat.finishReply(conversationId, replyId, { content: stored.content, status: "stopped" });
    }
  }
}

/** What the Worker calls on the session's object for its replies. */
export interface LiveReplyStub {
  pushReply(replyId: string, text: string): Promise<boolean>;
  endReply(replyId: string, status: string): Promise<void>;
  followReply(sessionId: string, conversationId: string, replyId: string, from: number): Promise<ReadableStream<Uint8Array>>;
  stopReply(sessionId: string, conversationId: string, replyId: string): Promise<void>;
}

/** Replies on the Durable Object variant: generated in the Worker through `chat` (RPC to the
 * object), every chunk handed to the object too. */
export function durableReplies(chat: ChatSession, stub: LiveReplyStub, sessionId: string, waitUntil: (p: Promise<unknown>) => void, delayMs: number): Replies {
  return {
    run: (conversationId, replyId, history, onEnd) =>
      detached(async (send) => {
        let status = "error";
        try {
          const sink = {
            chunk: async (text: string, whole: string) => {
              const going = await stub.pushReply(replyId, whole);
              if (going) send({ text });
              return going;
            },
          };
          status = await generate(chat, { conversationId, replyId }, history, delayMs, sink);
        } finally {
          await stub.endReply(replyId, status);
          send({ done: status });
          onEnd();
        }
      }, waitUntil),
    follow: (conversationId, replyId, from) => {
      const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const piped = stub.followReply(sessionId, conversationId, replyId, from).then((stream) => stream.pipeTo(writable));
      waitUntil(piped.catch(() => {}));
      return readable;
    },
    stop: (conversationId, replyId) => stub.stopReply(sessionId, conversationId, replyId),
  };
}
